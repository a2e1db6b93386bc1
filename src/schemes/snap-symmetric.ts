import { getHeader, setHeader } from "../primitives/headers.js";
import { constantTimeEqual, hmacSha512, sha256Hex } from "../primitives/hmac.js";
import { minifyJson } from "../primitives/minify-json.js";
import { formatTimestamp } from "../primitives/time-format.js";
import { relativeUrl, type WebhookRequest } from "../primitives/webhook-request.js";
import type { SignatureCheck, SignatureScheme } from "../providers/provider.js";

/**
 * SNAP BI symmetric signature, as Topremit documents for its callbacks
 * (https://staging-docs.topremit.com, "Virtual Account Callback", header X-SIGNATURE):
 *   HMAC_SHA512(clientSecret, METHOD:EndpointUrl:AccessToken:lowerhex(SHA256(minify(body))):X-TIMESTAMP)
 * Topremit does not state the encoding; the SNAP ecosystem uses standard base64, so we sign in base64
 * and accept base64 or 128-character hex when verifying (providers.md).
 */

export interface SnapParts {
  method: string;
  endpointUrl: string;
  accessToken: string;
  bodyHash: string;
  timestamp: string;
}

export function snapStringToSign(parts: SnapParts): string {
  return `${parts.method.toUpperCase()}:${parts.endpointUrl}:${parts.accessToken}:${parts.bodyHash}:${parts.timestamp}`;
}

export function snapBodyHash(body: Uint8Array): string {
  return sha256Hex(minifyJson(body));
}

export function snapSignature(secret: string, stringToSign: string): string {
  return hmacSha512(secret, stringToSign).toString("base64");
}

/** The access token in `Authorization: Bearer <token>`, without the word Bearer. */
export function bearerToken(request: WebhookRequest): string | undefined {
  const authorization = getHeader(request.headers, "Authorization");
  if (authorization === undefined) return undefined;
  return authorization.replace(/^\s*Bearer\s+/i, "").trim();
}

export function snapPartsOf(request: WebhookRequest): SnapParts | undefined {
  const timestamp = getHeader(request.headers, "X-TIMESTAMP");
  const accessToken = bearerToken(request);
  if (timestamp === undefined || accessToken === undefined) return undefined;
  return {
    method: request.method,
    endpointUrl: relativeUrl(request.url),
    accessToken,
    bodyHash: snapBodyHash(request.body),
    timestamp,
  };
}

/** Topremit's X-TIMESTAMP spelling: `2025-05-15T12:34:31+07:00` (Jakarta time). */
export const SNAP_TIMESTAMP_OFFSET = "+07:00";

export function signatureMatches(expectedBase64: string, given: string): boolean {
  if (/^[0-9a-fA-F]{128}$/.test(given)) {
    return constantTimeEqual(Buffer.from(expectedBase64, "base64").toString("hex"), given.toLowerCase());
  }
  return constantTimeEqual(expectedBase64, given);
}

export const snapSymmetric: SignatureScheme = {
  id: "snap-hmac-sha512",
  summary: "X-SIGNATURE: base64 HMAC-SHA512(secret, METHOD:path:token:sha256(minify(body)):X-TIMESTAMP)",
  needsSecret: true,
  signatureIn: { header: "X-SIGNATURE" },
  sign(request, { secret, now }) {
    const timestamp = formatTimestamp(now, "iso-offset", SNAP_TIMESTAMP_OFFSET);
    const withTimestamp = { ...request, headers: setHeader(request.headers, "X-TIMESTAMP", timestamp) };
    const parts = snapPartsOf(withTimestamp);
    if (!parts) throw new TypeError("a SNAP request needs an Authorization: Bearer header before signing");
    const signature = snapSignature(secret, snapStringToSign(parts));
    return { ...withTimestamp, headers: setHeader(withTimestamp.headers, "X-SIGNATURE", signature) };
  },
  verify(request, secret, { at, toleranceMs }): SignatureCheck {
    const given = getHeader(request.headers, "X-SIGNATURE")?.trim();
    if (given === undefined || given === "") return { ok: false, reason: "missing-signature", detail: "no X-SIGNATURE header" };
    const timestamp = getHeader(request.headers, "X-TIMESTAMP");
    if (timestamp === undefined || timestamp === "") return { ok: false, reason: "missing-timestamp", detail: "no X-TIMESTAMP header" };
    if (bearerToken(request) === undefined) {
      return { ok: false, reason: "missing-token", detail: "no Authorization: Bearer header (its token is part of the string-to-sign)" };
    }
    if (!/^[A-Za-z0-9+/]{86}==$/.test(given) && !/^[0-9a-fA-F]{128}$/.test(given)) {
      return { ok: false, reason: "malformed-signature", detail: `X-SIGNATURE is neither 88-character base64 nor 128-character hex (got ${given.length} characters)` };
    }
    const parts = snapPartsOf(request) as SnapParts;
    const preimage = snapStringToSign(parts);
    if (!signatureMatches(snapSignature(secret, preimage), given)) {
      return { ok: false, reason: "bad-signature", detail: "X-SIGNATURE does not match HMAC-SHA512 of the string-to-sign", preimage };
    }
    const signedAt = Date.parse(timestamp);
    if (Number.isNaN(signedAt)) return { ok: false, reason: "bad-timestamp", detail: `X-TIMESTAMP "${timestamp}" is not ISO 8601` };
    const skewMs = at.getTime() - signedAt;
    if (Math.abs(skewMs) > toleranceMs) {
      const direction = skewMs > 0 ? "old" : "in the future";
      return {
        ok: false,
        reason: "timestamp-out-of-tolerance",
        detail: `X-TIMESTAMP is ${formatSkew(Math.abs(skewMs))} ${direction} (tolerance ${formatSkew(toleranceMs)}): signature valid, but a receiver should reject it as a possible replay`,
      };
    }
    return { ok: true, detail: `X-SIGNATURE matches; X-TIMESTAMP within ${formatSkew(toleranceMs)} (skew ${formatSkew(Math.abs(skewMs))})` };
  },
  preimage(request) {
    const parts = snapPartsOf(request);
    return parts ? snapStringToSign(parts) : undefined;
  },
};

export function formatSkew(ms: number): string {
  if (ms < 1000) return `${ms}ms`;
  const seconds = Math.round(ms / 1000);
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 120) return `${minutes}m`;
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `${hours}h` : `${Math.round(hours / 24)}d`;
}
