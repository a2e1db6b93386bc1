import { createHash, createHmac } from "node:crypto";
import type { CapturedRequest } from "./http-server.js";
import { hexBodyHmac, same, type DeliveryCheck } from "./delivery-check.js";

/**
 * The checks for the providers of issue 13, written here from each provider's docs
 * (/work/shared/gateways.md cites them) with node:crypto and URLSearchParams only: never whk's schemes.
 * Where an official SDK verifies locally, test/vectors/sdk-oracles.test.ts checks whk against it too.
 */

/** `application/x-www-form-urlencoded` fields, decoded, in order. */
const formPairs = (request: CapturedRequest): [string, string][] => [...new URLSearchParams(request.body.toString("utf8")).entries()];

/** `t=..,k=..` pairs of a signature header, by key (the last of a repeated key wins; enough for one signature). */
function headerPairs(value: string | undefined): Record<string, string> {
  return Object.fromEntries((value ?? "").split(",").map((item) => [item.slice(0, item.indexOf("=")).trim(), item.slice(item.indexOf("=") + 1)]));
}

/** Stripe: v1 = hex HMAC-SHA256(whsec as text, t + "." + body); the timestamp within 300 s. */
function stripe(request: CapturedRequest, secret: string): DeliveryCheck {
  const { t, v1 } = headerPairs(request.headers["stripe-signature"]);
  if (t === undefined || Math.abs(Date.now() / 1000 - Number(t)) > 300) return { ok: false, why: "no t, or t is not within 300 s" };
  const expected = createHmac("sha256", secret).update(`${t}.`).update(request.body).digest("hex");
  return same(expected, v1) ? { ok: true, signed: true } : { ok: false, why: "v1 is not HMAC-SHA256 of t.body" };
}

/** PayMongo: te (test-mode event) or li (live) = hex HMAC-SHA256(secret, t + "." + body); the other field empty. */
function paymongo(request: CapturedRequest, secret: string): DeliveryCheck {
  const parts = (request.headers["paymongo-signature"] ?? "").split(",");
  if (parts.length !== 3) return { ok: false, why: "Paymongo-Signature is not three parts t,te,li" };
  const [t, te, li] = parts.map((part) => part.slice(part.indexOf("=") + 1));
  const livemode = (JSON.parse(request.body.toString("utf8")) as { data: { attributes: { livemode: boolean } } }).data.attributes.livemode;
  const [given, other] = livemode ? [li, te] : [te, li];
  const expected = createHmac("sha256", secret).update(`${t}.`).update(request.body).digest("hex");
  if (other !== "") return { ok: false, why: `the ${livemode ? "te" : "li"} field is filled for a ${livemode ? "live" : "test"}-mode event` };
  return same(expected, given) ? { ok: true, signed: true } : { ok: false, why: "the mode's field is not HMAC-SHA256 of t.body" };
}

/** HitPay: v1 form hmac = HMAC-SHA256(salt, key+value pairs sorted by key, hmac left out); v2 Hitpay-Signature over the body. */
function hitpay(request: CapturedRequest, secret: string): DeliveryCheck {
  if (!(request.headers["content-type"] ?? "").includes("x-www-form-urlencoded")) return hexBodyHmac("hitpay-signature")(request, secret);
  const pairs = formPairs(request);
  const source = pairs.filter(([key]) => key !== "hmac").sort(([a], [b]) => (a < b ? -1 : 1)).map(([key, value]) => `${key}${value}`).join("");
  const expected = createHmac("sha256", secret).update(source).digest("hex");
  return same(expected, pairs.find(([key]) => key === "hmac")?.[1]) ? { ok: true, signed: true } : { ok: false, why: `hmac does not sign "${source}"` };
}

/** Billplz: x_signature = HMAC-SHA256(key, key+value strings sorted case-insensitively, joined with "|"). */
function billplz(request: CapturedRequest, secret: string): DeliveryCheck {
  const pairs = formPairs(request);
  const source = pairs.filter(([key]) => key !== "x_signature").map(([key, value]) => `${key}${value}`).sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0)).join("|");
  const expected = createHmac("sha256", secret).update(source).digest("hex");
  return same(expected, pairs.find(([key]) => key === "x_signature")?.[1]) ? { ok: true, signed: true } : { ok: false, why: `x_signature does not sign "${source}"` };
}

/** iPay88: Signature = hex SHA-256(key + MerchantCode + PaymentId + RefNo + Amount without . and , + Currency + Status). */
function ipay88(request: CapturedRequest, secret: string): DeliveryCheck {
  const form = new URLSearchParams(request.body.toString("utf8"));
  const source = `${secret}${form.get("MerchantCode")}${form.get("PaymentId")}${form.get("RefNo")}${(form.get("Amount") ?? "").replace(/[.,]/g, "")}${form.get("Currency")}${form.get("Status")}`;
  return same(createHash("sha256").update(source).digest("hex"), form.get("Signature") ?? undefined) ? { ok: true, signed: true } : { ok: false, why: "Signature is not SHA-256 of the key and the signed fields" };
}

/** 2C2P: {"payload": JWT}, HS256 with the secret as text; the token's own header says HS256. */
function twoC2p(request: CapturedRequest, secret: string): DeliveryCheck {
  const { payload } = JSON.parse(request.body.toString("utf8")) as { payload: string };
  const [header = "", claims = "", signature] = payload.split(".");
  if ((JSON.parse(Buffer.from(header, "base64url").toString()) as { alg?: string }).alg !== "HS256") return { ok: false, why: "the JWT header is not HS256" };
  const expected = createHmac("sha256", secret).update(`${header}.${claims}`).digest("base64url");
  return same(expected, signature) ? { ok: true, signed: true } : { ok: false, why: "the JWT signature is not HS256 with the secret" };
}

/** Adyen: each item's hmacSignature = base64 HMAC-SHA256(hex-decoded key, eight fields joined with ":"). */
function adyen(request: CapturedRequest, secret: string): DeliveryCheck {
  type Item = { pspReference: string; originalReference?: string; merchantAccountCode: string; merchantReference: string; amount: { value: number; currency: string }; eventCode: string; success: string; additionalData: { hmacSignature: string } };
  const { notificationItems } = JSON.parse(request.body.toString("utf8")) as { notificationItems: { NotificationRequestItem: Item }[] };
  for (const { NotificationRequestItem: item } of notificationItems) {
    const data = [item.pspReference, item.originalReference ?? "", item.merchantAccountCode, item.merchantReference, item.amount.value, item.amount.currency, item.eventCode, item.success].join(":");
    const expected = createHmac("sha256", Buffer.from(secret, "hex")).update(data).digest("base64");
    if (!same(expected, item.additionalData.hmacSignature)) return { ok: false, why: `hmacSignature does not sign "${data}"` };
  }
  return { ok: true, signed: true };
}

export const regionalChecks = {
  paymongo,
  hitpay,
  billplz,
  ipay88,
  "2c2p": twoC2p,
  adyen,
  stripe,
  razorpay: hexBodyHmac("x-razorpay-signature"),
};
