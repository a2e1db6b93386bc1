import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from "node:fs";
import { join } from "node:path";
import { WhkInputError } from "../primitives/errors.js";

export const LOCK_FILE = ".whk-listen.lock";

/** Directories this process holds: a second listener in the same process is refused as one in another. */
const heldHere = new Set<string>();

export interface CaptureLock {
  /** Whether a listener that is gone left its lock (and perhaps requests in its journal) behind. */
  readonly tookOverFrom: number | undefined;
  release(): void;
}

/**
 * One listener per capture directory: sequence numbers are per process, and two journals in one
 * directory would recover each other's requests. The lock is a file created exclusively, holding the
 * pid; a lock whose process is gone (a crash, kill -9) is taken over.
 */
export function lockCaptureDir(dir: string, shownAs: string): CaptureLock {
  const path = join(dir, LOCK_FILE);
  if (heldHere.has(dir)) throw inUse(shownAs, process.pid, path);
  let tookOverFrom: number | undefined;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(path, "wx");
      try {
        writeSync(fd, `${process.pid}\n`);
      } finally {
        closeSync(fd);
      }
      heldHere.add(dir);
      return { tookOverFrom, release: () => release(dir, path) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const holder = Number.parseInt(readOrEmpty(path), 10);
    // The same pid as ours can only be a listener that is gone (a container restarts with the same pids).
    if (Number.isInteger(holder) && holder !== process.pid && isRunning(holder)) throw inUse(shownAs, holder, path);
    if (Number.isInteger(holder)) tookOverFrom = holder;
    try {
      unlinkSync(path);
    } catch {
      // another listener took it over first: the next attempt says whose it is
    }
  }
  throw inUse(shownAs, Number.parseInt(readOrEmpty(path), 10), path);
}

function release(dir: string, path: string): void {
  if (!heldHere.delete(dir)) return;
  try {
    unlinkSync(path);
  } catch {
    // already gone: nothing to release
  }
}

function readOrEmpty(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return "";
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function inUse(shownAs: string, pid: number, path: string): WhkInputError {
  return new WhkInputError(
    "out-in-use",
    `${shownAs} is in use by another whk listen (pid ${pid})`,
    `stop that listener, or give this one its own --out directory (if no listener runs there, delete ${path})`,
  );
}
