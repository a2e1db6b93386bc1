import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";

/**
 * Signature checks written from the providers' docs (see ../../../shared/providers.md), independent of
 * whk's own scheme code, so an e2e test cannot pass just because whk agrees with itself.
 */

const equal = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
const header = (headers: IncomingHttpHeaders, name: string) => {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(", ") : value;
};

/** Paycombat `X-Signature`, Fazz `Xfers-Signature`: hex HMAC-SHA256 of the raw body. */
export function hexBodyHmacValid(body: Buffer, given: string | undefined, secret: string): boolean {
  return given !== undefined && equal(createHmac("sha256", secret).update(body).digest("hex"), given);
}

/** Go json.Compact: drop whitespace outside strings. */
function compact(text: string): string {
  let out = "";
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (inString) {
      out += c;
      if (c === "\\") out += text[++i] ?? "";
      else if (c === '"') inString = false;
    } else if (!" \t\r\n".includes(c)) {
      if (c === '"') inString = true;
      out += c;
    }
  }
  return out;
}

/** Topremit SNAP: base64 HMAC-SHA512 of METHOD:path:token:hex(sha256(minify(body))):X-TIMESTAMP. */
export function snapValid(method: string, pathAndQuery: string, headers: IncomingHttpHeaders, body: Buffer, secret: string): boolean {
  const token = (header(headers, "authorization") ?? "").replace(/^Bearer /, "");
  const timestamp = header(headers, "x-timestamp") ?? "";
  const bodyHash = createHash("sha256").update(compact(body.toString("utf8"))).digest("hex");
  const expected = createHmac("sha512", secret).update(`${method}:${pathAndQuery}:${token}:${bodyHash}:${timestamp}`).digest("base64");
  return equal(expected, header(headers, "x-signature") ?? "");
}

/** Go url.QueryEscape. */
const goEscape = (value: string) =>
  encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`).replace(/%20/g, "+");

const chaipayFields: Record<string, string[]> = {
  payment: ["amount", "channel_key", "channel_order_ref", "country_code", "currency", "merchant_order_ref", "method_name", "order_ref", "status"],
  link: ["amount", "country_code", "currency", "link_ref", "merchant_order_ref", "status"],
  subscription: ["currency", "merchant_order_ref", "order_ref", "status"],
};

/** ChaiPay: base64 HMAC-SHA256 of the kind's fields, sorted, Go-form-encoded; refund is unsigned. */
export function chaipayValid(body: Buffer, secret: string): boolean | "unsigned" {
  const json = JSON.parse(body.toString("utf8")) as Record<string, unknown>;
  if (!("signature_hash" in json)) return "refund_id" in json ? "unsigned" : false;
  const kind = "link_ref" in json ? "link" : "channel_key" in json ? "payment" : "subscription";
  const message = (chaipayFields[kind] as string[])
    .map((name) => {
      const raw = name === "country_code" && !(name in json) ? json["countryCode"] : json[name];
      return `${name}=${goEscape(raw === undefined || raw === null ? "" : String(raw))}`;
    })
    .join("&");
  return equal(createHmac("sha256", secret).update(message).digest("base64"), String(json["signature_hash"]));
}
