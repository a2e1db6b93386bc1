import { mkdirSync } from "node:fs";
import { dirname, join, sep } from "node:path";
import { WhkInputError } from "../../primitives/errors.js";
import { isDirectory } from "../../primitives/read-input.js";
import { toRequestFile, type RequestFile } from "../../primitives/request-file.js";
import type { WebhookRequest } from "../../primitives/webhook-request.js";
import { writeFileAtomic } from "./write-file-atomic.js";

/** `--save`: a directory gets one file per request; a file gets the one request, or NDJSON for several. */
export type SaveTarget = { kind: "directory"; path: string } | { kind: "file"; path: string };

/** Decided before sending, so a bad path fails with exit 2 before anything goes on the wire. */
export function resolveSaveTarget(spec: string): SaveTarget {
  if (spec.trim() === "") throw new WhkInputError("bad-save", "--save needs a file or directory", "e.g. --save captures/ or --save request.json");
  if (spec.endsWith("/") || spec.endsWith(sep) || isDirectory(spec)) {
    try {
      mkdirSync(spec, { recursive: true });
    } catch (error) {
      throw new WhkInputError("bad-save", `--save ${spec}: cannot create the directory (${(error as NodeJS.ErrnoException).code ?? "error"})`, "check the path and its permissions");
    }
    return { kind: "directory", path: spec };
  }
  if (!isDirectory(dirname(spec))) throw new WhkInputError("bad-save", `--save ${spec}: the directory ${dirname(spec)} does not exist`, "create it first, or end the path with / to save into a new directory");
  return { kind: "file", path: spec };
}

export interface RequestSaver {
  /**
   * Records one request exactly as sent (signature included; the secret is never part of a request). In a
   * directory it is `<name>-<n>.json`, `name` defaulting to the request's fixture (or provider).
   */
  add(request: WebhookRequest, sentAt: Date, name?: string): void;
  /** Writes what is pending; returns every path written. */
  finish(): string[];
}

export function createRequestSaver(target: SaveTarget): RequestSaver {
  const perFixture = new Map<string, number>();
  const pending: RequestFile[] = [];
  const written: string[] = [];
  return {
    add(request, sentAt, given) {
      // receivedAt: when whk sent it, so `whk verify` judges the signature timestamp as the receiver would have.
      const file = { ...toRequestFile(request), receivedAt: sentAt.toISOString() };
      if (target.kind === "file") {
        pending.push(file);
        return;
      }
      const name = given ?? request.fixture ?? request.provider ?? "request";
      const n = (perFixture.get(name) ?? 0) + 1;
      perFixture.set(name, n);
      const path = join(target.path, `${name}-${n}.json`);
      writeFileAtomic(path, `${JSON.stringify(file, null, 2)}\n`, "--save");
      written.push(path);
    },
    finish() {
      if (target.kind === "file" && pending.length > 0) {
        const text = pending.length === 1 ? `${JSON.stringify(pending[0], null, 2)}\n` : `${pending.map((file) => JSON.stringify(file)).join("\n")}\n`;
        writeFileAtomic(target.path, text, "--save");
        written.push(target.path);
      }
      return written;
    },
  };
}
