import { requestsIn, type ReadOptions } from "../../../inputs/read-requests.js";
import { verifyRequest, type VerifyOptions, type VerifyResult } from "../../../verify/verify-request.js";
import { count, summaryLine, verifyHumanLines, verifyJsonLine, type VerifyTally } from "./output.js";

export interface RenderOptions {
  json: boolean;
  showPreimage: boolean;
  /** Print only the requests that fail (the summary stays): after a load test, the few that matter. */
  failuresOnly: boolean;
}

/** What verifying some inputs produced: rendered lines (kept, not the requests), and the tally. */
export interface Batch {
  chunks: string[];
  counts: VerifyTally;
  total: number;
  /** The last result, so a run of exactly one request can be printed in full. */
  last?: { source: string; result: VerifyResult };
}

export const emptyBatch = (): Batch => ({ chunks: [], counts: { valid: 0, invalid: 0, unsigned: 0 }, total: 0 });

/**
 * Reads and verifies the inputs in order, one file at a time, rendering each result as it comes: the
 * requests themselves are dropped as soon as they are judged. Input errors propagate.
 */
export function verifyInto(batch: Batch, inputs: readonly string[], options: VerifyOptions, render: RenderOptions, read: ReadOptions = {}): void {
  for (const input of inputs) {
    for (const { source, request } of requestsIn(input, read)) {
      const result = verifyRequest(request, options);
      count(batch.counts, result);
      batch.total++;
      if (!render.failuresOnly || result.verdict === "invalid") batch.chunks.push(render.json ? verifyJsonLine(source, result) : verifyHumanLines(source, result, false, render));
      batch.last = { source, result };
    }
  }
}

/** The whole output: NDJSON as is; human lines plus a summary, or one request in its verbose form. */
export function batchText(batch: Batch, render: RenderOptions): string {
  if (render.json) return batch.chunks.join("");
  if (batch.total === 1 && batch.last && (!render.failuresOnly || batch.chunks.length > 0)) return verifyHumanLines(batch.last.source, batch.last.result, true, render);
  return batch.chunks.join("") + summaryLine(batch.counts, batch.total);
}
