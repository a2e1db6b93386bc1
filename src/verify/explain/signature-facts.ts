import { getHeader } from "../../primitives/headers.js";
import type { WebhookRequest } from "../../primitives/webhook-request.js";
import type { ProviderName } from "../../providers/provider-name.js";
import { chaipayMessage, chaipayVariantOf, parseJsonObject } from "../../schemes/chaipay-signature.js";
import { snapSymmetric } from "../../schemes/snap-symmetric.js";

export type MacAlgorithm = "sha1" | "sha256" | "sha512";

/** What a provider's signature is: where it travels, how it is computed and written. */
export interface SignatureFacts {
  /** "X-SIGNATURE", "body field signature_hash". */
  where: string;
  given: string;
  algorithm: MacAlgorithm;
  encoding: "hex" | "base64";
  /** The encodings the scheme's verify already reads (Topremit's takes base64 or hex). */
  accepted: readonly ("hex" | "base64")[];
  /** The exact bytes the MAC is computed over, per the provider's docs. */
  message: string | Buffer;
}

type Written = Pick<SignatureFacts, "algorithm" | "encoding" | "accepted">;
const HEX_SHA256: Written = { algorithm: "sha256", encoding: "hex", accepted: ["hex"] };
const SNAP: Written = { algorithm: "sha512", encoding: "base64", accepted: ["base64", "hex"] };

function inHeader(request: WebhookRequest, header: string, written: Written, message: string | Buffer | undefined): SignatureFacts | undefined {
  const given = getHeader(request.headers, header)?.trim();
  return given && message !== undefined ? { where: header, given, ...written, message } : undefined;
}

/** Per provider, so a new provider fails to compile until explain knows its signature. */
export const signatureFacts: Record<ProviderName, (request: WebhookRequest) => SignatureFacts | undefined> = {
  paycombat: (request) => inHeader(request, "X-Signature", HEX_SHA256, request.body),
  fazz: (request) => inHeader(request, "Xfers-Signature", HEX_SHA256, request.body),
  topremit: (request) => inHeader(request, "X-SIGNATURE", SNAP, snapSymmetric.preimage?.(request)),
  chaipay: (request) => {
    const body = parseJsonObject(request.body);
    const given = body?.["signature_hash"];
    if (!body || typeof given !== "string" || given === "") return undefined;
    return { where: "signature_hash", given, algorithm: "sha256", encoding: "base64", accepted: ["base64"], message: chaipayMessage(body, chaipayVariantOf(body) ?? "payment") };
  },
  singleview: () => undefined,
};
