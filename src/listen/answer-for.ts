import type { VerifyResult } from "../verify/verify-request.js";
import { getProvider } from "../providers/index.js";

/** What the listener answers: a status, headers (an object, or a rawHeaders-style list) and bytes. */
export interface Answer {
  status: number;
  headers: Record<string, string> | string[];
  body: Buffer;
}

export function jsonAnswer(status: number, value: unknown, extraHeaders: Record<string, string> = {}): Answer {
  return { status, headers: { "Content-Type": "application/json", ...extraHeaders }, body: Buffer.from(JSON.stringify(value), "utf8") };
}

/**
 * The answer in place of the merchant's receiver: the provider's documented acknowledgement for a valid
 * (or unsigned, or unchecked) request; 401 with the reason for one that fails verification, so the
 * sender sees what a strict receiver would do. Unknown senders without a secret get 200 `{}`.
 */
export function answerFor(verdict: VerifyResult | null, provider: string | null): Answer {
  if (verdict !== null && verdict.verdict === "invalid") {
    // Never the expected signature or the preimage: the sender of a forgery must learn nothing useful.
    return jsonAnswer(401, { error: "invalid-signature", reason: verdict.reason, detail: verdict.detail });
  }
  if (provider === null) return jsonAnswer(200, {});
  const { status, headers, body } = getProvider(provider).ack.response;
  return { status, headers: { ...headers }, body: Buffer.from(body, "utf8") };
}
