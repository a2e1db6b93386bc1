import { createServer, type Server } from "node:http";
import { WhkInputError } from "../primitives/errors.js";
import { DEFAULT_PORT } from "../primitives/target-url.js";
import { DEFAULT_TOLERANCE_MS } from "../verify/verify-request.js";
import type { CaptureEvent, CaptureStats } from "./capture-record.js";
import { captureRequest, type CaptureContext, type CaptureSettings } from "./capture-request.js";
import { createCaptureWriter, DEFAULT_CAPTURE_DIR } from "./capture-writer.js";

export const DEFAULT_LISTEN_HOST = "127.0.0.1";
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

export interface CaptureServerOptions {
  /** Default DEFAULT_PORT (4400); 0 picks a free port. */
  port?: number;
  host?: string;
  /** Where capture files go (created if missing). Default `.whk-captures`. */
  outDir?: string;
  /** Verify each request with these (key rotation: any match passes). None: nothing is verified. */
  secrets?: readonly string[];
  /** A provider's own secrets, used for its requests when `secrets` is empty. */
  secretsFor?: (provider: string) => readonly string[];
  /** Skip detection: every request is this provider's. */
  provider?: string;
  /** Relay each request to this URL and answer with the app's response (see forwardUrl). */
  forwardTo?: string;
  maxBodyBytes?: number;
  /** Whole-request timeout; also the forward timeout. 0 disables it. */
  requestTimeoutMs?: number;
  toleranceMs?: number;
  /** The clock stamped as receivedAt (tests inject one). */
  clock?: () => Date;
  onEvent?: (event: CaptureEvent) => void;
}

export interface CaptureServer {
  /** `http://127.0.0.1:<port>/`, with the port actually bound. */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  readonly outDir: string;
  /** Why the capture directory could not be created at start (every request then gets 503), if so. */
  readonly outDirProblem: string | undefined;
  stats(): CaptureStats;
  /** Stops accepting, finishes every request in flight (captured, then answered), closes. */
  close(): Promise<CaptureStats>;
  /** Drops every connection now, requests in flight included (a second Ctrl-C). */
  abort(): void;
}

/** A local receiver that stores every request byte-exact before answering it. */
export async function startCaptureServer(options: CaptureServerOptions = {}): Promise<CaptureServer> {
  const host = options.host ?? DEFAULT_LISTEN_HOST;
  const requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const writer = createCaptureWriter(options.outDir ?? DEFAULT_CAPTURE_DIR);
  const clock = options.clock ?? (() => new Date());
  const stats: CaptureStats = { received: 0, captured: 0, valid: 0, invalid: 0, unsigned: 0, unchecked: 0, errors: 0 };
  const inFlight = new Set<Promise<void>>();
  let closing = false;
  let seq = 0;
  const settings: CaptureSettings = {
    writer,
    secrets: (options.secrets ?? []).filter((s) => s !== ""),
    secretsFor: options.secretsFor ?? (() => []),
    provider: options.provider,
    forwardTo: options.forwardTo,
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    requestTimeoutMs,
    toleranceMs: options.toleranceMs ?? DEFAULT_TOLERANCE_MS,
    authority: host,
  };
  const server = createServer({
    requestTimeout: requestTimeoutMs,
    // Headers come first and fast from a real sender; the limit must not exceed the request timeout.
    headersTimeout: requestTimeoutMs > 0 ? Math.min(requestTimeoutMs, 10_000) : 10_000,
    // Timeouts are checked on this interval (default 30 s), which would blur short limits.
    connectionsCheckingInterval: 1_000,
  });
  server.on("request", (req, res) => {
    stats.received++;
    const context: CaptureContext = { settings, seq: ++seq, receivedAt: clock().toISOString(), closing, stats, emit: (event) => options.onEvent?.(event) };
    const work = captureRequest(req, res, context).catch((error: unknown) => {
      stats.errors++;
      if (!res.headersSent) res.writeHead(500, { "Content-Type": "application/json", Connection: "close" }).end('{"error":"internal-error"}');
      options.onEvent?.({ type: "error", seq: context.seq, kind: "internal-error", method: req.method ?? "GET", url: req.url ?? "/", receivedAt: context.receivedAt, size: 0, answered: 500, detail: error instanceof Error ? error.message : String(error) });
    });
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work));
  });
  const port = await listen(server, options.port ?? DEFAULT_PORT, host);
  // After listening, so a busy port leaves no empty directory behind.
  const outDirProblem = await writer.prepare();
  settings.authority = `${host.includes(":") ? `[${host}]` : host}:${port}`;
  let closed: Promise<CaptureStats> | undefined;
  return {
    url: `http://${settings.authority}/`,
    host,
    port,
    outDir: writer.dir,
    outDirProblem,
    stats: () => ({ ...stats }),
    close() {
      closed ??= (async () => {
        closing = true;
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
        server.closeAllConnections();
        await stopped;
        return { ...stats };
      })();
      return closed;
    },
    abort() {
      closing = true;
      server.closeAllConnections();
    },
  };
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", (error: NodeJS.ErrnoException) => {
      const where = `port ${port} on ${host}`;
      if (error.code === "EADDRINUSE") reject(new WhkInputError("port-in-use", `${where} is already in use`, `is that your app? then record in front of it: --port 0 --forward-to http://localhost:${port}; else choose another --port, or --port 0 for a free one`));
      else if (error.code === "EACCES") reject(new WhkInputError("port-denied", `${where} cannot be opened (permission denied)`, "ports below 1024 need privileges: use a port above 1024, or --port 0"));
      else if (error.code === "EADDRNOTAVAIL" || error.code === "ENOTFOUND" || error.code === "EAI_AGAIN") reject(new WhkInputError("bad-host", `cannot listen on ${host}: no such local address`, "use 127.0.0.1 (the default), localhost or 0.0.0.0"));
      else reject(error);
    });
    server.listen(port, host, () => {
      const address = server.address();
      resolve(typeof address === "object" && address !== null ? address.port : port);
    });
  });
}
