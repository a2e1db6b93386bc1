import { isJsonObject } from "../primitives/json-object.js";
import type { WebhookRequest } from "../primitives/webhook-request.js";
import { findProvider, providersInDetectionOrder } from "../providers/index.js";
import { parseBody } from "./check-event-schema.js";

export interface Detection {
  provider: string;
  /** Why: "--provider", "the request file says so", or the header/body evidence. */
  because: string;
}

/**
 * Which provider sent a request, from its headers and body, asking providers in the registry's
 * detection order; undefined when nothing matches. Providers see the body parsed: JSON, or a form's
 * fields as an object. `json` is that parse, when the caller has it (verify parses each body once).
 */
export function detectProvider(request: WebhookRequest, forced?: string, json?: unknown): Detection | undefined {
  // An alias (a regional brand) names its provider: results carry the provider's own name.
  if (forced) return { provider: findProvider(forced)?.name ?? forced, because: "--provider" };
  const named = request.provider !== undefined ? findProvider(request.provider) : undefined;
  if (named !== undefined) return { provider: named.name, because: `the request file names "${request.provider}"` };
  let parsed = json;
  if (parsed === undefined) {
    const body = parseBody(request);
    parsed = body.isJson ? body.json : undefined;
  }
  const body = isJsonObject(parsed) ? parsed : undefined;
  for (const provider of providersInDetectionOrder()) {
    const because = provider.detect(request, body);
    if (because !== undefined) return { provider: provider.name, because };
  }
  return undefined;
}
