import { basename } from "node:path";
import type { CaptureRecord, RecordedResponse, RequestEvent } from "../listen/capture-record.js";
import { requestFromJson } from "../primitives/request-file.js";
import type { WebhookRequest } from "../primitives/webhook-request.js";
import type { VerifyResult } from "../verify/verify-request.js";

/**
 * One capture as the inspector holds it: the request with its bytes exact, and what the listener made of
 * it when it arrived. The id is the capture file's name: unique within a capture folder, and only ever
 * looked up in the store, never joined to a path.
 */
export interface CaptureEntry {
  id: string;
  /** The capture file's path. */
  file: string;
  request: WebhookRequest;
  /** The provider the listener detected, when the file says. */
  detectedProvider: string | null;
  /** The verdict recorded at receipt (listen with a secret), if any. */
  recordedVerdict: VerifyResult | undefined;
  /** The status the listener answered, if recorded. */
  answered: number | null;
  response: RecordedResponse | undefined;
  forwardError: { reason: string; detail: string } | undefined;
}

/** The entry for a request `whk listen` has just stored. */
export function captureEntryFromEvent(event: RequestEvent): CaptureEntry {
  return captureEntryFromRecord(event.file, event.record, event.answered);
}

/**
 * The entry for a capture file's parsed JSON (or any request file: the listener's extra fields are
 * optional). Throws WhkInputError, naming the file, when it is not a request file.
 */
export function captureEntryFromRecord(file: string, value: unknown, answered?: number): CaptureEntry {
  const id = basename(file);
  const request = requestFromJson(value, id);
  const record = value as Partial<CaptureRecord>;
  return {
    id,
    file,
    request,
    detectedProvider: typeof record.detectedProvider === "string" ? record.detectedProvider : null,
    recordedVerdict: isVerdict(record.verdict) ? record.verdict : undefined,
    answered: answered ?? (typeof record.answered === "number" ? record.answered : (record.response?.status ?? null)),
    response: isResponse(record.response) ? record.response : undefined,
    forwardError: typeof record.forwardError?.detail === "string" ? record.forwardError : undefined,
  };
}

function isVerdict(value: unknown): value is VerifyResult {
  const verdict = value as Partial<VerifyResult> | null | undefined;
  return typeof verdict === "object" && verdict !== null && typeof verdict.ok === "boolean" && typeof verdict.reason === "string" && typeof verdict.detail === "string";
}

function isResponse(value: unknown): value is RecordedResponse {
  const response = value as Partial<RecordedResponse> | null | undefined;
  return typeof response === "object" && response !== null && typeof response.status === "number" && typeof response.headers === "object";
}
