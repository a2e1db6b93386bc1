import { localhostLookup } from "../primitives/localhost-lookup.js";
import type { Dispatcher } from "undici";
import { describeFault, faultOf, type DeliveryFault } from "./delivery-fault.js";
import { headersFromPairs, type Headers } from "../primitives/headers.js";
import { splitUrl } from "../primitives/url-parts.js";
import type { WebhookRequest } from "../primitives/webhook-request.js";

export type { DeliveryFault } from "./delivery-fault.js";

/** The receiver answered (any status). `body` is decoded as UTF-8 and cut at `maxBodyBytes` (default DEFAULT_MAX_ANSWER_BYTES). */
export interface DeliveryAnswer {
  ok: true;
  status: number;
  headers: Headers;
  body: string;
  /** How many body bytes arrived before reading stopped. */
  bodyBytes: number;
  bodyTruncated: boolean;
  latencyMs: number;
}

/** No HTTP answer: a fault on the way (refused, DNS, TLS, timeout, reset...). Never thrown. */
export interface DeliveryFailure {
  ok: false;
  fault: DeliveryFault;
  message: string;
  /** The underlying error code (ECONNREFUSED, UND_ERR_HEADERS_TIMEOUT...), when there is one. */
  code?: string;
  latencyMs: number;
}

export type DeliveryResult = DeliveryAnswer | DeliveryFailure;

export interface DispatcherOptions {
  /** Limit for connecting, and again for the answer's headers and body. Default 30 s. */
  timeoutMs?: number;
  /** Accept any TLS certificate (self-signed, wrong host). */
  insecure?: boolean;
  /** Keep-alive connections per origin (the load test's concurrency). Default: unlimited. */
  connections?: number;
}

export interface DeliverOptions {
  /** Reuse one for many deliveries: its pool keeps connections alive. Default: a shared one. */
  dispatcher?: Dispatcher;
  timeoutMs?: number;
  maxBodyBytes?: number;
}

export const DEFAULT_TIMEOUT_MS = 30_000;
/** How much of an answer's body is kept: a receiver's error page is not worth megabytes. */
export const DEFAULT_MAX_ANSWER_BYTES = 64 * 1024;

/**
 * undici's own Agent module: its index also loads fetch, WebSocket, caches and mocks, which take
 * longer to load than `whk send` takes to send a burst of thousands. A path, not an entry point undici
 * documents, so any undici that lays its files out otherwise is loaded whole instead (and
 * test/unit/deliver.test.ts checks that this one is undici's Agent).
 */
const UNDICI_AGENT_MODULE = "undici/lib/dispatcher/agent.js";

export async function loadUndiciAgent(): Promise<typeof import("undici").Agent> {
  try {
    const agent = ((await import(UNDICI_AGENT_MODULE)) as { default?: unknown }).default;
    if (typeof agent === "function") return agent as typeof import("undici").Agent;
  } catch {
    // Laid out otherwise: the whole package, below.
  }
  return (await import("undici")).Agent;
}

/**
 * A keep-alive connection pool for deliveries; `close()` it when done. undici is loaded here, on the
 * first pool, so `import "whk"` for signing and verifying never pays for an HTTP client. `autoSelectFamily`
 * tries every address a name has, and `localhost` has both loopback addresses whatever /etc/hosts says:
 * a receiver bound to 127.0.0.1 or to ::1 alone is reached either way.
 */
export async function createDispatcher(options: DispatcherOptions = {}): Promise<Dispatcher> {
  const Agent = await loadUndiciAgent();
  const timeout = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return new Agent({
    connect: { timeout, autoSelectFamily: true, lookup: localhostLookup, rejectUnauthorized: options.insecure !== true },
    headersTimeout: timeout,
    bodyTimeout: timeout,
    ...(options.connections !== undefined ? { connections: options.connections } : {}),
  });
}

let sharedDispatcher: Promise<Dispatcher> | undefined;

/** undici's parsed headers, with repeated ones joined (copied only when there are any). */
function flattenHeaders(raw: Record<string, string | string[] | undefined>): Headers {
  let plain = true;
  for (const name in raw) if (typeof raw[name] !== "string") plain = false;
  if (plain) return raw as Headers;
  const pairs: [string, string][] = [];
  for (const name in raw) {
    const value = raw[name];
    if (value !== undefined) pairs.push([name, Array.isArray(value) ? value.join(", ") : value]);
  }
  return headersFromPairs(pairs);
}

/** Thrown into undici to stop reading a body past the limit; turned back into a truncated answer. */
class BodyLimitReached extends Error {}

/**
 * The whole answer did not arrive within --timeout. undici's own header and body timeouts run on a
 * coarse clock (a 100 ms limit could let a 400 ms answer through), so each delivery has its own timer.
 * Its codes are undici's, so a timeout reads the same whichever client sent the request.
 */
