import { WhkInputError } from "../../primitives/errors.js";
import { getHeader } from "../../primitives/headers.js";
import { parseJsonObject } from "../../primitives/json-object.js";
import type { WebhookRequest } from "../../primitives/webhook-request.js";
import type { Attempt } from "../../schemes/explanation.js";
import type { SignatureCheck, SignatureScheme } from "../../schemes/scheme.js";
import { templateScheme } from "../../schemes/template/template-scheme.js";

/**
 * PayMongo (https://developers.paymongo.com/docs/securing-webhook): `Paymongo-Signature:
 * t=<unix>,te=<hex>,li=<hex>`, each a hex HMAC-SHA256 of `t + "." + raw body` with the webhook secret;
 * "compare the signature ... against the li's value if the event is in live mode or te if in test
 * mode". The other field is empty. Both official SDKs read the three parts by position, so all three
 * are always written. One template per mode; this adapter picks which.
 */
const HEADER = "Paymongo-Signature";
const template = (format: string): SignatureScheme =>
  templateScheme({ algorithm: "hmac-sha256", message: "{timestamp}.{body}", header: HEADER, format, timestamp: "unix" });
const byMode = { test: template("t={timestamp},te={signature},li="), live: template("t={timestamp},te=,li={signature}") };
type Mode = keyof typeof byMode;
const FIELD: Record<Mode, string> = { test: "te", live: "li" };
const other = (mode: Mode): Mode => (mode === "test" ? "live" : "test");

/** The event's own mode (`data.attributes.livemode`), when the body says. */
function eventMode(request: WebhookRequest): Mode | undefined {
  const data = parseJsonObject(request.body)?.["data"];
  const attributes = data !== null && typeof data === "object" ? (data as Record<string, unknown>)["attributes"] : undefined;
  const livemode = attributes !== null && typeof attributes === "object" ? (attributes as Record<string, unknown>)["livemode"] : undefined;
  return livemode === true ? "live" : livemode === false ? "test" : undefined;
}

/** The field the header fills, li first (as paymongo-node reads it), for a body that does not say its mode. */
function filledMode(request: WebhookRequest): Mode {
  const value = getHeader(request.headers, HEADER) ?? "";
  return /(^|,)\s*li=[^,\s]/.test(value) ? "live" : "test";
}

const modeOf = (request: WebhookRequest): Mode => eventMode(request) ?? filledMode(request);

/** The mode a signer asked for: the option, else the event's own, else test. */
function signingMode(request: WebhookRequest, option: string | undefined): Mode {
  if (option === undefined) return eventMode(request) ?? "test";
  if (option === "test" || option === "live") return option;
  throw new WhkInputError("bad-option", `--paymongo-mode must be test or live (got "${option}")`, "use --paymongo-mode test (te) or --paymongo-mode live (li)");
}

const EPOCH = { at: new Date(0), toleranceMs: Number.POSITIVE_INFINITY };
const validIn = (mode: Mode, request: WebhookRequest, secret: string): boolean => {
  const check = byMode[mode].verify(request, secret, EPOCH);
  return check.ok || check.reason === "timestamp-out-of-tolerance";
};

/** The signature filled for one mode, valid, where the event is of the other: a test/live mix-up. */
function mixUp(request: WebhookRequest): Attempt {
  const mode = modeOf(request);
  const filled = other(mode);
  const said = eventMode(request) !== undefined ? `the event says livemode: ${mode === "live"}` : `the header fills ${FIELD[mode]}`;
  return {
    cause: "signature-mode",
    summary: `the ${FIELD[filled]} (${filled}-mode) signature is valid for this body, but ${said}: the test and live fields are mixed up (a ${filled}-mode signature on a ${mode}-mode event), and ${FIELD[mode]} is what a receiver compares`,
    evidence: [`${HEADER}: ${FIELD[mode]} checked for a ${mode}-mode event; ${FIELD[filled]} holds the valid signature`],
    matches: (secret) => validIn(filled, request, secret),
  };
}

export const paymongoSignature: SignatureScheme = {
  id: "paymongo-hmac-sha256",
  summary: `${HEADER} (t={timestamp},te={test},li={live}): hex HMAC-SHA256(secret, {timestamp}.{body}); te for test-mode events, li for live`,
  needsSecret: true,
  signatureIn: { header: HEADER },
  covers: { body: "bytes", timestamp: true, path: false },
  sign: (request, context) => byMode[signingMode(request, context.options?.["paymongoMode"])].sign(request, context),
  verify(request, secret, context): SignatureCheck {
    const mode = modeOf(request);
    const check = byMode[mode].verify(request, secret, context);
    if (check.ok || check.reason !== "malformed-signature" || !/(^|,)\s*(te|li)=[^,\s]/.test(getHeader(request.headers, HEADER) ?? "")) return check;
    return { ...check, detail: `${FIELD[mode]} is empty, and the event is ${mode}-mode: PayMongo signs ${mode}-mode events in ${FIELD[mode]} (${check.detail})` };
  },
  forRequest: (request) => byMode[modeOf(request)],
  preimage: (request) => byMode[modeOf(request)].preimage?.(request),
  facts: (request) => byMode[modeOf(request)].facts?.(request),
  *variants(request) {
    yield mixUp(request);
    yield* byMode[modeOf(request)].variants?.(request) ?? [];
  },
  noMatchEvidence: (request) => byMode[modeOf(request)].noMatchEvidence?.(request) ?? [],
};
