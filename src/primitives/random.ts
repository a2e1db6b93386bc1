import { createHash, randomBytes } from "node:crypto";

/** A source of random bytes: crypto by default, or a seeded stream so `--seed N` reproduces a render. */
export interface Random {
  bytes(count: number): Buffer;
}

export const cryptoRandom: Random = { bytes: (count) => randomBytes(count) };

/** SHA-256 in counter mode over the seed: deterministic, well mixed, no dependency. */
export function seededRandom(seed: number | string): Random {
  let counter = 0;
  let pool = Buffer.alloc(0);
  return {
    bytes(count) {
      while (pool.length < count) {
        const block = createHash("sha256").update(`whk-seed:${seed}:${counter++}`).digest();
        pool = Buffer.concat([pool, block]);
      }
      const out = pool.subarray(0, count);
      pool = pool.subarray(count);
      return Buffer.from(out);
    },
  };
}

const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** Picks `length` characters from `alphabet` without modulo bias. */
export function randomString(random: Random, alphabet: string, length: number): string {
  let out = "";
  const limit = 256 - (256 % alphabet.length);
  while (out.length < length) {
    for (const byte of random.bytes(length * 2)) {
      if (byte < limit && out.length < length) out += alphabet[byte % alphabet.length];
    }
  }
  return out;
}

export function randomUuid(random: Random): string {
  const b = random.bytes(16);
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const hex = b.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function randomHex(random: Random, length: number): string {
  return random.bytes(Math.ceil(length / 2)).toString("hex").slice(0, length);
}

export function randomDigits(random: Random, length: number): string {
  if (length <= 0) return "";
  return randomString(random, "123456789", 1) + randomString(random, "0123456789", length - 1);
}

export function randomAlnum(random: Random, length: number): string {
  return randomString(random, ALNUM, length);
}

/** A whole number in [0, n), without modulo bias: a seeded stream gives the same choice every time. */
export function randomBelow(random: Random, n: number): number {
  if (!(Number.isInteger(n) && n > 0 && n <= 0x10000)) throw new RangeError("randomBelow takes a whole n in 1..65536");
  const limit = 0x10000 - (0x10000 % n);
  for (;;) {
    const value = random.bytes(2).readUInt16BE(0);
    if (value < limit) return value % n;
  }
}
