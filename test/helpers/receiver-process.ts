import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { closedPort } from "./http-server.js";

/** The repository's node_modules: a snippet's `require("express")` resolves there from a temporary folder. */
const NODE_MODULES = fileURLToPath(new URL("../../node_modules/", import.meta.url));

export interface RunningReceiver {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  origin: string;
  /** What the server wrote to stdout and stderr so far (request logs, a stack trace). */
  output(): string;
  /** Stops the server and removes its folder. */
  stop(): Promise<void>;
}

/**
 * Writes `code` to a temporary folder as `file`, runs it with `command` on 127.0.0.1 and a free port
 * (PORT and WEBHOOK_SECRET in its environment, as the pages say), and resolves once the port accepts
 * connections. Rejects, with the server's output, when it exits first.
 */
export async function startReceiver(code: string, options: { file: string; command: string; secret: string }): Promise<RunningReceiver> {
  const dir = mkdtempSync(join(tmpdir(), "whk-receiver-"));
  writeFileSync(join(dir, options.file), code);
  const port = await closedPort();
  const child = spawn(options.command, [options.file], {
    cwd: dir,
    env: { ...process.env, PORT: String(port), WEBHOOK_SECRET: options.secret, NODE_PATH: NODE_MODULES, PYTHONUNBUFFERED: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const chunks: Buffer[] = [];
  child.stdout?.on("data", (chunk: Buffer) => chunks.push(chunk));
  child.stderr?.on("data", (chunk: Buffer) => chunks.push(chunk));
  // A command that cannot start (ENOENT) is reported like an early exit, with the error as its output.
  child.on("error", (error) => chunks.push(Buffer.from(`${error.message}\n`)));
  const output = () => Buffer.concat(chunks).toString("utf8");
  const stop = async () => {
    await stopProcess(child);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await untilListening(port, child, output);
  } catch (error) {
    await stop();
    throw error;
  }
  return { origin: `http://127.0.0.1:${port}`, output, stop };
}

const exited = (child: ChildProcess): boolean => child.exitCode !== null || child.signalCode !== null || child.pid === undefined;

async function untilListening(port: number, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (exited(child)) throw new Error(`the receiver exited (${child.exitCode ?? child.signalCode}) before listening on ${port}:\n${output()}`);
    if (await accepts(port)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`the receiver did not listen on ${port} within 20 s:\n${output()}`);
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

/** SIGTERM, then SIGKILL if it has not exited within 5 s. */
function stopProcess(child: ChildProcess): Promise<void> {
  if (exited(child)) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill("SIGTERM");
  });
}
