export interface SerializeOptions {
  /** Pretty-print as JSON.stringify(value, null, indent) does. */
  indent?: string;
  /** On one line with ", " and ": " between members (Python's json.dumps default). */
  spaced?: boolean;
  /** Every object's keys in sorted order (UTF-16 code units, as Array#sort). */
  sortKeys?: boolean;
  /** Give up (undefined) once the text would be longer than this. */
  maxLength?: number;
}

/** For messages: at most `maxLength` characters of the value's compact JSON, "..." marking a cut. */
export function jsonPreview(value: unknown, maxLength = 1000): string {
  const { parts, complete } = write(value, { maxLength });
  const text = parts.join("");
  return complete ? text : `${text.slice(0, maxLength)}...`;
}

interface Frame {
  /** The array, or the object's values in key order. */
  values: readonly unknown[];
  /** Object keys, JSON-quoted; undefined for an array. */
  keys: readonly string[] | undefined;
  next: number;
  close: string;
}

/**
 * JSON.stringify for a parsed JSON value (no undefined, functions or toJSON), without recursion: an
 * explicit stack holds the nesting, so a value nested 100,000 levels deep is written like a flat one,
 * where JSON.stringify runs out of stack. `maxLength` bounds the work: a pretty-printed deep value
 * grows with the square of its depth, and a caller that only wants plausible texts stops early.
 */
export function serializeJson(value: unknown, options: SerializeOptions = {}): string | undefined {
  const { parts, complete } = write(value, options);
  return complete ? parts.join("") : undefined;
}

/** The text in parts, and whether it is all there (false: it stopped past maxLength). */
function write(value: unknown, options: SerializeOptions): { parts: string[]; complete: boolean } {
  const indent = options.indent === "" ? undefined : options.indent;
  const maxLength = options.maxLength ?? Number.POSITIVE_INFINITY;
  const comma = indent !== undefined || !options.spaced ? "," : ", ";
  const colon = indent !== undefined || options.spaced ? ": " : ":";
  const parts: string[] = [];
  let length = 0;
  const add = (text: string): boolean => {
    parts.push(text);
    length += text.length;
    return length <= maxLength;
  };
  // Built per line: its cost is the output's own, which maxLength bounds.
  const margin = (depth: number): string => (indent === undefined ? "" : `\n${indent.repeat(depth)}`);
  const stack: Frame[] = [];
  /** Writes a scalar, or opens a container (pushing its frame). False once over the length limit. */
  const open = (item: unknown): boolean => {
    if (item === null || typeof item !== "object") return add(scalar(item));
    if (Array.isArray(item)) {
      if (item.length === 0) return add("[]");
      stack.push({ values: item, keys: undefined, next: 0, close: "]" });
      return add("[");
    }
    const names = Object.keys(item);
    if (names.length === 0) return add("{}");
    if (options.sortKeys) names.sort();
    const record = item as Record<string, unknown>;
    stack.push({ values: names.map((name) => record[name]), keys: names.map((name) => JSON.stringify(name)), next: 0, close: "}" });
    return add("{");
  };
  const stopped = { parts, complete: false };
  if (!open(value)) return stopped;
  for (let frame = stack.at(-1); frame !== undefined; frame = stack.at(-1)) {
    if (frame.next === frame.values.length) {
      stack.pop();
      if (!add(margin(stack.length) + frame.close)) return stopped;
      continue;
    }
    const index = frame.next++;
    const separator = (index > 0 ? comma : "") + margin(stack.length);
    const key = frame.keys !== undefined ? (frame.keys[index] as string) + colon : "";
    if (!add(separator + key) || !open(frame.values[index])) return stopped;
  }
  return { parts, complete: true };
}

function scalar(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "null";
  if (typeof value === "boolean") return value ? "true" : "false";
  return "null";
}
