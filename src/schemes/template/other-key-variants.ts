import { bytesEqual } from "../../primitives/hmac.js";
import type { Attempt } from "../explanation.js";

const PAIR = /^([^=,]+)=(.*)$/;

export interface OtherKeyInput {
  /** The signature header's name, and its format (`t={timestamp},v1={signature}`). */
  where: string;
  format: string;
  /** The header as received. */
  received: string | undefined;
  /** The MAC bytes a signature text stands for, or undefined when it is not one. */
  decode(text: string): Buffer | undefined;
  /** The MAC the scheme computes with this secret and this signed timestamp. */
  mac(secret: string, timestamp: string | undefined): Buffer;
}

/**
 * A format of `key=value` pairs reads the signature under one key. Some schemes keep one key per mode
 * or version (a test-mode key beside the live one, a legacy `v0` beside `v1`), and a signer that
 * writes under the wrong key, or a receiver that reads the wrong one, fails every check: this tries
 * each other key's value as the signature.
 */
export function* otherKeyVariants(input: OtherKeyInput): Generator<Attempt> {
  const items = input.format.split(",").map((item) => PAIR.exec(item.trim()));
  if (input.received === undefined || items.length < 2 || items.some((item) => item === null)) return;
  const signatureKey = items.find((item) => item?.[2] === "{signature}")?.[1]?.trim();
  const timestampKey = items.find((item) => item?.[2] === "{timestamp}")?.[1]?.trim();
  const pairs = input.received.split(",").flatMap((item) => {
    const pair = PAIR.exec(item.trim());
    return pair ? [{ key: (pair[1] as string).trim(), value: pair[2] as string }] : [];
  });
  const timestamp = timestampKey !== undefined ? pairs.find((pair) => pair.key === timestampKey)?.value : undefined;
  for (const { key, value } of pairs) {
    if (key === signatureKey || key === timestampKey) continue;
    const given = input.decode(value);
    if (given === undefined) continue;
    yield {
      cause: "signature-key",
      summary: `the signature under "${key}" in ${input.where} is valid, where this scheme reads "${signatureKey ?? "?"}": the signer wrote it under another key, or the receiver reads the wrong one (a scheme with one key per mode or version: test beside live, v0 beside v1)`,
      evidence: [`${input.where}: ${pairs.map((pair) => `${pair.key}=${pair.value === "" ? "(empty)" : `${pair.value.length} characters`}`).join(", ")}`, `valid under: ${key}; read under: ${signatureKey ?? "?"}`],
      matches: (secret) => bytesEqual(input.mac(secret, timestamp), given),
    };
  }
}
