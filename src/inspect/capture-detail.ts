import { replayRequest } from "../deliver/replay-request.js";
import type { RecordedResponse } from "../listen/capture-record.js";
import type { VerifyResult } from "../verify/verify-request.js";
import { bodyView, type BodyView } from "./body-view.js";
import type { CaptureEntry } from "./capture-entry.js";
import { summaryOf, type CaptureSummary } from "./capture-summary.js";
import { defaultReplayUrl, type InspectorSource } from "./inspector-source.js";
import type { ShownVerdict } from "./judge-capture.js";

/** Everything the page shows of one capture. */
export interface CaptureDetail {
  summary: CaptureSummary;
  file: string;
  request: { method: string; url: string; headers: [string, string][] };
  body: BodyView;
  /** `whk verify`'s result for it (reason, detail, explain, warnings), or null when it was not checked. */
  verdict: VerifyResult | null;
  verdictFrom: ShownVerdict["from"];
  response: RecordedResponse | null;
  forwardError: { reason: string; detail: string } | null;
  /** What the replay form starts from: the headers a replay would carry (connection headers dropped). */
  replay: { url: string; provider: string | null; headers: [string, string][] };
}

export function detailOf(entry: CaptureEntry, shown: ShownVerdict, source: InspectorSource): CaptureDetail {
  const summary = summaryOf(entry, shown);
  const { request } = entry;
  return {
    summary,
    file: entry.file,
    request: { method: request.method, url: request.url, headers: Object.entries(request.headers) },
    body: bodyView(request),
    verdict: shown.verdict,
    verdictFrom: shown.from,
    response: entry.response ?? null,
    forwardError: entry.forwardError ?? null,
    replay: { url: defaultReplayUrl(source, request), provider: summary.provider, headers: Object.entries(replayRequest(request, request.url).headers) },
  };
}
