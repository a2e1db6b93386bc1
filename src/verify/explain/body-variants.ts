import type { BodyKind } from "../../primitives/body-text.js";
import { utf8OrUndefined } from "../../primitives/request-file.js";
import { formBodyRespellings } from "./form-body-variants.js";
import { describeBody, layoutOf } from "./describe-body.js";
import type { VariationCause } from "../../schemes/explanation.js";
import { escapeHtmlLikeGo, escapeNonAscii, mapJsonNumbers, relayoutJson, sortedKeysJson, unescapeUnicode } from "../../primitives/json-rewrites.js";
import { serializeJson } from "../../primitives/serialize-json.js";

/** A body the signer may have signed instead of the one received, and what that would mean. */
export interface BodyVariant {
  cause: VariationCause;
  summary: string;
  evidence: string[];
  body: Buffer;
}

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/**
 * How much longer than the received body a re-layout may be and still be tried. Pretty-printing a real
 * webhook body adds well under this; a body nested thousands of levels deep would add gigabytes of
 * indentation (it grows with the square of the depth), so past this the layout is not a candidate.
 */
const MAX_GROWTH = 8;

/**
 * Candidate signed bodies derived from the received one, one change at a time, in the order the
 * mistakes are met in practice: bytes added or lost on the way (newline, BOM, line endings), then a
 * framework that re-formatted or re-serialised the JSON (layout, key order, escapes, numbers), or, for a
 * form body, re-encoded it or dropped its empty fields.
 */
