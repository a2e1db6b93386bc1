import type { ServerResponse } from "node:http";
import type { Answer } from "./answer-for.js";

/**
 * Writes an answer with an exact Content-Length and resolves once it is handed to the socket (or the
 * socket is gone), so a graceful shutdown can wait for every response in flight.
 */
export function sendAnswer(response: ServerResponse, answer: Answer, options: { closeConnection?: boolean; head?: boolean } = {}): Promise<void> {
  return new Promise((resolve) => {
    if (response.destroyed || response.headersSent) {
      resolve();
      return;
    }
    response.once("finish", () => resolve());
    response.once("close", () => resolve());
    const bodyless = options.head === true || answer.status === 204 || answer.status === 304;
    const extra = options.closeConnection ? ["Connection", "close"] : [];
    const length = bodyless ? [] : ["Content-Length", String(answer.body.length)];
    const headers = Array.isArray(answer.headers) ? [...answer.headers] : Object.entries(answer.headers).flat();
    response.writeHead(answer.status, [...headers, ...length, ...extra]);
    response.end(bodyless ? undefined : answer.body);
  });
}
