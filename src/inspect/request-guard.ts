import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";

/** The header the page sends its token in. A custom header also means a cross-origin sender needs a CORS preflight, which is never granted. */
export const TOKEN_HEADER = "x-whk-token";

export type GuardVerdict = { ok: true } | { ok: false; why: string };

export interface RequestGuard {
  /** Embedded in the page whk serves: the one way to learn it is to be that page. */
  readonly token: string;
  /** Every request, the page included: the Host must be this loopback port (DNS rebinding sends another name). */
  checkHost(request: IncomingMessage): GuardVerdict;
  /** Every API call: the Host, then no foreign Origin or fetch site, then the token; a POST must be JSON. */
  checkApi(request: IncomingMessage): GuardVerdict;
}

const digest = (text: string): Buffer => createHash("sha256").update(text).digest();

/**
 * What keeps a web page the developer happens to visit from using the inspector: it can neither read the
 * token (no CORS, so another origin cannot read the page) nor send it (a custom header needs a preflight,
 * refused), a simple cross-origin POST carries its Origin (refused), and a rebound DNS name arrives with
 * its own Host (refused). The token is compared in constant time.
 */
export function createRequestGuard(port: number, token = randomBytes(32).toString("base64url")): RequestGuard {
  const hosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]);
  const origins = new Set([...hosts].map((host) => `http://${host}`));
  const expected = digest(token);
  const checkHost = (request: IncomingMessage): GuardVerdict => {
    const host = request.headers.host?.toLowerCase();
    return host !== undefined && hosts.has(host) ? { ok: true } : { ok: false, why: `Host ${JSON.stringify(host ?? "")} is not this inspector (http://127.0.0.1:${port})` };
  };
  return {
    token,
    checkHost,
    checkApi(request) {
      const host = checkHost(request);
      if (!host.ok) return host;
      const origin = request.headers.origin;
      if (origin !== undefined && !origins.has(origin.toLowerCase())) return { ok: false, why: `requests from ${origin} are refused: only the inspector's own page may call it` };
      const site = request.headers["sec-fetch-site"];
      if (site !== undefined && site !== "same-origin" && site !== "none") return { ok: false, why: `a ${site} request is refused: only the inspector's own page may call it` };
      const given = request.headers[TOKEN_HEADER];
      if (typeof given !== "string" || !timingSafeEqual(digest(given), expected)) return { ok: false, why: "the inspector's token is missing or wrong: use the page whk serves" };
      if (request.method === "POST" && !/^application\/json\b/i.test(request.headers["content-type"] ?? "")) return { ok: false, why: "a POST must be JSON (Content-Type: application/json)" };
      return { ok: true };
    },
  };
}
