import { decimalString } from "../../primitives/decimal-string.js";
import { goQueryEscape } from "../../primitives/go-form-encode.js";
import { constantTimeEqual } from "../../primitives/hmac.js";
import { parseJsonObject, type JsonObject } from "../../primitives/json-object.js";
import type { WebhookRequest } from "../../primitives/webhook-request.js";
import { writeJsonText } from "../../primitives/json-text.js";
import type { Attempt } from "../../schemes/explanation.js";
import type { SignedMistake } from "../../schemes/scheme.js";
import { chaipayHash, chaipayMessage, chaipaySignedFields, chaipayVariantOf, fieldValue, type ChaipayVariant } from "./field-string.js";

/**
 * ChaiPay signs a field string: fixed fields, all present, sorted, values formatted (amount as the
 * shortest decimal) and form-encoded like Go's url.Values.Encode() (https://docs.chaipay.io,
 * Signatures > Webhooks). Buggy signers change one of the three: the field set, the amount's spelling,
 * the encoding. Every combination is tried, fewest changes first.
 */
interface Choice<T> {
  /** Undefined for the documented choice. */
  phrase: string | undefined;
  value: T;
}

type Pairs = [string, unknown][];

const encoders: Choice<(text: string) => string>[] = [
  { phrase: undefined, value: goQueryEscape },
  { phrase: "form-encoded the way Node's URLSearchParams does (\"~\" as %7E, \"*\" kept), not like Go's url.Values.Encode()", value: (t) => new URLSearchParams([["", t]]).toString().slice(1) },
  { phrase: "encoded with encodeURIComponent (%20 for a space, \"!'()*\" kept), not like Go's url.Values.Encode()", value: encodeURIComponent },
  { phrase: "not form-encoded at all (values joined raw)", value: (t) => t },
];

function amountChoices(raw: unknown): Choice<string>[] {
  const documented = fieldValue(raw);
  const choices: Choice<string>[] = [{ phrase: undefined, value: documented }];
  const number = typeof raw === "number" ? raw : typeof raw === "string" && raw.trim() !== "" ? Number(raw) : NaN;
  if (Number.isFinite(number)) {
    for (const text of [number.toFixed(2), decimalString(number), `${decimalString(number)}${Number.isInteger(number) ? ".0" : ""}`]) {
      if (!choices.some((c) => c.value === text)) choices.push({ phrase: `the amount written "${text}" instead of "${documented}"`, value: text });
    }
  }
  return choices;
}

function fieldSetChoices(body: JsonObject, primary: ChaipayVariant): Choice<{ pairs: Pairs; sorted: boolean }>[] {
  const pick = (names: readonly string[]): Pairs => names.map((name) => [name, name === "country_code" && !(name in body) ? body["countryCode"] : body[name]]);
  const documented = pick(chaipaySignedFields[primary]);
  const others = (Object.keys(chaipaySignedFields) as ChaipayVariant[]).filter((v) => v !== primary);
  return [
    { phrase: undefined, value: { pairs: documented, sorted: true } },
    { phrase: "empty fields left out (ChaiPay includes every field, even empty)", value: { pairs: documented.filter(([, v]) => fieldValue(v) !== ""), sorted: true } },
    { phrase: "the fields in the body's order, not sorted", value: { pairs: chaipaySignedFields[primary].filter((n) => n in body).sort((a, b) => Object.keys(body).indexOf(a) - Object.keys(body).indexOf(b)).map((n) => [n, body[n]]), sorted: false } },
    ...others.map((v) => ({ phrase: `the ${v} field set (${chaipaySignedFields[v].join(", ")})`, value: { pairs: pick(chaipaySignedFields[v]), sorted: true } })),
    { phrase: "every scalar field of the body except signature_hash", value: { pairs: Object.entries(body).filter(([k, v]) => k !== "signature_hash" && (v === null || typeof v !== "object")), sorted: true } },
  ];
}

/** A field string built with some of the usual changes (fewest first), and which. */
interface Misbuilt {
  message: string;
  phrases: string[];
  cause: Attempt["cause"];
}

/** Every combination of a field set, an encoder and an amount spelling that is not a documented message. */
function misbuiltMessages(body: JsonObject): Misbuilt[] {
  const primary = chaipayVariantOf(body) ?? "payment";
  // The three documented field sets are tried by verify itself.
  const seen = new Set((Object.keys(chaipaySignedFields) as ChaipayVariant[]).map((v) => chaipayMessage(body, v)));
  const combos: Misbuilt[] = [];
  for (const fieldSet of fieldSetChoices(body, primary)) {
    for (const encoder of encoders) {
      for (const amount of amountChoices(body["amount"])) {
        const pairs = fieldSet.value.sorted ? [...fieldSet.value.pairs].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)) : fieldSet.value.pairs;
        const message = pairs.map(([k, v]) => `${encoder.value(k)}=${encoder.value(k === "amount" ? amount.value : fieldValue(v))}`).join("&");
        if (seen.has(message)) continue;
        seen.add(message);
        const phrases = [amount.phrase, encoder.phrase, fieldSet.phrase].filter((p): p is string => p !== undefined);
        const cause = amount.phrase ? "chaipay-amount-format" : encoder.phrase ? "chaipay-form-encoding" : "chaipay-field-set";
        combos.push({ message, phrases, cause });
      }
    }
  }
  return combos.sort((a, b) => a.phrases.length - b.phrases.length);
}

export function* chaipayVariants(request: WebhookRequest): Generator<Attempt> {
  const body = parseJsonObject(request.body);
  const given = body?.["signature_hash"];
  if (!body || typeof given !== "string" || given === "") return;
  const documented = chaipayMessage(body, chaipayVariantOf(body) ?? "payment");
  for (const combo of misbuiltMessages(body)) {
    yield {
      cause: combo.cause,
      summary: `the signature matches the ChaiPay field string with ${combo.phrases.join(", and ")}: the signer built the signed message differently from the docs`,
      evidence: [`signed message: ${combo.message}`, `documented message: ${documented}`],
      matches: (secret) => constantTimeEqual(chaipayHash(secret, combo.message), given),
    };
  }
}

/**
 * A genuine ChaiPay delivery signed again over a field string built with one of the usual mistakes (the
 * body's order instead of sorted, another encoder, the amount spelled another way, empty fields left
 * out): a handler that accepts one builds its field string that way.
 */
export function* chaipayMistakes(genuine: WebhookRequest, secret: string): Generator<SignedMistake> {
  const body = parseJsonObject(genuine.body);
  if (!body || chaipayVariantOf(body) === undefined) return;
  for (const combo of misbuiltMessages(body)) {
    if (combo.phrases.length !== 1) continue;
    const hash = JSON.stringify(chaipayHash(secret, combo.message));
    yield {
      cause: combo.cause,
      handlerDoes: `it builds the field string with ${combo.phrases[0] ?? ""}: build it as ChaiPay's docs say (every signed field, sorted, form-encoded like Go's url.Values.Encode())`,
      request: { ...genuine, body: Buffer.from(writeJsonText(genuine.body.toString("utf8"), ["signature_hash"], hash), "utf8") },
    };
  }
}
