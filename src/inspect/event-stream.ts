import type { ServerResponse } from "node:http";

/** A comment line now and then, so a proxy or the browser does not take a quiet stream for a dead one. */
const HEARTBEAT_MS = 15_000;

export interface EventStreams {
  /** Turns the response into a Server-Sent Events stream until the page goes away. */
  open(response: ServerResponse, headers: Record<string, string>): void;
  send(event: string, data: unknown): void;
  /** Ends every stream (the server is closing). */
  closeAll(): void;
}

/** The pages' live feeds: each new capture is pushed to every open page as one `event:`/`data:` message. */
export function createEventStreams(): EventStreams {
  const open = new Set<ServerResponse>();
  const timer = setInterval(() => {
    for (const response of open) response.write(": still here\n\n");
  }, HEARTBEAT_MS);
  timer.unref();
  return {
    open(response, headers) {
      response.writeHead(200, { ...headers, "Content-Type": "text/event-stream; charset=utf-8", "X-Accel-Buffering": "no" });
      response.write("retry: 1000\n\n");
      open.add(response);
      response.on("close", () => open.delete(response));
    },
    send(event, data) {
      const message = `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
      for (const response of open) response.write(message);
    },
    closeAll() {
      clearInterval(timer);
      for (const response of open) response.end();
      open.clear();
    },
  };
}
