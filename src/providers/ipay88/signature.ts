import { formField, writeFormField } from "../../primitives/form-body.js";
import { bytesEqual, digest, hmac } from "../../primitives/hmac.js";
import type { WebhookRequest } from "../../primitives/webhook-request.js";
import type { Attempt } from "../../schemes/explanation.js";
import type { SignatureScheme } from "../../schemes/scheme.js";
import { amountDigits, signedValues, stringAfterKey, type SignedValues } from "./signature-string.js";

const FIELD = "Signature";
const HEX_SHA256 = /^[0-9a-fA-F]{64}$/;
const givenOf = (request: WebhookRequest): string | undefined => formField(request.body.toString("utf8"), FIELD);
const sha256 = (secret: string, values: SignedValues, amount?: (text: string) => string): Buffer => digest("sha256", secret + stringAfterKey(values, amount));

/**
 * Near misses met in iPay88 integrations: the amount signed as written (separators kept, or only one
 * kind removed), and the newer specs' HMAC-SHA512 keyed with the merchant key (reported for 2020+
 * integrations; gateways.md, "Older specs used SHA1/base64; newer ... HMAC-SHA512"). SHA-1 and base64
 * come from the encoding variants every scheme gets through `facts`.
 */
function* ipay88Variants(request: WebhookRequest): Generator<Attempt> {
  const values = signedValues(request);
  const given = givenOf(request);
  if (values === undefined || given === undefined || given === "") return;
  const amounts: [string, (text: string) => string][] = [
    ["with its separators, as sent", (text) => text],
    ['with only "." removed', (text) => text.replace(/\./g, "")],
    ['with only "," removed', (text) => text.replace(/,/g, "")],
  ];
  const tried = new Set([amountDigits(values.Amount)]);
  for (const [how, amount] of amounts) {
    if (tried.has(amount(values.Amount))) continue;
    tried.add(amount(values.Amount));
    yield {
      cause: "field-format",
      summary: `the signature matches with Amount signed ${how} ("${amount(values.Amount)}"): the signer did not strip "." and "," from the amount as the spec says`,
      evidence: [`Amount received: ${values.Amount}`, `signed as: ${amount(values.Amount)}`, `documented: ${amountDigits(values.Amount)}`],
      matches: (secret) => HEX_SHA256.test(given) && bytesEqual(sha256(secret, values, amount), Buffer.from(given, "hex")),
    };
  }
  yield {
    cause: "signature-algorithm",
    summary: "the signature is HMAC-SHA512 keyed with the merchant key over the same fields: the sender follows a newer iPay88 spec than the SHA-256 one whk implements",
    evidence: [`${FIELD} is ${given.length} characters`],
    matches: (secret) => /^[0-9a-fA-F]{128}$/.test(given) && bytesEqual(hmac("sha512", secret, stringAfterKey(values)), Buffer.from(given, "hex")),
  };
}

export const ipay88Signature: SignatureScheme = {
  id: "ipay88-sha256",
  summary: `body.${FIELD}: hex SHA-256(MerchantKey + MerchantCode + PaymentId + RefNo + Amount without "." and "," + Currency + Status)`,
  needsSecret: true,
  signatureIn: { bodyField: FIELD },
  covers: { body: "fields", timestamp: false, path: false },
  sign(request, { secret }) {
    const values = signedValues(request);
    if (values === undefined) throw new TypeError(`the body must be a form (Content-Type: application/x-www-form-urlencoded) to carry ${FIELD}`);
    const signature = sha256(secret, values).toString("hex");
    return { ...request, body: Buffer.from(writeFormField(request.body.toString("utf8"), FIELD, signature), "utf8") };
  },
  verify(request, secret) {
    const values = signedValues(request);
    if (values === undefined) return { ok: false, reason: "unreadable-body", detail: `the body is not a form, so its ${FIELD} field cannot be read` };
    const given = givenOf(request);
    if (given === undefined || given === "") return { ok: false, reason: "missing-signature", detail: `the form has no ${FIELD} field` };
    if (!HEX_SHA256.test(given)) return { ok: false, reason: "malformed-signature", detail: `${FIELD} is not 64 hex characters (got ${given.length} characters)` };
    if (!bytesEqual(sha256(secret, values), Buffer.from(given, "hex"))) {
      return { ok: false, reason: "bad-signature", detail: `${FIELD} does not match SHA-256 of the merchant key and the signed fields`, preimage: `{secret}${stringAfterKey(values)}` };
    }
    return { ok: true, detail: `${FIELD} matches SHA-256 of the merchant key + MerchantCode + PaymentId + RefNo + Amount ("${amountDigits(values.Amount)}") + Currency + Status` };
  },
  preimage(request) {
    const values = signedValues(request);
    return values === undefined ? undefined : `{secret}${stringAfterKey(values)}`;
  },
  facts(request) {
    const values = signedValues(request);
    const given = givenOf(request);
    if (values === undefined || given === undefined || given === "") return undefined;
    return { where: FIELD, given, algorithm: "sha256", keyed: false, encoding: "hex", accepted: ["hex"], compute: (secret, algorithm) => digest(algorithm, secret + stringAfterKey(values)) };
  },
  variants: ipay88Variants,
  noMatchEvidence: () => ["the signed string is the merchant key followed by MerchantCode, PaymentId, RefNo, Amount (digits only), Currency and Status (below): compare it with the sender's"],
};
