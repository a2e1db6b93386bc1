import { requestItemsIn, type InputFile, type ReadOptions } from "../../../inputs/read-requests.js";
import { isUnreadable, type InputFormat, type UnreadableRequest } from "../../../inputs/sourced-request.js";
import { TextBytes } from "../../../primitives/text-bytes.js";
import { verifyRequest, type VerifyOptions, type VerifyResult } from "../../../verify/verify-request.js";
import { count, skippedHumanLines, summaryLine, unreadableHumanLines, unreadableJsonLine, verifyHumanLines, verifyJsonLine, type VerifyTally } from "./output.js";

export interface RenderOptions {
  json: boolean;
  showPreimage: boolean;
  /** Print only the requests that fail (the summary stays): after a load test, the few that matter. */
  failuresOnly: boolean;
  /** Count a request no provider claims as invalid even in a HAR file or raw HTTP dump, where other traffic is expected. */
  strict: boolean;
}

/** What verifying some inputs produced: rendered lines (kept, not the requests), and the tally. */
export interface Batch {
  lines: TextBytes;
  counts: VerifyTally;
  total: number;
  /** The first request that could not be read: when nothing else could be either, it is the error. */
  firstUnreadable?: UnreadableRequest;
  /** The last result, so a run of exactly one request can be printed in full. */
  last?: { source: string; result: VerifyResult };
}

export const emptyBatch = (): Batch => ({ lines: new TextBytes(), counts: { valid: 0, invalid: 0, unsigned: 0, skipped: 0, unreadable: 0 }, total: 0 });

/** Recordings of traffic (a browser's HAR, a proxy's raw dump) hold other requests than webhooks. */
const TRAFFIC: readonly InputFormat[] = ["har", "raw-http"];

/**
 * Reads and verifies the inputs in order, one file at a time, rendering each result as it comes: the
 * requests themselves are dropped as soon as they are judged. A request that cannot be read (a
 * truncated capture, a bad NDJSON line) is one line, and the rest are still judged.
 */
export function verifyInto(batch: Batch, inputs: readonly InputFile[], options: VerifyOptions, render: RenderOptions, read: ReadOptions = {}): void {
  for (const input of inputs) {
    for (const item of requestItemsIn(input, read)) {
      batch.total++;
      if (isUnreadable(item)) {
        batch.counts.unreadable++;
        batch.firstUnreadable ??= item;
        batch.lines.append(render.json ? unreadableJsonLine(item) : unreadableHumanLines(item));
        continue;
      }
      const { source, request, format } = item;
      const result = verifyRequest(request, options);
      const skipped = !render.strict && result.reason === "unknown-provider" && TRAFFIC.includes(format);
      count(batch.counts, result, skipped);
      if (!render.failuresOnly || (result.verdict === "invalid" && !skipped)) {
        if (render.json) batch.lines.append(verifyJsonLine(source, result, skipped));
        else batch.lines.append(skipped ? skippedHumanLines(source, `${request.method} ${request.url}`, result) : verifyHumanLines(source, result, false, render));
      }
      batch.last = { source, result };
    }
  }
}

/** The whole output: NDJSON as is; human lines plus a summary, or one request in its verbose form. */
export function batchText(batch: Batch, render: RenderOptions): string | Buffer {
  if (render.json) return batch.lines.bytes();
  const { counts } = batch;
  const one = batch.total === 1 && counts.unreadable === 0 && counts.skipped === 0 && batch.last;
  if (one && (!render.failuresOnly || batch.lines.length > 0)) return verifyHumanLines(one.source, one.result, true, render);
  batch.lines.append(summaryLine(batch.counts, batch.total));
  return batch.lines.bytes();
}
