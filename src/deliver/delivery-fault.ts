import { formatDuration } from "../primitives/duration.js";

/** Why a delivery got no HTTP answer: stable codes for `--json` output and load-test summaries. */
export type DeliveryFault = "refused" | "dns" | "timeout" | "tls" | "reset" | "unreachable" | "protocol" | "error";

export interface ClassifiedFault {
  ok: false;
  fault: DeliveryFault;
  code?: string;
  /** The underlying error's own words, for faults whose code alone says too little. */
  detail?: string;
}

const FAULT_BY_CODE: Readonly<Record<string, DeliveryFault>> = {
  ECONNREFUSED: "refused",
  ENOTFOUND: "dns",
  EAI_AGAIN: "dns",
  EAI_FAIL: "dns",
  EAI_NODATA: "dns",
  EAI_NONAME: "dns",
  UND_ERR_CONNECT_TIMEOUT: "timeout",
  UND_ERR_HEADERS_TIMEOUT: "timeout",
  UND_ERR_BODY_TIMEOUT: "timeout",
  ETIMEDOUT: "timeout",
  ECONNRESET: "reset",
  EPIPE: "reset",
  UND_ERR_SOCKET: "reset",
  EHOSTUNREACH: "unreachable",
  ENETUNREACH: "unreachable",
  EHOSTDOWN: "unreachable",
  ENETDOWN: "unreachable",
  EADDRNOTAVAIL: "unreachable",
  UND_ERR_RES_CONTENT_LENGTH_MISMATCH: "protocol",
  UND_ERR_INFO: "protocol",
};

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" ? code : undefined;
}

function classifyCode(code: string): DeliveryFault | undefined {
  const known = FAULT_BY_CODE[code];
  if (known) return known;
  if (code.startsWith("HPE_")) return "protocol";
  if (/CERT|SSL|TLS|EPROTO/.test(code)) return "tls";
  return undefined;
}

/** The errors worth looking at: the error itself, its causes, and each attempt of an AggregateError. */
function* errorChain(error: unknown, depth = 0): Generator<unknown> {
  if (error === null || error === undefined || depth > 4) return;
  yield error;
  if (error instanceof AggregateError) for (const inner of error.errors) yield* errorChain(inner, depth + 1);
  yield* errorChain((error as { cause?: unknown }).cause, depth + 1);
}

/** Maps a thrown network error to a fault. A timeout or TLS code deeper in the chain wins over a generic one. */
export function faultOf(error: unknown): ClassifiedFault {
  let found: ClassifiedFault | undefined;
  for (const candidate of errorChain(error)) {
    const code = codeOf(candidate);
    const fault = code !== undefined ? classifyCode(code) : undefined;
    if (code === undefined || fault === undefined) continue;
    const detail = candidate instanceof Error ? candidate.message : undefined;
    const next: ClassifiedFault = { ok: false, fault, code, ...(detail !== undefined ? { detail } : {}) };
    if (!found || (found.fault === "reset" && fault !== "reset")) found = next;
  }
  if (found) return found;
  const detail = error instanceof Error ? error.message : String(error);
  const code = codeOf(error);
  return { ok: false, fault: "error", detail, ...(code !== undefined ? { code } : {}) };
}

function hostOf(url: string): { host: string; hostname: string } {
  try {
    const parsed = new URL(url);
    return { host: parsed.host, hostname: parsed.hostname };
  } catch {
    return { host: url, hostname: url };
  }
}

/** OpenSSL's multi-line "error:0A00010B:SSL routines:ssl3_get_record:wrong version number:..." -> its reason. */
function tlsReason(fault: ClassifiedFault): string {
  if (fault.code === "ERR_SSL_WRONG_VERSION_NUMBER") return "the server did not answer in TLS (is it plain http?)";
  const detail = fault.detail ?? "certificate not accepted";
  const openssl = /SSL routines:[^:]*:([^:\n]+)/.exec(detail);
  return (openssl?.[1] ?? detail.split("\n")[0] ?? detail).trim();
}

/** One line that names the target and the cause. */
export function describeFault(fault: ClassifiedFault, url: string, timeoutMs: number): string {
  const { host, hostname } = hostOf(url);
  const code = fault.code !== undefined ? ` (${fault.code})` : "";
  switch (fault.fault) {
    case "refused":
      return `connection refused by ${host}: nothing is listening there${code}`;
    case "dns":
      return `cannot resolve ${hostname}: DNS lookup failed${code}`;
    case "timeout":
      return fault.code === "UND_ERR_CONNECT_TIMEOUT"
        ? `could not connect to ${host} within ${formatDuration(timeoutMs)}${code}`
        : `no answer from ${host} within ${formatDuration(timeoutMs)}${code}`;
    case "tls":
      return `TLS handshake with ${host} failed: ${tlsReason(fault)}${code}`;
    case "reset":
      return `${host} closed the connection before answering${code}`;
    case "unreachable":
      return `${host} is unreachable from here${code}`;
    case "protocol":
      return `${host} answered with something that is not valid HTTP: ${fault.detail ?? "parse error"}${code}`;
    case "error":
      return `delivery to ${host} failed: ${fault.detail ?? "unknown error"}${code}`;
  }
}
