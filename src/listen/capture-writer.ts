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
  /** Writes one capture file (its bytes) atomically; resolves with its path once it is on disk, rejects when it cannot be stored. */
  write(name: string, bytes: Buffer): Promise<string>;
  /** Resolves once the captures waiting to be written are back under the limit; undefined when they are. */
  whenRoom(): Promise<void> | undefined;
  /** Stops the writing thread (after every write asked for has been made). */
  close(): Promise<void>;
}

/** Capture bytes waiting for the writing thread past which answers wait for them: memory stays bounded when a disk is slower than the senders. */
const BACKLOG_BYTES = 64 * 1024 * 1024;

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
const { mkdirSync, readlinkSync, renameSync, rmSync, writeFileSync } = require("node:fs");
const { join } = require("node:path");
const { setPriority } = require("node:os");
// Below the listener's own thread (Linux: a thread is its own scheduling entity, named by /proc/thread-self):
// senders wait on answers, files wait for no one.
try {
  setPriority(Number(readlinkSync("/proc/thread-self").split("/").pop()), 10);
} catch {
  // Another system, or not allowed: the same priority as the listener then.
}
function write(dir, name, bytes) {
  const path = join(dir, name);
  const temp = join(dir, "." + name + "." + process.pid + ".tmp");
  try {
    writeFileSync(temp, bytes, { flag: "wx" });
  } catch (error) {
    // The directory was removed while listening: create it again, once (its parent must still be there).
    if (error.code !== "ENOENT") throw error;
    mkdirSync(dir);
    writeFileSync(temp, bytes, { flag: "wx" });
  }
  try {
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  return path;
}
// A batch: the files' names, and their bytes one after another in one buffer (ends[i] is where file i ends).
parentPort.on("message", ({ dir, names, ends, buffer }) => {
  let start = 0;
  parentPort.postMessage(names.map((name, i) => {
    const bytes = Buffer.from(buffer, start, ends[i] - start);
    start = ends[i];
    try {
      return { path: write(dir, name, bytes) };
    } catch (error) {
      return { code: error.code, message: error.message };
    }
  }));
});
`;

/**
 * Writes captures on a thread of their own, behind the answers: the journal already holds each one.
 * One batch is with the thread at a time, and every capture queued meanwhile goes over in the next
 * message, so the busier the listener, the fewer (and larger) the messages; the thread makes each
 * one's few system calls. The listener's own thread keeps receiving, verifying and
 * answering meanwhile, until the captures waiting pass BACKLOG_BYTES.
 */
export function createCaptureWriter(dir: string): CaptureWriter {
  const thread = new Worker(WRITER_THREAD, { eval: true });
  thread.unref();
  let queued: { name: string; bytes: Buffer }[] = [];
  let queuedWaiting: Waiting[] = [];
  let queuedBytes = 0;
  let inFlight: { waiting: Waiting[]; bytes: number } | undefined;
  let roomWaiters: (() => void)[] = [];
  let failure: Error | undefined;
  const backlog = (): number => queuedBytes + (inFlight?.bytes ?? 0);
  const wakeWhenRoom = (): void => {
    if (backlog() >= BACKLOG_BYTES) return;
    const waiters = roomWaiters;
    roomWaiters = [];
    for (const wake of waiters) wake();
  };
  const send = (): void => {
    if (inFlight !== undefined || queued.length === 0) return;
    const batch = queued;
    const waiting = queuedWaiting;
    const bytes = queuedBytes;
    queued = [];
    queuedWaiting = [];
    queuedBytes = 0;
    if (failure !== undefined) {
      for (const w of waiting) w.reject(failure);
      wakeWhenRoom();
      return;
    }
    inFlight = { waiting, bytes };
    // One buffer of their own for the batch, handed over to the thread rather than copied.
    const joined = Buffer.allocUnsafeSlow(bytes);
    const ends: number[] = [];
    let at = 0;
    for (const capture of batch) {
      at += capture.bytes.copy(joined, at);
      ends.push(at);
    }
    thread.postMessage({ dir, names: batch.map((capture) => capture.name), ends, buffer: joined.buffer }, [joined.buffer]);
  };
  thread.on("message", (outcomes: Outcome[]) => {
    const waiting = inFlight?.waiting ?? [];
    inFlight = undefined;
    outcomes.forEach((outcome, index) => {
      const w = waiting[index];
      if (w === undefined) return;
      if ("path" in outcome) w.resolve(outcome.path);
      else w.reject(Object.assign(new Error(outcome.message), { code: outcome.code }));
    });
    send();
    wakeWhenRoom();
  });
  // A thread that dies (it should not) fails every write after it: never written, so never settled in the journal.
  const fail = (error: Error): void => {
    failure = error;
    for (const w of inFlight?.waiting ?? []) w.reject(error);
    inFlight = undefined;
    send();
  };
  thread.on("error", fail);
  thread.on("exit", () => fail(new Error("the capture writer stopped")));
  return {
    dir,
    write(name, bytes) {
      return new Promise((resolve, reject) => {
        queuedWaiting.push({ resolve, reject });
        queuedBytes += bytes.length;
        if (queued.push({ name, bytes }) === 1) setImmediate(send);
      });
    },
    whenRoom() {
      if (backlog() < BACKLOG_BYTES) return undefined;
      return new Promise((resolve) => roomWaiters.push(resolve));
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
