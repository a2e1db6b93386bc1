import type { WebhookRequest } from "../primitives/webhook-request.js";
import type { Attempt, SignatureFacts, VariationCause } from "./explanation.js";

/** Why a signature check failed: stable codes, used in `--json` output and by library callers. */
export type FailureReason =
  | "missing-signature"
  | "malformed-signature"
  | "bad-signature"
  | "missing-timestamp"
  | "bad-timestamp"
  | "timestamp-out-of-tolerance"
  | "missing-token"
  | "unreadable-body";

export type SignatureCheck =
  | { ok: true; detail: string }
  | { ok: false; reason: FailureReason; detail: string; preimage?: string };

export interface VerifyContext {
  /** The instant timestamps are judged against. */
  at: Date;
  /** How far a signed timestamp may be from `at`; undefined means the scheme's own default. */
  toleranceMs?: number;
}

export interface SignContext {
  secret: string;
  now: Date;
  /**
   * The values given for the provider's declared options, by key (`provider.options`): for a scheme
   * whose signing depends on one, such as a mode that decides which field of a header is filled.
   */
  options?: Readonly<Record<string, string>>;
}

/**
 * A delivery signed the way receivers commonly get a scheme wrong (the path with a trailing "?", the
 * fields in another order): a handler that rejects the genuine delivery but accepts this one makes that
 * very mistake. Probe sends these to say why a genuine delivery was rejected.
 */
export interface SignedMistake {
  cause: VariationCause;
  /** What a handler that accepts it does wrong, and the fix, addressed to the handler's author. Never a secret. */
  handlerDoes: string;
  /** The same request, signed over the mistaken string-to-sign. */
  request: WebhookRequest;
}

/**
 * What a signature covers. It decides, without naming any provider, which near misses explain tries
 * (body re-formatting only where the body's bytes are signed), which forgeries probe sends (a stale
 * timestamp, a wrong path) and what probe warns about (no timestamp: replays go unnoticed).
 */
export interface SignatureCoverage {
  /** The body's bytes (or a hash of them), selected fields of it, or nothing of it. */
  body: "bytes" | "fields" | "none";
  timestamp: boolean;
  /** The path (and query) the request is sent to. */
  path: boolean;
}

/**
 * How a provider signs its webhooks: a pure sign/verify pair, shared by every provider that signs the
 * same way (providers differ by parameters, not by copies). Optional hooks let `verify` explain a
 * mismatch without knowing the scheme.
 */
export interface SignatureScheme {
  id: string;
  /** One line for `whk list` and `show`. */
  summary: string;
  /** Whether a secret is needed at all (a provider that documents no signature needs none). */
  needsSecret: boolean;
  /** Where the signature travels: a header, or a field of the body. */
  signatureIn?: { header: string } | { bodyField: string };
  covers: SignatureCoverage;
  sign(request: WebhookRequest, context: SignContext): WebhookRequest;
  verify(request: WebhookRequest, secret: string, context: VerifyContext): SignatureCheck;
  /** The exact string the MAC is computed over (secrets masked), for `--show-preimage` and failure reports. */
  preimage?(request: WebhookRequest): string | undefined;
  /** Why this request carries no signature by the provider's own docs, or undefined if it should. */
  unsignedBecause?(request: WebhookRequest): string | undefined;
  /** How the signature is written and computed, so explain can try other encodings and algorithms. */
  facts?(request: WebhookRequest): SignatureFacts | undefined;
  /** Near misses particular to this scheme (one part of its string-to-sign spelled differently). */
  variants?(request: WebhookRequest): Iterable<Attempt>;
  /** What to compare by hand with the sender when no near miss explains a mismatch. */
  noMatchEvidence?(request: WebhookRequest): string[];
  /** The request signed with each of the usual receiver-side mistakes of this scheme (see SignedMistake). */
  mistakes?(request: WebhookRequest, context: SignContext): Iterable<SignedMistake>;
  /**
   * The scheme this request is signed with, when a provider signs two kinds of webhooks two ways (a
   * form callback and JSON events): what `covers` and `signatureIn` are for this request.
   */
  forRequest?(request: WebhookRequest): SignatureScheme;
}

/** The scheme that signs this request: the scheme itself, or the one it picks for the request's kind. */
export function schemeFor(scheme: SignatureScheme, request: WebhookRequest): SignatureScheme {
  return scheme.forRequest?.(request) ?? scheme;
}
