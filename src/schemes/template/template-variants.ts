import { readBodyField, writeBodyField } from "../../primitives/body-field.js";
import { decimalString } from "../../primitives/decimal-string.js";
import { relativeUrl } from "../../primitives/url-parts.js";
import type { WebhookRequest } from "../../primitives/webhook-request.js";
import type { Attempt } from "../explanation.js";
import { pathVariants } from "../path-variants.js";
import { formFieldVariants } from "./form-field-variants.js";
import type { MessagePart, SignatureTemplate } from "./signature-template.js";
import type { HashAlgorithm } from "../../primitives/hmac.js";

/** What explain (and probe's mistakes) vary when they re-run the scheme: the hash, the HMAC key, the signed path, the message's parts. */
export interface MacChange {
  hash?: HashAlgorithm;
  key?: string | Buffer;
  path?: string;
  parts?: readonly MessagePart[];
}

export interface TemplateVariantInput {
  template: SignatureTemplate;
  parts: readonly MessagePart[];
  request: WebhookRequest;
  /** Whether the received signature matches the scheme re-run with one thing changed. */
  matches(secret: string, change: MacChange & { request?: WebhookRequest }): boolean;
}

/**
 * Near misses of a template scheme: the secret turned into a key another way (as text where the
 * scheme decodes it, or the reverse), the signed path spelled as proxies and signers get it wrong,
 * signed fields with their numbers written another way, and signed form fields encoded another way. Body re-formatting and secret whitespace are
 * explain's own, for every scheme.
 */
export function* templateVariants(input: TemplateVariantInput): Generator<Attempt> {
  yield* keyVariants(input);
  if (input.parts.some((p) => p.kind === "path")) yield* templatePathVariants(input);
  yield* fieldVariants(input);
  yield* formFieldVariants(input.parts, input.request, input.matches);
}

export interface KeyReading {
  how: string;
  key(secret: string): string | Buffer | undefined;
}

const PREFIXED = /^([A-Za-z]+_)(.+)$/;
const isBase64 = (text: string): boolean => text.length % 4 === 0 && /^[A-Za-z0-9+/]+={0,2}$/.test(text);

/** The other ways a secret is turned into an HMAC key than the documented `key` (as text where it is decoded, decoded where it is text). */
export function keyReadings(key: string): KeyReading[] {
  if (key === "utf8") {
    return [
      { how: "base64-decoded after its prefix", key: (s) => (PREFIXED.test(s) && isBase64(PREFIXED.exec(s)?.[2] ?? "") ? Buffer.from(PREFIXED.exec(s)?.[2] ?? "", "base64") : undefined) },
      { how: "base64-decoded", key: (s) => (isBase64(s) ? Buffer.from(s, "base64") : undefined) },
      { how: "hex-decoded", key: (s) => (/^([0-9a-fA-F]{2})+$/.test(s) ? Buffer.from(s, "hex") : undefined) },
    ];
  }
  const readings: KeyReading[] = [{ how: "as UTF-8 text, as written", key: (s) => s }];
  const prefix = key.startsWith("base64:") ? key.slice("base64:".length) : undefined;
  if (prefix !== undefined) readings.push({ how: `as UTF-8 text without the "${prefix}" prefix`, key: (s) => (s.startsWith(prefix) ? s.slice(prefix.length) : undefined) });
  return readings;
}

function* keyVariants({ template, matches }: TemplateVariantInput): Generator<Attempt> {
  if (!template.algorithm.startsWith("hmac-")) return;
  const documented = template.key ?? "utf8";
  for (const reading of keyReadings(documented)) {
    yield {
      cause: "secret-encoding",
      summary: `the signature matches with the secret ${reading.how}, where this scheme takes it ${documented === "utf8" ? "as UTF-8 text" : `as ${documented}`}: the sender and the receiver turn the secret into a key differently`,
      evidence: [`key documented: ${documented}`, `key that matches: the secret ${reading.how}`],
      matches(secret) {
        const key = reading.key(secret);
        return key !== undefined && matches(secret, { key });
      },
    };
  }
}

function* templatePathVariants({ request, matches }: TemplateVariantInput): Generator<Attempt> {
  for (const variant of pathVariants(relativeUrl(request.url), request.url, "the signed path")) {
    yield { cause: variant.cause, summary: variant.summary, evidence: variant.evidence, matches: (secret) => matches(secret, { path: variant.signed }) };
  }
}

/** A signed number written another way than received, and the request with it written so (explain and probe's mistakes share it). */
export interface RespelledField {
  name: string;
  received: string;
  spelling: string;
  request: WebhookRequest;
}

/** Each signed numeric field with its value spelled other ways: `10000.00` as `10000`, `100.5` as `100.50`, the point dropped. */
export function* respelledNumericFields(parts: readonly MessagePart[], request: WebhookRequest): Generator<RespelledField> {
  for (const part of parts) {
    if (part.kind !== "field") continue;
    const received = readBodyField(request, part.name);
    if (received === undefined || !/^-?\d+(\.\d+)?$/.test(received)) continue;
    const number = Number(received);
    const spellings = new Set([number.toFixed(2), decimalString(number), `${Math.trunc(number)}`, received.replace(".", ""), received.replace(/\.\d+$/, "")]);
    spellings.delete(received);
    for (const spelling of spellings) {
      try {
        yield { name: part.name, received, spelling, request: { ...request, body: writeBodyField(request, part.name, spelling) } };
      } catch {
        continue;
      }
    }
  }
}

/** Signed numbers spelled another way: `10000.00` signed as `10000`, `100.5` as `100.50`. */
function* fieldVariants({ parts, request, matches }: TemplateVariantInput): Generator<Attempt> {
  for (const { name, received, spelling, request: candidate } of respelledNumericFields(parts, request)) {
    yield {
      cause: "field-format",
      summary: `the signature matches with ${name} written "${spelling}" instead of "${received}": the signer formatted the field before signing, where the value is signed exactly as sent`,
      evidence: [`${name} received: ${received}`, `${name} signed: ${spelling}`],
      matches: (secret) => matches(secret, { request: candidate }),
    };
  }
}
