import { constantTimeEqual, hmac } from "../../primitives/hmac.js";
import { parseJsonObject } from "../../primitives/json-object.js";
import { writeJsonText } from "../../primitives/json-text.js";
import type { WebhookRequest } from "../../primitives/webhook-request.js";
import type { SignatureCheck, SignatureScheme } from "../../schemes/scheme.js";
import { chaipayHash, chaipayMessage, chaipaySignedFields, chaipayVariantOf, type ChaipayVariant } from "./field-string.js";
import { chaipayMistakes, chaipayVariants } from "./signature-variants.js";

function verifyChaipay(request: WebhookRequest, secret: string): SignatureCheck {
  const body = parseJsonObject(request.body);
  if (!body) return { ok: false, reason: "unreadable-body", detail: "the body is not a JSON object, so its signature_hash field cannot be read" };
  const given = body["signature_hash"];
  if (typeof given !== "string" || given === "") return { ok: false, reason: "missing-signature", detail: "the body has no signature_hash field" };
  const primary = chaipayVariantOf(body) ?? "payment";
  const variants = [primary, ...(Object.keys(chaipaySignedFields) as ChaipayVariant[]).filter((v) => v !== primary)];
  for (const variant of variants) {
    if (constantTimeEqual(chaipayHash(secret, chaipayMessage(body, variant)), given)) {
      return { ok: true, detail: `signature_hash matches the ${variant} field set` };
    }
  }
  return {
    ok: false,
    reason: "bad-signature",
    detail: `signature_hash does not match HMAC-SHA256 of the ${primary} fields (${chaipaySignedFields[primary].join(", ")})`,
    preimage: chaipayMessage(body, primary),
  };
}

export const chaipaySignature: SignatureScheme = {
  id: "chaipay-body-hmac",
  summary: "body.signature_hash: base64 HMAC-SHA256(secret, sorted form-encoded fields)",
  needsSecret: true,
  signatureIn: { bodyField: "signature_hash" },
  // A message built from field values: re-formatting the body changes nothing it signs.
  covers: { body: "fields", timestamp: false, path: false },
  sign(request, { secret }) {
    const body = parseJsonObject(request.body);
    if (!body) throw new TypeError("a ChaiPay body must be a JSON object to carry signature_hash");
    const variant = chaipayVariantOf(body);
    if (variant === undefined) return request;
    const text = request.body.toString("utf8");
    const hash = JSON.stringify(chaipayHash(secret, chaipayMessage(body, variant)));
    return { ...request, body: Buffer.from(writeJsonText(text, ["signature_hash"], hash), "utf8") };
  },
  verify: verifyChaipay,
  preimage(request) {
    const body = parseJsonObject(request.body);
    return body ? chaipayMessage(body, chaipayVariantOf(body) ?? "payment") : undefined;
  },
  facts(request) {
    const body = parseJsonObject(request.body);
    const given = body?.["signature_hash"];
    if (!body || typeof given !== "string" || given === "") return undefined;
    const message = chaipayMessage(body, chaipayVariantOf(body) ?? "payment");
    return { where: "signature_hash", given, algorithm: "sha256", keyed: true, encoding: "base64", accepted: ["base64"], compute: (secret, algorithm) => hmac(algorithm, secret, message) };
  },
  variants: chaipayVariants,
  mistakes: (request, context) => chaipayMistakes(chaipaySignature.sign(request, context), context.secret),
  noMatchEvidence: () => ["the signed message is the field string below; compare it with the one the sender signed"],
  unsignedBecause(request) {
    const body = parseJsonObject(request.body);
    if (body && chaipayVariantOf(body) === undefined && !("signature_hash" in body)) {
      return "ChaiPay's refund webhook carries no signature (docs.chaipay.io, Webhooks)";
    }
    return undefined;
  },
};

