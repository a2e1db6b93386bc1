import type { Headers } from "../primitives/headers.js";
import type { Random } from "../primitives/random.js";
import type { WebhookRequest } from "../primitives/webhook-request.js";
import type { ProviderName } from "./provider-name.js";

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
  toleranceMs: number;
}

export interface SignContext {
  secret: string;
  now: Date;
}

export interface PrepareContext {
  random: Random;
  accessToken?: string;
  partnerId?: string;
  channelId?: string;
}

/** How a provider signs its webhooks: one pure function pair, shared by providers that use the same scheme. */
export interface SignatureScheme {
  id: string;
  /** One line for `whk list` and `show`. */
  summary: string;
  /** Whether a secret is needed at all (SingleView documents no signature). */
  needsSecret: boolean;
  /** Where the signature travels: a header name, or a field of the JSON body (ChaiPay). */
  signatureIn?: { header: string } | { bodyField: string };
  sign(request: WebhookRequest, context: SignContext): WebhookRequest;
  verify(request: WebhookRequest, secret: string, context: VerifyContext): SignatureCheck;
  /** The exact string the MAC is computed over, for `--show-preimage` and failure reports. */
  preimage?(request: WebhookRequest): string | undefined;
  /** Why this request carries no signature by the provider's own docs, or undefined if it should. */
  unsignedBecause?(request: WebhookRequest): string | undefined;
}

export interface ReceiverAnswer {
  status: number;
  headers: Headers;
  body: string;
}

export type AckJudgement = { ok: true } | { ok: false; why: string };

/** What the provider expects back, and what `whk listen` answers in its place. */
export interface Acknowledgement {
  summary: string;
  response: { status: number; headers: Headers; body: string };
  judge(answer: ReceiverAnswer): AckJudgement;
}

export interface RetryPolicy {
  documented: boolean;
  summary: string;
  /** Wait before retry n (0-based). Empty when no retries are documented. */
  delaysMs: readonly number[];
  /** What happens after the last failed attempt. */
  afterLastFailure: string;
  source?: string;
}

export interface DocLink {
  title: string;
  url: string;
}

export interface Provider {
  name: ProviderName;
  displayName: string;
  region: string;
  scheme: SignatureScheme;
  /** Headers sent with every delivery besides the signature (e.g. Topremit's token and idempotency id). */
  prepareHeaders(context: PrepareContext): Headers;
  /** Why a request looks like this provider's, or undefined. */
  detect(request: WebhookRequest, json: unknown): string | undefined;
  ack: Acknowledgement;
  retry: RetryPolicy;
  /** Response headers worth showing after a delivery. */
  docs: readonly DocLink[];
}
