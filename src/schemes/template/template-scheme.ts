import { readBodyField, writeBodyField } from "../../primitives/body-field.js";
import { formatDuration } from "../../primitives/duration.js";
import { getHeader, setHeader } from "../../primitives/headers.js";
import { algorithmName, bytesEqual, constantTimeEqual, digest, hmac, type HashAlgorithm } from "../../primitives/hmac.js";
import { formatTimestamp } from "../../primitives/time-format.js";
import type { WebhookRequest } from "../../primitives/webhook-request.js";
import type { SignatureFacts } from "../explanation.js";
import type { SignatureCheck, SignatureScheme, VerifyContext } from "../scheme.js";
import { headerFormat, type HeaderFormat } from "./header-format.js";
import { decodeMac, encodedLength, encodeMac, ENCODING_WORDS, keyOf } from "./mac-encoding.js";
import { messageParts, templateProblems, type MessagePart, type SignatureTemplate } from "./signature-template.js";
import { describeMessage, renderMessage } from "./template-message.js";
import { otherKeyVariants } from "./other-key-variants.js";
import { templateMistakes } from "./template-mistakes.js";
import { templateVariants, type MacChange } from "./template-variants.js";

const DEFAULT_TOLERANCE_SECONDS = 300;

/** What a received request carries: its signatures and timestamp, or why they cannot be read. */
type Located = { signatures: string[]; timestamp: string | undefined } | { problem: SignatureCheck };

/**
 * A scheme from a signature template (signature-template.ts): the one implementation behind every
 * provider that signs with an HMAC or digest over some of the request, or sends a static token.
 * A template with problems (templateProblems says which) throws TypeError on first use: check user
 * templates with templateProblems before building a scheme from them.
 */
