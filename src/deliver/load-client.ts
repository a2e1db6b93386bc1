import { connect as netConnect, isIP, type Socket } from "node:net";
import { connect as tlsConnect } from "node:tls";
import type { Dispatcher } from "undici";
import { AnswerReader, type ReadAnswer } from "./answer-reader.js";
import { answerResult, createDispatcher, DEFAULT_MAX_ANSWER_BYTES, DEFAULT_TIMEOUT_MS, DeadlinePassed, deliver, faultResult, type DeliveryResult } from "./deliver.js";
import { HEADER_NAME } from "../primitives/header-text.js";
import { localhostLookup } from "../primitives/localhost-lookup.js";
import { splitUrl } from "../primitives/url-parts.js";
import type { WebhookRequest } from "../primitives/webhook-request.js";

/**
 * The client of `whk send --count`: keep-alive HTTP/1.1 connections, one request at a time on each,
 * every request written in one piece, a round's requests together. Through undici's dispatch a request
 * took about a third longer, and a load run reached three quarters of autocannon's rate as whole
 * processes (README, Performance); single deliveries, retries and probes keep undici.
 *
 * It sends what undici would, byte for byte: the request line, `host`, `connection: keep-alive`, the
 * request's headers as written, `content-length`, the body. A request whose headers undici treats as
 * its own business (host, content-length, connection...), that undici would refuse, or that is not a
 * POST/PUT/PATCH to an http(s) URL goes through undici instead, which keeps its rules in one place.
 * Answers are read by `AnswerReader`; faults, timeouts and cut bodies come back as `deliver()`'s do.
 */
export interface LoadClient {
  deliver(request: WebhookRequest): Promise<DeliveryResult>;
  /** Closes every connection (and undici's, if it was needed). */
  close(): Promise<void>;
}

export interface LoadClientOptions {
  /** Connections per origin: the load run's concurrency. */
  connections: number;
  /** For connecting and for the whole answer. Default 30 s. */
  timeoutMs?: number;
  insecure?: boolean;
  maxBodyBytes?: number;
}

const PAYLOAD_METHODS = new Set(["POST", "PUT", "PATCH"]);
/** Headers undici reads as instructions rather than sending as written (undici/lib/core/request.js). */
const UNDICI_RULED = new Set(["host", "content-length", "connection", "keep-alive", "transfer-encoding", "upgrade", "expect"]);
/** What undici accepts in a header value (its `isValidHeaderValue`). */
const SENDABLE_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

function sentAsWritten(request: WebhookRequest, target: string): boolean {
  if (!PAYLOAD_METHODS.has(request.method) || !target.startsWith("/")) return false;
  for (const name in request.headers) {
    if (!HEADER_NAME.test(name) || UNDICI_RULED.has(name.toLowerCase()) || !SENDABLE_VALUE.test(request.headers[name] as string)) return false;
  }
  return true;
}

/** One request on its way: its bytes, its deadline, and where its result goes. */
class Delivery {
  readonly started = performance.now();
  timer: NodeJS.Timeout | undefined;
  connection: Connection | undefined;

  constructor(
    readonly url: string,
    readonly bytes: Buffer,
    readonly timeoutMs: number,
    readonly settle: (result: DeliveryResult) => void,
  ) {}

  answered(answer: ReadAnswer): void {
    clearTimeout(this.timer);
    this.settle(answerResult(answer.status, answer.headers, answer.body, answer.bodyBytes, answer.truncated, this.started));
  }

  failed(error: unknown): void {
    clearTimeout(this.timer);
    this.settle(faultResult(error, this.url, this.timeoutMs, this.started));
  }
}

/**
 * The requests made while the event loop handles one round of answers, written together once the round
 * is done (`setImmediate`), rather than each as its answer is read: the receiver then wakes once for the
 * lot instead of once per request. On a loaded two-core machine that measured about 10% more requests
 * per second; each request waits for at most the rest of the round.
 */
class WriteRound {
  private readonly waiting: Connection[] = [];

  add(connection: Connection): void {
    if (this.waiting.push(connection) === 1) setImmediate(this.flush);
  }

