import { isFormRequest, formDecode, formEncode, formFields, writeFormField } from "../../primitives/form-body.js";
import type { WebhookRequest } from "../../primitives/webhook-request.js";
import type { Attempt } from "../explanation.js";
import type { MessagePart } from "./signature-template.js";
import type { MacChange } from "./template-variants.js";

/** A value spelled the way some signer got it: what the signer did, and the text it signed. */
interface Spelling {
  how: string;
  signed: string;
}

/** `a b/c` as RFC 3986 percent-encoding writes it (PHP's rawurlencode): space as %20, `~` kept. */
const rawUrlEncode = (value: string): string => encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** `%XX` decoded but `+` kept as a plus (PHP's rawurldecode, decodeURIComponent). */
function decodeKeepingPlus(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/**
 * Where a form field's signed value goes wrong: the signer signed the field as it travels (still
 * encoded), encoded it its own way (spaces as + or %20), decoded `+` as a plus, or decoded twice. Form
 * callbacks sign decoded values (form-body.ts), so each is a real mistake on one side or the other.
 */
function spellings(raw: string, decoded: string): Spelling[] {
  const candidates: Spelling[] = [
    { how: "as it travels in the body, still percent-encoded", signed: raw },
    { how: "percent-encoded with spaces as + (HTML forms, PHP urlencode)", signed: formEncode(decoded) },
    { how: "percent-encoded with spaces as %20 (RFC 3986, PHP rawurlencode)", signed: rawUrlEncode(decoded) },
    { how: "decoded with + kept as a plus (rawurldecode), not as a space", signed: decodeKeepingPlus(raw) },
    { how: "decoded twice", signed: formDecode(decoded) },
  ];
  const seen = new Set([decoded]);
  return candidates.filter(({ signed }) => !seen.has(signed) && (seen.add(signed), true));
}

/** Near misses of each signed `{field:...}` of a form body, one spelling at a time. */
export function* formFieldVariants(parts: readonly MessagePart[], request: WebhookRequest, matches: (secret: string, change: MacChange & { request?: WebhookRequest }) => boolean): Generator<Attempt> {
  if (!isFormRequest(request.headers)) return;
  const text = request.body.toString("utf8");
  const fields = formFields(text);
  for (const part of parts) {
    if (part.kind !== "field") continue;
    const field = fields.find((f) => f.name === part.name);
    if (field === undefined) continue;
    const pair = text.slice(field.start, field.end);
    const raw = pair.includes("=") ? pair.slice(pair.indexOf("=") + 1) : "";
    for (const { how, signed } of spellings(raw, field.value)) {
      const candidate = { ...request, body: Buffer.from(writeFormField(text, part.name, signed), "utf8") };
      yield {
        cause: "field-encoding",
        summary: `the signature matches with the form field ${part.name} signed ${how} ("${signed}"), where its decoded value ("${field.value}") is signed: the signer and the receiver decode the form differently`,
        evidence: [`${part.name} in the body: ${raw}`, `${part.name} decoded: ${field.value}`, `${part.name} signed: ${signed}`],
        matches: (secret) => matches(secret, { request: candidate }),
      };
    }
  }
}
