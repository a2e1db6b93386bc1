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

const LITERAL = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null/y;

/**
 * A JSON reader over text that never recurses: nesting is kept on an explicit stack, so a body nested
 * 100,000 levels deep is read like a flat one, in one pass.
 */
class Scanner {
  pos = 0;
  constructor(readonly text: string) {}

  fail(what: string): never {
    throw new WhkInputError("bad-json", `the body is not valid JSON: ${what} at position ${this.pos}`, "fix the JSON, or pass a JSON body");
  }

  skipWhitespace(): void {
    const text = this.text;
    let pos = this.pos;
    for (let c = text.charCodeAt(pos); c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d; c = text.charCodeAt(++pos));
    this.pos = pos;
  }

  /** Skips one value, however deeply nested, and returns its span. */
  value(): Span {
    this.skipWhitespace();
    const start = this.pos;
    const closers: string[] = [];
    for (;;) {
      this.skipWhitespace();
      const c = this.text[this.pos];
      if (c === "{" || c === "[") {
        const close = c === "{" ? "}" : "]";
        this.pos++;
        this.skipWhitespace();
        if (this.text[this.pos] === close) this.pos++;
        else {
          closers.push(close);
          if (close === "}") this.key();
          continue;
        }
      } else if (c === '"') this.string();
      else this.literal();
      // After a value: close what ends here, then either the next member or the end of this value.
      for (;;) {
        const close = closers[closers.length - 1];
        if (close === undefined) return { start, end: this.pos };
        this.skipWhitespace();
        const d = this.text[this.pos];
        if (d === close) {
          this.pos++;
          closers.pop();
        } else if (d === ",") {
          this.pos++;
          if (close === "}") this.key();
          break;
        } else this.fail(`expected "," or "${close}"`);
      }
    }
  }

  private literal(): void {
    LITERAL.lastIndex = this.pos;
    const match = LITERAL.exec(this.text);
    if (!match) this.fail("unexpected character");
    this.pos += match[0].length;
  }

  /** An object member's key and its colon. */
  key(): string {
    this.skipWhitespace();
    if (this.text[this.pos] !== '"') this.fail("expected a key");
    const key = this.string();
    this.skipWhitespace();
    if (this.text[this.pos] !== ":") this.fail('expected ":"');
    this.pos++;
    return key;
  }

  string(): string {
    const start = this.pos;
    const text = this.text;
    let pos = start + 1;
    for (;;) {
      const quote = text.indexOf('"', pos);
      if (quote < 0) {
        this.pos = text.length;
        return this.fail("unterminated string");
      }
      // A quote preceded by an odd number of backslashes is escaped.
      let backslashes = 0;
      while (text.charCodeAt(quote - 1 - backslashes) === 0x5c) backslashes++;
      pos = quote + 1;
      if (backslashes % 2 === 0) break;
    }
    this.pos = pos;
    try {
      return JSON.parse(text.slice(start, pos)) as string;
    } catch {
      this.pos = start;
      return this.fail("invalid string");
    }
  }

  /** Walks one object or array, calling `visit` with each member's key (or index) before its value. */
  container(close: string, isObject: boolean, visit?: (key: string | number) => boolean): void {
    this.pos++;
    this.skipWhitespace();
    if (this.text[this.pos] === close) {
      this.pos++;
      return;
    }
    for (let index = 0; ; index++) {
      const key: string | number = isObject ? this.key() : index;
      if (visit?.(key)) return;
      this.value();
      this.skipWhitespace();
      const c = this.text[this.pos];
      if (c === close) {
        this.pos++;
        return;
      }
      if (c !== ",") this.fail(`expected "," or "${close}"`);
      this.pos++;
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
  for (const [depth, segment] of path.entries()) {
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
      if (depth === path.length - 1 && open === "{") {
        const close = span.end - 1;
        scanner.pos = span.start + 1;
        scanner.skipWhitespace();
        const empty = scanner.pos === close;
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
