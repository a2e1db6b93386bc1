import { lookup as dnsLookup, type LookupAddress, type LookupAllOptions, type LookupOneOptions } from "node:dns";

/** `localhost` and any name under `.localhost` (RFC 6761 section 6.3): always the loopback, never a resolver's say. */
export function isLocalhostName(host: string): boolean {
  const name = host.toLowerCase().replace(/\.$/, "");
  return name === "localhost" || name.endsWith(".localhost");
}

/** Both loopback addresses, IPv4 first (where most receivers listen); connecting tries the next when one refuses. */
export const LOOPBACK_ADDRESSES: readonly LookupAddress[] = [
  { address: "127.0.0.1", family: 4 },
  { address: "::1", family: 6 },
];

type Callback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for sockets: `localhost` is 127.0.0.1 and ::1 both, even where /etc/hosts names only one of
 * them, so with `autoSelectFamily` a receiver listening on ::1 alone is reached as surely as one on
 * 127.0.0.1. Every other name goes to the system resolver, as without it.
 */
export function localhostLookup(hostname: string, options: LookupOneOptions | LookupAllOptions, callback: Callback): void {
  if (!isLocalhostName(hostname)) {
    (dnsLookup as (host: string, given: typeof options, done: Callback) => void)(hostname, options, callback);
    return;
  }
  const family = options.family === "IPv4" ? 4 : options.family === "IPv6" ? 6 : options.family;
  const addresses = LOOPBACK_ADDRESSES.filter((entry) => family === undefined || family === 0 || entry.family === family);
  const first = addresses[0] as LookupAddress;
  process.nextTick(() => (options.all === true ? callback(null, [...addresses]) : callback(null, first.address, first.family)));
}
