import { readdirSync, statSync, type Dirent } from "node:fs";
import { join } from "node:path";
import { WhkInputError } from "../primitives/errors.js";
import { fileError } from "../primitives/file-error.js";
import { readStdin, readUserFile } from "../primitives/read-input.js";
import { parseRequestItems, parseRequests } from "./parse-requests.js";
import { readOrUnreadable, type SourcedItem, type SourcedRequest } from "./sourced-request.js";

export interface ReadOptions {
  /** How `-` is read; default all of file descriptor 0 (a terminal is refused rather than waited on). */
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
    const stats = path === "-" ? undefined : statSync(path, { throwIfNoEntry: false });
    if (path !== "-" && stats === undefined) throw fileError(path, { code: "ENOENT" });
    if (stats === undefined || !stats.isDirectory()) {
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
  return input === "-" ? parseRequests((options.readStdin ?? (() => readStdin("reading")))(), "stdin") : parseRequests(readUserFile(input), input);
}

/**
 * The requests in one input, leniently: one that cannot be read is an unreadable item and the others
 * are still read; an input that cannot be read at all is one unreadable item. For a batch that judges
 * every request it can (whk verify), rather than stopping at the first bad capture.
 */
export function requestItemsIn(input: string, options: ReadOptions = {}): SourcedItem[] {
  const source = input === "-" ? "stdin" : input;
  const items = readOrUnreadable(source, () => parseRequestItems(input === "-" ? (options.readStdin ?? (() => readStdin("reading")))() : readUserFile(input), source));
  return Array.isArray(items) ? items : [items];
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
