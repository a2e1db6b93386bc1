import { lookup } from "node:dns/promises";
import { networkInterfaces } from "node:os";
import { isIP } from "node:net";
import { isLocalhostName, LOOPBACK_ADDRESSES } from "../primitives/localhost-lookup.js";

/** Where a forward URL points: its port and every address its host name resolves to. */
export interface ForwardTarget {
  port: number;
  addresses: string[];
}

/** Resolves the forward URL's host (all addresses: `localhost` is both 127.0.0.1 and ::1). */
export async function resolveForwardTarget(forwardTo: string): Promise<ForwardTarget> {
  const url = new URL(forwardTo);
  const port = Number(url.port || (url.protocol === "https:" ? 443 : 80));
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const found = isIP(host) !== 0 ? [{ address: host }] : isLocalhostName(host) ? LOOPBACK_ADDRESSES : await lookup(host, { all: true }).catch(() => []);
  return { port, addresses: found.map((entry) => canonical(entry.address)) };
}

/**
 * Whether relaying to `target` would reach the listener bound to host:port: the same port, on an
 * address it listens on (any local one when bound to 0.0.0.0 or ::). Every request would then be relayed
 * to itself until the connections run out.
 */
export function reachesListener(target: ForwardTarget, host: string, port: number): boolean {
  if (target.port !== port) return false;
  const bound = canonical(host);
  const everywhere = bound === "0.0.0.0" || bound === "::";
  const local = everywhere ? localAddresses() : new Set([bound, ...(bound === "localhost" ? ["127.0.0.1", "::1"] : [])]);
  return target.addresses.some((address) => local.has(address) || (everywhere && isLoopback(address)));
}

function localAddresses(): Set<string> {
  const addresses = new Set<string>();
  for (const entries of Object.values(networkInterfaces())) for (const entry of entries ?? []) addresses.add(canonical(entry.address));
  return addresses;
}

const isLoopback = (address: string): boolean => address === "::1" || address.startsWith("127.");

/** `::ffff:127.0.0.1` is 127.0.0.1; IPv6 zones dropped; lower case. */
function canonical(address: string): string {
  return address.toLowerCase().replace(/%.*$/, "").replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/, "$1");
}
