import { createHash, createHmac, timingSafeEqual } from "node:crypto";

export type Bytes = Uint8Array | string;

/** The hash functions webhook signatures use. */
export type HashAlgorithm = "sha1" | "sha256" | "sha512" | "md5";

/** Output size in bytes of each hash. */
export const DIGEST_BYTES: Readonly<Record<HashAlgorithm, number>> = { sha1: 20, sha256: 32, sha512: 64, md5: 16 };

/** "HMAC-SHA256" or "SHA-256": the names the providers' docs use. */
export function algorithmName(algorithm: HashAlgorithm, keyed: boolean): string {
  const base = algorithm === "md5" ? "MD5" : `SHA-${algorithm.slice(3)}`;
  return keyed ? `HMAC-${base.replace("-", "")}` : base;
}

export function hmac(algorithm: HashAlgorithm, key: Bytes, message: Bytes): Buffer {
  return createHmac(algorithm, key).update(message).digest();
}

export function digest(algorithm: HashAlgorithm, message: Bytes): Buffer {
  return createHash(algorithm).update(message).digest();
}

export function hmacSha256(secret: Bytes, message: Bytes): Buffer {
  return hmac("sha256", secret, message);
}

export function hmacSha512(secret: Bytes, message: Bytes): Buffer {
  return hmac("sha512", secret, message);
}

export function sha256Hex(message: Bytes): string {
  return digest("sha256", message).toString("hex");
}

/**
 * Compares two MAC encodings in constant time. A length mismatch returns early, which leaks only the
 * length of the expected value: public for every scheme here.
 */
export function constantTimeEqual(expected: string, actual: string): boolean {
  return bytesEqual(Buffer.from(expected, "utf8"), Buffer.from(actual, "utf8"));
}

/** The same for raw bytes (a decoded MAC against the computed one). */
export function bytesEqual(expected: Uint8Array, actual: Uint8Array): boolean {
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
