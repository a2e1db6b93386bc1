import type { DeliveryFault } from "./delivery-fault.js";
import { WhkInputError } from "../primitives/errors.js";
import { jsonPreview, serializeJson } from "../primitives/serialize-json.js";
import type { Acknowledgement, ReceiverAnswer } from "../providers/provider.js";

/** Why a delivery did not count as a success: a network fault, or an answer that was not the one expected. */
export type VerdictReason = DeliveryFault | "not-acknowledged" | "unexpected-status" | "unexpected-body";

export type Verdict = { ok: true } | { ok: false; reason: VerdictReason; why: string };

/** What counts as success for one delivery: the provider's own acknowledgement rule, or the user's. */
export interface Expectation {
  description: string;
  judge(answer: ReceiverAnswer): Verdict;
}

/** A delivery as far as judging needs it: an answer, or a fault with its message. */
export type JudgedDelivery = ({ ok: true } & ReceiverAnswer) | { ok: false; fault: DeliveryFault; message: string };

const STATUS_HINT = "write --expect-status 200, 2xx, 4xx, or a list like 200,201";

/** `200`, `2xx`, or a list of those separated by `,` or `|`. */
export function parseExpectStatus(text: string): { description: string; matches(status: number): boolean } {
  const items = text.split(/[,|]/).map((item) => item.trim().toLowerCase());
  const tests = items.map((item) => {
    if (/^[1-5]\d\d$/.test(item)) return (status: number) => status === Number(item);
    if (/^[1-5]xx$/.test(item)) return (status: number) => Math.floor(status / 100) === Number(item[0]);
    throw new WhkInputError("bad-expect-status", `--expect-status "${text}": "${item}" is not a status or a class like 2xx`, STATUS_HINT);
  });
  return { description: `status ${items.join(" or ")}`, matches: (status) => tests.some((test) => test(status)) };
}

/** JSON text compares as JSON (key order and spacing ignored); anything else must match byte for byte. */
export function parseExpectBody(text: string): { description: string; check(body: string): string | undefined } {
  let expected: unknown;
  try {
    expected = JSON.parse(text);
  } catch {
    return { description: `body ${JSON.stringify(text)}`, check: (body) => (body === text ? undefined : `expected body ${JSON.stringify(text)}, got ${JSON.stringify(body)}`) };
  }
  // Equal as JSON: the same text once every object's keys are sorted. Written without recursion, and
  // the answer's only as far as the expected length: a receiver's answer may be nested arbitrarily deep.
  const canonical = serializeJson(expected, { sortKeys: true }) as string;
  return {
    description: `JSON body ${jsonPreview(expected)}`,
    check(body) {
      let actual: unknown;
      try {
        actual = JSON.parse(body);
      } catch {
        return `expected JSON ${jsonPreview(expected)}, got a body that is not JSON: ${JSON.stringify(body)}`;
      }
      return serializeJson(actual, { sortKeys: true, maxLength: canonical.length }) === canonical ? undefined : `expected JSON ${jsonPreview(expected)}, got ${jsonPreview(actual)}`;
    },
  };
}

/** The provider's acknowledgement rule as an expectation (the default). */
export function acknowledgementExpectation(ack: Acknowledgement): Expectation {
  return {
    description: ack.summary,
    judge(answer) {
      const judged = ack.judge(answer);
      return judged.ok ? { ok: true } : { ok: false, reason: "not-acknowledged", why: judged.why };
    },
  };
}

/** Any 2xx: what a provider's status rule is when it says no more. */
const ANY_2XX = { description: "a 2xx status", matches: (status: number) => status >= 200 && status <= 299 };

/**
 * `--expect-status` and/or `--expect-body`. A body alone keeps the provider's status rule (`ack.status`,
 * else any 2xx): an HTTP 500 with the right body is no success.
 */
export function explicitExpectation(status: string | undefined, body: string | undefined, ack?: Acknowledgement): Expectation | undefined {
  if (status === undefined && body === undefined) return undefined;
  const statusRule = status !== undefined ? parseExpectStatus(status) : (ack?.status ?? ANY_2XX);
  const bodyRule = body !== undefined ? parseExpectBody(body) : undefined;
  return {
    description: [statusRule.description, bodyRule?.description].filter(Boolean).join(" and "),
    judge(answer) {
      if (!statusRule.matches(answer.status)) {
        return { ok: false, reason: "unexpected-status", why: `expected ${statusRule.description}, got ${answer.status}` };
      }
      const bodyProblem = bodyRule?.check(answer.body);
      return bodyProblem === undefined ? { ok: true } : { ok: false, reason: "unexpected-body", why: bodyProblem };
    },
  };
}

/** A fault never meets an expectation; an answer is judged by it. */
export function judgeDelivery(delivery: JudgedDelivery, expectation: Expectation): Verdict {
  if (!delivery.ok) return { ok: false, reason: delivery.fault, why: delivery.message };
  return expectation.judge(delivery);
}
