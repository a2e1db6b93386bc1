import { detectProvider } from "./detect-provider.js";
import { SECRET_HINT, WhkInputError } from "../primitives/errors.js";
import { checkEventSchema, parseBody } from "./check-event-schema.js";
import { EXPLAIN_BUDGET_BYTES, explainFailure } from "./explain/explain-failure.js";
import type { Explanation } from "../schemes/explanation.js";
import type { WebhookRequest } from "../primitives/webhook-request.js";
import { getProvider } from "../providers/index.js";
import type { FailureReason, SignatureCheck } from "../schemes/scheme.js";
import { forwardUrl, relativeUrl, splitTarget, splitUrl } from "../primitives/url-parts.js";

export type VerifyReason = "valid-signature" | "unsigned-provider" | "unknown-provider" | FailureReason;

export interface VerifyResult {
  /** True only for a signature that matches: a provider that documents none is not "ok", it is "unsigned". */
  ok: boolean;
  /** The three states a request can be in: signed and valid, signed and not, or unsigned by its provider's own docs. */
  verdict: "valid" | "invalid" | "unsigned";
  provider: string | undefined;
  /** Why this provider was chosen. */
  detectedBy: string | undefined;
  reason: VerifyReason;
  detail: string;
  /** 1-based position of the secret that matched, when several were given. Never the secret itself. */
  secretIndex?: number;
  /** The string the MAC was computed over, when the signature did not match (or `includePreimage`). */
  preimage?: string;
  /** Why the signature did not match: the first controlled variation that makes it match, or "no-match". */
  explain?: Explanation;
  /**
   * For a provider that signs a timestamp: what it was judged against, the instant given (`now`), the
   * request's receipt time, or, when it has none (a raw HTTP dump), the clock at verification.
   */
  timestampJudgedAgainst?: "given" | "receivedAt" | "now";
  /**
   * With `url`, for a provider that signs the path: the request verifies at the path `url` gives and
   * not at the path it was captured at, so a proxy or mount rewrote the path on the way.
   */
  pathMismatch?: { signedPath: string; capturedPath: string };
  warnings: string[];
}

export interface VerifyOptions {
  /** The secrets to try for every provider (key rotation: any match passes). */
  secret?: string | readonly string[];
  /** A provider's own secrets, asked for when `secret` gives none (a project's configured ones). */
  secretsFor?: (provider: string) => readonly string[];
  provider?: string;
  /** The instant timestamps are judged against; default the request's receivedAt, else the clock. */
  now?: Date;
  /** How far a signed timestamp may be from `now`. Default: the scheme's own (5 minutes for SNAP). */
  toleranceMs?: number;
  /** Also report the string-to-sign when the signature matches (`--show-preimage`). */
  includePreimage?: boolean;
  /**
   * Verify as if the request had been received at this URL (the public URL the sender was given, before
   * a proxy rewrote the path). A URL with only an origin keeps the request's path and query; one with a
   * path replaces the path, and the query too when it has one of its own (as `listen --forward-to`). A
   * path alone (`/api/webhooks/in`) replaces the path on the request's own origin.
   */
  url?: string;
}

/** The default tolerance of timestamped schemes, for callers that show it (`--help`, probe's stale check). */
export const DEFAULT_TOLERANCE_MS = 5 * 60_000;

/**
 * Verifies a received request: detects the provider, checks the signature with each secret in turn
 * (key rotation), checks a signed timestamp against the tolerance, and validates the body against the event schemas (a
 * warning, never a failure). Returns a value; throws only for misuse (no secret for a signed provider).
 */
export function verifyRequest(request: WebhookRequest, options: VerifyOptions = {}): VerifyResult {
  if (options.url === undefined) return verifyAsReceived(request, options);
  const captured = relativeUrl(request.url);
  const moved = { ...request, url: movedUrl(request.url, options.url) };
  const result = verifyAsReceived(moved, options);
  const signedPath = relativeUrl(moved.url);
  if (result.provider === undefined || signedPath === captured || !getProvider(result.provider).scheme.covers.path) return result;
  // The path is signed, and the two differ: say which one verifies, when only one does.
  const asCaptured = verifyAsReceived(request, { ...options, includePreimage: false });
  if (result.ok && !asCaptured.ok && asCaptured.reason === "bad-signature") {
    result.pathMismatch = { signedPath, capturedPath: captured };
    result.detail += `; path mismatch: signed for ${signedPath}, captured at ${captured} (a proxy or router mount rewrites the path between the sender and your app)`;
  } else if (!result.ok && asCaptured.ok) {
    result.detail += `; it verifies at the captured path ${captured}: the sender signed the path your app received, not ${signedPath}`;
  }
  return result;
}

