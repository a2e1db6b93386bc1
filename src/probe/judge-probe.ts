import type { ReceiverAnswer } from "../providers/provider.js";
import { getProvider } from "../providers/index.js";
import type { ProbeCase } from "./probe-case.js";

/** What one delivery of a probe came back with: an answer, or a fault (refused, timeout...). */
export type ProbeOutcome = { answer: ReceiverAnswer } | { fault: string };

export interface ProbeVerdict {
  pass: boolean;
  /** What came back, in a few words: "401", "200 {}", "connection refused". */
  got: string;
  /** Why it failed. Empty when it passed. */
  why: string;
  /** What a real attacker or the real provider does about it. Empty when it passed. */
  consequence: string;
}

const short = (answer: ReceiverAnswer): string => {
  const body = answer.body.length > 60 ? `${answer.body.slice(0, 57)}...` : answer.body;
  return body === "" ? String(answer.status) : `${answer.status} ${body}`;
};

const passed = (got: string): ProbeVerdict => ({ pass: true, got, why: "", consequence: "" });
const labelOf = (probe: ProbeCase, index: number): string => (probe.labels?.[index] !== undefined ? ` (${probe.labels[index]})` : "");

/** Judges the outcomes of one probe case against what it expects. */
export function judgeProbe(probe: ProbeCase, outcomes: readonly ProbeOutcome[]): ProbeVerdict {
  const fault = outcomes.find((o): o is { fault: string } => "fault" in o);
  if (fault) return { pass: false, got: fault.fault, why: `the handler did not answer (${fault.fault})`, consequence: probe.ifItFails };
  const answers = outcomes.map((o) => (o as { answer: ReceiverAnswer }).answer);
  const got = answers.map(short).join(", then ");
  const last = answers[answers.length - 1] as ReceiverAnswer;
  switch (probe.expect) {
    case "ack": {
      const judgement = getProvider(probe.provider).ack.judge(last);
      return judgement.ok ? passed(got) : { pass: false, got, why: judgement.why, consequence: probe.ifItFails };
    }
    case "reject": {
      if (last.status >= 400 && last.status <= 499) return passed(got);
      if (last.status >= 500) return { pass: false, got, why: `answered ${last.status}`, consequence: "a forgery should get a 4xx, not a server error (a crash on bad input is an opening, and providers retry 5xx)" };
      return { pass: false, got, why: `accepted with ${last.status}`, consequence: probe.ifItFails };
    }
    case "ack-each":
    case "same-ack": {
      const ack = getProvider(probe.provider).ack;
      const refused = answers.findIndex((answer) => !ack.judge(answer).ok);
      if (refused >= 0) {
        const judged = ack.judge(answers[refused] as ReceiverAnswer);
        return { pass: false, got, why: `delivery ${refused + 1}${labelOf(probe, refused)} was not acknowledged: ${judged.ok ? "" : judged.why}`, consequence: probe.ifItFails };
      }
      const original = answers[answers.length - 2];
      if (probe.expect === "same-ack" && original !== undefined && original.status !== last.status) {
        return { pass: false, got, why: `the duplicate was answered ${last.status}, the original ${original.status}`, consequence: probe.ifItFails };
      }
      return passed(got);
    }
    case "idempotent": {
      const bad = answers.findIndex((a) => a.status < 200 || a.status > 299);
      return bad < 0 ? passed(got) : { pass: false, got, why: `delivery ${bad + 1} answered ${answers[bad]?.status}`, consequence: probe.ifItFails };
    }
  }
}
