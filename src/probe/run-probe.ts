import type { WebhookRequest } from "../primitives/webhook-request.js";
import type { ProbeCase } from "./probe-case.js";
import { judgeProbe, type ProbeOutcome } from "./judge-probe.js";
import type { ProbeRow } from "./junit-report.js";

/** Sends one request and reports the answer or the fault: `deliver` from ../deliver.ts, or a test double. */
export type SendOne = (request: WebhookRequest) => Promise<ProbeOutcome>;

/**
 * Runs the checks one after another (a handler under test is often a dev server: no need to load it),
 * judging each as soon as its deliveries are back.
 */
export async function runProbe(cases: readonly ProbeCase[], send: SendOne, onRow?: (row: ProbeRow) => void): Promise<ProbeRow[]> {
  const rows: ProbeRow[] = [];
  for (const probe of cases) {
    const started = performance.now();
    const outcomes: ProbeOutcome[] = [];
    for (const request of probe.requests) {
      const outcome = await send(request);
      outcomes.push(outcome);
      if ("fault" in outcome) break;
    }
    const row = { probe, verdict: judgeProbe(probe, outcomes), durationMs: performance.now() - started };
    rows.push(row);
    onRow?.(row);
  }
  return rows;
}
