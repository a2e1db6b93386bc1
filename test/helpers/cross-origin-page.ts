import { createServer } from "node:http";
import type { Page } from "playwright-core";

/**
 * What a web page the developer happens to visit can try against the inspector, and how a test sees
 * the answers the browser hides from that page.
 */

/** Status of every request the page sends to `host`, preflights included, by DevTools request id. */
export async function wireStatuses(target: Page, host: string): Promise<Map<string, number | undefined>> {
  const statuses = new Map<string, number | undefined>();
  const cdp = await target.context().newCDPSession(target);
  await cdp.send("Network.enable");
  cdp.on("Network.requestWillBeSentExtraInfo", (event) => {
    if (event.headers["Host"] === host) statuses.set(event.requestId, statuses.get(event.requestId));
  });
  cdp.on("Network.responseReceivedExtraInfo", (event) => {
    if (statuses.has(event.requestId)) statuses.set(event.requestId, event.statusCode);
  });
  return statuses;
}

/** Polls until `probe` gives a value (20 s at most). */
export async function until<T>(probe: () => T | undefined): Promise<T> {
  for (let waited = 0; waited < 20_000; waited += 50) {
    const value = probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error("gave up waiting");
}

/** A page on another origin (another port) that tries to make the inspector send a request. */
export async function serveAttackerPage(inspector: string, target: string): Promise<{ url: string; close(): Promise<void> }> {
  const form = JSON.stringify({ method: "POST", url: target, provider: "fazz", resign: true, headers: [["Content-Type", "application/json"]], body: "{}" });
  const script = `
    const replay = ${JSON.stringify(`${inspector}api/replay`)};
    const form = ${JSON.stringify(form)};
    Promise.allSettled([
      fetch(replay, { method: "POST", mode: "no-cors", headers: { "Content-Type": "text/plain" }, body: form }),
      fetch(replay, { method: "POST", headers: { "Content-Type": "application/json", "X-Whk-Token": "guessed" }, body: form }),
      fetch(${JSON.stringify(`${inspector}api/captures`)}),
    ]).then((results) => { window.done = results.map((r) => r.status); });`;
  const server = createServer((_req, res) => res.writeHead(200, { "Content-Type": "text/html" }).end(`<!doctype html><title>a page</title><script>${script}</script>`));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}/`,
    // The browser keeps its connection to the page alive: drop it, or close() waits for it.
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}
