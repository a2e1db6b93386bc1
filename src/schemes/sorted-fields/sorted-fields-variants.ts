import { bytesEqual, hmac } from "../../primitives/hmac.js";
import type { Attempt, VariationCause } from "../explanation.js";
import { fieldMessage, orderItems, type FieldMessageRules, type SignedField } from "./field-message.js";

export interface SortedFieldsInput {
  rules: FieldMessageRules;
  fields: readonly SignedField[];
  /** The received signature's bytes. */
  given: Buffer;
}

interface Candidate {
  cause: VariationCause;
  summary: string;
  evidence: string[];
  message: string;
}

const ORDER_WORDS = { key: "sorted by key", "item-ignoring-case": "sorted as whole key+value strings, ignoring case", body: "in the order the form lists them (not sorted)" } as const;

/**
 * Near misses of a sorted-fields signature, each one change away from the documented message: a
 * field re-encoded (the raw form text signed, or `+` read as a plus), a field dropped (empty ones, or
 * one field added after signing), another order, another separator.
 */
export function* sortedFieldsVariants({ rules, fields, given }: SortedFieldsInput): Generator<Attempt> {
  const documented = fieldMessage(fields, rules);
  const seen = new Set([documented]);
  for (const candidate of candidates(rules, fields)) {
    if (seen.has(candidate.message)) continue;
    seen.add(candidate.message);
    yield { ...candidate, evidence: [...candidate.evidence, `signed message: ${candidate.message}`, `documented message: ${documented}`], matches: (secret) => bytesEqual(hmac("sha256", secret, candidate.message), given) };
  }
}

function* candidates(rules: FieldMessageRules, fields: readonly SignedField[]): Generator<Candidate> {
  const withValues = (value: (field: SignedField) => string, name: (field: SignedField) => string = (f) => f.name): string =>
    orderItems(fields.map((field) => ({ key: name(field), item: `${name(field)}${value(field)}` })), rules.order).join(rules.separator);
  const encoded = fields.filter((field) => field.rawValue !== field.value);
  if (encoded.length > 0) {
    yield { cause: "field-encoding", summary: "the signature matches the fields as written in the body, still form-encoded: the signer signed encoded values (or the receiver decoded them twice), where the values are signed decoded", evidence: [`encoded fields: ${encoded.map((f) => f.name).join(", ")}`], message: withValues((f) => f.rawValue, (f) => f.rawName) };
  }
  if (fields.some((field) => field.rawValue.includes("+"))) {
    yield { cause: "field-encoding", summary: 'the signature matches with "+" read as a plus sign, not a space: the two sides decode the form differently (PHP rawurldecode against urldecode)', evidence: ["a field holds +"], message: withValues((f) => decodeKeepingPlus(f.rawValue)) };
  }
  const empty = fields.filter((field) => field.value === "");
  if (empty.length > 0) {
    yield { cause: "field-dropped", summary: "the signature matches with the empty fields left out: the signer skips empty values, where every field is signed, empty ones included", evidence: [`empty fields: ${empty.map((f) => f.name).join(", ")}`], message: fieldMessage(fields.filter((f) => f.value !== ""), rules) };
  }
  for (const field of fields) {
    yield { cause: "field-dropped", summary: `the signature matches without the field ${field.name}: it was added after signing (or the signer left it out)`, evidence: [`unsigned field: ${field.name}`], message: fieldMessage(fields.filter((f) => f !== field), rules) };
  }
  for (const order of ["key", "item-ignoring-case", "body"] as const) {
    if (order === rules.order) continue;
    yield { cause: "field-order", summary: `the signature matches the items ${ORDER_WORDS[order]}, where they are ${ORDER_WORDS[rules.order]}`, evidence: [], message: fieldMessage(fields, { ...rules, order }) };
  }
  for (const separator of ["", "|", "&", ","]) {
    if (separator === rules.separator) continue;
    yield { cause: "field-separator", summary: `the signature matches the items joined with ${separator === "" ? "nothing" : `"${separator}"`}, where they are joined with ${rules.separator === "" ? "nothing" : `"${rules.separator}"`}`, evidence: [], message: fieldMessage(fields, { ...rules, separator }) };
  }
}

/** Percent-escapes decoded, `+` left as it is. */
function decodeKeepingPlus(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}
