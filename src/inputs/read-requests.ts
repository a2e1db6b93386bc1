import { readdirSync, statSync, type Dirent } from "node:fs";
import { join } from "node:path";
import { WhkInputError } from "../primitives/errors.js";
import { fileError } from "../primitives/file-error.js";
import { readListedFile, readStdin, readUserFile } from "../primitives/read-input.js";
import { parseRequestItems, parseRequests } from "./parse-requests.js";
import { readOrUnreadable, type SourcedItem, type SourcedRequest } from "./sourced-request.js";

export interface ReadOptions {
  /** How `-` is read; default all of file descriptor 0 (a terminal is refused rather than waited on). */
  readStdin?: () => Buffer;
}

/** One input: a path as given ("-" for standard input), or a file of a directory the path named. */
export interface InputFile {
  path: string;
  /** The directory's listing named it as a regular file (or a link to one). */
  listed: boolean;
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
export function inputFiles(paths: readonly string[]): InputFile[] {
  if (paths.length === 0) throw new WhkInputError("no-input", "no request file was given", "name a request file, a directory, or - for standard input");
  const inputs: InputFile[] = [];
  for (const path of paths) {
    const stats = path === "-" ? undefined : statSync(path, { throwIfNoEntry: false });
    if (path !== "-" && stats === undefined) throw fileError(path, { code: "ENOENT" });
    if (stats === undefined || !stats.isDirectory()) {
      inputs.push({ path, listed: false });
      continue;
    }
    const files = filesIn(path);
    if (files.length === 0) throw new WhkInputError("empty-directory", `directory ${path} has no files`, "point at a directory of captured requests");
    for (const file of files) inputs.push({ path: file, listed: true });
  }
  return inputs;
}

/** An input's bytes: standard input, a listed file, or a path as given (which may be a pipe or a device). */
function bytesOf(input: InputFile, options: ReadOptions): Buffer {
  if (input.path === "-") return (options.readStdin ?? (() => readStdin("reading")))();
  return input.listed ? readListedFile(input.path) : readUserFile(input.path);
}

const sourceOf = (input: InputFile): string => (input.path === "-" ? "stdin" : input.path);

/** The requests in one input file (or "-", standard input). */
export function requestsIn(input: InputFile, options: ReadOptions = {}): SourcedRequest[] {
  return parseRequests(bytesOf(input, options), sourceOf(input));
}

/**
 * The requests in one input, leniently: one that cannot be read is an unreadable item and the others
 * are still read; an input that cannot be read at all is one unreadable item. For a batch that judges
 * every request it can (whk verify), rather than stopping at the first bad capture.
 */
export function requestItemsIn(input: InputFile, options: ReadOptions = {}): SourcedItem[] {
  const source = sourceOf(input);
  const items = readOrUnreadable(source, () => parseRequestItems(bytesOf(input, options), source));
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
