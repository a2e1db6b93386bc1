/**
 * A signing scheme described as data: what most webhook providers do, written down once. A provider
 * (bundled, or declared in a project's whk.config.json) picks an algorithm, a key encoding, a message
 * template over the request, an output encoding and where the signature travels; `templateScheme`
 * turns that into a scheme with sign, verify and explain. This is a public format: README, "Your own
 * provider", documents every field.
 */

export const TEMPLATE_ALGORITHMS = ["hmac-sha1", "hmac-sha256", "hmac-sha512", "sha256", "sha512", "md5", "token"] as const;
/** HMAC keyed with the secret; a plain digest of a message that contains `{secret}`; or the secret itself sent as a token. */
export type TemplateAlgorithm = (typeof TEMPLATE_ALGORITHMS)[number];

/** How the secret becomes the HMAC key: as UTF-8 text, hex- or base64-decoded, or base64-decoded after a prefix (`base64:whsec_`). */
export type TemplateKey = "utf8" | "hex" | "base64" | `base64:${string}`;

export const TEMPLATE_ENCODINGS = ["hex", "HEX", "base64", "base64url"] as const;
/** How the MAC is written: lower-case hex, upper-case hex, standard base64, unpadded base64url. */
export type TemplateEncoding = (typeof TEMPLATE_ENCODINGS)[number];

export const TEMPLATE_TIMESTAMPS = ["unix", "unix-ms", "iso"] as const;
/** How a signed timestamp is written: Unix seconds, Unix milliseconds, or ISO 8601 (`2025-05-15T05:34:31Z`). */
export type TemplateTimestamp = (typeof TEMPLATE_TIMESTAMPS)[number];

export interface SignatureTemplate {
  algorithm: TemplateAlgorithm;
  /** Default `utf8`. */
  key?: TemplateKey | undefined;
  /**
   * The signed message, default `{body}`. Placeholders: `{body}` (raw bytes), `{body:sha256-hex}`,
   * `{body:sha256-base64}`, `{timestamp}`, `{method}`, `{path}` (path and query as sent),
   * `{header:Name}`, `{field:dotted.path}` (a JSON or form field), `{secret}` (plain digests only).
   */
  message?: string | undefined;
  /** Default `hex`. */
  encoding?: TemplateEncoding | undefined;
  /** The header the signature travels in (or `bodyField`). */
  header?: string | undefined;
  /**
   * The header value around the signature, default `{signature}`: a prefix (`sha256={signature}`,
   * `v1,{signature}`) or comma-separated pairs (`t={timestamp},v1={signature}`). Several signatures in
   * one header (key rotation) are each checked: repeated pairs, or items separated by spaces.
   */
  format?: string | undefined;
  /** A body field the signature travels in, instead of a header (`signature_key`, `data.signature`). */
  bodyField?: string | undefined;
  /** Whether, and how, a timestamp is signed; it travels in `format` or `timestampHeader`. */
  timestamp?: TemplateTimestamp | undefined;
  timestampHeader?: string | undefined;
  /** How far a signed timestamp may be from the receipt time. Default 300. */
  toleranceSeconds?: number | undefined;
}

const PLACEHOLDER = /\{([a-z0-9-]+)(?::([^}]*))?\}/gi;
const MESSAGE_NAMES = new Set(["body", "timestamp", "method", "path", "header", "field", "secret"]);

/** Everything wrong with a template, as sentences naming the field; empty when it can be used. */
export function templateProblems(template: SignatureTemplate): string[] {
  const problems: string[] = [];
  const message = template.message ?? "{body}";
  const placeholders = [...message.matchAll(PLACEHOLDER)].map((m) => ({ name: (m[1] as string).toLowerCase(), arg: m[2] }));
  for (const { name, arg } of placeholders) {
    if (!MESSAGE_NAMES.has(name)) problems.push(`message: unknown placeholder {${name}}; use {body}, {timestamp}, {method}, {path}, {header:Name}, {field:path} or {secret}`);
    else if ((name === "header" || name === "field") && !arg) problems.push(`message: {${name}:...} needs a name, like {${name}:${name === "header" ? "X-Request-Id" : "order_id"}}`);
    else if (name === "body" && arg !== undefined && !["sha256-hex", "sha256-base64"].includes(arg)) problems.push(`message: {body:${arg}} is not known; use {body}, {body:sha256-hex} or {body:sha256-base64}`);
  }
  const has = (name: string): boolean => placeholders.some((p) => p.name === name);
  const plainDigest = ["sha256", "sha512", "md5"].includes(template.algorithm);
  if (plainDigest && !has("secret")) problems.push(`message: a plain ${template.algorithm} digest is keyed by nothing: put {secret} in the message`);
  if (!plainDigest && has("secret")) problems.push(`message: {secret} belongs in plain digests (sha256, sha512, md5) only; ${template.algorithm} keys with the secret already`);
  if (template.algorithm === "token" && template.message !== undefined) problems.push("message: a token scheme signs nothing (the secret itself is sent): leave message out");
  if ((template.header === undefined) === (template.bodyField === undefined)) problems.push("header / bodyField: give exactly one: where the signature travels");
  if (template.bodyField !== undefined && (has("body") || template.format !== undefined)) problems.push("bodyField: a signature inside the body cannot sign {body}, and takes no format");
  const format = template.format ?? "{signature}";
  if (!format.includes("{signature}")) problems.push("format: must contain {signature}");
  const timestampCarried = format.includes("{timestamp}") || template.timestampHeader !== undefined;
  if (has("timestamp") && template.timestamp === undefined) problems.push("timestamp: the message signs {timestamp}: say how it is written (unix, unix-ms or iso)");
  if (template.timestamp !== undefined && !timestampCarried) problems.push("timestamp: it must travel somewhere: put {timestamp} in format, or give timestampHeader");
  if (template.timestamp !== undefined && !has("timestamp")) problems.push("message: a timestamp that is not signed protects nothing: put {timestamp} in the message");
  const key = template.key ?? "utf8";
  if (!/^(utf8|hex|base64|base64:.+)$/.test(key)) problems.push(`key: "${key}" is not utf8, hex, base64 or base64:<prefix>`);
  if (template.toleranceSeconds !== undefined && !(template.toleranceSeconds > 0)) problems.push("toleranceSeconds: must be a positive number of seconds");
  return problems;
}

/** The parts of a message template, in order. */
export type MessagePart =
  | { kind: "text"; text: string }
  | { kind: "body"; digest?: "sha256-hex" | "sha256-base64" }
  | { kind: "timestamp" | "method" | "path" | "secret" }
  | { kind: "header" | "field"; name: string };

export function messageParts(message: string): MessagePart[] {
  const parts: MessagePart[] = [];
  let last = 0;
  for (const match of message.matchAll(PLACEHOLDER)) {
    const at = match.index ?? 0;
    if (at > last) parts.push({ kind: "text", text: message.slice(last, at) });
    const name = (match[1] as string).toLowerCase();
    const arg = match[2];
    if (name === "header" || name === "field") parts.push({ kind: name, name: arg ?? "" });
    else if (name === "body") parts.push(arg === "sha256-hex" || arg === "sha256-base64" ? { kind: "body", digest: arg } : { kind: "body" });
    else parts.push({ kind: name as "timestamp" | "method" | "path" | "secret" });
    last = at + match[0].length;
  }
  if (last < message.length) parts.push({ kind: "text", text: message.slice(last) });
  return parts;
}
