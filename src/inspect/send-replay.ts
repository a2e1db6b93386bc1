import type { DeliveryResult } from "../deliver/deliver.js";
import { replayRequest } from "../deliver/replay-request.js";
import { WhkInputError } from "../primitives/errors.js";
import { headersFromPairs } from "../primitives/headers.js";
import { toRequestFile } from "../primitives/request-file.js";
import type { WebhookRequest } from "../primitives/webhook-request.js";
import { getProvider } from "../providers/index.js";
import { signRequest } from "../sign/sign-request.js";
import type { VerifyResult } from "../verify/verify-request.js";
import { signingSecretFor } from "./inspector-secrets.js";
import { verifyWithSettings, type VerifySettings } from "./judge-capture.js";
import type { ReplayInput } from "./replay-input.js";

export type SignatureAction =
  | { action: "re-signed"; provider: string; secretFrom: string }
  | { action: "nothing-to-sign"; provider: string; detail: string }
  | { action: "kept" };

export interface ReplayOutcome {
  /** The request exactly as sent (headers as pairs, in order). Its signature, never the secret. */
  sent: { method: string; url: string; headers: [string, string][]; body?: string; bodyBase64?: string };
  signature: SignatureAction;
  /** The sent request as the listener would judge it with its secrets; null without one. */
  verdict: VerifyResult | null;
  delivery: { ok: true; status: number; headers: [string, string][]; body: string; bodyTruncated: boolean; latencyMs: number } | { ok: false; fault: string; message: string };
  /** Whether the provider would count the answer as delivered (`provider.ack.judge`). */
  acknowledged: { provider: string; rule: string; ok: boolean; why?: string } | null;
}

export interface ReplayContext {
  settings: VerifySettings;
  deliver: (request: WebhookRequest) => Promise<DeliveryResult>;
  clock: () => Date;
}

/**
 * Sends an edited capture as `send --from` replays one (deliver/replay-request.ts: the original
 * connection's headers dropped), re-signed with the provider's scheme over the bytes and URL that are
 * sent (or the signature left as it was, to see a forgery refused), delivered once, and judged as the
 * provider would judge the answer.
 */
export async function sendReplay(input: ReplayInput, context: ReplayContext): Promise<ReplayOutcome> {
  const provider = input.provider !== null ? getProvider(input.provider) : undefined;
  let request: WebhookRequest = replayRequest({ method: input.method, url: input.url, headers: headersFromPairs(input.headers), body: input.body }, input.url);
  let signature: SignatureAction = { action: "kept" };
  if (input.resign && provider !== undefined) {
    const unsigned = provider.scheme.unsignedBecause?.(request);
    if (unsigned !== undefined || !provider.scheme.needsSecret) {
      signature = { action: "nothing-to-sign", provider: provider.name, detail: unsigned ?? `${provider.displayName} documents no signature` };
    } else {
      const secret = signingSecretFor(provider, context.settings);
      if (secret === undefined) throw new WhkInputError("missing-secret", `no secret to sign ${provider.displayName} requests with`, "start whk with --secret (or WHK_SECRET), or configure the provider's secret");
      try {
        request = signRequest(request, { provider, secret: secret.secret, now: context.clock() });
      } catch (error) {
        if (!(error instanceof TypeError)) throw error;
        throw new WhkInputError("cannot-sign", `${provider.displayName} cannot sign this request: ${error.message}`, "put back what the scheme needs (see the original capture)");
      }
      signature = { action: "re-signed", provider: provider.name, secretFrom: secret.from };
    }
  }
  const result = await context.deliver(request);
  const file = toRequestFile(request);
  return {
    sent: { method: file.method, url: file.url, headers: Object.entries(file.headers), ...(file.body !== undefined ? { body: file.body } : { bodyBase64: file.bodyBase64 ?? "" }) },
    signature,
    verdict: verifyWithSettings(request, context.settings),
    delivery: result.ok
      ? { ok: true, status: result.status, headers: Object.entries(result.headers), body: result.body, bodyTruncated: result.bodyTruncated, latencyMs: result.latencyMs }
      : { ok: false, fault: result.fault, message: result.message },
    acknowledged: result.ok && provider !== undefined ? { provider: provider.name, rule: provider.ack.summary, ...provider.ack.judge(result) } : null,
  };
}