export function templateScheme(template: SignatureTemplate): SignatureScheme {
  const token = template.algorithm === "token";
  const keyed = template.algorithm.startsWith("hmac-");
  const hash = (token ? "sha256" : template.algorithm.replace("hmac-", "")) as HashAlgorithm;
  const key = template.key ?? "utf8";
  const encoding = template.encoding ?? "hex";
  const message = template.message ?? "{body}";
  const formatText = template.header !== undefined ? (template.format ?? "{signature}") : undefined;
  const where = template.header ?? (template.bodyField as string);
  const defaultToleranceMs = (template.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS) * 1000;
  const algorithm = algorithmName(hash, keyed);
  // Checked and parsed on first use, not at import: every command loads every provider, few use them all.
  let compiled: { parts: MessagePart[]; format: HeaderFormat | undefined } | undefined;
  const compile = (): { parts: MessagePart[]; format: HeaderFormat | undefined } => {
    if (compiled) return compiled;
    const problems = templateProblems(template);
    if (problems.length > 0) throw new TypeError(`invalid signature template: ${problems.join("; ")}`);
    return (compiled = { parts: messageParts(message), format: formatText !== undefined ? headerFormat(formatText) : undefined });
  };

  /** The MAC over a request; explain varies the hash, the HMAC key and the signed path. */
  const mac = (request: WebhookRequest, timestamp: string | undefined, secret: string, change: MacChange = {}): Buffer => {
    const signed = renderMessage(change.parts ?? compile().parts, request, timestamp, secret, change.path);
    const withHash = change.hash ?? hash;
    return keyed ? hmac(withHash, change.key ?? keyOf(secret, key), signed) : digest(withHash, signed);
  };

  const stampOf = (now: Date): string =>
    template.timestamp === "unix" ? String(Math.floor(now.getTime() / 1000)) : template.timestamp === "unix-ms" ? String(now.getTime()) : formatTimestamp(now, "iso-z");

  /** Signs a request, or, with a change, signs it the way that change says (the MAC over `change.request`, when given). */
  const signWith = (request: WebhookRequest, secret: string, now: Date, change: MacChange & { request?: WebhookRequest } = {}): WebhookRequest => {
    const timestamp = template.timestamp !== undefined ? stampOf(now) : undefined;
    const stamp = (r: WebhookRequest): WebhookRequest => (timestamp !== undefined && template.timestampHeader !== undefined ? { ...r, headers: setHeader(r.headers, template.timestampHeader, timestamp) } : r);
    const signed = stamp(request);
    const signature = token ? secret : encodeMac(mac(change.request !== undefined ? stamp(change.request) : signed, timestamp, secret, change), encoding);
    const { format } = compile();
    if (format !== undefined) return { ...signed, headers: setHeader(signed.headers, where, format.write(signature, timestamp)) };
    return { ...signed, body: writeBodyField(signed, where, signature) };
  };

  const what = (request: WebhookRequest): string => (message === "{body}" ? `the ${request.body.length}-byte body` : "the string-to-sign");

  function locate(request: WebhookRequest): Located {
    const { format } = compile();
    const raw = format !== undefined ? getHeader(request.headers, where)?.trim() : readBodyField(request, where);
    if (raw === undefined || raw === "") {
      return { problem: { ok: false, reason: "missing-signature", detail: format !== undefined ? `no ${where} header` : `the body has no ${where} field` } };
    }
    const read = format !== undefined ? format.read(raw) : { signatures: [raw] };
    if (read === undefined) {
      return { problem: { ok: false, reason: "malformed-signature", detail: `${where} does not have the form ${format?.text ?? "{signature}"} (got ${raw.length} characters)` } };
    }
    const timestamp = (read as { timestamp?: string }).timestamp ?? (template.timestampHeader !== undefined ? getHeader(request.headers, template.timestampHeader)?.trim() : undefined);
    if (template.timestamp !== undefined && (timestamp === undefined || timestamp === "")) {
      const from = template.timestampHeader !== undefined ? `no ${template.timestampHeader} header` : `no timestamp in ${where}`;
      return { problem: { ok: false, reason: "missing-timestamp", detail: from } };
    }
    return { signatures: read.signatures, timestamp };
  }

  function judgeTimestamp(timestamp: string, context: VerifyContext): SignatureCheck | undefined {
    const signedAt = template.timestamp === "iso" ? Date.parse(timestamp) : /^\d+$/.test(timestamp) ? Number(timestamp) * (template.timestamp === "unix" ? 1000 : 1) : Number.NaN;
    if (Number.isNaN(signedAt)) return { ok: false, reason: "bad-timestamp", detail: `the timestamp "${timestamp}" is not ${template.timestamp === "iso" ? "ISO 8601" : `Unix ${template.timestamp === "unix" ? "seconds" : "milliseconds"}`}` };
    const toleranceMs = context.toleranceMs ?? defaultToleranceMs;
    const skewMs = context.at.getTime() - signedAt;
    if (Math.abs(skewMs) > toleranceMs) {
      const direction = skewMs > 0 ? "old" : "in the future";
      return {
        ok: false,
        reason: "timestamp-out-of-tolerance",
        detail: `the signed timestamp is ${formatDuration(Math.abs(skewMs))} ${direction} (tolerance ${formatDuration(toleranceMs)}): signature valid, but a receiver should reject it as a possible replay`,
      };
    }
    return undefined;
  }

  const scheme: SignatureScheme = {
    id: token ? "token" : `${template.algorithm}-${encoding.toLowerCase()}`,
    summary: token
      ? `${where}: the secret itself (a static token, compared as is)`
      : `${formatText !== undefined ? (formatText === "{signature}" ? where : `${where} (${formatText})`) : `body.${where}`}: ${ENCODING_WORDS[encoding]} ${algorithm}(${keyed ? `secret${key === "utf8" ? "" : ` (${key})`}, ` : ""}${message === "{body}" ? "body" : message})`,
    needsSecret: true,
    signatureIn: formatText !== undefined ? { header: where } : { bodyField: where },
    // A static token is the same on every request: it covers nothing of it.
    covers: {
      body: token ? "none" : /\{body[}:]/i.test(message) ? "bytes" : /\{field:/i.test(message) ? "fields" : "none",
      timestamp: /\{timestamp\}/i.test(message),
      path: /\{path\}/i.test(message),
    },
    sign: (request, { secret, now }) => signWith(request, secret, now),
    mistakes(request, { secret, now }) {
      // A static token has nothing to get wrong but the token itself.
      if (token) return [];
      return templateMistakes({ template, parts: compile().parts, request, secret, signWith: (change) => signWith(request, secret, now, change) });
    },
    verify(request, secret, context) {
      const located = locate(request);
      if ("problem" in located) return located.problem;
      const { signatures, timestamp } = located;
      if (token) {
        return signatures.some((given) => constantTimeEqual(secret, given))
          ? { ok: true, detail: `${where} matches the token (compared in constant time)` }
          : { ok: false, reason: "bad-signature", detail: `${where} is not the token you gave` };
      }
      const decoded = signatures.map((given) => decodeMac(given, hash, encoding)).filter((m): m is Buffer => m !== undefined);
      if (decoded.length === 0) {
        const first = signatures[0] ?? "";
        return { ok: false, reason: "malformed-signature", detail: `${where} is not ${encodedLength(hash, encoding)} ${ENCODING_WORDS[encoding]} characters (got ${first.length} characters)` };
      }
      const expected = mac(request, timestamp, secret);
      if (!decoded.some((given) => bytesEqual(expected, given))) {
        const detail = `${where} does not match ${algorithm} of ${what(request)}`;
        // The body alone is its own preimage: only a composed string-to-sign is worth repeating.
        return message === "{body}" ? { ok: false, reason: "bad-signature", detail } : { ok: false, reason: "bad-signature", detail, preimage: describeMessage(compile().parts, request, timestamp) };
      }
      const late = timestamp !== undefined ? judgeTimestamp(timestamp, context) : undefined;
      if (late) return late;
      const within = timestamp !== undefined ? `; timestamp within ${formatDuration(context.toleranceMs ?? defaultToleranceMs)}` : "";
      return { ok: true, detail: `${where} matches ${algorithm} of ${what(request)}${within}` };
    },
    preimage(request) {
      if (token) return undefined;
      const located = locate(request);
      return describeMessage(compile().parts, request, "problem" in located ? undefined : located.timestamp);
    },
    facts(request): SignatureFacts | undefined {
      const located = locate(request);
      if (token || "problem" in located) return undefined;
      const family = encoding === "HEX" ? "hex" : encoding;
      return {
        where,
        given: located.signatures[0] ?? "",
        algorithm: hash,
        keyed,
        encoding: family,
        accepted: [family],
        compute: (secret, withHash) => mac(request, located.timestamp, secret, { hash: withHash }),
      };
    },
    *variants(request) {
      if (token) return;
      const located = locate(request);
      if (!("problem" in located)) {
        const given = located.signatures.map((text) => decodeMac(text, hash, encoding)).filter((m): m is Buffer => m !== undefined);
        const matches = (secret: string, change: MacChange & { request?: WebhookRequest }): boolean => {
          const expected = mac(change.request ?? request, located.timestamp, secret, change);
          return given.some((mac) => bytesEqual(expected, mac));
        };
        yield* templateVariants({ template, parts: compile().parts, request, matches });
      }
      // Also for a malformed header: the signature may be well-formed under a key this scheme does not read.
      if (formatText !== undefined) {
        const received = getHeader(request.headers, where);
        yield* otherKeyVariants({ where, format: formatText, received, decode: (text) => decodeMac(text, hash, encoding), mac: (secret, timestamp) => mac(request, timestamp, secret) });
      }
    },
    noMatchEvidence(request) {
      if (token) {
        const located = locate(request);
        // Its length only: the token is the secret.
        const length = "problem" in located ? 0 : (located.signatures[0] ?? "").length;
        return [`${where} carries a ${length}-character token, compared whole: it must be exactly the token you gave (the dashboard's current one)`];
      }
      if (message === "{body}") return [`signed bytes: the ${request.body.length}-byte body exactly as received`];
      const located = locate(request);
      const timestamp = "problem" in located ? undefined : located.timestamp;
      return [`the string-to-sign is ${JSON.stringify(message)}${timestamp !== undefined ? ` with timestamp ${timestamp}` : ""}: compare it, filled in below, with the one the sender signed`];
    },
  };
  return scheme;
}
