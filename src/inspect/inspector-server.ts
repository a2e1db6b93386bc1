import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { Dispatcher } from "undici";
import { createDispatcher, deliver } from "../deliver/deliver.js";
import { WhkInputError } from "../primitives/errors.js";
import { readBody } from "../listen/read-body.js";
import type { CaptureStore } from "./capture-store.js";
import { createEventStreams } from "./event-stream.js";
import { createInspectorApi, type ApiReply } from "./inspector-api.js";
import type { InspectorSecrets } from "./inspector-secrets.js";
import type { InspectorSource } from "./inspector-source.js";
import { loadPageAssets, PAGE_POLICY } from "./page-assets.js";
import { createRequestGuard } from "./request-guard.js";

import { DEFAULT_INSPECTOR_PORT } from "../primitives/target-url.js";

export { DEFAULT_INSPECTOR_PORT };
/** The inspector's own address: loopback only, whatever the listener binds to. */
const HOST = "127.0.0.1";
const MAX_API_BODY = 8 * 1024 * 1024;

export interface InspectorOptions extends Partial<InspectorSecrets> {
  store: CaptureStore;
  source: InspectorSource;
  /** Default 4401; 0 picks a free port. */
  port?: number;
  /** Every request is this provider's (listen --provider). */
  provider?: string;
  toleranceMs?: number;
  /** Limit for a replay's connection and answer. Default 30 s. */
  timeoutMs?: number;
  /** The clock replays are signed at. */
  clock?: () => Date;
}

export interface Inspector {
  /** `http://127.0.0.1:<port>/`. */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/** Headers on every answer: nothing cached, nothing sniffed or framed, nothing readable by another origin. */
const COMMON = { "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer", "X-Frame-Options": "DENY", "Cross-Origin-Resource-Policy": "same-origin" };

/** Serves the inspector page and its API on 127.0.0.1 (see request-guard.ts for who may call it). */
export async function startInspector(options: InspectorOptions): Promise<Inspector> {
  const settings = { secrets: options.secrets ?? [], providerSecrets: options.providerSecrets ?? {}, ...pick(options) };
  const timeoutMs = options.timeoutMs ?? 30_000;
  let dispatcher: Promise<Dispatcher> | undefined;
  const api = createInspectorApi({
    store: options.store,
    source: options.source,
    settings,
    clock: options.clock ?? (() => new Date()),
    deliver: async (request) => deliver(request, { dispatcher: await (dispatcher ??= createDispatcher({ timeoutMs })), timeoutMs }),
  });
  const streams = createEventStreams();
  const unsubscribe = options.store.subscribe((change) => {
    if (change.type === "capture") streams.send("capture", api.summary(change.entry));
    else streams.send("unreadable", change.unreadable);
  });
  const server = createServer((req, res) => void respond(req, res).catch(() => send(res, 500, { error: "internal-error" })));
  const port = await listen(server, options.port ?? DEFAULT_INSPECTOR_PORT);
  const guard = createRequestGuard(port);
  const { page, assets } = loadPageAssets(guard.token);

  async function respond(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", `http://${HOST}`);
    const host = guard.checkHost(req);
    if (!host.ok) return send(res, 403, { error: "forbidden", message: host.why });
    if (!url.pathname.startsWith("/api/")) {
      const asset = url.pathname === "/" ? page : url.pathname.startsWith("/assets/") ? assets.get(url.pathname.slice("/assets/".length)) : undefined;
      if (req.method !== "GET" || asset === undefined) return send(res, 404, { error: "not-found" });
      res.writeHead(200, { ...COMMON, "Content-Type": asset.type, "Content-Security-Policy": PAGE_POLICY, "Content-Length": String(asset.body.length) }).end(asset.body);
      return;
    }
    const allowed = guard.checkApi(req);
    if (!allowed.ok) return send(res, 403, { error: "forbidden", message: allowed.why });
    if (req.method === "GET" && url.pathname === "/api/events") return streams.open(res, COMMON);
    let body: unknown;
    if (req.method === "POST") {
      const read = await readBody(req, MAX_API_BODY);
      if (!read.ok) return send(res, 413, { error: "too-large", message: "a replay body is limited to 8 MiB" });
      try {
        body = JSON.parse(read.body.toString("utf8"));
      } catch {
        return send(res, 400, { error: "bad-json", message: "the request is not JSON" });
      }
    }
    reply(res, await api.handle(req.method ?? "GET", url.pathname, url.searchParams, body));
  }

  return {
    url: `http://${HOST}:${port}/`,
    port,
    async close() {
      unsubscribe();
      streams.closeAll();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await (await dispatcher)?.close();
    },
  };
}

function pick(options: InspectorOptions) {
  return {
    ...(options.fallbackSigningSecret !== undefined ? { fallbackSigningSecret: options.fallbackSigningSecret } : {}),
    ...(options.provider !== undefined ? { provider: options.provider } : {}),
    ...(options.toleranceMs !== undefined ? { toleranceMs: options.toleranceMs } : {}),
  };
}

function send(res: ServerResponse, status: number, value: unknown): void {
  if (res.headersSent) return void res.destroy();
  const body = Buffer.from(JSON.stringify(value), "utf8");
  res.writeHead(status, { ...COMMON, "Content-Type": "application/json", "Content-Length": String(body.length) }).end(body);
}

function reply(res: ServerResponse, answer: ApiReply): void {
  if (!("file" in answer)) return send(res, answer.status, answer.json);
  const body = Buffer.from(answer.file.text, "utf8");
  const disposition = `attachment; filename="${answer.file.name.replace(/[^\w.-]/g, "_")}"`;
  res.writeHead(200, { ...COMMON, "Content-Type": answer.file.type, "Content-Disposition": disposition, "Content-Length": String(body.length) }).end(body);
}

function listen(server: ReturnType<typeof createServer>, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EADDRINUSE") reject(new WhkInputError("port-in-use", `port ${port} on ${HOST} is already in use`, "stop the other process, or choose another port (0 picks a free one)"));
      else if (error.code === "EACCES") reject(new WhkInputError("port-denied", `port ${port} on ${HOST} cannot be opened (permission denied)`, "use a port above 1024, or 0 for a free one"));
      else reject(error);
    });
    server.listen(port, HOST, () => {
      const address = server.address();
      resolve(typeof address === "object" && address !== null ? address.port : port);
    });
  });
}
