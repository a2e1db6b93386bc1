import { WhkInputError } from "../../primitives/errors.js";
import { readJsonText, writeJsonText } from "../../primitives/json-text.js";
import { bytesEqual, hmac } from "../../primitives/hmac.js";
import type { WebhookRequest } from "../../primitives/webhook-request.js";
import type { SignatureCheck, SignatureScheme } from "../../schemes/scheme.js";
import { hexKey, NOT_HEX } from "./hmac-key.js";
import { itemPath, notificationItems, signingString, type NotificationItem } from "./notification-items.js";
import { adyenVariants } from "./signature-variants.js";

const BASE64_SHA256 = /^[A-Za-z0-9+/]{43}=$/;

const macOf = (key: Buffer | string, item: NotificationItem): Buffer => hmac("sha256", key, signingString(item.values));

/** The body with one item's hmacSignature written in place (additionalData created when the item has none). */
function withSignature(body: string, index: number, signature: string): string {
  if (readJsonText(body, itemPath(index, "additionalData")) !== undefined) return writeJsonText(body, itemPath(index, "additionalData", "hmacSignature"), JSON.stringify(signature));
  return writeJsonText(body, itemPath(index, "additionalData"), JSON.stringify({ hmacSignature: signature }));
}

/** Each item on its own, in order: the first that fails decides. */
function verifyAdyen(request: WebhookRequest, secret: string): SignatureCheck {
  const items = notificationItems(request);
  if (items === undefined) return { ok: false, reason: "unreadable-body", detail: "the body is not an Adyen notification batch (no notificationItems array)" };
  if (items.length === 0) return { ok: false, reason: "missing-signature", detail: "the batch has no notification items" };
  const key = hexKey(secret);
  for (const item of items) {
    const which = `item ${item.index + 1} of ${items.length} (pspReference ${item.values[0] || "empty"})`;
    if (item.signature === undefined || item.signature === "") return { ok: false, reason: "missing-signature", detail: `${which} has no additionalData.hmacSignature` };
    if (!BASE64_SHA256.test(item.signature)) return { ok: false, reason: "malformed-signature", detail: `${which}: hmacSignature is not 44 base64 characters (got ${item.signature.length})` };
    if (key === undefined) return { ok: false, reason: "bad-signature", detail: `${which}: ${NOT_HEX}`, preimage: signingString(item.values) };
    if (!bytesEqual(macOf(key, item), Buffer.from(item.signature, "base64"))) {
      return { ok: false, reason: "bad-signature", detail: `${which}: hmacSignature does not match HMAC-SHA256 of its eight signed fields`, preimage: signingString(item.values) };
    }
  }
  return { ok: true, detail: `hmacSignature matches for ${items.length === 1 ? "the batch's one item" : `each of the ${items.length} items`} (HMAC-SHA256, hex-decoded key, ${items.length === 1 ? "its" : "each item's"} eight signed fields)` };
}

export const adyenSignature: SignatureScheme = {
  id: "adyen-item-hmac-sha256",
  summary: "notificationItems[].NotificationRequestItem.additionalData.hmacSignature: base64 HMAC-SHA256(hex-decoded key, psp:origRef:merchantAccount:merchantRef:value:currency:eventCode:success), per item",
  needsSecret: true,
  signatureIn: { bodyField: "notificationItems.0.NotificationRequestItem.additionalData.hmacSignature" },
  covers: { body: "fields", timestamp: false, path: false },
  sign(request, { secret }) {
    const key = hexKey(secret);
    // The user's to fix, not a misuse of the scheme: an input error with its own hint.
    if (key === undefined) throw new WhkInputError("bad-secret", NOT_HEX, "pass the HMAC key from Adyen's Customer Area: --secret <64 hex characters>");
    const items = notificationItems(request);
    if (items === undefined) throw new TypeError("the body must be an Adyen notification batch ({\"notificationItems\": [...]}) to carry hmacSignature");
    let body = request.body.toString("utf8");
    for (const item of items) body = withSignature(body, item.index, macOf(key, item).toString("base64"));
    return { ...request, body: Buffer.from(body, "utf8") };
  },
  verify: verifyAdyen,
  preimage: (request) => notificationItems(request)?.map((item) => signingString(item.values)).join("\n"),
  facts(request) {
    const item = notificationItems(request)?.find((candidate) => candidate.signature !== undefined && candidate.signature !== "");
    if (item === undefined) return undefined;
    const where = itemPath(item.index, "additionalData", "hmacSignature").join(".");
    return { where, given: item.signature as string, algorithm: "sha256", keyed: true, encoding: "base64", accepted: ["base64"], compute: (secret, algorithm) => hmac(algorithm, hexKey(secret) ?? Buffer.alloc(0), signingString(item.values)) };
  },
  variants: adyenVariants,
  noMatchEvidence: () => ["each item signs pspReference:originalReference:merchantAccountCode:merchantReference:value:currency:eventCode:success (below, one line per item): compare them with the sender's"],
};
