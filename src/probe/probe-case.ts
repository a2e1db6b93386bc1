import type { WebhookRequest } from "../primitives/webhook-request.js";

/** What a check expects from the handler. */
export type ProbeExpectation =
  /** The provider's own acknowledgement (ack.judge). */
  | "ack"
  /** A rejection: any 4xx. */
  | "reject"
  /** Every delivery of the same event answered 2xx (idempotent redelivery). */
  | "idempotent";

export type ProbeCheckKind =
  | "valid"
  | "tampered-body"
  | "wrong-secret"
  | "missing-signature"
  | "stale-timestamp"
  | "wrong-path"
  | "replay"
  | "tampered-amount";

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
}
