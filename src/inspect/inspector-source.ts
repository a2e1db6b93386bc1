import { forwardUrl, relativeUrl, splitUrl } from "../primitives/url-parts.js";
import type { WebhookRequest } from "../primitives/webhook-request.js";

/** What the inspector shows: a running listener's captures, or a folder of capture files. */
export type InspectorSource = { kind: "listen"; url: string; outDir: string; forwardTo?: string } | { kind: "folder"; dir: string };

/**
 * Where a replay goes unless the user types another URL: a listener's forward target (the app), else the
 * listener itself, at the capture's own path and query; for a folder, the URL the capture was sent to.
 */
export function defaultReplayUrl(source: InspectorSource, request: WebhookRequest): string {
  const target = relativeUrl(request.url);
  if (source.kind === "folder") return request.url;
  if (source.forwardTo !== undefined) return forwardUrl(source.forwardTo, target);
  return `${splitUrl(source.url)?.origin ?? source.url.replace(/\/$/, "")}${target}`;
}