/** Where a request lands if received at `to`: a URL as `forwardUrl` moves it, or a path (and query) on the request's own origin. */
function movedUrl(url: string, to: string): string {
  if (!to.startsWith("/")) return forwardUrl(to, relativeUrl(url));
  const target = to.includes("?") ? to : `${to}${splitTarget(relativeUrl(url)).query}`;
  return `${splitUrl(url)?.origin ?? ""}${target}`;
}

function verifyAsReceived(request: WebhookRequest, options: VerifyOptions): VerifyResult {
  const body = parseBody(request);
  const detection = detectProvider(request, options.provider, body.isJson ? body.json : null);
  if (!detection) {
    return {
      ok: false,
      verdict: "invalid",
      provider: undefined,
      detectedBy: undefined,
      reason: "unknown-provider",
      detail: "no provider's signature header or body marker found",
      warnings: [],
    };
  }
  const provider = getProvider(detection.provider);
  const warnings = checkEventSchema(detection.provider, body);
  const base = { provider: detection.provider, detectedBy: detection.because, warnings };
  const unsignedBecause = provider.scheme.unsignedBecause?.(request);
  if (unsignedBecause !== undefined) {
    return { ...base, ok: false, verdict: "unsigned", reason: "unsigned-provider", detail: `${unsignedBecause}: nothing to verify` };
  }
  const given: readonly string[] = typeof options.secret === "string" ? [options.secret] : (options.secret ?? []);
  const secrets = given.some((s) => s !== "") ? given : (options.secretsFor?.(detection.provider) ?? []);
  if (secrets.length === 0 || secrets.every((s) => s === "")) {
    throw new WhkInputError("missing-secret", `${provider.displayName} requests are signed, and no secret was given`, SECRET_HINT);
  }
  const at = options.now ?? (request.receivedAt !== undefined ? new Date(request.receivedAt) : new Date());
  const context = options.toleranceMs !== undefined ? { at, toleranceMs: options.toleranceMs } : { at };
  const clock = provider.scheme.covers.timestamp ? (options.now !== undefined ? "given" : request.receivedAt !== undefined ? "receivedAt" : "now") : undefined;
  let first: SignatureCheck | undefined;
  for (const [index, secret] of secrets.entries()) {
    const check = provider.scheme.verify(request, secret, context);
    const signatureMatched = check.ok || check.reason === "timestamp-out-of-tolerance";
    if (signatureMatched) return withPreimage(withClock(resultOf(check, base, secrets.length > 1 ? index + 1 : undefined), clock), request, options);
    first ??= check;
  }
  const result = withClock(resultOf(first as SignatureCheck, base, undefined), clock);
  if (result.reason === "bad-signature" || result.reason === "malformed-signature") {
    const explain = explainFailure({ request, provider: detection.provider, secrets, reason: result.reason });
    if (explain) result.explain = explain;
  }
  return withPreimage(result, request, options);
}

function withClock(result: VerifyResult, clock: VerifyResult["timestampJudgedAgainst"]): VerifyResult {
  if (clock !== undefined) result.timestampJudgedAgainst = clock;
  return result;
}

/** The string-to-sign, when asked for or when explain found nothing (so the user can compare by hand). */
function withPreimage(result: VerifyResult, request: WebhookRequest, options: VerifyOptions): VerifyResult {
  // Unasked, only for a body explain could try every variation on: past that the string-to-sign is as
  // large as the body, and no one compares hundreds of megabytes by hand.
  const wanted = options.includePreimage === true || (result.explain?.cause === "no-match" && request.body.length <= EXPLAIN_BUDGET_BYTES);
  if (wanted && result.preimage === undefined && result.provider !== undefined) {
    const preimage = getProvider(result.provider).scheme.preimage?.(request);
    if (preimage !== undefined) result.preimage = preimage;
  }
  return result;
}

function resultOf(
  check: SignatureCheck,
  base: Pick<VerifyResult, "provider" | "detectedBy" | "warnings">,
  secretIndex: number | undefined,
): VerifyResult {
  // Spelt out rather than spread: this runs once per request, and object spread is slow in V8.
  const result: VerifyResult = {
    ok: check.ok,
    verdict: check.ok ? "valid" : "invalid",
    provider: base.provider,
    detectedBy: base.detectedBy,
    reason: check.ok ? "valid-signature" : check.reason,
    detail: check.detail,
    warnings: base.warnings,
  };
  if (!check.ok && check.preimage !== undefined) result.preimage = check.preimage;
  if (secretIndex !== undefined) {
    result.secretIndex = secretIndex;
    result.detail += ` (secret #${secretIndex} of the ones given)`;
  }
  return result;
}
