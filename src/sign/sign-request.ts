import { SECRET_HINT, WhkInputError } from "../primitives/errors.js";
import { setHeader, type Headers } from "../primitives/headers.js";
import { assertSafeHeaders } from "../primitives/header-text.js";
import { cryptoRandom, type Random } from "../primitives/random.js";
import type { WebhookRequest } from "../primitives/webhook-request.js";
import { getProvider } from "../providers/index.js";
import type { Provider } from "../providers/provider.js";

export interface BuildOptions {
  /** A provider's name, or the provider itself. */
  provider: string | Provider;
  url: string;
  body: Uint8Array | string;
  /** Extra headers (`--header`), applied after the provider's own and before signing. */
  headers?: Headers;
  /** Values for the provider's declared options (`provider.options`), by key: `{ accessToken: "tok" }`. */
  options?: Readonly<Record<string, string>>;
  random?: Random;
}

/** The provider object for a name (an input error when there is none) or as given. */
export function providerOf(provider: string | Provider): Provider {
  return typeof provider === "string" ? getProvider(provider) : provider;
}

/** The unsigned request a provider would send: its own headers, then the user's, then the body. */
export function buildRequest(options: BuildOptions): WebhookRequest {
  const provider = providerOf(options.provider);
  let headers = provider.prepareHeaders({ random: options.random ?? cryptoRandom, options: options.options ?? {} });
  for (const [name, value] of Object.entries(options.headers ?? {})) headers = setHeader(headers, name, value);
  const body = typeof options.body === "string" ? Buffer.from(options.body, "utf8") : Buffer.from(options.body);
  return { method: "POST", url: options.url, headers, body, provider: provider.name };
}

export interface SignOptions {
  provider: string | Provider;
  /** Needed by every provider that signs; ignored by one that documents no signature. */
  secret?: string;
  now?: Date;
  /** Values for the provider's declared options, by key, for schemes whose signing depends on one. */
  options?: Readonly<Record<string, string>>;
}

/**
 * Signs a request exactly as the provider does, over the bytes that will be sent. Returns a new request:
 * signature headers set (or the signature written into the body, for schemes that carry it there).
 */
export function signRequest(request: WebhookRequest, options: SignOptions): WebhookRequest {
  const provider = providerOf(options.provider);
  if (provider.scheme.needsSecret && (options.secret === undefined || options.secret === "")) {
    throw new WhkInputError("missing-secret", `${provider.displayName} signs its webhooks, and no secret was given`, SECRET_HINT);
  }
  const context = { secret: options.secret ?? "", now: options.now ?? new Date() };
  const signed = provider.scheme.sign(request, options.options !== undefined ? { ...context, options: options.options } : context);
  assertSafeHeaders(signed.headers, request.fixture ?? provider.displayName);
  return signed;
}
