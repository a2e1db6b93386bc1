import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { request as httpRequest, type Agent } from "node:http";
import { fileURLToPath } from "node:url";
import type { WebhookRequest } from "../../src/primitives/webhook-request.js";

export const whk = fileURLToPath(new URL("../../bin/whk.js", import.meta.url));

export interface ListenerProcess {
  child: ChildProcessWithoutNullStreams;
  /** The URL from the ready line (JSON mode) or the first line (human mode). */
  url: string;
  stdout(): string;
  stderr(): string;
  /** NDJSON lines parsed so far (JSON mode). */
  events(): Record<string, unknown>[];
  exited: Promise<number | null>;
  /** Sends a signal and waits for the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

const running = new Set<ChildProcessWithoutNullStreams>();

/** For afterAll: a test that failed half-way must not leave a listener behind. */
export function killListeners(): void {
  for (const child of running) child.kill("SIGKILL");
}

/** Runs the real `whk listen` and resolves once it says where it listens. */
export function spawnListener(args: readonly string[], env: Record<string, string> = {}): Promise<ListenerProcess> {
  const child = spawn(process.execPath, [whk, "listen", ...args], { env: { ...process.env, WHK_SECRET: "", NO_COLOR: "1", ...env } });
  running.add(child);
  let out = "";
  let err = "";
  child.stdout.setEncoding("utf8");
  child.stderr.setEncoding("utf8");
  const exited = new Promise<number | null>((resolve) =>
    child.on("close", (code) => {
      running.delete(child);
      resolve(code);
    }),
  );
  return new Promise((resolve, reject) => {
    let ready = false;
    child.stderr.on("data", (chunk: string) => (err += chunk));
    child.stdout.on("data", (chunk: string) => {
      out += chunk;
      const match = ready ? null : /"type":"ready","url":"([^"]+)"|whk listen: (http:\/\/\S+)/.exec(out);
      if (!match) return;
      ready = true;
      resolve({
        child,
        url: (match[1] ?? match[2]) as string,
        stdout: () => out,
        stderr: () => err,
        events: () => out.split("\n").filter((l) => l.startsWith("{")).map((l) => JSON.parse(l) as Record<string, unknown>),
        exited,
        stop(signal = "SIGINT") {
          child.kill(signal);
          return exited;
        },
      });
    });
    void exited.then((code) => reject(new Error(`whk listen exited (${code}) before it was ready: ${err}`)));
  });
}

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** POSTs a request's exact bytes and headers with node:http (not whk's own delivery code). */
export function post(request: Pick<WebhookRequest, "method" | "url" | "headers" | "body">, agent?: Agent): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const url = new URL(request.url);
    const outgoing = httpRequest(
      { host: url.hostname, port: url.port, method: request.method, path: request.url.slice(url.origin.length), headers: request.headers, ...(agent ? { agent } : {}) },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on("data", (chunk: Buffer) => chunks.push(chunk));
        answer.on("end", () => resolve({ status: answer.statusCode ?? 0, headers: answer.headers, body: Buffer.concat(chunks) }));
        answer.on("error", reject);
      },
    );
    outgoing.on("error", reject);
    outgoing.end(request.body);
  });
}
