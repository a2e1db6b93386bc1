import { bytesEqual, hmac } from "../../primitives/hmac.js";
import { readJsonText, writeJsonText } from "../../primitives/json-text.js";
import type { WebhookRequest } from "../../primitives/webhook-request.js";
import type { Attempt } from "../../schemes/explanation.js";
import type { SignatureCheck, SignatureScheme } from "../../schemes/scheme.js";
import { algOf, hs256, readJws, signJws, type CompactJws } from "./compact-jws.js";

/**
 * 2C2P PGW v4 backend notification (https://developer.2c2p.com/docs/api-payment-response-backend,
 * /docs/json-web-tokens-jwt): the body is `{"payload": "<JWT>"}`, HS256 "using Merchant's Secret Key".
 * Key encoding, decided: the secret key is used as UTF-8 text, as the docs' samples hand it to JWT
 * libraries; the docs never say to hex-decode the 64-hex-character key, and no published token settles
 * it (gateways.md, 7.1). A sender that hex-decodes it is named by explain.
 * A fixture carries the claims as an object under `payload` (so ids and --set edit them); signing turns
 * that object's exact text into the token. A token already there is re-signed, its claims' bytes kept.
 */
const FIELD = "payload";

type Payload = { kind: "claims"; json: string } | { kind: "token"; jws: CompactJws | undefined; text: string } | undefined;

function payloadOf(request: WebhookRequest): Payload {
  let raw: string | undefined;
  try {
    raw = readJsonText(request.body.toString("utf8"), [FIELD]);
  } catch {
    return undefined;
  }
  if (raw === undefined) return undefined;
  if (raw.startsWith("{")) return { kind: "claims", json: raw };
  if (!raw.startsWith('"')) return undefined;
  const text = JSON.parse(raw) as string;
  return { kind: "token", jws: readJws(text), text };
}

/** The claims for people: one line of JSON, as signed. */
const claimsLine = (jws: CompactJws): string => jws.payload.replace(/\s*\n\s*/g, " ");

function verify2c2p(request: WebhookRequest, secret: string): SignatureCheck {
  const payload = payloadOf(request);
  if (payload === undefined) return { ok: false, reason: "missing-signature", detail: `the body has no "${FIELD}" field holding a JWT` };
  if (payload.kind === "claims") return { ok: false, reason: "missing-signature", detail: `"${FIELD}" holds the claims as plain JSON, not a signed JWT` };
  const { jws } = payload;
  if (jws === undefined) return { ok: false, reason: "malformed-signature", detail: `"${FIELD}" is not a compact JWT (three base64url segments joined with ".")` };
  if (algOf(jws) !== "HS256") return { ok: false, reason: "malformed-signature", detail: `the JWT's header says alg ${JSON.stringify(algOf(jws) ?? null)}: 2C2P signs with HS256` };
  if (!/^[A-Za-z0-9_-]{43}$/.test(jws.signature)) return { ok: false, reason: "malformed-signature", detail: `the JWT's signature is not 43 base64url characters (got ${jws.signature.length})` };
  if (!bytesEqual(hmac("sha256", secret, jws.signingInput), Buffer.from(jws.signature, "base64url"))) {
    return { ok: false, reason: "bad-signature", detail: `the JWT's HS256 signature does not match (claims: ${claimsLine(jws)})`, preimage: jws.signingInput };
  }
  return { ok: true, detail: `"${FIELD}" is an HS256 JWT signed with the secret key; claims: ${claimsLine(jws)}` };
}

function* keyVariants(request: WebhookRequest): Generator<Attempt> {
  const payload = payloadOf(request);
  if (payload?.kind !== "token" || payload.jws === undefined) return;
  const { jws } = payload;
  yield {
    cause: "secret-encoding",
    summary: "the JWT matches with the secret key hex-decoded, where whk takes it as text (as 2C2P's samples do): the two sides turn the key into bytes differently",
    evidence: [`claims: ${claimsLine(jws)}`],
    matches: (secret) => /^([0-9a-fA-F]{2})+$/.test(secret) && hs256(Buffer.from(secret, "hex"), jws.signingInput) === jws.signature,
  };
}

export const twoC2pSignature: SignatureScheme = {
  id: "jwt-hs256",
  summary: `body.${FIELD}: a JWT, HS256 (base64url HMAC-SHA256) with the merchant secret key as text`,
  needsSecret: true,
  signatureIn: { bodyField: FIELD },
  // The token's bytes are signed, not the JSON around it: re-formatting the body changes nothing signed.
  covers: { body: "fields", timestamp: false, path: false },
  sign(request, { secret }) {
    const payload = payloadOf(request);
    if (payload === undefined || (payload.kind === "token" && payload.jws === undefined)) throw new TypeError(`the body must be {"${FIELD}": {claims}} or {"${FIELD}": "<JWT>"} to be signed as a 2C2P notification`);
    const token = payload.kind === "claims" ? signJws(payload.json, secret) : `${payload.jws?.signingInput}.${hs256(secret, payload.jws?.signingInput ?? "")}`;
    return { ...request, body: Buffer.from(writeJsonText(request.body.toString("utf8"), [FIELD], JSON.stringify(token)), "utf8") };
  },
  verify: verify2c2p,
  preimage(request) {
    const payload = payloadOf(request);
    return payload?.kind === "token" && payload.jws !== undefined ? `${payload.jws.signingInput} (header ${payload.jws.header}, claims ${claimsLine(payload.jws)})` : undefined;
  },
  facts(request) {
    const payload = payloadOf(request);
    if (payload?.kind !== "token" || payload.jws === undefined) return undefined;
    const { signingInput, signature } = payload.jws;
    return { where: "the JWT's signature", given: signature, algorithm: "sha256", keyed: true, encoding: "base64url", accepted: ["base64url"], compute: (secret, algorithm) => hmac(algorithm, secret, signingInput) };
  },
  variants: keyVariants,
  noMatchEvidence(request) {
    const payload = payloadOf(request);
    return payload?.kind === "token" && payload.jws !== undefined ? [`the JWT's claims: ${claimsLine(payload.jws)}`, "signed: the token's header and payload segments exactly as received"] : [];
  },
};
