import { watch, type FSWatcher } from "node:fs";
import { readdir, readFile, stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import { WhkInputError } from "../primitives/errors.js";
import { captureEntryFromRecord } from "./capture-entry.js";
import type { CaptureStore } from "./capture-store.js";

/** How often the folder is listed again, in case a file-system event was missed (network drives, some editors). */
const RESCAN_MS = 1000;

export interface FolderFollower {
  readonly dir: string;
  close(): void;
}

/**
 * Loads every capture file of a folder into the store (sorted by name, which is arrival order for
 * `whk listen`'s files), then follows it: a file that appears is read as soon as the file system says
 * so, and at the latest on the next rescan. Dotfiles (a listener's temp files) are skipped; a file that
 * is not a request file is noted, and read again once it changes.
 */
export async function followCaptureFolder(directory: string, store: CaptureStore): Promise<FolderFollower> {
  const dir = resolve(directory);
  await checkFolder(directory, dir);
  const seen = new Map<string, number>();
  let scanning: Promise<void> | undefined;
  let again = false;
  const scan = async (): Promise<void> => {
    const names = (await readdir(dir).catch(() => [] as string[])).filter(isCaptureName).sort();
    for (const name of names) {
      // Read (or left out) for good: no stat call, so a rescan of a big folder costs one listing.
      if (seen.get(name) === Number.POSITIVE_INFINITY) continue;
      const file = join(dir, name);
      const changed = await stat(file).then((s) => s.mtimeMs, () => undefined);
      if (changed === undefined || seen.get(name) === changed) continue;
      seen.set(name, changed);
      try {
        store.add(captureEntryFromRecord(file, JSON.parse(await readFile(file, "utf8"))));
        seen.set(name, Number.POSITIVE_INFINITY);
      } catch (error) {
        store.noteUnreadable({ file, problem: error instanceof Error ? error.message : String(error) });
      }
    }
  };
  const rescan = (): void => {
    if (scanning) {
      again = true;
      return;
    }
    scanning = scan().finally(() => {
      scanning = undefined;
      if (again) {
        again = false;
        rescan();
      }
    });
  };
  // A folder of a load test's captures: only the newest the store keeps are read, the rest counted.
  const names = (await readdir(dir)).filter(isCaptureName).sort();
  const older = names.slice(0, Math.max(0, names.length - store.limit));
  for (const name of older) seen.set(name, Number.POSITIVE_INFINITY);
  store.noteLeftOut(older.length);
  await scan();
  let watcher: FSWatcher | undefined;
  try {
    watcher = watch(dir, { persistent: false }, rescan);
    watcher.on("error", () => undefined);
  } catch {
    // No file-system events here: the periodic rescan alone follows the folder.
  }
  const timer = setInterval(rescan, RESCAN_MS);
  timer.unref();
  return {
    dir,
    close() {
      clearInterval(timer);
      watcher?.close();
    },
  };
}

/** A capture file's name; dotfiles are a listener's files still being written. */
const isCaptureName = (name: string): boolean => name.endsWith(".json") && !name.startsWith(".");

async function checkFolder(given: string, dir: string): Promise<void> {
  const info = await stat(dir).catch(() => undefined);
  if (info === undefined) {
    throw new WhkInputError("no-capture-folder", `${given} does not exist`, "start `whk listen` first (it writes .whk-captures/), or name a folder of capture files: whk inspect <dir>");
  }
  if (!info.isDirectory()) {
    throw new WhkInputError("not-a-folder", `${given} is not a folder`, "name the folder that holds the capture files (whk listen --out), e.g. whk inspect .whk-captures");
  }
}
