import { WhkInputError } from "./errors.js";
import type { WebhookRequest } from "./webhook-request.js";

/**
 * A curl command that sends a request's exact bytes, as a POSIX shell script (bash, dash, zsh, `| sh`).
 * The body goes to curl on standard input (`--data-binary @-`), never as an argument: curl reads an
 * argument that starts with `@` as a file name. It is written as `printf '%b'` escapes, so any byte
 * survives the shell and a terminal's copy and paste: quotes, `$`, backticks, newlines, NUL and bytes that
 * are not UTF-8. Header values are bytes on the wire (one per character, as whk sends them), so one
 * with a byte outside printable ASCII is written the same way, through `"$(printf '%b' ...)"`.
 */
export function curlCommand(request: WebhookRequest): string {
  const lines = [`printf '%b' ${printfArgument(request.body)} |`, `  curl -sS -X ${shellWord(request.method)} ${shellQuote(request.url)}`];
  for (const [name, value] of Object.entries(request.headers)) lines.push(`  -H ${headerArgument(name, value)}`);
  lines.push("  --data-binary @-");
  return `${lines[0]}\n${lines.slice(1).join(" \\\n")}\n`;
}

/** Text as one shell word: single-quoted, with a quote written '\'' (the only character single quotes cannot hold). */
export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** A word bare when it is made of safe characters only (`POST`), else single-quoted. */
const shellWord = (text: string): string => (/^[A-Za-z0-9_./:@%+=,-]+$/.test(text) && !text.startsWith("-") ? text : shellQuote(text));

const PRINTABLE = /^[\x20-\x7e]*$/;

function headerArgument(name: string, value: string): string {
  const line = `${name}: ${value}`;
  if (PRINTABLE.test(line)) return shellQuote(line);
  const wide = [...line].find((c) => (c.codePointAt(0) ?? 0) > 0xff);
  if (wide !== undefined) {
    const code = `U+${(wide.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`;
    throw new WhkInputError("bad-header", `header ${name} holds ${code}, which is not one byte: HTTP header values are bytes, so it cannot be sent`, "write the value in ASCII (percent-encode or base64 it), as the sender would");
  }
  // Command substitution drops trailing newlines; a header value cannot end with one on the wire anyway.
  return `"$(printf '%b' ${printfArgument(Buffer.from(line, "latin1"))})"`;
}

/**
 * Bytes as a single-quoted argument of `printf '%b'`: printable ASCII as is (a backslash doubled, a quote
 * closed and reopened), a newline kept as a line break, every other byte `\0ooo` (three octal digits, so
 * a digit after it is never read as part of it), which bash's and dash's printf both turn back into the byte.
 */
function printfArgument(bytes: Uint8Array): string {
  let out = "";
  for (const byte of bytes) {
    if (byte === 0x5c) out += "\\\\";
    else if (byte === 0x27) out += `'\\''`;
    else if ((byte >= 0x20 && byte <= 0x7e) || byte === 0x0a) out += String.fromCharCode(byte);
    else out += `\\0${byte.toString(8).padStart(3, "0")}`;
  }
  return `'${out}'`;
}