  private readonly flush = (): void => {
    const { waiting } = this;
    for (let i = 0; i < waiting.length; i++) (waiting[i] as Connection).write();
    waiting.length = 0;
  };
}

/** One keep-alive connection, carrying one delivery at a time. */
class Connection {
  private readonly reader: AnswerReader;
  private delivery: Delivery | undefined;
  private error: Error | undefined;
  connected = false;

  constructor(
    private readonly pool: OriginPool,
    readonly socket: Socket,
    tls: boolean,
    limit: number,
  ) {
    this.reader = new AnswerReader(limit);
    socket.on(tls ? "secureConnect" : "connect", () => (this.connected = true));
    socket.on("data", (chunk: Buffer) => this.received(chunk));
    socket.on("error", (error) => (this.error = error));
    // The receiver closed its side: no new delivery may be given to this connection.
    socket.on("end", () => this.pool.lost(this));
    socket.on("close", () => this.closed());
  }

  /** Takes the delivery; its bytes go out with the round's (a socket still connecting sends them once connected). */
  carry(delivery: Delivery): void {
    this.delivery = delivery;
    delivery.connection = this;
    this.reader.expect();
    this.pool.writes.add(this);
  }

  /**
   * Writes the delivery's bytes. A connection the receiver closed since it was picked (it sent its FIN
   * after the last answer) has sent nothing of them, so the delivery goes out on another one.
   */
  write(): void {
    const delivery = this.delivery;
    if (!delivery) return;
    if (this.socket.writable) {
      this.socket.write(delivery.bytes);
      return;
    }
    this.delivery = undefined;
    delivery.connection = undefined;
    this.pool.lost(this);
    this.pool.send(delivery);
  }

  /** The delivery ran out of time: this connection is mid-request and cannot be reused. */
  abandon(): void {
    this.delivery = undefined;
    this.socket.destroy();
  }

  private received(chunk: Buffer): void {
    const delivery = this.delivery;
    if (!delivery) {
      // Bytes nobody asked for: the receiver is out of step with this connection.
      this.socket.destroy();
      return;
    }
    let answer: ReadAnswer | undefined;
    try {
      answer = this.reader.push(chunk);
    } catch (error) {
      this.delivery = undefined;
      this.socket.destroy();
      delivery.failed(error);
      return;
    }
    if (!answer) return;
    this.delivery = undefined;
    if (answer.reusable) this.pool.release(this);
    else this.socket.destroy();
    delivery.answered(answer);
  }

  private closed(): void {
    this.pool.lost(this);
    const delivery = this.delivery;
    if (!delivery) return;
    this.delivery = undefined;
    let answer: ReadAnswer | undefined;
    try {
      answer = this.reader.closed();
    } catch (error) {
      delivery.failed(this.error ?? error);
      return;
    }
    if (answer) delivery.answered(answer);
    else delivery.failed(this.error ?? Object.assign(new Error("the connection closed before an answer"), { code: "ECONNRESET" }));
  }
}

/** The connections to one origin: at most `max`, idle ones reused, deliveries queued when all are busy. */
class OriginPool {
  private readonly idle: Connection[] = [];
  private readonly queue: Delivery[] = [];
  private readonly open = new Set<Connection>();
  readonly host: string;
  private readonly hostname: string;
  private readonly port: number;
  private readonly tls: boolean;

  constructor(
    origin: URL,
    private readonly options: Required<LoadClientOptions>,
    readonly writes: WriteRound,
  ) {
    this.tls = origin.protocol === "https:";
    this.host = origin.host;
    this.hostname = origin.hostname.replace(/^\[|\]$/g, "");
    this.port = origin.port === "" ? (this.tls ? 443 : 80) : Number(origin.port);
  }

  send(delivery: Delivery): void {
    const idle = this.idle.pop();
    if (idle) idle.carry(delivery);
    else if (this.open.size < this.options.connections) this.connect().carry(delivery);
    else this.queue.push(delivery);
  }

