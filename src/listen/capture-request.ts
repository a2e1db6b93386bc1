import type { IncomingMessage, ServerResponse } from "node:http";
import { join } from "node:path";
import { detectProvider } from "../verify/detect-provider.js";
import { toRequestFile, utf8OrUndefined } from "../primitives/request-file.js";
import { verifyRequest, type VerifyResult } from "../verify/verify-request.js";
import type { WebhookRequest } from "../primitives/webhook-request.js";
import { answerFor, jsonAnswer, type Answer } from "./answer-for.js";
import { formatByteSize } from "../primitives/byte-size.js";
import { captureFileText, type CaptureEvent, type CaptureRecord, type CaptureStats, type ErrorEvent, type ErrorKind, type RecordedResponse } from "./capture-record.js";
import { captureFileName, describeFsError, type CaptureWriter } from "./capture-writer.js";
import type { CaptureJournal, JournalTicket } from "./capture-journal.js";
import { endToEndHeaders } from "../primitives/headers.js";
import { forwardRequest, type ForwardResult } from "./forward-request.js";
import { headersFromRaw } from "./headers-from-raw.js";
import { readBody } from "./read-body.js";
import { forwardUrl, isAbsoluteUrl } from "../primitives/url-parts.js";
import { sendAnswer } from "./send-answer.js";

export interface CaptureSettings {
  writer: CaptureWriter;
  journal: CaptureJournal;
  secrets: readonly string[];
  /** A provider's own secrets, for its requests when `secrets` is empty (env per provider, a project's config). */
  secretsFor: (provider: string) => readonly string[];
  provider: string | undefined;
  forwardTo: string | undefined;
  maxBodyBytes: number;
  requestTimeoutMs: number;
  toleranceMs: number | undefined;
  /** host:port the server listens on: the URL's authority when a request has no Host header. */
  authority: string;
}

/** A request answered: what is left is its capture file, still being written (it never rejects). */
export interface Answered {
  filed: Promise<void>;
}

export interface CaptureContext {
  settings: CaptureSettings;
  seq: number;
  receivedAt: string;
  closing: boolean;
  stats: CaptureStats;
  emit(event: CaptureEvent): void;
}

/**
 * One request, start to end: read the body (within the limit), append it to the journal exactly as it
 * arrived, and only then inspect it (detect, verify) and relay it (forward mode); append its capture
 * (the record its file will hold) to the journal, answer, and write its capture file behind the
 * answer. What cannot be stored is answered 503, never acknowledged; a fault while inspecting leaves
 * the request stored, and answered 500. Resolves once the request is answered, with its capture file
 * still to be written (undefined for a request answered without one); the request, its body and its
 * response are let go then, not kept until the file is written.
 */
export async function captureRequest(req: IncomingMessage, res: ServerResponse, context: CaptureContext): Promise<Answered | undefined> {
  const { settings, seq, receivedAt, stats } = context;
  const method = req.method ?? "GET";
  const url = requestUrl(req, settings.authority);
  const head = method === "HEAD";
  const fail = async (kind: ErrorKind, size: number, answer: Answer | null, detail: string): Promise<undefined> => {
    stats.errors++;
    if (answer) await sendAnswer(res, answer, { closeConnection: true, head });
    else res.destroy();
    context.emit({ type: "error", seq, kind, method, url, receivedAt, size, answered: answer?.status ?? null, detail });
    return undefined;
  };
  if (context.closing) {
    req.resume();
    return fail("shutting-down", 0, jsonAnswer(503, { error: "shutting-down", detail: "whk listen is stopping; retry later" }, { "Retry-After": "1" }), "arrived while stopping: answered 503");
  }
  if (req.headers.host === undefined && req.httpVersion === "1.1") {
    req.resume();
    return fail("rejected", 0, jsonAnswer(400, { error: "no-host", detail: "an HTTP/1.1 request needs a Host header (RFC 9112, section 3.2)" }), "no Host header, which HTTP/1.1 requires: answered 400");
  }
  const read = await readBody(req, settings.maxBodyBytes);
  if (!read.ok && read.reason === "too-large") {
    const limit = formatByteSize(settings.maxBodyBytes);
    return fail("body-too-large", read.size, jsonAnswer(413, { error: "body-too-large", detail: `the body is over the ${limit} limit (--max-body)`, limit: settings.maxBodyBytes }), `body over the ${limit} limit (--max-body): answered 413`);
  }
  if (!read.ok) {
    const declared = req.headers["content-length"] !== undefined ? ` of ${req.headers["content-length"]}` : "";
    return fail("aborted", read.size, null, `the connection closed after ${read.size}${declared} body bytes (the sender gave up, or the request timeout passed)`);
  }

  const request: WebhookRequest & { receivedAt: string } = { method, url, headers: headersFromRaw(req.rawHeaders), body: read.body, receivedAt };
  let journaled: JournalTicket;
  try {
    journaled = await settings.journal.append(seq, request);
  } catch (error) {
    return storeFailed(error);
  }
  const record: CaptureRecord = { ...toRequestFile(request), receivedAt, detectedProvider: null };
  let answer: Answer;
  try {
    const verdict = judge(request, settings);
    const provider = verdict !== null ? (verdict.provider ?? null) : (detectProvider(request, settings.provider)?.provider ?? null);
    record.detectedProvider = provider;
    if (verdict !== null) record.verdict = verdict;
    answer = answerFor(verdict, provider);
  } catch (error) {
    // A fault in whk, not in the request: it is stored all the same, and said so.
    record.inspectError = error instanceof Error ? error.message : String(error);
    answer = jsonAnswer(500, { error: "internal-error", detail: "whk could not inspect this request; it is stored" });
  }
  if (settings.forwardTo !== undefined) {
    const forwarded = await forwardRequest({ method, url: forwardUrl(settings.forwardTo, req.url ?? "/"), rawHeaders: req.rawHeaders, body: read.body, timeoutMs: settings.requestTimeoutMs, maxAnswerBytes: settings.maxBodyBytes });
    answer = relayedAnswer(forwarded);
    if (forwarded.ok) record.response = recordedResponse(forwarded);
    else record.forwardError = { reason: forwarded.reason, detail: forwarded.detail };
  }
  record.answered = answer.status;
  // The capture is stored once the journal holds it: answered then, its file written behind the answer.
  const name = captureFileName(receivedAt, seq, record.detectedProvider);
  // Encoded once, for the journal and the file: bytes live outside the JavaScript heap, so the captures
  // waiting for their files cost the garbage collector nothing.
  const bytes = Buffer.from(captureFileText(record));
  try {
    await journaled.commit(name, bytes);
  } catch (error) {
    journaled.settle();
    return storeFailed(error);
  }
  const written = settings.writer.write(name, bytes);
  // Its failure is said once the request is answered (below), never as an unhandled rejection meanwhile.
  written.catch(ignoreRejection);
  await settings.writer.whenRoom();
  await sendAnswer(res, answer, { head });
  count(stats, record);
  context.emit({ type: "request", seq, record, file: join(settings.writer.dir, name), answered: answer.status, size: read.body.length });
  // Answered, and in the journal until its file is written: a file that cannot be written stays there for the next listener.
  const unwritten: ErrorEvent = { type: "error", seq, kind: "capture-failed", method, url, receivedAt, size: read.body.length, answered: answer.status, detail: "" };
  return { filed: settleWhenWritten(written, journaled, unwritten, stats, context.emit, settings.writer.dir) };

  function storeFailed(error: unknown): Promise<undefined> {
    const why = describeFsError(error);
    return fail("capture-failed", read.ok ? read.body.length : 0, jsonAnswer(503, { error: "capture-failed", detail: `the request could not be stored (${why})` }), `cannot write to ${settings.writer.dir} (${why}): answered 503`);
  }
}

