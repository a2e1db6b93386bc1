import { hmac } from "../../primitives/hmac.js";

/**
 * An HS256 JWT (RFC 7519) in compact form, built and read as text: the payload segment is the
 * claims' JSON bytes exactly as written, never a re-serialisation, so a signed claim keeps its spelling.
 */
export const HS256_HEADER = '{"alg":"HS256","typ":"JWT"}';

export interface CompactJws {
  /** `header.payload`: what the signature covers. */
  signingInput: string;
  header: string;
  /** The claims' JSON text. */
  payload: string;
  signature: string;
}

const b64url = (text: string | Buffer): string => Buffer.from(text).toString("base64url");
const SEGMENT = /^[A-Za-z0-9_-]+$/;

/** The signature segment: base64url HMAC-SHA256 of the signing input. */
export const hs256 = (key: string | Buffer, signingInput: string): string => hmac("sha256", key, signingInput).toString("base64url");

/** A JWT over `claimsJson` with the standard HS256 header. */
export function signJws(claimsJson: string, key: string | Buffer): string {
  const signingInput = `${b64url(HS256_HEADER)}.${b64url(claimsJson)}`;
  return `${signingInput}.${hs256(key, signingInput)}`;
}

/** A compact JWS split and decoded; undefined when the text is not three base64url segments. */
export function readJws(token: string): CompactJws | undefined {
  const parts = token.split(".");
  if (parts.length !== 3 || !parts.every((part, index) => SEGMENT.test(part) || (index === 2 && part === ""))) return undefined;
  const [header = "", payload = "", signature = ""] = parts;
  return { signingInput: `${header}.${payload}`, header: Buffer.from(header, "base64url").toString("utf8"), payload: Buffer.from(payload, "base64url").toString("utf8"), signature };
}

/** The header's `alg`, when the header is JSON. */
export function algOf(jws: CompactJws): string | undefined {
  try {
    const alg = (JSON.parse(jws.header) as { alg?: unknown }).alg;
    return typeof alg === "string" ? alg : undefined;
  } catch {
    return undefined;
  }
}