export class DeadlinePassed extends Error {
  constructor(readonly code: "UND_ERR_HEADERS_TIMEOUT" | "UND_ERR_CONNECT_TIMEOUT" = "UND_ERR_HEADERS_TIMEOUT") {
    super(code === "UND_ERR_CONNECT_TIMEOUT" ? "connect timeout" : "no answer in time");
  }
}

/** An answer as a result: the body kept (UTF-8 text), how much of it arrived, and the latency since `started`. */
export function answerResult(status: number, headers: Headers, body: Buffer, bodyBytes: number, truncated: boolean, started: number): DeliveryAnswer {
  return { ok: true, status, headers, body: body.length === 0 ? "" : body.toString("utf8"), bodyBytes, bodyTruncated: truncated, latencyMs: performance.now() - started };
}

export function faultResult(error: unknown, url: string, timeoutMs: number, started: number): DeliveryFailure {
  const fault = faultOf(error);
  const message = describeFault(fault, url, timeoutMs);
  return { ok: false, fault: fault.fault, message, latencyMs: performance.now() - started, ...(fault.code !== undefined ? { code: fault.code } : {}) };
}

/**
 * A raw dispatch handler rather than `request()`: no stream per response, and one object per delivery,
 * which matters at load-test speed. Bodies are kept up to `limit` bytes; past it reading stops and the
 * connection is dropped (a receiver's error page is not worth megabytes).
 */
class AnswerHandler implements Dispatcher.DispatchHandler {
  private status = 0;
  private headers: Headers = {};
  private chunks: Buffer[] = [];
  private total = 0;
  readonly started = performance.now();

  constructor(
    private readonly url: string,
    private readonly timeoutMs: number,
    private readonly limit: number,
    private readonly settle: (result: DeliveryResult) => void,
  ) {}

  private deadline: NodeJS.Timeout | undefined;

  // Its presence is what tells undici this is a new-style handler (undici/lib/handler/unwrap-handler.js).
  onRequestStart(controller: Dispatcher.DispatchController): void {
    const remaining = this.timeoutMs - (performance.now() - this.started);
    this.deadline = setTimeout(() => controller.abort(new DeadlinePassed()), Math.max(0, remaining));
  }

  private finish(result: DeliveryResult): void {
    clearTimeout(this.deadline);
    this.settle(result);
  }

  onResponseStart(_controller: Dispatcher.DispatchController, statusCode: number, headers: Record<string, string | string[] | undefined>): void {
    this.status = statusCode;
    this.headers = flattenHeaders(headers);
    this.chunks = [];
    this.total = 0;
  }

  onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void {
    const room = this.limit - this.total;
    this.total += chunk.length;
    this.chunks.push(chunk.length <= room ? chunk : chunk.subarray(0, Math.max(0, room)));
    if (this.total > this.limit) controller.abort(new BodyLimitReached());
  }

  onResponseEnd(): void {
    this.finish(this.answer(false));
  }

  onResponseError(_controller: Dispatcher.DispatchController | undefined, error: Error): void {
    this.finish(error instanceof BodyLimitReached ? this.answer(true) : faultResult(error, this.url, this.timeoutMs, this.started));
  }

  private answer(truncated: boolean): DeliveryAnswer {
    const { chunks } = this;
    return answerResult(this.status, this.headers, chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks), this.total, truncated, this.started);
  }
}

/**
 * Makes one delivery attempt: POSTs the request's exact bytes and headers, follows no redirect (providers
 * don't; a bare dispatch has no redirect interceptor), and returns the answer or the fault as a value.
 * It never rejects.
 */
export function deliver(request: WebhookRequest, options: DeliverOptions = {}): Promise<DeliveryResult> {
  if (options.dispatcher === undefined) {
    sharedDispatcher ??= createDispatcher();
    return sharedDispatcher.then((dispatcher) => deliver(request, { ...options, dispatcher }));
  }
  const dispatcher = options.dispatcher;
  const timeout = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const parts = splitUrl(request.url);
  const origin = parts?.origin ?? request.url;
  const path = parts?.target || "/";
  const limit = options.maxBodyBytes ?? DEFAULT_MAX_ANSWER_BYTES;
  return new Promise<DeliveryResult>((settle) => {
    const handler = new AnswerHandler(request.url, timeout, limit, settle);
    try {
      dispatcher.dispatch(
        { origin, path, method: request.method as Dispatcher.HttpMethod, headers: request.headers, body: request.body, headersTimeout: timeout, bodyTimeout: timeout },
        handler,
      );
    } catch (error) {
      // Bad arguments (a header value undici refuses, a closed dispatcher) are reported like any fault.
      handler.onResponseError(undefined, error as Error);
    }
  });
}
