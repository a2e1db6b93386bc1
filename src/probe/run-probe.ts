import type { WebhookRequest } from "../primitives/webhook-request.js";
import { getProvider } from "../providers/index.js";
import type { SignedMistake } from "../schemes/scheme.js";
import type { ProbeCase } from "./probe-case.js";
import { judgeInTime, judgeProbe, skipped, type ProbeOutcome, type ProbeVerdict } from "./judge-probe.js";
import type { ProbeRow } from "./junit-report.js";

/** Sends one request within `timeoutMs` and reports the answer or the fault: `deliver` from ../deliver, or a test double. */
export type SendOne = (request: WebhookRequest, timeoutMs: number | undefined) => Promise<ProbeOutcome>;

/** One request probe sent, and what came back: what `--save` writes. */
export interface ProbeDelivery {
  probe: ProbeCase;
  request: WebhookRequest;
  outcome: ProbeOutcome;
  sentAt: Date;
  /** Set for a genuine delivery re-sent with a mistake, to find why it was rejected. */
  mistake?: SignedMistake;
}

export interface ProbeEvents {
  onRow?(row: ProbeRow): void;
  onDelivery?(delivery: ProbeDelivery): void;
  /** The clock deliveries are stamped with; default the real one. */
  now?(): Date;
}

/**
 * Runs the checks one after another (a handler under test is often a dev server: no need to load it),
 * judging each as soon as its deliveries are back. A check that depends on a genuine delivery being
 * acknowledged is skipped when it was not; a genuine delivery that was rejected is sent again with the
 * usual mistakes applied, to name the one the handler accepts.
 */
export async function runProbe(cases: readonly ProbeCase[], send: SendOne, events: ProbeEvents = {}): Promise<ProbeRow[]> {
  const rows: ProbeRow[] = [];
  const byId = new Map<string, { verdict: ProbeVerdict; outcomes: ProbeOutcome[] }>();
  const clock = events.now ?? (() => new Date());
  const deliver = async (probe: ProbeCase, request: WebhookRequest, mistake?: SignedMistake): Promise<ProbeOutcome> => {
    const sentAt = clock();
    const outcome = await send(request, probe.deadlineMs);
    events.onDelivery?.({ probe, request, outcome, sentAt, ...(mistake !== undefined ? { mistake } : {}) });
    return outcome;
  };

  for (const probe of cases) {
    const started = performance.now();
    const outcomes: ProbeOutcome[] = [];
    let verdict: ProbeVerdict;
    const dependency = probe.dependsOn !== undefined ? byId.get(probe.dependsOn) : undefined;
    if (probe.dependsOn !== undefined && dependency?.verdict.result !== "pass") {
      verdict = skipped(`builds on the genuine delivery ${probe.dependsOn}, which was not acknowledged`);
    } else if (probe.measures !== undefined) {
      verdict = judgeInTime(probe, probe.measures.ids.flatMap((id) => byId.get(id)?.outcomes ?? []));
    } else {
      for (const request of probe.requests) {
        const outcome = await deliver(probe, request);
        outcomes.push(outcome);
        if ("fault" in outcome) break;
      }
      verdict = judgeProbe(probe, outcomes);
      if (verdict.result === "fail" && rejected(outcomes)) verdict = await diagnose(probe, verdict, deliver);
    }
    byId.set(probe.id, { verdict, outcomes });
    const row = { probe, verdict, durationMs: performance.now() - started };
    rows.push(row);
    events.onRow?.(row);
  }
  return rows;
}

/** The last delivery got an answer that is not a 2xx: a rejection (or a crash), not a wrong acknowledgement body. */
function rejected(outcomes: readonly ProbeOutcome[]): boolean {
  const last = outcomes[outcomes.length - 1];
  return last !== undefined && "answer" in last && (last.answer.status < 200 || last.answer.status > 299);
}

type Deliver = (probe: ProbeCase, request: WebhookRequest, mistake?: SignedMistake) => Promise<ProbeOutcome>;

/**
 * Sends the rejected genuine delivery again with each usual mistake applied on whk's side, in order, and
 * names the first the handler acknowledges; when none is, lists what to check, most likely first.
 */
async function diagnose(probe: ProbeCase, verdict: ProbeVerdict, deliver: Deliver): Promise<ProbeVerdict> {
  if (probe.mistakes === undefined || probe.mistakes.length === 0) return verdict;
  const ack = getProvider(probe.provider).ack;
  for (const mistake of probe.mistakes) {
    const outcome = await deliver(probe, mistake.request, mistake);
    if ("answer" in outcome && ack.judge(outcome.answer).ok) {
      return { ...verdict, diagnosis: `your handler acknowledged the same delivery signed with a known mistake: ${mistake.handlerDoes}` };
    }
  }
  return probe.likelyCauses !== undefined ? { ...verdict, likelyCauses: probe.likelyCauses } : verdict;
}
