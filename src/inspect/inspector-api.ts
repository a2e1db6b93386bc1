import type { DeliveryResult } from "../deliver/deliver.js";
import { replayRequest } from "../deliver/replay-request.js";
import { isWhkInputError } from "../primitives/errors.js";
import { curlCommand } from "../primitives/curl-command.js";
import type { WebhookRequest } from "../primitives/webhook-request.js";
import { allProviders, getProvider } from "../providers/index.js";
import type { CaptureEntry } from "./capture-entry.js";
import { diffRequests } from "./capture-diff.js";
import { detailOf } from "./capture-detail.js";
import { exportCaptures, type ExportFile } from "./capture-export.js";
import type { CaptureStore } from "./capture-store.js";
import { providerOf, summaryOf } from "./capture-summary.js";
import { signingSecretFor } from "./inspector-secrets.js";
import type { InspectorSource } from "./inspector-source.js";
import { captureJudge, type VerifySettings } from "./judge-capture.js";
import { parseReplayInput } from "./replay-input.js";
import { sendReplay } from "./send-replay.js";

export type ApiReply = { status: number; json: unknown } | { status: 200; file: ExportFile };

export interface ApiContext {
  store: CaptureStore;
  source: InspectorSource;
  settings: VerifySettings;
  deliver: (request: WebhookRequest) => Promise<DeliveryResult>;
  clock: () => Date;
}

export interface InspectorApi {
  /** One API call (the guard has already let it through); `body` is the parsed JSON of a POST. */
  handle(method: string, path: string, query: URLSearchParams, body: unknown): Promise<ApiReply>;
  /** A capture's row, for the live feed. */
  summary(entry: CaptureEntry): unknown;
}

const notFound = (what: string): ApiReply => ({ status: 404, json: { error: "not-found", message: `${what} is not among the captures` } });

/** The inspector's JSON API: captures, one capture, its string-to-sign and curl, a comparison, downloads, replay. */
export function createInspectorApi(context: ApiContext): InspectorApi {
  const { store, source, settings } = context;
  const judge = captureJudge(settings, source.kind === "listen");
  const summary = (entry: CaptureEntry) => summaryOf(entry, judge(entry));
  const routes: Record<string, (query: URLSearchParams, body: unknown, id: string) => ApiReply | Promise<ApiReply>> = {
    "GET /api/session": () => ({ status: 200, json: { source: describeSource(source), providers: providerChoices(settings), verifying: settings.secrets.length > 0 || Object.keys(settings.providerSecrets).length > 0 } }),
    "GET /api/captures": () => ({ status: 200, json: { captures: store.list().map(summary), unreadable: store.unreadable(), leftOut: store.leftOut(), limit: store.limit } }),
    "GET /api/capture": (_query, _body, id) => withEntry(id, (entry) => ({ status: 200, json: detailOf(entry, judge(entry), source) })),
    "GET /api/capture/preimage": (_query, _body, id) => withEntry(id, (entry) => ({ status: 200, json: preimageOf(entry, judge(entry).verdict) })),
    "GET /api/capture/curl": (_query, _body, id) => withEntry(id, (entry) => ({ status: 200, json: { curl: curlCommand(replayRequest(entry.request, entry.request.url)) } })),
    "GET /api/compare": (query) => {
      const [a, b] = [store.get(query.get("a") ?? ""), store.get(query.get("b") ?? "")];
      if (a === undefined || b === undefined) return notFound(`capture ${a === undefined ? query.get("a") : query.get("b")}`);
      return { status: 200, json: { a: summary(a), b: summary(b), diff: diffRequests(a.request, b.request) } };
    },
    "GET /api/export": (query) => {
      const ids = (query.get("ids") ?? "").split(",").filter((id) => id !== "");
      const entries = ids.map((id) => store.get(id));
      const missing = ids.find((_, i) => entries[i] === undefined);
      if (ids.length === 0 || missing !== undefined) return notFound(`capture ${missing ?? "(none chosen)"}`);
      return { status: 200, file: exportCaptures(entries as CaptureEntry[], query.get("format") === "har" ? "har" : "request") };
    },
    "POST /api/replay": async (_query, body) => ({ status: 200, json: await sendReplay(parseReplayInput(body), context) }),
  };
  const withEntry = (id: string, reply: (entry: CaptureEntry) => ApiReply): ApiReply => {
    const entry = store.get(id);
    return entry === undefined ? notFound(`capture ${id}`) : reply(entry);
  };
  return {
    summary,
    async handle(method, path, query, body) {
      // /api/captures/<id>[/preimage|/curl]: the id is a file name, looked up in the store only.
      const match = /^\/api\/captures\/([^/]+)(\/preimage|\/curl)?$/.exec(path);
      const key = match ? `${method} /api/capture${match[2] ?? ""}` : `${method} ${path}`;
      const route = routes[key];
      if (route === undefined) return { status: 404, json: { error: "not-found", message: `no ${method} ${path} here` } };
      try {
        return await route(query, body, match ? decodeURIComponent(match[1] as string) : "");
      } catch (error) {
        if (!isWhkInputError(error)) throw error;
        return { status: 400, json: { error: error.code, message: error.message, hint: error.hint ?? null } };
      }
    },
  };
}

function describeSource(source: InspectorSource): object {
  return source.kind === "listen" ? { kind: "listen", url: source.url, outDir: source.outDir, forwardTo: source.forwardTo ?? null } : source;
}

/** The providers the replay form offers, and which secret each would be re-signed with (where from, never the value). */
function providerChoices(settings: VerifySettings): object[] {
  return allProviders().map((provider) => ({
    name: provider.name,
    displayName: provider.displayName,
    signs: provider.scheme.needsSecret,
    resignWith: provider.scheme.needsSecret ? (signingSecretFor(provider, settings)?.from ?? null) : null,
  }));
}

/** The string-to-sign (secrets masked), which needs no secret to compute. */
function preimageOf(entry: CaptureEntry, verdict: Parameters<typeof providerOf>[1]): object {
  const name = providerOf(entry, verdict);
  if (name === null) return { provider: null, preimage: null, note: "no provider detected: pass whk --provider, or look at the headers" };
  const provider = getProvider(name);
  const preimage = provider.scheme.preimage?.(entry.request) ?? null;
  const note = preimage !== null ? `what ${provider.displayName} signs for this request (${Buffer.byteLength(preimage)} bytes)` : `${provider.displayName}'s scheme has no string-to-sign for this request (${provider.scheme.summary})`;
  return { provider: name, preimage, note };
}
