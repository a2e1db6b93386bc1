import { getHeader, setHeader } from "../primitives/headers.js";
import { timingSafeEqual } from "node:crypto";
import { hmacSha256 } from "../primitives/hmac.js";
import type { SignatureScheme } from "../providers/provider.js";

/**
 * Lowercase hex HMAC-SHA256 of the raw body in one header. Paycombat (`X-Signature`) and Fazz
 * (`Xfers-Signature`) both sign this way; each is this scheme with its own header name.
 */
export function bodyHmacSha256Hex(header: string): SignatureScheme {
  return {
    id: "hmac-sha256-hex",
    summary: `${header}: hex HMAC-SHA256(secret, body)`,
    needsSecret: true,
    signatureIn: { header },
    sign(request, { secret }) {
      const signature = hmacSha256(secret, request.body).toString("hex");
      return { ...request, headers: setHeader(request.headers, header, signature) };
    },
    verify(request, secret) {
      const given = getHeader(request.headers, header)?.trim();
      if (given === undefined || given === "") {
        return { ok: false, reason: "missing-signature", detail: `no ${header} header` };
      }
      if (!/^[0-9a-fA-F]{64}$/.test(given)) {
        return { ok: false, reason: "malformed-signature", detail: `${header} is not 64 hex characters (got ${given.length} characters)` };
      }
      // Compared as bytes: the 32-byte MAC against the header's hex decoded (checked above to be 64 hex digits).
      if (timingSafeEqual(hmacSha256(secret, request.body), Buffer.from(given, "hex"))) {
        return { ok: true, detail: `${header} matches HMAC-SHA256 of the ${request.body.length}-byte body` };
      }
      return { ok: false, reason: "bad-signature", detail: `${header} does not match HMAC-SHA256 of the ${request.body.length}-byte body` };
    },
    preimage(request) {
      return request.body.toString("utf8");
    },
  };
}
