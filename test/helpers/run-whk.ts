import { spawn, spawnSync } from "node:child_process";
import { closeSync, openSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** The real CLI, as users run it (build first: it imports dist/). */
export const WHK_BIN = fileURLToPath(new URL("../../bin/whk.js", import.meta.url));

export interface WhkRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  /** Piped to stdin (stdin is closed either way, so nothing waits on a terminal). */
  input?: string | Buffer;
  env?: Record<string, string | undefined>;
  cwd?: string;
  /** Kill the process after this long (default 20 s): a hung CLI fails the test instead of the run. */
  timeoutMs?: number;
  /** A file (a device such as /dev/zero) opened as standard input instead of a pipe. */
  stdinFrom?: string;
}

/**
 * Runs `node bin/whk.js ...args` asynchronously, so a test server in the same process keeps answering
 * while the CLI talks to it (spawnSync would block the event loop). Colour is off and WHK_SECRET is
 * unset unless `env` sets them.
 */
export function runWhk(args: readonly string[], options: RunOptions = {}): Promise<WhkRun> {
  return new Promise((resolve, reject) => {
    const stdin = options.stdinFrom !== undefined ? openSync(options.stdinFrom, "r") : "pipe";
    const child = spawn(process.execPath, [WHK_BIN, ...args], { env: environment(options), cwd: options.cwd, stdio: [stdin, "pipe", "pipe"] });
    if (typeof stdin === "number") closeSync(stdin);
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout?.on("data", (chunk: Buffer) => stdout.push(chunk));
    child.stderr?.on("data", (chunk: Buffer) => stderr.push(chunk));
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 20_000);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout: Buffer.concat(stdout).toString("utf8"), stderr: Buffer.concat(stderr).toString("utf8") });
    });
    child.stdin?.on("error", () => {
      // the CLI may exit before reading its input; that is its answer, not a test failure
    });
    child.stdin?.end(options.input);
  });
}

/** The same, blocking: for tests that need no server of their own in this process. */
export function runWhkSync(args: readonly string[], options: RunOptions = {}): WhkRun {
  const result = spawnSync(process.execPath, [WHK_BIN, ...args], {
    env: environment(options),
    cwd: options.cwd,
    encoding: "utf8",
    timeout: options.timeoutMs ?? 20_000,
    ...(options.input !== undefined ? { input: options.input } : {}),
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Colour off, no WHK_SECRET and no WHK_CONFIG, unless the test's own `env` says otherwise. */
function environment(options: RunOptions): NodeJS.ProcessEnv {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: "1", FORCE_COLOR: undefined, WHK_SECRET: undefined, WHK_CONFIG: undefined, ...options.env };
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  return env;
}

/** NDJSON output, one parsed object per non-empty line. */
export function jsonLines<T = Record<string, unknown>>(stdout: string): T[] {
  return stdout
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as T);
}

/** Lines that look like a JavaScript stack frame: user-facing errors must have none. */
export const stackFrames = (text: string): string[] => text.split("\n").filter((line) => /^\s+at\s/.test(line));

/** A run's exit code and output, as the message of a failed assertion: a failing e2e test then says why. */
export const outputOf = (run: WhkRun): string => `exit ${run.code}\n--- stdout\n${run.stdout}\n--- stderr\n${run.stderr}`;
