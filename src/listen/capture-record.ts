import type { RequestFile } from "../primitives/request-file.js";
import type { VerifyResult } from "../verify/verify-request.js";

/** The app's answer in forward mode, recorded like a request body: UTF-8 text, else base64. */
export interface RecordedResponse {
  status: number;
  headers: Record<string, string>;
  body?: string;
  bodyBase64?: string;
}

/**
 * What one capture file holds: the request file fields (so `whk verify` and `parseRequestFile` read it
 * as is) plus what the listener made of it. No `provider` key on purpose: a later `whk verify` detects
 * the provider again from the bytes rather than trusting this guess.
 */
export interface CaptureRecord extends RequestFile {
  receivedAt: string;
  detectedProvider: string | null;
  /** Present when a secret was given (or the provider is unsigned): the verification at receipt. */
  verdict?: VerifyResult;
  /** The status answered to the sender (known before the file is written: whk answers only what it stored). */
  answered?: number;
  /** Forward mode: what the app answered. */
  response?: RecordedResponse;
  /** Forward mode: why the app could not be reached. */
  forwardError?: { reason: string; detail: string };
  /** A fault in whk while inspecting this request (it was stored first, and answered 500). */
  inspectError?: string;
  /** Written from the journal by a later listener: the one that received it stopped before writing its file (before inspecting it, when there is no verdict). */
  recovered?: string;
}

/** A capture file's text: two-space JSON and a final newline (V8 writes it as fast as compact JSON). */
export function captureFileText(record: CaptureRecord): string {
  return `${JSON.stringify(record, null, 2)}\n`;
}

/** One request received, stored (in the listener's journal) and answered. */
export interface RequestEvent {
  type: "request";
  seq: number;
  record: CaptureRecord;
  /**
   * The capture file's path. It is written behind the answer, and there by the time the listener has
   * stopped; one that cannot be written is a "capture-failed" error event for the same seq.
   */
  file: string;
  /** The status answered to the sender. */
  answered: number;
  size: number;
}

export type ErrorKind = "body-too-large" | "capture-failed" | "shutting-down" | "aborted" | "rejected" | "internal-error";

/**
 * A request that was not stored (and so never acknowledged): too large, cut off, refused by the HTTP
 * parser ("rejected": malformed, too many headers, no Host), or not storable. Also "capture-failed"
 * with the status answered: stored in the journal and answered, but its capture file could not be
 * written (the next listener on the directory writes it).
 */
export interface ErrorEvent {
  type: "error";
  seq: number;
  kind: ErrorKind;
  method: string;
  url: string;
  receivedAt: string;
  /** Body bytes read, or declared by Content-Length when it alone was over the limit. */
  size: number;
  answered: number | null;
  detail: string;
}

export type CaptureEvent = RequestEvent | ErrorEvent;

export interface CaptureStats {
  received: number;
  captured: number;
  valid: number;
  invalid: number;
  unsigned: number;
  /** Captured without a secret: signatures not checked. */
  unchecked: number;
  errors: number;
}
