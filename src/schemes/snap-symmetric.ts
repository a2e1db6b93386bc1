import { formatDuration } from "../primitives/duration.js";
import { getHeader, setHeader } from "../primitives/headers.js";
import { hmac } from "../primitives/hmac.js";
import { minifyJson } from "../primitives/minify-json.js";
import { formatTimestamp } from "../primitives/time-format.js";
import type { SignatureCheck, SignatureScheme } from "./scheme.js";
import { bearerToken, signatureMatches, snapPartsOf, snapSignature, snapStringToSign, type SnapParts } from "./snap-string-to-sign.js";
import { snapMistakes, snapVariants } from "./snap-variants.js";

/** SNAP's X-TIMESTAMP spelling: `2025-05-15T12:34:31+07:00` (Jakarta time). */
export const SNAP_TIMESTAMP_OFFSET = "+07:00";

/** How far X-TIMESTAMP may be from the receipt time when the user sets no --tolerance. */
export const SNAP_DEFAULT_TOLERANCE_MS = 5 * 60_000;

export const snapSymmetric: SignatureScheme = {
  id: "snap-hmac-sha512",
  summary: "X-SIGNATURE: base64 HMAC-SHA512(secret, METHOD:path:token:sha256(minify(body)):X-TIMESTAMP)",
  needsSecret: true,
  signatureIn: { header: "X-SIGNATURE" },
  // The body's bytes, minified: layout-only changes sign the same, explain skips those on its own.
  covers: { body: "bytes", timestamp: true, path: true },
  sign(request, { secret, now }) {
    const timestamp = formatTimestamp(now, "iso-offset", SNAP_TIMESTAMP_OFFSET);
    const withTimestamp = { ...request, headers: setHeader(request.headers, "X-TIMESTAMP", timestamp) };
    const parts = snapPartsOf(withTimestamp);
    if (!parts) throw new TypeError("a SNAP request needs an Authorization: Bearer header before signing");
    const signature = snapSignature(secret, snapStringToSign(parts));
    return { ...withTimestamp, headers: setHeader(withTimestamp.headers, "X-SIGNATURE", signature) };
  },
  verify(request, secret, { at, toleranceMs = SNAP_DEFAULT_TOLERANCE_MS }): SignatureCheck {
    const given = getHeader(request.headers, "X-SIGNATURE")?.trim();
    if (given === undefined || given === "") return { ok: false, reason: "missing-signature", detail: "no X-SIGNATURE header" };
    const timestamp = getHeader(request.headers, "X-TIMESTAMP");
    if (timestamp === undefined || timestamp === "") return { ok: false, reason: "missing-timestamp", detail: "no X-TIMESTAMP header" };
    if (bearerToken(request) === undefined) {
      return { ok: false, reason: "missing-token", detail: "no Authorization: Bearer header (its token is part of the string-to-sign)" };
    }
    if (!/^[A-Za-z0-9+/]{86}==$/.test(given) && !/^[0-9a-fA-F]{128}$/.test(given)) {
      // SNAP also has an asymmetric signature (SHA256withRSA, checked with the sender's public key): a
      // 2048-bit one is 344 base64 characters. Say so, rather than call it garbage.
      const rsa = /^[A-Za-z0-9+/]{342}==$/.test(given) ? ": that is the size of an RSA-2048 signature (SNAP's asymmetric SHA256withRSA, checked with the sender's public key, not a shared secret), which this symmetric scheme cannot verify" : "";
      return { ok: false, reason: "malformed-signature", detail: `X-SIGNATURE is neither 88-character base64 nor 128-character hex (got ${given.length} characters)${rsa}` };
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
        detail: `X-TIMESTAMP is ${formatDuration(Math.abs(skewMs))} ${direction} (tolerance ${formatDuration(toleranceMs)}): signature valid, but a receiver should reject it as a possible replay`,
      };
    }
    return { ok: true, detail: `X-SIGNATURE matches; X-TIMESTAMP within ${formatDuration(toleranceMs)} (skew ${formatDuration(Math.abs(skewMs))})` };
  },
  preimage(request) {
    const parts = snapPartsOf(request);
    return parts ? snapStringToSign(parts) : undefined;
  },
  facts(request) {
    const given = getHeader(request.headers, "X-SIGNATURE")?.trim();
    const parts = snapPartsOf(request);
    if (!given || !parts) return undefined;
    const message = snapStringToSign(parts);
    return { where: "X-SIGNATURE", given, algorithm: "sha512", keyed: true, encoding: "base64", accepted: ["base64", "hex"], compute: (secret, algorithm) => hmac(algorithm, secret, message) };
  },
  variants: snapVariants,
  mistakes: (request, context) => snapMistakes(snapSymmetric.sign(request, context), context.secret),
  noMatchEvidence(request) {
    const parts = snapPartsOf(request);
    if (!parts) return [];
    return [
      `EndpointUrl signed here: ${parts.endpointUrl} (if the sender was given a longer URL, e.g. behind a proxy that strips a prefix, re-check with whk verify --url <that URL>)`,
      `AccessToken: the Bearer token (${parts.accessToken.length} characters); X-TIMESTAMP: ${parts.timestamp}`,
      `body hash: sha256 of the ${minifyJson(request.body).length}-byte minified body = ${parts.bodyHash}`,
    ];
  },
};