export function* bodyVariants(received: Buffer, kind: BodyKind = "json"): Generator<BodyVariant> {
  // Evidence is described only for the variant that matches: describing decodes a whole body to text.
  let receivedDescription: string | undefined;
  const make = (cause: VariationCause, summary: string, body: Buffer | string, extra: string[] = []): BodyVariant => {
    const bytes = typeof body === "string" ? Buffer.from(body, "utf8") : body;
    return {
      cause,
      summary,
      body: bytes,
      get evidence() {
        receivedDescription ??= `received body: ${describeBody(received)}`;
        return [receivedDescription, `signed body: ${describeBody(bytes)}`, ...extra];
      },
    };
  };
  const ending = received.subarray(-2).toString("latin1") === "\r\n" ? 2 : received.at(-1) === 0x0a ? 1 : 0;
  if (ending > 0) {
    yield make("body-trailing-newline", "the signature matches the body without its trailing newline: a newline was appended after signing (by a file, an editor, `echo`, or the capture)", received.subarray(0, -ending));
  } else {
    yield make("body-trailing-newline", "the signature matches the body with a trailing newline: the signer signed a newline that did not arrive (trimmed by a proxy or your framework)", Buffer.concat([received, Buffer.from("\n")]));
  }
  if (received.subarray(0, 3).equals(BOM)) {
    yield make("body-bom", "the signature matches the body without its UTF-8 byte-order mark: a BOM was added after signing (an editor or a re-encoding step)", received.subarray(3));
  } else {
    yield make("body-bom", "the signature matches the body with a UTF-8 byte-order mark in front: the signer signed a BOM it did not send", Buffer.concat([BOM, received]));
  }
  const latin = received.toString("latin1");
  if (latin.includes("\r\n")) {
    yield make("body-line-endings", "the signature matches the body with LF line endings: its line endings were converted to CRLF after signing", Buffer.from(latin.replace(/\r\n/g, "\n"), "latin1"));
  } else if (latin.includes("\n")) {
    yield make("body-line-endings", "the signature matches the body with CRLF line endings: its line endings were converted to LF after signing (git autocrlf, an editor, a text-mode read)", Buffer.from(latin.replace(/\n/g, "\r\n"), "latin1"));
  }
  const text = utf8OrUndefined(received)?.replace(/^\uFEFF/, "");
  if (text !== undefined && kind === "form") {
    for (const respelling of formBodyRespellings(text)) yield make(respelling.cause, respelling.summary, respelling.body);
    return;
  }
  if (text === undefined || !/^\s*[{[]/.test(text)) return;
  yield* layoutVariants(text, make);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return;
  }
  yield* reserialisedVariants(text, parsed, make);
}

type Make = (cause: VariationCause, summary: string, body: Buffer | string, extra?: string[]) => BodyVariant;

function* layoutVariants(text: string, make: Make): Generator<BodyVariant> {
  const layout = layoutOf(text);
  const limit = MAX_GROWTH * text.length + 4096;
  if (layout !== "compact") {
    const compact = relayoutJson(text);
    yield make("body-reformatted", `the signature matches the body as it was before your framework pretty-printed it: the body was re-formatted after signing (${layout} added)`, compact);
  }
  // Each built only when its turn comes, and dropped after: one candidate body in memory at a time.
  const layouts: [string, () => string | undefined][] = [
    ["2-space indentation", () => relayoutJson(text, "  ", false, limit)],
    ["4-space indentation", () => relayoutJson(text, "    ", false, limit)],
    ["tab indentation", () => relayoutJson(text, "\t", false, limit)],
    ["spaces after : and ,", () => relayoutJson(text, undefined, true, limit)],
  ];
  for (const [name, build] of layouts) {
    if (name === layout) continue;
    const body = build();
    if (body === undefined) continue;
    const now = layout === "compact" ? "compacted" : `re-formatted with ${layout}`;
    yield make("body-reformatted", `the signature matches the body laid out with ${name}: the body was re-formatted after signing (signed with ${name}, received ${now})`, body);
  }
}

function* reserialisedVariants(text: string, parsed: unknown, make: Make): Generator<BodyVariant> {
  if (/[^\u0000-\u007f]/.test(text)) {
    yield make("body-unicode-escapes", "the signature matches the body with non-ASCII characters escaped as \\uXXXX: the signer signed an ASCII-escaped body (e.g. Python's json.dumps) and raw UTF-8 arrived, or the body was re-encoded after signing", escapeNonAscii(text));
    yield make("body-unicode-escapes", "the signature matches the body with non-ASCII characters escaped as upper-case \\uXXXX: the body's escapes changed between signing and receipt", escapeNonAscii(text, true));
  }
  if (/\\u[0-9a-fA-F]{4}/.test(text)) {
    yield make("body-unicode-escapes", "the signature matches the body with its \\uXXXX escapes written as raw UTF-8 characters: the body was re-encoded after signing (escapes added)", unescapeUnicode(text));
  }
  if (/[<>&\u2028\u2029]/.test(text)) {
    yield make("body-unicode-escapes", "the signature matches the body with <, > and & escaped as \\u003c, \\u003e, \\u0026 (Go's encoding/json default): the escapes changed between signing and receipt", escapeHtmlLikeGo(text));
  }
  const respellings: [string, (token: string) => string][] = [
    ["numbers written the shortest way", (t) => (/[.eE]/.test(t) ? String(Number(t)) : t)],
    ["decimals padded to 2 places", (t) => (/^-?\d+\.\d$/.test(t) ? `${t}0` : t)],
    ["every number with 2 decimal places", (t) => (/^-?\d+(\.\d{1,2})?$/.test(t) ? Number(t).toFixed(2) : t)],
    ["whole numbers written with .0", (t) => (/^-?\d+$/.test(t) ? `${t}.0` : t)],
  ];
  for (const [name, respell] of respellings) {
    const mapped = mapJsonNumbers(text, respell);
    if (!mapped.first) continue;
    const { from, to } = mapped.first;
    yield make(
      "body-numbers-reformatted",
      `the signature matches the body with ${name} (${from} -> ${to}): numbers were re-formatted between signing and receipt (a parse and re-serialise changes 10.50 to 10.5 and 100.0 to 100)`,
      mapped.text,
      [`first difference: ${from} received, ${to} signed`],
    );
  }
  // Key order after the narrower causes: sorting re-serialises, which also changes escapes and numbers.
  // Serialised without recursion (JSON.stringify overflows the stack on deep nesting) and within the growth limit.
  const limit = MAX_GROWTH * text.length + 4096;
  const compact = serializeJson(parsed, { maxLength: limit });
  const sorted = sortedKeysJson(parsed, limit);
  if (sorted !== undefined && sorted !== compact) {
    yield make("body-key-order", "the signature matches the body with its keys sorted: the signer sorted the keys to sign (or the body was re-ordered after signing), so the signed and received key orders differ", sorted);
    const spaced = relayoutJson(sorted, undefined, true, limit);
    if (spaced !== undefined) yield make("body-key-order", "the signature matches the body with its keys sorted and spaces after : and , (Python's json.dumps(sort_keys=True)): the signed and received key orders differ", spaced);
  }
  // Whole re-serialisations last: they change layout, escapes and numbers at once, so a narrower cause above names it better.
  if (compact !== undefined) yield make("body-reformatted", "the signature matches JSON.stringify of the parsed body: the signer signed a re-serialisation, not the bytes it sent (or the body was re-serialised after signing)", compact);
  const pretty = serializeJson(parsed, { indent: "  ", maxLength: limit });
  if (pretty !== undefined) yield make("body-reformatted", "the signature matches the parsed body pretty-printed by JSON.stringify(body, null, 2): the body was re-serialised between signing and receipt", pretty);
}
