import { readdirSync } from "node:fs";
import { makeDirectory } from "../primitives/make-directory.js";
import { join, resolve } from "node:path";
import { WhkInputError } from "../primitives/errors.js";
import { toRequestFile } from "../primitives/request-file.js";
import { captureFileText, type CaptureRecord } from "./capture-record.js";
import { lockCaptureDir, type CaptureLock } from "./capture-lock.js";
import { openCaptureJournal, removeJournals, unsettledRequests, type CaptureJournal } from "./capture-journal.js";
import { captureFileName, describeFsError } from "./capture-writer.js";
import { writeFileAtomic } from "../primitives/write-file-atomic.js";

export interface CaptureDir {
  /** Absolute path. */
  dir: string;
  lock: CaptureLock;
  journal: CaptureJournal;
  /** Requests a listener that is gone had stored in its journal but not yet as capture files: written now. */
  recovered: number;
  close(): void;
}

/**
 * Makes `outDir` ready for one listener, or says in one line why it cannot be: created if missing,
 * refused when it is a file or cannot be written to, or when another listener uses it. What a
 * listener that died left in its journal becomes capture files first.
 */
export function openCaptureDir(outDir: string): CaptureDir {
  const dir = resolve(outDir);
  const shownAs = `the capture directory ${outDir}`;
  try {
    makeDirectory(dir);
  } catch (error) {
    throw unusable(shownAs, error);
  }
  let lock: CaptureLock;
  try {
    lock = lockCaptureDir(dir, shownAs);
  } catch (error) {
    if (error instanceof WhkInputError) throw error;
    throw unusable(shownAs, error);
  }
  try {
    const recovered = recoverUnsettled(dir);
    const journal = openCaptureJournal(dir);
    return {
      dir,
      lock,
      journal,
      recovered,
      close() {
        journal.close();
        lock.release();
      },
    };
  } catch (error) {
    lock.release();
    throw unusable(shownAs, error);
  }
}

/**
 * Writes what listeners that are gone left unsettled in their journals as capture files, then drops the
 * journals: a finished capture as the file it was to be, a request never finished as its bytes (unless
 * either made it to a file already); each marked "recovered", saying which it was.
 */
function recoverUnsettled(dir: string): number {
  const { journals, entries, captures } = unsettledRequests(dir);
  if (journals.length === 0) return 0;
  /** `<receivedAt>-<seq>-`: a request's capture file, whatever the provider it was taken for. */
  const prefixOf = (name: string): string => name.slice(0, name.lastIndexOf("-") + 1);
  const stored = new Set(readdirSync(dir).map(prefixOf));
  let recovered = 0;
  const store = (name: string, text: () => string): void => {
    if (stored.has(prefixOf(name))) return;
    writeFileAtomic(join(dir, name), text(), "a recovered capture");
    stored.add(prefixOf(name));
    recovered++;
  };
  for (const capture of captures) {
    const record = { ...(JSON.parse(capture.text) as CaptureRecord), recovered: "written from the journal by a later whk listen: the one that received, inspected and answered this request stopped before writing its file" };
    store(capture.name, () => captureFileText(record));
  }
  for (const entry of entries) {
    const record: CaptureRecord = {
      ...toRequestFile(entry),
      receivedAt: entry.receivedAt,
      detectedProvider: null,
      recovered: "stored by a whk listen that stopped before it finished this request: its verdict and answer are unknown",
    };
    store(captureFileName(entry.receivedAt, entry.seq, null), () => captureFileText(record));
  }
  removeJournals(journals);
  return recovered;
}

function unusable(shownAs: string, error: unknown): WhkInputError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "EEXIST" || code === "ENOTDIR") {
    return new WhkInputError("bad-out", `${shownAs} is not a directory (a file is in the way)`, "give --out a directory, or a path where one can be created");
  }
  return new WhkInputError("bad-out", `${shownAs} cannot be written to (${describeFsError(error)})`, "give --out a directory you can write to");
}
