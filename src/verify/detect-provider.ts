import type { WebhookRequest } from "../primitives/webhook-request.js";
import { parseJsonObject } from "../schemes/chaipay-signature.js";
import { providers } from "../providers/index.js";
import { isProviderName, type ProviderName } from "../providers/provider-name.js";

export interface Detection {
  provider: ProviderName;
  /** Why: "--provider", "the request file says so", or the header/body evidence. */
  because: string;
}

// Topremit goes before Paycombat: `X-SIGNATURE` and `X-Signature` are one header name.
const order: readonly ProviderName[] = ["topremit", "fazz", "paycombat", "chaipay", "singleview"];

/**
 * Which provider sent a request, from its headers and body; undefined when nothing matches. `json` is
 * the body already parsed, when the caller has it (verify parses each body once).
 */
export function detectProvider(request: WebhookRequest, forced?: ProviderName, json?: unknown): Detection | undefined {
  if (forced) return { provider: forced, because: "--provider" };
  if (request.provider !== undefined && isProviderName(request.provider)) {
    return { provider: request.provider, because: `the request file names "${request.provider}"` };
  }
  const body = json !== undefined ? (json !== null && typeof json === "object" && !Array.isArray(json) ? json : undefined) : parseJsonObject(request.body);
  for (const name of order) {
    const because = providers[name].detect(request, body);
    if (because !== undefined) return { provider: name, because };
  }
  return undefined;
}
