import { stringEnd } from "../../primitives/json-rewrites.js";

/** A short description of how a body is laid out, for explain evidence: "412 bytes, 2-space indentation". */
export function describeBody(body: Uint8Array): string {
  // A view, not a copy: explain describes every candidate body, and a body may be tens of megabytes.
  const text = Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString("utf8");
  const traits: string[] = [layoutOf(text)];
  if (text.startsWith("\uFEFF")) traits.push("starts with a byte-order mark");
  if (text.includes("\r\n")) traits.push("CRLF line endings");
  if (/\r?\n$/.test(text)) traits.push("ends with a newline");
  return `${body.length} bytes, ${traits.join(", ")}`;
}

/** "compact", "2-space indentation", "tab indentation", or "spaces after : and ,". */
export function layoutOf(text: string): string {
  const indented = /\n([ \t]+)\S/.exec(text);
  if (indented) {
    const indent = indented[1] as string;
    return indent.startsWith("\t") ? "tab indentation" : `${indent.length}-space indentation`;
  }
  if (/\n\s*\S/.test(text.trim())) return "several lines";
  return hasSpacedSeparators(text) ? "spaces after : and ," : "compact";
}

/**
 * Whether a `,` or `:` outside strings is followed by a space. A scan, not a regex: a regex over a
 * 30 MB body overflows V8's stack.
 */
function hasSpacedSeparators(text: string): boolean {
  for (let i = 0; i < text.length; ) {
    const c = text[i];
    if (c === '"') i = stringEnd(text, i);
    else if ((c === "," || c === ":") && text[i + 1] === " ") return true;
    else i++;
  }
  return false;
}
