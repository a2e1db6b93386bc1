import { createServer, type Server } from "node:http";
import { WhkInputError } from "../primitives/errors.js";
import { DEFAULT_PORT } from "../primitives/target-url.js";
import { DEFAULT_TOLERANCE_MS } from "../verify/verify-request.js";
import type { CaptureEvent, CaptureStats } from "./capture-record.js";
import { captureRequest, type Answered, type CaptureContext, type CaptureSettings } from "./capture-request.js";
import { createCaptureWriter, DEFAULT_CAPTURE_DIR } from "./capture-writer.js";
import { openCaptureDir, type CaptureDir } from "./capture-dir.js";
import { rejectedRequest } from "./rejected-request.js";
import { reachesListener, resolveForwardTarget } from "./forward-loop.js";

export const DEFAULT_LISTEN_HOST = "127.0.0.1";
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000;

/** Once a request is answered, all that is waited for is its capture file. */
const filedOf = (answered: Answered | undefined): Promise<void> | undefined => answered?.filed;

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
  /** Requests a listener that is gone left unfinished in this directory's journal, written as capture files at start. */
  readonly recovered: number;
  stats(): CaptureStats;
  /** Stops accepting, finishes every request in flight (captured, then answered), closes. */
  close(): Promise<CaptureStats>;
  /** Drops every connection now, requests in flight included (a second Ctrl-C). */
  abort(): void;
}

/**
 * A local receiver that stores every request byte-exact before answering it. Throws an input error,
 * before accepting anything, for what cannot work: a host that is no address, a busy port, a capture
 * directory that is a file, is not writable or is another listener's.
 */
export async function startCaptureServer(options: CaptureServerOptions = {}): Promise<CaptureServer> {
  const host = options.host ?? DEFAULT_LISTEN_HOST;
  if (host.trim() === "") throw new WhkInputError("bad-host", `--host "${host}" is empty`, "use 127.0.0.1 (the default), localhost, or 0.0.0.0 for every interface");
  const requestTimeoutMs = options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const clock = options.clock ?? (() => new Date());
  const stats: CaptureStats = { received: 0, captured: 0, valid: 0, invalid: 0, unsigned: 0, unchecked: 0, errors: 0 };
  const inFlight = new Set<Promise<void>>();
  let closing = false;
  let seq = 0;
  const emit = (event: CaptureEvent): void => options.onEvent?.(event);
  const server = createServer({
    requestTimeout: requestTimeoutMs,
    // Headers come first and fast from a real sender; the limit must not exceed the request timeout.
    headersTimeout: requestTimeoutMs > 0 ? Math.min(requestTimeoutMs, 10_000) : 10_000,
    // Timeouts are checked on this interval (default 30 s), which would blur short limits.
    connectionsCheckingInterval: 1_000,
    // A request without Host is answered by captureRequest, which says so, rather than by Node in silence.
    requireHostHeader: false,
  });
  // Node keeps only the first 2,000 headers by default and drops the rest without a word: the capture
  // would not be the request received. The 16 KiB limit on the headers' size still bounds them.
  server.maxHeadersCount = 0;
  // What the HTTP parser refuses never becomes a request: it is answered here, and reported.
  server.on("clientError", (error: NodeJS.ErrnoException, socket) => {
    const rejected = rejectedRequest(error, socket);
    if (rejected === undefined) return;
    stats.received++;
    stats.errors++;
    emit({ type: "error", seq: ++seq, kind: rejected.kind, method: rejected.method, url: rejected.url, receivedAt: clock().toISOString(), size: 0, answered: rejected.answered, detail: rejected.detail });
  });
  server.on("connect", (req, socket) => {
    socket.end("HTTP/1.1 405 Method Not Allowed\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
    stats.received++;
    stats.errors++;
    emit({ type: "error", seq: ++seq, kind: "rejected", method: "CONNECT", url: req.url ?? "", receivedAt: clock().toISOString(), size: 0, answered: 405, detail: "CONNECT asks for a tunnel, not a webhook: answered 405" });
  });
  const forwardTarget = options.forwardTo !== undefined ? await resolveForwardTarget(options.forwardTo) : undefined;
  const { port, address } = await listen(server, options.port ?? DEFAULT_PORT, host);
  // After listening, so a busy port leaves no empty directory behind; before the first request is
  // taken (this runs in the same turn as the listening callback), so none arrives before it is ready.
  let capture: CaptureDir;
  try {
    if (forwardTarget !== undefined && reachesListener(forwardTarget, address, port)) {
      throw new WhkInputError("forward-loop", `--forward-to ${options.forwardTo} is this listener itself (port ${port} on ${host}): every request would be relayed to itself`, "forward to your app's own port, and listen on another one (--port 0 picks a free one)");
    }
    capture = openCaptureDir(options.outDir ?? DEFAULT_CAPTURE_DIR);
  } catch (error) {
    server.close();
    throw error;
  }
  const authority = `${host.includes(":") ? `[${host}]` : host}:${port}`;
  const settings: CaptureSettings = {
    writer: createCaptureWriter(capture.dir),
    journal: capture.journal,
    secrets: (options.secrets ?? []).filter((s) => s !== ""),
    secretsFor: options.secretsFor ?? (() => []),
    provider: options.provider,
    forwardTo: options.forwardTo,
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    requestTimeoutMs,
    toleranceMs: options.toleranceMs ?? DEFAULT_TOLERANCE_MS,
    authority,
  };
  // Outside the request handler: a closure made there would hold the request and its response until
  // the capture file is written, long after the answer (thousands of them, under load).
  const track = (work: Promise<void>): void => {
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work));
  };
  server.on("request", (req, res) => {
    stats.received++;
    const context: CaptureContext = { settings, seq: ++seq, receivedAt: clock().toISOString(), closing, stats, emit };
    const answered = captureRequest(req, res, context).catch((error: unknown) => {
      stats.errors++;
      if (!res.headersSent) res.writeHead(500, { "Content-Type": "application/json", Connection: "close" }).end('{"error":"internal-error"}');
      emit({ type: "error", seq: context.seq, kind: "internal-error", method: req.method ?? "GET", url: req.url ?? "/", receivedAt: context.receivedAt, size: 0, answered: 500, detail: error instanceof Error ? error.message : String(error) });
      return undefined;
    });
    track(answered.then(filedOf));
  });
  let closed: Promise<CaptureStats> | undefined;
  return {
    url: `http://${authority}/`,
    host,
    port,
    outDir: capture.dir,
    recovered: capture.recovered,
    stats: () => ({ ...stats }),
    close() {
      closed ??= (async () => {
        closing = true;
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
        server.closeAllConnections();
        await stopped;
        await settings.writer.close();
        capture.close();
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

function listen(server: Server, port: number, host: string): Promise<{ port: number; address: string }> {
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
      resolve(typeof address === "object" && address !== null ? { port: address.port, address: address.address } : { port, address: host });
    });
  });
}
