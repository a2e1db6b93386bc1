import { algorithmName, bytesEqual, type HashAlgorithm } from "../../primitives/hmac.js";
import type { Attempt, SignatureEncoding, SignatureFacts } from "../../schemes/explanation.js";

interface Decoding {
  name: string;
  bytes: Buffer;
  /** Whether the scheme's own verify already reads the signature this way. */
  accepted: boolean;
}

/** The other hashes worth trying: the ones HMACs are built on, and the plain digests gateways use (MD5 among them). */
const HMAC_HASHES: readonly HashAlgorithm[] = ["sha256", "sha512", "sha1"];
const DIGEST_HASHES: readonly HashAlgorithm[] = ["sha256", "sha512", "md5", "sha1"];

const ENCODING_NAMES: Record<SignatureEncoding, string> = { hex: "lower-case hex", base64: "standard base64", base64url: "base64url" };

/** Every way the given signature text can be read as bytes: hex, base64, base64url, behind a `sha256=`-style prefix. */
function decodings(given: string, accepted: readonly SignatureEncoding[]): Decoding[] {
  const out: Decoding[] = [];
  const prefixed = /^([A-Za-z0-9-]{1,12})=(.+)$/.exec(given);
  const candidates: [string, string][] = [["", given]];
  if (prefixed) candidates.push([`behind a "${prefixed[1]}=" prefix`, prefixed[2] as string]);
  for (const [prefix, text] of candidates) {
    const suffix = prefix ? `, ${prefix}` : "";
    if (/^[0-9a-fA-F]+$/.test(text) && text.length % 2 === 0) {
      const upper = /[A-F]/.test(text) && !/[a-f]/.test(text);
      out.push({ name: `${upper ? "upper-case hex" : "lower-case hex"}${suffix}`, bytes: Buffer.from(text, "hex"), accepted: !prefix && accepted.includes("hex") });
    }
    if (/^[A-Za-z0-9+/]+={0,2}$/.test(text)) {
      const padded = text.length % 4 === 0;
      out.push({ name: `${padded ? "standard base64" : "base64 without padding"}${suffix}`, bytes: Buffer.from(text, "base64"), accepted: !prefix && padded && accepted.includes("base64") });
    }
    if (/^[A-Za-z0-9_-]+={0,2}$/.test(text) && /[_-]/.test(text)) {
      out.push({ name: `base64url${suffix}`, bytes: Buffer.from(text, "base64url"), accepted: !prefix && accepted.includes("base64url") });
    }
  }
  return out;
}

/**
 * The right MAC written another way (encoding, a prefix) or computed with another hash. Only the
 * variations that differ from what the scheme itself accepts are tried.
 */
export function* encodingVariants(facts: SignatureFacts, displayName: string): Generator<Attempt> {
  const documented = ENCODING_NAMES[facts.encoding];
  for (const decoding of decodings(facts.given, facts.accepted)) {
    for (const algorithm of [facts.algorithm, ...(facts.keyed ? HMAC_HASHES : DIGEST_HASHES).filter((a) => a !== facts.algorithm)]) {
      const sameAlgorithm = algorithm === facts.algorithm;
      if (sameAlgorithm && decoding.accepted) continue;
      const evidence = [`${facts.where} is ${facts.given.length} characters, read as ${decoding.name}: ${decoding.bytes.length} bytes`];
      const matches = (secret: string): boolean => bytesEqual(facts.compute(secret, algorithm), decoding.bytes);
      if (sameAlgorithm) {
        yield { cause: "signature-encoding", summary: `the signature is the right MAC written as ${decoding.name}: ${displayName} writes ${facts.where} as ${documented}`, evidence, matches };
      } else {
        yield {
          cause: "signature-algorithm",
          summary: `the signature is ${algorithmName(algorithm, facts.keyed)} (${decoding.name}) of the right message: ${displayName} signs with ${algorithmName(facts.algorithm, facts.keyed)}`,
          evidence,
          matches,
        };
      }
    }
  }
}
