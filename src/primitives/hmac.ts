import { createHash, createHmac, timingSafeEqual } from "node:crypto";

export type Bytes = Uint8Array | string;

export function hmacSha256(secret: string, message: Bytes): Buffer {
  return createHmac("sha256", secret).update(message).digest();
}

export function hmacSha512(secret: string, message: Bytes): Buffer {
  return createHmac("sha512", secret).update(message).digest();
}

export function sha256Hex(message: Bytes): string {
  return createHash("sha256").update(message).digest("hex");
}

/**
 * Compares two MAC encodings in constant time. A length mismatch returns early, which leaks only the
 * length of the expected value: public for every scheme here.
 */
export function constantTimeEqual(expected: string, actual: string): boolean {
  const a = Buffer.from(expected, "utf8");
  const b = Buffer.from(actual, "utf8");
  if (a.length !== b.length) return false;
  return timingSafeEqual(a, b);
}
