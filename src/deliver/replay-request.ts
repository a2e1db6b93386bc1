import { endToEndHeaders, headersFromPairs } from "../primitives/headers.js";
import { forwardUrl, relativeUrl } from "../primitives/url-parts.js";
import type { WebhookRequest } from "../primitives/webhook-request.js";

/**
 * Headers a replay does not copy besides those of one connection: Host and Content-Length belong to
 * the new target and the bytes sent (the HTTP client writes both), and Expect asks for a handshake
 * the original sender made, not whk.
 */
const NOT_REPLAYED = ["host", "content-length", "expect"];

/**
 * A captured request made ready to deliver again, byte for byte: the same method, path and query
 * (placed on `target` the way `listen --forward-to` places them: a bare origin keeps the captured path,
 * a target with a path of its own replaces it), every end-to-end header as captured, the same body.
 */
export function replayRequest(captured: WebhookRequest, target: string): WebhookRequest {
  const kept = endToEndHeaders(Object.entries(captured.headers).flat(), NOT_REPLAYED);
  const pairs: [string, string][] = [];
  for (let i = 0; i + 1 < kept.length; i += 2) pairs.push([kept[i] as string, kept[i + 1] as string]);
  return {
    method: captured.method,
    url: forwardUrl(target, relativeUrl(captured.url)),
    headers: headersFromPairs(pairs),
    body: captured.body,
    ...(captured.provider !== undefined ? { provider: captured.provider } : {}),
  };
}