  /** An answer came and the connection may carry another. */
  release(connection: Connection): void {
    if (!this.open.has(connection)) return void connection.socket.destroy();
    const next = this.queue.shift();
    if (next) connection.carry(next);
    else this.idle.push(connection);
  }

  /** A connection closed: forget it, and open another for whoever is waiting. */
  lost(connection: Connection): void {
    const at = this.idle.indexOf(connection);
    if (at >= 0) this.idle.splice(at, 1);
    if (!this.open.delete(connection)) return;
    const next = this.queue.shift();
    if (next) this.connect().carry(next);
  }

  /** A delivery gave up before it got a connection. */
  withdraw(delivery: Delivery): void {
    const at = this.queue.indexOf(delivery);
    if (at >= 0) this.queue.splice(at, 1);
  }

  private connect(): Connection {
    const { hostname, port } = this;
    const common = { host: hostname, port, lookup: localhostLookup, autoSelectFamily: true, noDelay: true, keepAlive: true, keepAliveInitialDelay: 60_000 };
    const socket = this.tls
      ? tlsConnect({ ...common, ALPNProtocols: ["http/1.1"], rejectUnauthorized: !this.options.insecure, ...(isIP(hostname) === 0 ? { servername: hostname } : {}) })
      : netConnect(common);
    const connection = new Connection(this, socket, this.tls, this.options.maxBodyBytes);
    this.open.add(connection);
    return connection;
  }

  close(): void {
    for (const connection of this.open) connection.socket.destroy();
  }
}

/** The head undici writes for a buffered body (undici/lib/dispatcher/client-h1.js, writeH1 and writeBuffer), then the body. */
function requestBytes(request: WebhookRequest, host: string, target: string): Buffer {
  let head = `${request.method} ${target} HTTP/1.1\r\nhost: ${host}\r\nconnection: keep-alive\r\n`;
  for (const name in request.headers) head += `${name}: ${request.headers[name]}\r\n`;
  head += `content-length: ${request.body.length}\r\n\r\n`;
  const bytes = Buffer.allocUnsafe(head.length + request.body.length);
  bytes.write(head, 0, "latin1");
  request.body.copy(bytes, head.length);
  return bytes;
}

export function createLoadClient(options: LoadClientOptions): LoadClient {
  const settings: Required<LoadClientOptions> = {
    connections: Math.max(1, options.connections),
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    insecure: options.insecure ?? false,
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_ANSWER_BYTES,
  };
  const pools = new Map<string, OriginPool>();
  const writes = new WriteRound();
  let undici: Promise<Dispatcher> | undefined;

  const poolFor = (origin: string): OriginPool | undefined => {
    let pool = pools.get(origin);
    if (pool) return pool;
    let url: URL;
    try {
      url = new URL(origin);
    } catch {
      return undefined;
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") return undefined;
    pool = new OriginPool(url, settings, writes);
    pools.set(origin, pool);
    return pool;
  };

  return {
    deliver(request) {
      const parts = splitUrl(request.url);
      const target = parts?.target || "/";
      const pool = parts && sentAsWritten(request, target) ? poolFor(parts.origin) : undefined;
      if (!pool) {
        undici ??= createDispatcher({ timeoutMs: settings.timeoutMs, insecure: settings.insecure, connections: settings.connections });
        return undici.then((dispatcher) => deliver(request, { dispatcher, timeoutMs: settings.timeoutMs, maxBodyBytes: settings.maxBodyBytes }));
      }
      return new Promise<DeliveryResult>((settle) => {
        const delivery = new Delivery(request.url, requestBytes(request, pool.host, target), settings.timeoutMs, settle);
        delivery.timer = setTimeout(() => {
          const connection = delivery.connection;
          if (connection) connection.abandon();
          else pool.withdraw(delivery);
          delivery.failed(new DeadlinePassed(connection?.connected === true ? "UND_ERR_HEADERS_TIMEOUT" : "UND_ERR_CONNECT_TIMEOUT"));
        }, settings.timeoutMs);
        pool.send(delivery);
      });
    },
    async close() {
      for (const pool of pools.values()) pool.close();
      if (undici) await (await undici).destroy();
    },
  };
}
