import { readdirSync } from "node:fs";
import { dirname, join, sep } from "node:path";
import { makeDirectory } from "../../primitives/make-directory.js";
import { WhkInputError } from "../../primitives/errors.js";
import { isDirectory } from "../../primitives/read-input.js";
import { toRequestFile } from "../../primitives/request-file.js";
import type { WebhookRequest } from "../../primitives/webhook-request.js";
import { assertWritableDirectory, openNewOutput, writeNewFileAtomic } from "../../primitives/write-file-atomic.js";

/** `--save`: a directory gets one file per request; a file gets one line per request (NDJSON). */
export type SaveTarget = { kind: "directory"; path: string } | { kind: "file"; path: string };

const EXISTS_HINT = "choose a new name, or --save into a directory (each run's files are numbered after those already there)";

/**
 * Decided before sending, so a bad path fails with exit 2 before anything goes on the wire: a directory
 * is created and a file made in it to be sure it takes one; a file must not be there already (an
 * earlier save is never written over) and its directory must exist. The file itself is opened by
 * `createRequestSaver`, still before the first request.
 */
export function resolveSaveTarget(spec: string): SaveTarget {
  if (spec.trim() === "") throw new WhkInputError("bad-save", "--save needs a file or directory", "e.g. --save captures/ or --save request.json");
  if (spec.endsWith("/") || spec.endsWith(sep) || isDirectory(spec)) {
    try {
      makeDirectory(spec);
    } catch (error) {
      throw new WhkInputError("bad-save", `--save ${spec}: cannot create the directory (${(error as NodeJS.ErrnoException).code ?? "error"})`, "check the path and its permissions");
    }
    assertWritableDirectory(spec, "--save");
    return { kind: "directory", path: spec };
  }
  if (!isDirectory(dirname(spec))) throw new WhkInputError("bad-save", `--save ${spec}: the directory ${dirname(spec)} does not exist`, "create it first, or end the path with / to save into a new directory");
  return { kind: "file", path: spec };
}

export interface RequestSaver {
  /**
   * Records one request exactly as sent (signature included; the secret is never part of a request),
   * on disk before this returns: a run stopped at any point keeps every request it sent. In a directory
   * it is `<name>-<n>.json`, `name` defaulting to the request's fixture (or provider).
   */
  add(request: WebhookRequest, sentAt: Date, name?: string): void;
  /** Closes the file (one made for requests that never came is removed again). */
  finish(): void;
}

/** One request as its saved text: receivedAt is when whk sent it, so `whk verify` judges the signature timestamp as the receiver would have. */
const savedText = (request: WebhookRequest, sentAt: Date, space?: number): string => JSON.stringify({ ...toRequestFile(request), receivedAt: sentAt.toISOString() }, null, space);

export function createRequestSaver(target: SaveTarget): RequestSaver {
  return target.kind === "file" ? fileSaver(target.path) : directorySaver(target.path);
}

/** NDJSON, a line a request, each line written whole in one call as its request is sent. */
function fileSaver(path: string): RequestSaver {
  const output = openNewOutput(path, "--save", EXISTS_HINT);
  return {
    add: (request, sentAt) => output.write(`${savedText(request, sentAt)}\n`),
    finish: () => output.close(),
  };
}

/** `<name>-<n>.json`, numbered on from the highest `n` already in the directory: an earlier run's files stay as they are. */
function directorySaver(dir: string): RequestSaver {
  const last = new Map<string, number>();
  for (const file of readdirSync(dir)) {
    const numbered = /^(.+)-(\d+)\.json$/.exec(file);
    if (numbered !== null) last.set(numbered[1] as string, Math.max(last.get(numbered[1] as string) ?? 0, Number(numbered[2])));
  }
  return {
    add(request, sentAt, given) {
      const name = given ?? request.fixture ?? request.provider ?? "request";
      const text = `${savedText(request, sentAt, 2)}\n`;
      let path: string;
      // A name taken meanwhile (another run saving here) moves on to the next number.
      do {
        const n = (last.get(name) ?? 0) + 1;
        last.set(name, n);
        path = join(dir, `${name}-${n}.json`);
      } while (!writeNewFileAtomic(path, text, "--save"));
    },
    finish() {
      // Each file is whole once written: nothing is left open.
    },
  };
}
