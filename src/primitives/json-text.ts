import { WhkInputError } from "./errors.js";

/**
 * Edits JSON *text* in place: the value at a path is replaced and every other byte (whitespace, key
 * order, number spelling, escapes) is kept. This is how a fixture gets fresh ids without being
 * re-serialised, and how `--set` changes one field of a byte-exact body.
 */

export type JsonPath = readonly (string | number)[];

interface Span {
  start: number;
  end: number;
}

/** `a.b.0.c` or `a.b[0].c` -> ["a","b",0,"c"]. */
export function parseJsonPath(path: string): JsonPath {
  if (path.trim() === "") throw new WhkInputError("bad-path", "an empty JSON path", 'write a dotted path such as "data.attributes.amount"');
  const segments: (string | number)[] = [];
  for (const part of path.replace(/\[(\d+)\]/g, ".$1").split(".")) {
    if (part === "") throw new WhkInputError("bad-path", `"${path}" is not a valid JSON path`, 'write a dotted path such as "payments.0.amount"');
    segments.push(/^\d+$/.test(part) ? Number(part) : part);
  }
  return segments;
}

class Scanner {
  pos = 0;
  constructor(readonly text: string) {}

  fail(what: string): never {
    throw new WhkInputError("bad-json", `the body is not valid JSON: ${what} at position ${this.pos}`, "fix the JSON, or pass a JSON body");
  }

  skipWhitespace(): void {
    while (this.pos < this.text.length && " \t\n\r".includes(this.text[this.pos] ?? "")) this.pos++;
  }

  /** Skips one value and returns its span. */
  value(): Span {
    this.skipWhitespace();
    const start = this.pos;
    const c = this.text[this.pos];
    if (c === "{") this.container("}", true);
    else if (c === "[") this.container("]", false);
    else if (c === '"') this.string();
    else {
      const match = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(this.text.slice(this.pos, this.pos + 400));
      if (!match) this.fail("unexpected character");
      this.pos += match[0].length;
    }
    return { start, end: this.pos };
  }

  string(): string {
    const start = this.pos;
    this.pos++;
    while (this.pos < this.text.length) {
      const c = this.text[this.pos];
      if (c === "\\") this.pos += 2;
      else if (c === '"') {
        this.pos++;
        return JSON.parse(this.text.slice(start, this.pos)) as string;
      } else this.pos++;
    }
    return this.fail("unterminated string");
  }

  /** Walks an object or array, calling `visit` with each member's key (or index) before its value. */
  container(close: string, isObject: boolean, visit?: (key: string | number) => boolean): void {
    this.pos++;
    this.skipWhitespace();
    if (this.text[this.pos] === close) {
      this.pos++;
      return;
    }
    for (let index = 0; ; index++) {
      this.skipWhitespace();
      let key: string | number = index;
      if (isObject) {
        if (this.text[this.pos] !== '"') this.fail("expected a key");
        key = this.string();
        this.skipWhitespace();
        if (this.text[this.pos] !== ":") this.fail('expected ":"');
        this.pos++;
      }
      if (visit?.(key)) return;
      this.value();
      this.skipWhitespace();
      const c = this.text[this.pos];
      this.pos++;
      if (c === close) return;
      if (c !== ",") this.fail(`expected "," or "${close}"`);
    }
  }
}

interface Location {
  span?: Span;
  /** Where the value would go if absent: the object's closing brace and whether it has members. */
  insertAt?: { close: number; empty: boolean };
}

function locate(text: string, path: JsonPath): Location {
  const scanner = new Scanner(text);
  let span = scanner.value();
  for (const segment of path) {
    const open = text[span.start];
    if (open !== "{" && open !== "[") return {};
    scanner.pos = span.start;
    let found: Span | undefined;
    scanner.container(open === "{" ? "}" : "]", open === "{", (key) => {
      if (key !== segment && !(open === "{" && String(segment) === key)) return false;
      found = scanner.value();
      return true;
    });
    if (!found) {
      if (segment === path[path.length - 1] && open === "{") {
        const close = span.end - 1;
        const empty = /^\{\s*\}$/.test(text.slice(span.start, span.end));
        return { insertAt: { close, empty } };
      }
      return {};
    }
    span = found;
  }
  return { span };
}

/** The raw JSON text of the value at `path`, or undefined if absent. */
export function readJsonText(text: string, path: JsonPath): string | undefined {
  const { span } = locate(text, path);
  return span ? text.slice(span.start, span.end) : undefined;
}

/**
 * Replaces the value at `path` with `valueJson` (already-serialised JSON). A missing last key of an
 * existing object is appended to it; any other missing segment is an input error.
 */
export function writeJsonText(text: string, path: JsonPath, valueJson: string): string {
  const location = locate(text, path);
  if (location.span) {
    return text.slice(0, location.span.start) + valueJson + text.slice(location.span.end);
  }
  if (location.insertAt) {
    const { close, empty } = location.insertAt;
    const key = JSON.stringify(String(path[path.length - 1]));
    const member = `${empty ? "" : ","}${key}:${valueJson}`;
    let before = close;
    if (!empty) while (before > 0 && " \t\n\r".includes(text[before - 1] ?? "")) before--;
    return text.slice(0, before) + member + text.slice(before);
  }
  throw new WhkInputError(
    "bad-path",
    `the body has no "${path.join(".")}" to set`,
    "only the last key of a path may be new; check the path against `whk show`",
  );
}

/** Throws a clear input error if `text` is not one valid JSON document. */
export function assertJsonText(text: string): void {
  const scanner = new Scanner(text);
  scanner.value();
  scanner.skipWhitespace();
  if (scanner.pos !== text.length) scanner.fail("unexpected data after the JSON value");
}
