import { readdirSync, readFileSync, statSync, type Dirent } from "node:fs";
import { join } from "node:path";
import { WhkInputError } from "../primitives/errors.js";
import { fileError } from "../primitives/file-error.js";
import { parseRequests } from "./parse-requests.js";
import type { SourcedRequest } from "./sourced-request.js";

export interface ReadOptions {
  /** How `-` is read; default all of file descriptor 0. The CLI passes one that refuses a terminal. */
  readStdin?: () => Buffer;
}

/**
 * Every request in the given paths, in order: files of any format `parseRequests` knows, `-` for
 * standard input, and directories (their files sorted by name, not recursive, dotfiles skipped).
 * Throws only WhkInputError, naming the path.
 */
export function readRequests(paths: readonly string[], options: ReadOptions = {}): SourcedRequest[] {
  return [...eachRequest(paths, options)];
}

/**
 * The same requests one at a time, each file read only when the previous one is done with: a batch of
 * thousands never holds every body in memory (which keeps the garbage collector, and so verify, fast).
 */
export function* eachRequest(paths: readonly string[], options: ReadOptions = {}): Generator<SourcedRequest> {
  for (const input of inputFiles(paths)) yield* requestsIn(input, options);
}

/**
 * What the paths name, in order: files as given, each directory's files (sorted by name, not
 * recursive, dotfiles skipped), and "-" for standard input. Checks every path exists before any is read.
 */
export function inputFiles(paths: readonly string[]): string[] {
  if (paths.length === 0) throw new WhkInputError("no-input", "no request file was given", "name a request file, a directory, or - for standard input");
  const inputs: string[] = [];
  for (const path of paths) {
    if (path === "-" || !isDirectory(path)) {
      inputs.push(path);
      continue;
    }
    const files = filesIn(path);
    if (files.length === 0) throw new WhkInputError("empty-directory", `directory ${path} has no files`, "point at a directory of captured requests");
    for (const file of files) inputs.push(file);
  }
  return inputs;
}

/** The requests in one input file (or "-", standard input). */
export function requestsIn(input: string, options: ReadOptions = {}): SourcedRequest[] {
  return input === "-" ? parseRequests((options.readStdin ?? readFd0)(), "stdin") : parseRequests(readInputFile(input), input);
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch (error) {
    throw fileError(path, error);
  }
}

/** Files directly in a directory, sorted by name; dotfiles and subdirectories skipped. */
function filesIn(directory: string): string[] {
  let entries: Dirent[];
  try {
    entries = readdirSync(directory, { withFileTypes: true });
  } catch (error) {
    throw fileError(directory, error);
  }
  const names: string[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith(".")) continue;
    if (entry.isFile() || (entry.isSymbolicLink() && linksToFile(join(directory, entry.name)))) names.push(entry.name);
  }
  return names.sort().map((name) => join(directory, name));
}

function linksToFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false; // a dangling or unreadable link is not an input
  }
}

function readInputFile(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    throw fileError(path, error);
  }
}

function readFd0(): Buffer {
  try {
    return readFileSync(0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EOF") return Buffer.alloc(0);
    throw new WhkInputError("stdin-unavailable", "standard input is not readable", "pipe the request in, e.g. `cat request.json | whk verify -`");
  }
}
