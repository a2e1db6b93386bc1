import { writtenOut } from "../../primitives/written-out.js";
import { LONE_SURROGATE } from "../../primitives/body-bytes.js";

/**
 * Text a sender or receiver controls (an answer's body and headers, a request's path, a header value
 * from a capture) is printed through these, so it can neither move the cursor, retitle the terminal,
 * reorder what is shown (bidirectional overrides) nor start a line of its own that looks like whk's.
 */

/** C0 and C1 controls, DEL, line and paragraph separators, bidirectional controls, lone surrogates. */
const CONTROLS = "\\u0000-\\u001f\\u007f-\\u009f\\u061c\\u200e\\u200f\\u2028\\u2029\\u202a-\\u202e\\u2066-\\u2069";
const UNSAFE = new RegExp(`[${CONTROLS}]|${LONE_SURROGATE.source}`, "g");

/** Any character UNSAFE may match (every surrogate, paired or not): most text has none, and is returned as is. */
const MAYBE_UNSAFE = new RegExp(`[${CONTROLS}\\ud800-\\udfff]`);

/** The text with every control character written out (`\n`, `\x1b`, `\u202e`): safe on one terminal line. */
export function terminalSafe(text: string): string {
  // One scan for a character class is about a quarter of what the replace costs: verify prints two per request.
  return MAYBE_UNSAFE.test(text) ? text.replace(UNSAFE, writtenOut) : text;
}

/**
 * A block of text (an answer's body) kept as its lines, each one escaped: line feeds stay line feeds,
 * so a JSON body still reads as one, and everything else (CR, ESC...) is written out. Callers indent
 * each line, so no line of it can start where whk's own result lines do.
 */
export function terminalSafeLines(text: string): string[] {
  return text.split("\n").map(terminalSafe);
}

/** Inside JSON strings, what JSON.stringify leaves raw (DEL, C1, separators, bidi) as \u escapes: the same value, safe to print. */
const UNSAFE_IN_JSON = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

export function terminalSafeJson(json: string): string {
  return json.replace(UNSAFE_IN_JSON, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** One NDJSON line (with its newline) for stdout, whatever text the value carries. */
export function jsonLine(value: unknown): string {
  return `${terminalSafeJson(JSON.stringify(value))}\n`;
}
