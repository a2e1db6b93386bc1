import type { WebhookRequest } from "../primitives/webhook-request.js";
import type { SignedMistake } from "../schemes/scheme.js";
import type { DocumentedRule } from "../providers/provider.js";

/** What a check expects from the handler. */
export type ProbeExpectation =
  /** The provider's own acknowledgement (ack.judge). */
  | "ack"
  /** A rejection: any 4xx. */
  | "reject"
  /** Every delivery of the same event answered 2xx (idempotent redelivery). */
  | "idempotent"
  /** Genuine deliveries answered within the provider's documented timeout (measured on other checks' deliveries). */
  | "in-time"
  /** Every delivery acknowledged by the provider's rule (a lifecycle, whatever its order). */
  | "ack-each"
  /** Every delivery acknowledged, and the last (a duplicate of the one before it) answered with the same status. */
  | "same-ack";

export type ProbeCheckKind =
  | "valid"
  | "raw-body"
  | "timeout"
  | "tampered-body"
  | "wrong-secret"
  | "missing-signature"
  | "stale-timestamp"
  | "wrong-path"
  | "replay"
  | "tampered-amount"
  | "duplicate"
  | "out-of-order";

/** One check of `whk probe`: the requests to send, what must come back, and what failing it means. */
export interface ProbeCase {
  /** Stable id: `<fixture id>/<check>`, e.g. `acme-paid/valid`. */
  id: string;
  kind: ProbeCheckKind;
  provider: string;
  fixture: string;
  title: string;
  /** Sent in order; more than one only for a replay, none for a check that measures others' deliveries. */
  requests: WebhookRequest[];
  expect: ProbeExpectation;
  /** What a real attacker or the real provider does if this check fails. */
  ifItFails: string;
  /** What the provider does when it gets no answer in time, where that differs (a documented timeout rule). */
  ifItTimesOut?: string;
  /** A check that means something only once a genuine delivery was acknowledged: skipped unless that check (its id) passed. */
  dependsOn?: string;
  /** How long the handler has to answer each request; default the run's own timeout. */
  deadlineMs?: number;
  /** A genuine delivery: the same delivery signed with the usual mistakes, sent in order when it is rejected, to say why. */
  mistakes?: readonly SignedMistake[];
  /** A genuine delivery: what to check, most likely first, when it is rejected and no mistake explains it. */
  likelyCauses?: readonly string[];
  /** "in-time": the checks whose deliveries it times, and the documented limit. */
  measures?: { ids: readonly string[]; withinMs: number };
  /** What each request is, when there are several of different events (a lifecycle's steps). */
  labels?: string[];
  /** The documentation the check comes from (a documented timeout; a lifecycle check: the provider's own words on duplicates or ordering). */
  rule?: DocumentedRule;
}
