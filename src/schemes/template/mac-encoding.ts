import { DIGEST_BYTES, type HashAlgorithm } from "../../primitives/hmac.js";
import type { TemplateEncoding, TemplateKey } from "./signature-template.js";

/** The HMAC key a secret stands for: UTF-8 text, or bytes decoded from hex or base64 (after a prefix such as `whsec_`). */
export function keyOf(secret: string, key: TemplateKey): string | Buffer {
  if (key === "utf8") return secret;
  if (key === "hex") return Buffer.from(secret, "hex");
  if (key === "base64") return Buffer.from(secret, "base64");
  const prefix = key.slice("base64:".length);
  return Buffer.from(secret.startsWith(prefix) ? secret.slice(prefix.length) : secret, "base64");
}

export function encodeMac(mac: Buffer, encoding: TemplateEncoding): string {
  if (encoding === "hex") return mac.toString("hex");
  if (encoding === "HEX") return mac.toString("hex").toUpperCase();
  return mac.toString(encoding);
}

/** How long a MAC of that hash is once encoded, for "is not 64 hex characters" messages. */
export function encodedLength(algorithm: HashAlgorithm, encoding: TemplateEncoding): number {
  const bytes = DIGEST_BYTES[algorithm];
  if (encoding === "hex" || encoding === "HEX") return bytes * 2;
  if (encoding === "base64") return Math.ceil(bytes / 3) * 4;
  return Math.ceil((bytes * 4) / 3);
}

const HEX = /^[0-9a-fA-F]+$/;

/**
 * The MAC bytes a signature text stands for, when it is that encoding of exactly one MAC of that hash
 * (hex in either case; base64 padded; base64url with or without padding). Undefined otherwise: a
 * malformed signature, told apart from a wrong one.
 */
export function decodeMac(text: string, algorithm: HashAlgorithm, encoding: TemplateEncoding): Buffer | undefined {
  const bytes = DIGEST_BYTES[algorithm];
  if (encoding === "hex" || encoding === "HEX") return text.length === bytes * 2 && HEX.test(text) ? Buffer.from(text, "hex") : undefined;
  if (encoding === "base64") {
    if (text.length !== encodedLength(algorithm, encoding) || !/^[A-Za-z0-9+/]+={0,2}$/.test(text)) return undefined;
    const mac = Buffer.from(text, "base64");
    return mac.length === bytes ? mac : undefined;
  }
  const unpadded = text.replace(/=+$/, "");
  if (unpadded.length !== encodedLength(algorithm, encoding) || !/^[A-Za-z0-9_-]+$/.test(unpadded)) return undefined;
  return Buffer.from(unpadded, "base64url");
}

export const ENCODING_WORDS: Readonly<Record<TemplateEncoding, string>> = { hex: "hex", HEX: "upper-case hex", base64: "base64", base64url: "base64url" };
