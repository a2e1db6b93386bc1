import { formatDuration } from "../primitives/duration.js";
import type { ReceiverAnswer } from "../providers/provider.js";
import { getProvider } from "../providers/index.js";
import type { ProbeCase } from "./probe-case.js";

/** What one delivery of a probe came back with, and how long it took: an answer, or a fault (refused, timeout...). */
export type ProbeOutcome = { answer: ReceiverAnswer; elapsedMs: number } | { fault: string; timedOut: boolean; elapsedMs: number };

export interface ProbeVerdict {
  result: "pass" | "fail" | "skip";
  /** What came back, in a few words: "401", "200 {}", "connection refused". */
  got: string;
  /** Why it failed, or why it was skipped. Empty when it passed. */
  why: string;
  /** What a real attacker or the real provider does about it. Empty unless it failed. */
  consequence: string;
  /** A genuine delivery that was rejected: the mistake the handler makes, found by re-sending it signed that way. */
  diagnosis?: string;
  /** A genuine delivery that was rejected, and no mistake whk tried explains it: what to check, most likely first. */
  likelyCauses?: readonly string[];
}

const short = (answer: ReceiverAnswer): string => {
  const body = answer.body.length > 60 ? `${answer.body.slice(0, 57)}...` : answer.body;
  return body === "" ? String(answer.status) : `${answer.status} ${body}`;
};

const passed = (got: string): ProbeVerdict => ({ result: "pass", got, why: "", consequence: "" });
const failed = (got: string, why: string, consequence: string): ProbeVerdict => ({ result: "fail", got, why, consequence });
const labelOf = (probe: ProbeCase, index: number): string => (probe.labels?.[index] !== undefined ? ` (${probe.labels[index]})` : "");

/** A check that was not run, and why. */
export const skipped = (why: string): ProbeVerdict => ({ result: "skip", got: "-", why, consequence: "" });

/** Judges the outcomes of one probe case against what it expects. */
export function judgeProbe(probe: ProbeCase, outcomes: readonly ProbeOutcome[]): ProbeVerdict {
  const fault = outcomes.find((o): o is Extract<ProbeOutcome, { fault: string }> => "fault" in o);
  if (fault) return failed(fault.fault, `the handler did not answer (${fault.fault})`, (fault.timedOut ? probe.ifItTimesOut : undefined) ?? probe.ifItFails);
  const answers = outcomes.map((o) => (o as { answer: ReceiverAnswer }).answer);
  const got = answers.map(short).join(", then ");
  const last = answers[answers.length - 1] as ReceiverAnswer;
  switch (probe.expect) {
    case "ack": {
      const judgement = getProvider(probe.provider).ack.judge(last);
      return judgement.ok ? passed(got) : failed(got, judgement.why, probe.ifItFails);
    }
    case "reject": {
      if (last.status >= 400 && last.status <= 499) return passed(got);
      if (last.status >= 500) return failed(got, `answered ${last.status}`, "a forgery should get a 4xx, not a server error (a crash on bad input is an opening, and providers retry 5xx)");
      return failed(got, `accepted with ${last.status}`, probe.ifItFails);
    }
    case "ack-each":
    case "same-ack": {
      const ack = getProvider(probe.provider).ack;
      const refused = answers.findIndex((answer) => !ack.judge(answer).ok);
      if (refused >= 0) {
        const judged = ack.judge(answers[refused] as ReceiverAnswer);
        return failed(got, `delivery ${refused + 1}${labelOf(probe, refused)} was not acknowledged: ${judged.ok ? "" : judged.why}`, probe.ifItFails);
      }
      const original = answers[answers.length - 2];
      if (probe.expect === "same-ack" && original !== undefined && original.status !== last.status) {
        return failed(got, `the duplicate was answered ${last.status}, the original ${original.status}`, probe.ifItFails);
      }
      return passed(got);
    }
    case "idempotent": {
      const bad = answers.findIndex((a) => a.status < 200 || a.status > 299);
      return bad < 0 ? passed(got) : failed(got, `delivery ${bad + 1} answered ${answers[bad]?.status}`, probe.ifItFails);
    }
    case "in-time":
      throw new TypeError(`${probe.id} measures other checks' deliveries: judge it with judgeInTime`);
  }
}

/**
 * Judges a documented timeout on the genuine deliveries of other checks: the slowest must have been
 * answered within the limit. A delivery that got no answer before the limit is the failure, with the time
 * waited; faults that are not a timeout (a refused connection) say nothing about speed and are left out.
 */
export function judgeInTime(probe: ProbeCase, outcomes: readonly ProbeOutcome[]): ProbeVerdict {
  const limit = probe.measures?.withinMs ?? 0;
  const rule = probe.rule?.says ?? "";
  const late = outcomes.find((o) => ("fault" in o ? o.timedOut : o.elapsedMs > limit));
  if (late) {
    const waited = formatDuration(late.elapsedMs);
    return "fault" in late
      ? failed(`no answer in ${waited}`, `a genuine delivery got no answer within the documented ${formatDuration(limit)} (whk waited ${waited})`, rule)
      : failed(`answered in ${waited}`, `a genuine delivery was answered in ${waited}, past the documented ${formatDuration(limit)}`, rule);
  }
  const timed = outcomes.filter((o) => "answer" in o);
  if (timed.length === 0) return skipped("no genuine delivery was answered, so there is no answer time to judge");
  const slowest = Math.max(...timed.map((o) => o.elapsedMs));
  return passed(`slowest of ${timed.length}: ${formatDuration(slowest)}`);
}
