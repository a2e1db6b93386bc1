import type { Duplex } from "node:stream";
import type { ErrorKind } from "./capture-record.js";

export interface Rejected {
  kind: ErrorKind;
  method: string;
  url: string;
  answered: number | null;
  detail: string;
}

/** What Node's parser says, in words, and the status that tells the sender. */
const PARSE_ERRORS: Record<string, [status: number, words: string]> = {
  HPE_HEADER_OVERFLOW: [431, "its headers are larger than Node's limit (16 KiB, or too many of them)"],
  HPE_CHUNK_EXTENSIONS_OVERFLOW: [413, "its chunk extensions are too large"],
  HPE_INVALID_METHOD: [400, "its method is not one HTTP knows"],
  HPE_INVALID_URL: [400, "its request target is not a valid URL"],
  HPE_INVALID_VERSION: [400, "its HTTP version is invalid"],
  HPE_INVALID_HEADER_TOKEN: [400, "a header name or value holds a character HTTP forbids"],
  HPE_INVALID_CONTENT_LENGTH: [400, "its Content-Length is invalid"],
  HPE_UNEXPECTED_CONTENT_LENGTH: [400, "it has both Content-Length and Transfer-Encoding"],
  HPE_INVALID_TRANSFER_ENCODING: [400, "its Transfer-Encoding is invalid"],
  HPE_INVALID_CHUNK_SIZE: [400, "a chunk size of its body is invalid"],
  HPE_LF_EXPECTED: [400, "a line does not end with CRLF"],
  HPE_CR_EXPECTED: [400, "a line does not end with CRLF"],
};

/**
 * A request Node's HTTP parser refused before it became one (malformed, headers too large, or its
 * headers not arriving in time): answered as Node would (431, 400, 408) and described for the event,
 * which would otherwise never be seen. Undefined for a connection that merely closed or reset between
 * requests: nothing was lost there.
 */
export function rejectedRequest(error: NodeJS.ErrnoException & { rawPacket?: Buffer }, socket: Duplex): Rejected | undefined {
  const code = error.code ?? "";
  let answered: number | null = null;
  let detail: string;
  if (code === "ERR_HTTP_REQUEST_TIMEOUT") {
    answered = 408;
    detail = "its headers did not arrive in time (--request-timeout, at most 10 s for headers)";
  } else if (code.startsWith("HPE_")) {
    const [status, words] = PARSE_ERRORS[code] ?? [400, `the HTTP parser refused it (${code})`];
    answered = status;
    detail = words;
  } else {
    socket.destroy();
    return undefined;
  }
  const { method, url } = requestLine(error.rawPacket);
  // As Node does: an answer only where none has begun on this connection.
  const answering = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent === true;
  if (socket.writable && !answering) socket.write(`HTTP/1.1 ${answered} ${STATUS_TEXT[answered] ?? "Bad Request"}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  socket.destroy();
  return { kind: code === "ERR_HTTP_REQUEST_TIMEOUT" ? "aborted" : "rejected", method, url, answered, detail: `not captured: ${detail}: answered ${answered}` };
}

const STATUS_TEXT: Record<number, string> = { 400: "Bad Request", 408: "Request Timeout", 413: "Payload Too Large", 431: "Request Header Fields Too Large" };

/** Method and target from what arrived, when the request line made it: "" otherwise. */
function requestLine(raw: Buffer | undefined): { method: string; url: string } {
  const line = raw?.subarray(0, 2048).toString("latin1").split(/\r?\n/, 1)[0] ?? "";
  const match = /^([A-Z]{1,20}) (\S{1,2000}) HTTP\/\d\.\d$/.exec(line);
  return match ? { method: match[1] as string, url: match[2] as string } : { method: "", url: "" };
}
