import { createHmac, timingSafeEqual } from "node:crypto";
import type { CapturedRequest } from "./http-server.js";

/** What a provider check says of one captured delivery. */
export type DeliveryCheck = { ok: true; signed: boolean } | { ok: false; why: string };

export const same = (expected: string, given: string | undefined): boolean =>
  given !== undefined && expected.length === given.length && timingSafeEqual(Buffer.from(expected), Buffer.from(given));

/** Paycombat X-Signature, Fazz Xfers-Signature: lowercase hex HMAC-SHA256(secret, raw body). */
export function hexBodyHmac(header: string) {
  return (request: CapturedRequest, secret: string): DeliveryCheck => {
    const expected = createHmac("sha256", secret).update(request.body).digest("hex");
    return same(expected, request.headers[header]) ? { ok: true, signed: true } : { ok: false, why: `${header} is not hex HMAC-SHA256 of the body` };
  };
}

