import { getHeader } from "../primitives/headers.js";
import { constantTimeEqual, hmacSha512, sha256Hex } from "../primitives/hmac.js";
import { minifyJson } from "../primitives/minify-json.js";
import { relativeUrl } from "../primitives/url-parts.js";
import type { WebhookRequest } from "../primitives/webhook-request.js";

/**
 * The SNAP BI symmetric signature (Bank Indonesia's Standar Nasional Open API Pembayaran), which
 * Indonesian gateways put on their callbacks in the header X-SIGNATURE:
 *   HMAC_SHA512(clientSecret, METHOD:EndpointUrl:AccessToken:lowerhex(SHA256(minify(body))):X-TIMESTAMP)
 * Not every gateway states the encoding; the SNAP ecosystem uses standard base64, so we sign in base64
 * and accept base64 or 128-character hex when verifying (providers.md). Each provider that signs this
 * way cites its own page in its folder.
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

/** Whether a given X-SIGNATURE (base64, or 128-character hex) is the expected base64 MAC. */
export function signatureMatches(expectedBase64: string, given: string): boolean {
  if (/^[0-9a-fA-F]{128}$/.test(given)) {
    return constantTimeEqual(Buffer.from(expectedBase64, "base64").toString("hex"), given.toLowerCase());
  }
  return constantTimeEqual(expectedBase64, given);
}
