import { getHeader, setHeader } from "../primitives/headers.js";
import { sha256Hex } from "../primitives/hmac.js";
import { formatTimestamp, type TimestampFormat } from "../primitives/time-format.js";
import type { WebhookRequest } from "../primitives/webhook-request.js";
import { signatureMatches, snapPartsOf, snapSignature, snapStringToSign, type SnapParts } from "./snap-string-to-sign.js";
import type { Attempt, VariationCause } from "./explanation.js";
import { handlerPathMistakes, pathVariants } from "./path-variants.js";
import type { SignedMistake } from "./scheme.js";

/**
 * The SNAP string-to-sign, METHOD:EndpointUrl:AccessToken:sha256(minify(body)):X-TIMESTAMP, built with
 * one part spelled the way signers and proxies get it wrong: the path (query, trailing slash, a prefix a proxy strips, the whole
 * URL), the token (with "Bearer", empty), the timestamp's spelling, the method's case, the body hash.
 */
export function* snapVariants(request: WebhookRequest): Generator<Attempt> {
  const given = getHeader(request.headers, "X-SIGNATURE")?.trim();
  const parts = snapPartsOf(request);
  if (!given || !parts) return;
  const received = snapStringToSign(parts);
  const seen = new Set([received]);
  const attempt = (cause: VariationCause, summary: string, stringToSign: string, evidence: string[]): Attempt | undefined => {
    if (seen.has(stringToSign)) return undefined;
    seen.add(stringToSign);
    return { cause, summary, evidence, matches: (secret) => signatureMatches(snapSignature(secret, stringToSign), given) };
  };
  const withParts = (changes: Partial<SnapParts>): string => snapStringToSign({ ...parts, ...changes });
  const all = [...pathAttempts(request, parts, withParts, attempt), ...otherAttempts(request, parts, received, withParts, attempt), ...timestampAttempts(parts, withParts, attempt)];
  for (const one of all) if (one) yield one;
}

type Build = (changes: Partial<SnapParts>) => string;
type Try = (cause: VariationCause, summary: string, stringToSign: string, evidence: string[]) => Attempt | undefined;

function pathAttempts(request: WebhookRequest, parts: SnapParts, build: Build, attempt: Try): (Attempt | undefined)[] {
  return pathVariants(parts.endpointUrl, request.url, "EndpointUrl").map((variant) => attempt(variant.cause, variant.summary, build({ endpointUrl: variant.signed }), variant.evidence));
}

function otherAttempts(request: WebhookRequest, parts: SnapParts, received: string, build: Build, attempt: Try): (Attempt | undefined)[] {
  const authorization = getHeader(request.headers, "Authorization") ?? "";
  // The token is a credential: the evidence describes it, never prints it.
  const tokenEvidence = (signed: string): string[] => [`AccessToken received: the Bearer token (${parts.accessToken.length} characters)`, `AccessToken signed: ${signed}`];
  const rawHash = sha256Hex(request.body);
  const method = parts.method.toUpperCase();
  return [
    attempt("token-bearer", 'the signature matches with "Bearer " kept in front of the access token: the signer signed the Authorization header value, where SNAP signs the token alone', build({ accessToken: `Bearer ${parts.accessToken}` }), tokenEvidence('"Bearer " followed by the token')),
    attempt("token-bearer", "the signature matches with the whole Authorization header value as the token: the signer did not strip the scheme word", build({ accessToken: authorization }), tokenEvidence("the whole Authorization header value")),
    attempt("token-empty", "the signature matches with an empty access token: the signer left the token out of the string-to-sign (METHOD:path::hash:timestamp)", build({ accessToken: "" }), tokenEvidence("(empty)")),
    attempt("body-not-minified", "the signature matches the SHA-256 of the body as sent, not minified: the signer skipped SNAP's minify step", build({ bodyHash: rawHash }), [`minified body hash: ${parts.bodyHash}`, `raw body hash: ${rawHash}`]),
    attempt("body-hash-case", "the signature matches with the body hash in upper-case hex: SNAP uses lower-case hex", build({ bodyHash: parts.bodyHash.toUpperCase() }), [`body hash: ${parts.bodyHash}`]),
    attempt("method-case", `the signature matches with the method in lower case ("${method.toLowerCase()}"): SNAP upper-cases it`, `${method.toLowerCase()}${received.slice(method.length)}`, [`method received: ${method}`]),
  ];
}

/** The same instant (or the same wall clock) spelled other ways: Z vs +07:00, with or without milliseconds, epoch. */
function timestampAttempts(parts: SnapParts, build: Build, attempt: Try): (Attempt | undefined)[] {
  const header = parts.timestamp;
  const instant = Date.parse(header);
  if (Number.isNaN(instant)) return [];
  const date = new Date(instant);
  const own = /([+-]\d{2}:?\d{2})$/.exec(header)?.[1];
  const spellings = new Set<string>();
  for (const offset of ["+07:00", "+00:00", ...(own ? [own] : [])]) {
    for (const format of ["iso-offset", "iso-ms-offset"] as TimestampFormat[]) spellings.add(formatTimestamp(date, format, offset));
  }
  spellings.add(formatTimestamp(date, "iso-z"));
  spellings.add(formatTimestamp(date, "iso-ms-z"));
  spellings.add(String(Math.floor(instant / 1000)));
  spellings.add(String(instant));
  // The same wall-clock reading with another zone suffix: a signer that formats local time and labels it wrong.
  const wall = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?)/.exec(header)?.[1];
  if (wall) for (const suffix of ["Z", "+07:00", "+00:00", ""]) spellings.add(`${wall}${suffix}`);
  spellings.delete(header);
  return [...spellings].map((spelling) =>
    attempt(
      "timestamp-spelling",
      `the signature matches with X-TIMESTAMP spelled "${spelling}" instead of "${header}": the signer put a different spelling of the timestamp in the string-to-sign than in the header (SNAP signs the header byte for byte)`,
      build({ timestamp: spelling }),
      [`X-TIMESTAMP received: ${header}`, `timestamp signed: ${spelling}`],
    ),
  );
}

/**
 * A genuine SNAP delivery signed again with one part of the string-to-sign the way receivers get it
 * wrong: the path (handlerPathMistakes), the token with "Bearer " or left out. Same timestamp, body and
 * headers; only X-SIGNATURE differs.
 */
export function* snapMistakes(genuine: WebhookRequest, secret: string): Generator<SignedMistake> {
  const parts = snapPartsOf(genuine);
  if (!parts) return;
  const signedAs = (changes: Partial<SnapParts>): WebhookRequest => ({ ...genuine, headers: setHeader(genuine.headers, "X-SIGNATURE", snapSignature(secret, snapStringToSign({ ...parts, ...changes }))) });
  for (const mistake of handlerPathMistakes(genuine.url, "EndpointUrl")) {
    yield { cause: mistake.cause, handlerDoes: mistake.handlerDoes, request: signedAs({ endpointUrl: mistake.signed }) };
  }
  yield { cause: "token-bearer", handlerDoes: 'it signs the Authorization header value with "Bearer " in front, where SNAP signs the access token alone: strip "Bearer " first', request: signedAs({ accessToken: `Bearer ${parts.accessToken}` }) };
  yield { cause: "token-empty", handlerDoes: "it leaves the access token out of the string-to-sign (METHOD:path::hash:timestamp), where SNAP signs the token of the request's own Authorization header", request: signedAs({ accessToken: "" }) };
}
