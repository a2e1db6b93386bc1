import { Worker } from "node:worker_threads";

export const DEFAULT_CAPTURE_DIR = ".whk-captures";

/** `20250515T053431123Z-000042-<provider>.json`: sorts by arrival, unique within one listener. */
export function captureFileName(receivedAt: string, seq: number, provider: string | null): string {
  const compact = receivedAt.replace(/[-:.]/g, "");
  return `${compact}-${String(seq).padStart(6, "0")}-${provider ?? "unknown"}.json`;
}

export interface CaptureWriter {
  /** Absolute path of the capture directory. */
  readonly dir: string;
  /**
   * Writes one capture file atomically; resolves with its path once it is on disk, rejects when it
   * cannot be stored. Captures that arrive together are written together.
   */
  write(name: string, text: string): Promise<string>;
  /** Stops the writing thread (after every write asked for has been made). */
  close(): Promise<void>;
}

type Outcome = { path: string } | { code: string | undefined; message: string };

interface Waiting {
  resolve(path: string): void;
  reject(error: unknown): void;
}

/**
 * The writing thread. Each capture goes to a dot-prefixed temp file in the capture directory, then a
 * rename (atomic within one file system) gives it its unique name: a reader never sees half a file.
 * No fsync: a crash of whk loses nothing already written, only a crash of the machine could. Plain
 * JavaScript in a string, so the bundled CLI needs no file of its own for it.
 */
const WRITER_THREAD = `
const { parentPort } = require("node:worker_threads");
const { mkdirSync, renameSync, rmSync, writeFileSync } = require("node:fs");
const { join } = require("node:path");
function write(dir, name, text) {
  const path = join(dir, name);
  const temp = join(dir, "." + name + "." + process.pid + ".tmp");
  try {
    writeFileSync(temp, text, { flag: "wx" });
  } catch (error) {
    // The directory was removed while listening: create it again, once (its parent must still be there).
    if (error.code !== "ENOENT") throw error;
    mkdirSync(dir);
    writeFileSync(temp, text, { flag: "wx" });
  }
  try {
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  return path;
}
parentPort.on("message", ({ dir, batch }) => {
  parentPort.postMessage(batch.map(({ name, text }) => {
    try {
      return { path: write(dir, name, text) };
    } catch (error) {
      return { code: error.code, message: error.message };
    }
  }));
});
`;

/**
 * Writes captures on a thread of their own, in batches: every capture queued in one turn of the event
 * loop goes over in one message, and the thread makes each one's few system calls back to back. The
 * listener's own thread keeps receiving, verifying and answering meanwhile; each answer still waits for
 * its own capture.
 */
export function createCaptureWriter(dir: string): CaptureWriter {
  const thread = new Worker(WRITER_THREAD, { eval: true });
  thread.unref();
  let queued: { name: string; text: string }[] = [];
  let queuedWaiting: Waiting[] = [];
  const inFlight: Waiting[][] = [];
  let failure: Error | undefined;
  const send = (): void => {
    const batch = queued;
    const waiting = queuedWaiting;
    queued = [];
    queuedWaiting = [];
    if (failure !== undefined) {
      for (const w of waiting) w.reject(failure);
      return;
    }
    inFlight.push(waiting);
    thread.postMessage({ dir, batch });
  };
  thread.on("message", (outcomes: Outcome[]) => {
    const waiting = inFlight.shift() ?? [];
    outcomes.forEach((outcome, index) => {
      const w = waiting[index];
      if (w === undefined) return;
      if ("path" in outcome) w.resolve(outcome.path);
      else w.reject(Object.assign(new Error(outcome.message), { code: outcome.code }));
    });
  });
  // A thread that dies (it should not) fails every write after it: answered 503, never acknowledged.
  const fail = (error: Error): void => {
    failure = error;
    for (const waiting of inFlight.splice(0)) for (const w of waiting) w.reject(error);
  };
  thread.on("error", fail);
  thread.on("exit", () => fail(new Error("the capture writer stopped")));
  return {
    dir,
    write(name, text) {
      return new Promise((resolve, reject) => {
        queuedWaiting.push({ resolve, reject });
        if (queued.push({ name, text }) === 1) setImmediate(send);
      });
    },
    async close() {
      await thread.terminate();
    },
  };
}

/** `ENOTDIR: not a directory`, `ENOSPC: no space left on device`: short enough for one output line. */
export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const message = error instanceof Error ? error.message : String(error);
  const why = message.replace(/^[A-Z]+: /, "").replace(/, \w+ '.*'$/, "");
  return code !== undefined ? `${code}: ${why}` : why;
}
