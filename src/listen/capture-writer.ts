import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import type { CaptureRecord } from "./capture-record.js";

export const DEFAULT_CAPTURE_DIR = ".whk-captures";

/** `20250515T053431123Z-000042-<provider>.json`: sorts by arrival, unique within one listener. */
export function captureFileName(receivedAt: string, seq: number, provider: string | null): string {
  const compact = receivedAt.replace(/[-:.]/g, "");
  return `${compact}-${String(seq).padStart(6, "0")}-${provider ?? "unknown"}.json`;
}

export interface CaptureWriter {
  /** Absolute path of the capture directory. */
  readonly dir: string;
  /** Creates the directory; returns the error text when it cannot be created (writes will then fail). */
  prepare(): Promise<string | undefined>;
  /** Writes one capture atomically and returns its path. Rejects when it cannot be stored. */
  write(name: string, record: CaptureRecord): Promise<string>;
}

/**
 * Writes captures so a reader never sees half a file: the JSON goes to a dot-prefixed temp file in the
 * same directory, then a rename (atomic within one file system) gives it its name. No fsync: a crash of
 * whk loses nothing already written, only a crash of the machine could.
 */
export function createCaptureWriter(directory: string): CaptureWriter {
  const dir = resolve(directory);
  let ready = false;
  const ensureDir = async (): Promise<void> => {
    if (ready) return;
    await mkdir(dir, { recursive: true });
    ready = true;
  };
  return {
    dir,
    async prepare() {
      try {
        await ensureDir();
        return undefined;
      } catch (error) {
        return describeFsError(error);
      }
    },
    async write(name, record) {
      await ensureDir();
      const path = join(dir, name);
      const temp = join(dir, `.${name}.${process.pid}.tmp`);
      try {
        await writeFile(temp, `${JSON.stringify(record, null, 2)}\n`, { flag: "wx" });
        await rename(temp, path);
      } catch (error) {
        // The directory may have been removed while listening: create it again next time.
        if ((error as NodeJS.ErrnoException).code === "ENOENT") ready = false;
        await rm(temp, { force: true }).catch(() => undefined);
        throw error;
      }
      return path;
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
