import { readFileSync } from "node:fs";
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import { createServer as createNetServer, type AddressInfo, type Socket } from "node:net";

/** One request as the test server received it: raw body bytes, headers as Node parsed them (lower-case). */
export interface CapturedRequest {
  method: string;
  /** Path and query, verbatim. */
  url: string;
  headers: Record<string, string>;
  body: Buffer;
}

/** What to do with a request: answer it, destroy the socket (a reset), or never answer (a timeout). */
export type Reply = { status?: number; headers?: Record<string, string>; body?: string } | "destroy" | "hang";

export type Responder = (request: CapturedRequest, index: number) => Reply | Promise<Reply>;

export interface TestServer {
  /** `http(s)://127.0.0.1:<port>/`. */
  url: string;
  port: number;
  requests: CapturedRequest[];
  close(): Promise<void>;
}

/**
 * The answer every provider counts as delivered: SingleView wants "status":"OK", Tripay "success":true,
 * PayMongo any JSON, iPay88's BackendURL the word RECEIVEOK (its form carries MerchantCode), the rest a 200
 * or any 2xx.
 */
export const acknowledgeAll: Responder = (request) =>
  /(^|&)MerchantCode=/.test(request.body.toString("latin1"))
    ? { status: 200, headers: { "content-type": "text/plain" }, body: "RECEIVEOK" }
    : { status: 200, headers: { "content-type": "application/json" }, body: '{"status":"OK","success":true}' };

function flatten(headers: IncomingMessage["headers"]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) if (value !== undefined) out[name] = Array.isArray(value) ? value.join(", ") : value;
  return out;
}

/**
 * A real HTTP (or, with `tls`, HTTPS) server on 127.0.0.1 and a free port, recording every request
 * before the responder decides the answer. `close()` also drops hung connections.
 */
export async function startServer(responder: Responder = acknowledgeAll, options: { tls?: { key: string; cert: string } } = {}): Promise<TestServer> {
  const requests: CapturedRequest[] = [];
  const sockets = new Set<Socket>();
  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const captured: CapturedRequest = { method: req.method ?? "", url: req.url ?? "", headers: flatten(req.headers), body: Buffer.concat(chunks) };
      const index = requests.push(captured) - 1;
      void Promise.resolve(responder(captured, index)).then((reply) => {
        if (reply === "hang") return;
        if (reply === "destroy") return void req.socket.destroy();
        res.writeHead(reply.status ?? 200, reply.headers ?? {});
        res.end(reply.body ?? "");
      });
    });
  };
  const server: Server = options.tls ? createHttpsServer({ key: options.tls.key, cert: options.tls.cert }, handle) : createHttpServer(handle);
  server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${options.tls ? "https" : "http"}://127.0.0.1:${port}/`,
    port,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/**
 * A port nothing listens on (connection refused), that a test may also hand to a server it starts: a
 * free one below the range the kernel hands out for port 0. Every other server of the suite listens on
 * port 0, so none can take it meanwhile (one from that range once went to a parallel test's server,
 * and a receiver started on it failed with "Address already in use").
 */
export async function closedPort(): Promise<number> {
  let lowestEphemeral = 32768;
  try {
    lowestEphemeral = Number(readFileSync("/proc/sys/net/ipv4/ip_local_port_range", "utf8").trim().split(/\s+/)[0]) || lowestEphemeral;
  } catch {
    // Not Linux: the IANA dynamic range starts at 49152, above this default.
  }
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = 10_000 + Math.floor(Math.random() * (lowestEphemeral - 10_000));
    if (await bindable(port)) return port;
  }
  throw new Error(`no free port between 10000 and ${lowestEphemeral}`);
}

function bindable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createNetServer();
    probe.once("error", () => resolve(false));
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve(true)));
  });
}
