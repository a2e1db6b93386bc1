import { readBodyField } from "../primitives/body-field.js";
import { formatDuration } from "../primitives/duration.js";
import { hasHeader, type Headers } from "../primitives/headers.js";
import { randomAlnum, randomDigits, randomHex, randomUuid, type Random } from "../primitives/random.js";
import type { Acknowledgement, Provider, RetryPolicy } from "../providers/provider.js";
import { parseExpectBody } from "../deliver/expectation.js";
import { templateScheme } from "../schemes/template/template-scheme.js";
import type { SignatureTemplate } from "../schemes/template/signature-template.js";
import type { ProviderEntry } from "./config-types.js";

/**
 * A provider the project defines in its config: the template scheme with the entry's signature block,
 * the entry's headers (with fresh values for `{uuid}`, `{hex:N}`, `{digits:N}`, `{alnum:N}`), detected by
 * its signature header or body field, acknowledged and retried as the entry says. Every command then
 * treats it as it treats a bundled provider.
 */
export function definedProvider(name: string, entry: ProviderEntry & { signature: SignatureTemplate }, configName: string): Provider {
  const signature = entry.signature;
  const displayName = entry.displayName ?? name;
  const headers = { "Content-Type": "application/json", ...entry.headers };
  return {
    name,
    displayName,
    region: entry.region ?? `defined in ${configName}`,
    scheme: templateScheme(signature),
    prepareHeaders: ({ random }) => freshHeaders(headers, random),
    detect(request) {
      if (signature.header !== undefined) {
        const timestamped = signature.timestampHeader === undefined || hasHeader(request.headers, signature.timestampHeader);
        return hasHeader(request.headers, signature.header) && timestamped ? `${signature.header} header (${name}, defined in ${configName})` : undefined;
      }
      const field = signature.bodyField as string;
      return readBodyField(request, field) !== undefined ? `body field ${field} (${name}, defined in ${configName})` : undefined;
    },
    ack: acknowledgement(entry.ack),
    retry: retryPolicy(displayName, entry.retry, configName),
    docs: entry.docs ?? [],
  };
}

const GENERATORS: Record<string, (random: Random, length: number) => string> = {
  uuid: (random) => randomUuid(random),
  hex: randomHex,
  digits: randomDigits,
  alnum: randomAlnum,
};

/** Header values with `{uuid}`, `{hex:N}`, `{digits:N}`, `{alnum:N}` filled in afresh for each delivery. */
function freshHeaders(template: Headers, random: Random): Headers {
  const out: Headers = {};
  for (const [name, value] of Object.entries(template)) {
    out[name] = value.replace(/\{(uuid|hex|digits|alnum)(?::(\d+))?\}/g, (_, kind: string, length?: string) => (GENERATORS[kind] as (r: Random, n: number) => string)(random, Number(length ?? 16)));
  }
  return out;
}

function acknowledgement(ack: ProviderEntry["ack"]): Acknowledgement {
  const status = ack?.status ?? 200;
  const body = ack?.body;
  const bodyRule = body !== undefined ? parseExpectBody(body) : undefined;
  return {
    summary: body !== undefined ? `HTTP ${status} with ${body}` : `HTTP ${status}`,
    response: { status, headers: { "Content-Type": /^\s*[{[]/.test(body ?? "{}") ? "application/json" : "text/plain" }, body: body ?? (status === 200 ? "{}" : "") },
    judge(answer) {
      if (answer.status !== status) return { ok: false, why: `expected HTTP ${status}, got ${answer.status}` };
      const problem = bodyRule?.check(answer.body);
      return problem === undefined ? { ok: true } : { ok: false, why: problem };
    },
  };
}

function retryPolicy(displayName: string, retry: ProviderEntry["retry"], configName: string): RetryPolicy {
  if (retry === undefined || retry.delaysSeconds.length === 0) {
    return { documented: false, summary: "no retry policy configured", delaysMs: [], afterLastFailure: `no retries are configured for ${displayName} (add "retry" to its entry in ${configName})` };
  }
  const delaysMs = retry.delaysSeconds.map((seconds) => seconds * 1000);
  return {
    documented: true,
    summary: `${delaysMs.length} retries, waits of ${delaysMs.map(formatDuration).join(", ")}`,
    delaysMs,
    afterLastFailure: "it gives up after the last retry",
    source: configName,
  };
}
