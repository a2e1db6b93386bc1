// Shared helpers for `npm run bench`: timing child processes, a bare receiver, autocannon runs.
import { spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

export const root = fileURLToPath(new URL("..", import.meta.url));
export const whk = fileURLToPath(new URL("../bin/whk.js", import.meta.url));
export const autocannonBin = fileURLToPath(new URL("../node_modules/autocannon/autocannon.js", import.meta.url));

export const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** Wall time of one run of a command, in ms. */
export function timeOnce(command, args, options = {}) {
  const started = process.hrtime.bigint();
  const result = spawnSync(command, args, { stdio: ["ignore", "ignore", "pipe"], ...options });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0 && !options.allowFailure) {
    throw new Error(`${command} ${args.join(" ")} exited ${result.status}: ${result.stderr}`);
  }
  return ms;
}

/** Runs a node script as a child and resolves with the first stdout line (a "ready" line) and the child. */
export async function startChild(args, { readyPattern = /./ } = {}) {
  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "inherit"] });
  const lines = createInterface({ input: child.stdout });
  for await (const line of lines) {
    if (readyPattern.test(line)) return { child, line, lines };
  }
  throw new Error(`${args.join(" ")} exited before it was ready`);
}

export async function stopChild(child, signal = "SIGTERM") {
  // A child that already exited, with a code or by a signal, sends no second "exit".
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill(signal);
  await once(child, "exit");
}

/** A bare node:http server in its own process that answers every request 200 `{}`. */
export async function startBareReceiver() {
  const script = `
    import { createServer } from "node:http";
    const server = createServer((req, res) => { req.resume(); req.on("end", () => res.writeHead(200, { "content-type": "application/json" }).end("{}")); });
    server.keepAliveTimeout = 60_000;
    server.listen(0, "127.0.0.1", () => console.log(server.address().port));`;
  const { child, line } = await startChild(["--input-type=module", "-e", script], { readyPattern: /^\d+$/ });
  return { child, url: `http://127.0.0.1:${line.trim()}/` };
}

/**
 * autocannon in its own process: POSTs over `connections` connections for `seconds` seconds. Returns req/s.
 * A fixed duration, not a request count: autocannon ends a run on a one-second sample tick, so a count
 * that takes ~1 s would be timed as 1.02 s or 2.0 s depending on luck.
 */
export function autocannon({ url, seconds, connections, body, headers }) {
  const args = [autocannonBin, "--json", "-d", String(seconds), "-c", String(connections), "-m", "POST", "-b", body];
  for (const [name, value] of Object.entries(headers)) args.push("-H", `${name}=${value}`);
  args.push(url);
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0) throw new Error(`autocannon failed: ${result.stderr}`);
  const report = JSON.parse(result.stdout);
  const completed = report.requests.total;
  return { completed, non2xx: report.non2xx, errors: report.errors, requestsPerSecond: completed / report.duration, wallSeconds };
}

export const fmt = (n, digits = 0) => Number(n).toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
