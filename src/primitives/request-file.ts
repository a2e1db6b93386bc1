import { base64Bytes, utf8Bytes } from "./body-bytes.js";
import { WhkInputError } from "./errors.js";
import { defineHeader, type Headers } from "./headers.js";
import { parseInstant } from "./time-format.js";
import type { WebhookRequest } from "./webhook-request.js";

/**
 * The request file format shared by `show --json`, `send --save`, `listen` and `verify`:
 * `{"method","url","headers","body"}` with `bodyBase64` instead of `body` for bytes that are not UTF-8.
 */
export interface RequestFile {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
  bodyBase64?: string;
  receivedAt?: string;
  provider?: string;
  fixture?: string;
}

type Checked = Omit<RequestFile, "headers"> & { headers: Record<string, string | string[]> };

/**
 * Checks the shape by hand rather than with zod: `whk verify` reads thousands of these and must start
 * fast, and zod alone costs ~50 ms to load. Returns the first problem, zod-style, or the checked value.
 */
function checkRequestFile(value: unknown): { problem: string; at?: string } | { file: Checked } {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return { problem: "expected an object" };
  const record = value as Record<string, unknown>;
  for (const key of ["method", "url"] as const) {
    const field = record[key];
    if (typeof field !== "string") return { problem: field === undefined ? "required" : "expected a string", at: key };
    if (field === "") return { problem: "must not be empty", at: key };
  }
  const headers = record["headers"];
  if (headers === null || typeof headers !== "object" || Array.isArray(headers)) {
    return { problem: headers === undefined ? "required" : "expected an object of header names to values", at: "headers" };
  }
  for (const [name, field] of Object.entries(headers)) {
    const ok = typeof field === "string" || (Array.isArray(field) && field.every((v) => typeof v === "string"));
    if (!ok) return { problem: "expected a string or an array of strings", at: `headers.${name}` };
  }
  for (const key of ["body", "bodyBase64", "receivedAt", "provider", "fixture"] as const) {
    if (record[key] !== undefined && typeof record[key] !== "string") return { problem: "expected a string", at: key };
  }
  return { file: record as unknown as Checked };
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** UTF-8 text if the bytes are valid UTF-8 (and survive the round trip), else undefined. */
export function utf8OrUndefined(bytes: Uint8Array): string | undefined {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return undefined;
  }
}

export function toRequestFile(request: WebhookRequest): RequestFile {
  const text = utf8OrUndefined(request.body);
  const file: RequestFile = {
    method: request.method,
    url: request.url,
    headers: { ...request.headers },
  };
  if (text === undefined) file.bodyBase64 = request.body.toString("base64");
  else file.body = text;
  if (request.receivedAt !== undefined) file.receivedAt = request.receivedAt;
  if (request.provider !== undefined) file.provider = request.provider;
  if (request.fixture !== undefined) file.fixture = request.fixture;
  return file;
}

/** Validates an already-parsed JSON value as a request file. `source` names it in error messages. */
export function requestFromJson(value: unknown, source: string): WebhookRequest {
  const checked = checkRequestFile(value);
  if ("problem" in checked) {
    const where = checked.at !== undefined ? ` at "${checked.at}"` : "";
    throw new WhkInputError(
      "bad-request-file",
      `${source} is not a request file: ${checked.problem}${where}`,
      'a request file is {"method","url","headers","body"} (see README, "Request file format")',
    );
  }
  const data = checked.file;
  let body: Buffer;
  if (data.bodyBase64 !== undefined) {
    const bytes = base64Bytes(data.bodyBase64);
    if (bytes === undefined) throw new WhkInputError("bad-request-file", `${source}: "bodyBase64" is not valid base64`, "encode the raw body with standard base64 (A-Z a-z 0-9 + /, = padding)");
    body = bytes;
  } else if (data.body !== undefined) {
    const bytes = utf8Bytes(data.body);
    if (bytes === undefined) throw new WhkInputError("bad-request-file", `${source}: "body" holds a lone surrogate (a \\ud800-\\udfff escape without its pair), which no bytes received can be`, 'give the raw bytes as "bodyBase64" (base64) instead of "body"');
    body = bytes;
  } else {
    throw new WhkInputError("missing-body", `${source} has no "body" or "bodyBase64"`, "add the raw body as a string under \"body\"");
  }
  // defineHeader keeps even a header named "__proto__" byte for byte.
  const headers: Headers = {};
  for (const [name, value] of Object.entries(data.headers)) defineHeader(headers, name, Array.isArray(value) ? value.join(", ") : value);
  const request: WebhookRequest = { method: data.method.toUpperCase(), url: data.url, headers, body };
  if (data.receivedAt !== undefined) {
    // As strict as --at: the instant a signed timestamp is judged against (Date.parse would take
    // February 30 for March 2, and "1700000000" for a year).
    parseInstant(data.receivedAt, `${source}: "receivedAt"`);
    request.receivedAt = data.receivedAt;
  }
  if (data.provider !== undefined) request.provider = data.provider;
  if (data.fixture !== undefined) request.fixture = data.fixture;
  return request;
}

/** Parses the text of a request file. */
export function parseRequestFile(text: string, source: string): WebhookRequest {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new WhkInputError(
      "bad-json",
      `${source} is not valid JSON: ${(error as Error).message}`,
      "check the file with a JSON linter, or capture it again with `whk listen`",
    );
  }
  return requestFromJson(value, source);
}
