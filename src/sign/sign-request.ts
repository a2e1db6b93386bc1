import { WhkInputError } from "../primitives/errors.js";
import type { Headers } from "../primitives/headers.js";
import { setHeader } from "../primitives/headers.js";
import { cryptoRandom } from "../primitives/random.js";
import type { WebhookRequest } from "../primitives/webhook-request.js";
import { getProvider } from "../providers/index.js";
import type { PrepareContext, Provider } from "../providers/provider.js";
import type { ProviderName } from "../providers/provider-name.js";

export interface BuildOptions extends Partial<PrepareContext> {
  provider: ProviderName;
  url: string;
  body: Uint8Array | string;
  /** Extra headers (`--header`), applied after the provider's own and before signing. */
  headers?: Headers;
}

/** The unsigned request a provider would send: its own headers, then the user's, then the body. */
export function buildRequest(options: BuildOptions): WebhookRequest {
  const provider = getProvider(options.provider);
  let headers = provider.prepareHeaders({ ...options, random: options.random ?? cryptoRandom });
  for (const [name, value] of Object.entries(options.headers ?? {})) headers = setHeader(headers, name, value);
  const body = typeof options.body === "string" ? Buffer.from(options.body, "utf8") : Buffer.from(options.body);
  return { method: "POST", url: options.url, headers, body, provider: provider.name };
}

export interface SignOptions {
  provider: ProviderName | Provider;
  /** Needed by every provider that signs; ignored by SingleView, which documents no signature. */
  secret?: string;
  now?: Date;
}

/**
 * Signs a request exactly as the provider does, over the bytes that will be sent. Returns a new request:
 * signature headers set (or, for ChaiPay, `signature_hash` written into the body).
 */
export function signRequest(request: WebhookRequest, options: SignOptions): WebhookRequest {
  const provider = typeof options.provider === "string" ? getProvider(options.provider) : options.provider;
  if (provider.scheme.needsSecret && (options.secret === undefined || options.secret === "")) {
    throw new WhkInputError("missing-secret", `${provider.displayName} signs its webhooks, and no secret was given`, "pass --secret, --secret-file or set WHK_SECRET");
  }
  return provider.scheme.sign(request, { secret: options.secret ?? "", now: options.now ?? new Date() });
}
