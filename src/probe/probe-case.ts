import type { WebhookRequest } from "../primitives/webhook-request.js";
import type { DocumentedRule } from "../providers/provider.js";

/** What a check expects from the handler. */
export type ProbeExpectation =
  /** The provider's own acknowledgement (ack.judge). */
  | "ack"
  /** A rejection: any 4xx. */
  | "reject"
  /** Every delivery of the same event answered 2xx (idempotent redelivery). */
  | "idempotent"
  /** Every delivery acknowledged by the provider's rule (a lifecycle, whatever its order). */
  | "ack-each"
  /** Every delivery acknowledged, and the last (a duplicate of the one before it) answered with the same status. */
  | "same-ack";

export type ProbeCheckKind =
  | "valid"
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
  /** Sent in order; more than one only for a replay. */
  requests: WebhookRequest[];
  expect: ProbeExpectation;
  /** What a real attacker or the real provider does if this check fails. */
  ifItFails: string;
  /** What each request is, when there are several of different events (a lifecycle's steps). */
  labels?: string[];
  /** The documentation the check comes from (a lifecycle check: the provider's own words on duplicates or ordering). */
  rule?: DocumentedRule;
}
