import { localhostLookup } from "../primitives/localhost-lookup.js";
import { connect } from "node:net";

export interface WaitOptions {
  /** How long to keep trying; 0 means one attempt. */
  waitMs: number;
  /** How long one attempt may take when not waiting (a slow remote target). */
  attemptTimeoutMs: number;
  pollMs?: number;
}

/** True once a TCP connection to the URL's host and port succeeds, trying until `waitMs` has passed. */
export async function waitForTarget(url: string, options: WaitOptions): Promise<boolean> {
  const target = new URL(url);
  const port = Number(target.port || (target.protocol === "https:" ? 443 : 80));
  const host = target.hostname.replace(/^\[|\]$/g, "");
  const deadline = Date.now() + options.waitMs;
  for (;;) {
    const remaining = deadline - Date.now();
    const attemptMs = options.waitMs === 0 ? options.attemptTimeoutMs : Math.max(50, Math.min(1000, remaining));
    if (await canConnect(host, port, attemptMs)) return true;
    if (Date.now() + (options.pollMs ?? 100) >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 100));
  }
}

function canConnect(host: string, port: number, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, autoSelectFamily: true, lookup: localhostLookup });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}