/**
 * A module-level function, not an arrow inside captureRequest: a closure made there would hold that
 * call's whole scope (the request, its body, the response) for as long as the file takes to write.
 */
const ignoreRejection = (): undefined => undefined;

/**
 * Waits for a capture file written behind its answer, holding only what it needs (not the request or
 * its record), then lets the journal forget the request; a file that cannot be written is said so.
 */
function settleWhenWritten(written: Promise<string>, journaled: JournalTicket, unwritten: ErrorEvent, stats: CaptureStats, emit: (event: CaptureEvent) => void, dir: string): Promise<void> {
  return written.then(
    () => journaled.settle(),
    (error: unknown) => {
      stats.errors++;
      emit({ ...unwritten, detail: `answered ${unwritten.answered}, but its capture file cannot be written to ${dir} (${describeFsError(error)}): the journal keeps it for the next whk listen there` });
    },
  );
}

/** The verdict with the secrets given (for every provider, else the detected provider's own); null when there are none. */
function judge(request: WebhookRequest, settings: CaptureSettings): VerifyResult | null {
  let secrets = settings.secrets;
  if (secrets.length === 0) {
    const provider = detectProvider(request, settings.provider)?.provider;
    secrets = provider !== undefined ? settings.secretsFor(provider) : [];
  }
  if (secrets.length === 0) return null;
  return verifyRequest(request, {
    secret: secrets,
    now: new Date(request.receivedAt ?? Date.now()),
    ...(settings.provider !== undefined ? { provider: settings.provider } : {}),
    ...(settings.toleranceMs !== undefined ? { toleranceMs: settings.toleranceMs } : {}),
  });
}

function count(stats: CaptureStats, record: CaptureRecord): void {
  stats.captured++;
  const verdict = record.verdict;
  if (record.inspectError !== undefined) stats.errors++;
  else if (verdict === undefined) stats.unchecked++;
  else if (verdict.reason === "unsigned-provider") stats.unsigned++;
  else if (verdict.ok) stats.valid++;
  else stats.invalid++;
  if (record.forwardError !== undefined) stats.errors++;
}

/** `http://<Host header><request-target verbatim>`: the URL the sender used, as path-signing schemes sign it. */
function requestUrl(req: IncomingMessage, authority: string): string {
  const target = req.url ?? "/";
  if (isAbsoluteUrl(target)) return target;
  return `http://${req.headers.host ?? authority}${target}`;
}

function relayedAnswer(forwarded: ForwardResult): Answer {
  if (!forwarded.ok) {
    return jsonAnswer(forwarded.reason === "timeout" ? 504 : 502, { error: "forward-failed", reason: forwarded.reason, detail: forwarded.detail });
  }
  return { status: forwarded.status, headers: endToEndHeaders(forwarded.rawHeaders, ["content-length"]), body: forwarded.body };
}

function recordedResponse(forwarded: Extract<ForwardResult, { ok: true }>): RecordedResponse {
  const text = utf8OrUndefined(forwarded.body);
  const response: RecordedResponse = { status: forwarded.status, headers: headersFromRaw(forwarded.rawHeaders) };
  if (text === undefined) response.bodyBase64 = forwarded.body.toString("base64");
  else response.body = text;
  return response;
}
