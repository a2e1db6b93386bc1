import type { Headers } from "../primitives/headers.js";
import type { Random } from "../primitives/random.js";
import type { WebhookRequest } from "../primitives/webhook-request.js";
import type { SignatureScheme } from "../schemes/scheme.js";

/**
 * A value a provider's deliveries carry that a user may want to set (an access token, a client id).
 * whk turns each into a command-line flag and a config key; the provider reads the value in
 * `prepareHeaders`.
 */
export interface ProviderOption {
  /** The key in `PrepareContext.options` and in a config's provider entry: `accessToken`. */
  key: string;
  /** The flag's name and argument: `--access-token <token>`. */
  flag: string;
  /** One line for `--help`; say the default. */
  description: string;
}

export interface PrepareContext {
  random: Random;
  /** The values given for the provider's options, by key. */
  options: Readonly<Record<string, string>>;
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
  /**
   * The status part of the rule alone (`--expect-body` keeps it): "HTTP 200" accepts 200 only. Without
   * it, any 2xx.
   */
  status?: { description: string; matches(status: number): boolean };
}

export interface RetryPolicy {
  documented: boolean;
  summary: string;
  /** Wait before retry n (0-based). Empty when no retries are documented. */
  delaysMs: readonly number[];
  /** What happens after the last failed attempt. */
  afterLastFailure: string;
  /**
   * How many retries follow a failed attempt answered with this status (undefined: no answer at all),
   * for a provider whose count depends on it; at most `delaysMs.length`. Absent: every wait is used.
   */
  retriesAfter?(status: number | undefined): number;
  source?: string;
}

export interface DocLink {
  title: string;
  url: string;
}

/** How long a provider waits for an answer, as its docs say: probe fails a handler slower than that. */
export interface DeliveryTimeout {
  ms: number;
  /** The documented rule, in a sentence: what the provider does with a slower answer. */
  rule: string;
  /** Where it is written. */
  source: string;
}

/** A sentence from a provider's docs and the page that says it: what a check or a fault is based on. */
export interface DocumentedRule {
  /** What the docs say, in a few words (quoted or closely paraphrased). */
  says: string;
  url: string;
}

/**
 * How a provider's deliveries arrive beyond retries, as its docs say: the same event more than once, a
 * later status before an earlier one. The duplicate and reorder faults of `whk scenario run` and probe's lifecycle
 * checks follow from it; a provider whose docs say nothing has neither.
 */
export interface DeliveryHabits {
  duplicates?: DocumentedRule;
  outOfOrder?: DocumentedRule;
  /** The bundled scenario probe's lifecycle checks play (the pair the docs name); default: the first of two steps or more. */
  scenario?: string;
}

/** What `whk probe` needs to know of a provider beyond its scheme. */
export interface ProbeHints {
  /** A signed body field holding the amount: probe changes it and keeps the old signature (field-signing schemes). */
  amountField?: string;
  /** What a handler must still watch for, printed under probe's table (else derived from the scheme). */
  caveat?: string;
}

/** Everything whk knows about one provider: data plus small pure functions, checked with `satisfies Provider`. */
export interface Provider {
  /** Lower-case, unique: the folder name, the fixture id prefix, `--provider`. */
  name: string;
  displayName: string;
  region: string;
  /** Other names users know it by (a former brand), lower-case; names and aliases match in any case. */
  aliases?: readonly string[];
  scheme: SignatureScheme;
  /** Values the user may set on its deliveries: flags and config keys. */
  options?: readonly ProviderOption[];
  /** Headers sent with every delivery besides the signature (a token, an idempotency id...). */
  prepareHeaders(context: PrepareContext): Headers;
  /** Why a request looks like this provider's, or undefined. `json` is the body parsed, when it is JSON. */
  detect(request: WebhookRequest, json: unknown): string | undefined;
  ack: Acknowledgement;
  /** The documented wait for an answer; absent where the docs give none (probe then says so). */
  deliveryTimeout?: DeliveryTimeout;
  retry: RetryPolicy;
  /** Duplicates and out-of-order deliveries the provider documents (absent: its docs say nothing of them). */
  delivery?: DeliveryHabits;
  /** A header whose value the provider keeps across redeliveries of one event: probe checks a redelivery is answered 2xx. */
  idempotencyKey?: { header: string };
  /**
   * What whk signs with when the user gives no secret at all, for a provider whose key has a format of
   * its own (a key that must be hex); others use whk-test-secret.
   */
  testSecret?: string;
  probe?: ProbeHints;
  /** The provider's documentation: its webhook pages, signature, retries. */
  docs: readonly DocLink[];
}
