import { formField, writeFormField } from "../../primitives/form-body.js";
import { bytesEqual, hmac } from "../../primitives/hmac.js";
import type { WebhookRequest } from "../../primitives/webhook-request.js";
import type { SignatureScheme, SignedMistake } from "../scheme.js";
import { fieldMessage, signedFields, type FieldMessageRules } from "./field-message.js";
import { sortedFieldsVariants } from "./sorted-fields-variants.js";

const HEX_MAC = /^[0-9a-fA-F]{64}$/;

const orderWords = (rules: FieldMessageRules): string =>
  rules.order === "key" ? "sorted by key" : "sorted as whole strings, ignoring case";

/**
 * A form callback signed in a body field: hex HMAC-SHA256(secret as UTF-8, every other field as
 * `key+value`, sorted, joined), values form-decoded and empty ones kept. One implementation for every
 * gateway of the family; each passes its rules (field, order, separator).
 */
export function sortedFieldsScheme(rules: FieldMessageRules): SignatureScheme {
  const where = rules.signatureField;
  const joined = rules.separator === "" ? "concatenated" : `joined with "${rules.separator}"`;
  const messageOf = (request: WebhookRequest): string | undefined => {
    const fields = signedFields(request, rules);
    return fields === undefined ? undefined : fieldMessage(fields, rules);
  };
  const givenOf = (request: WebhookRequest): string | undefined => formField(request.body.toString("utf8"), where);
  return {
    id: "sorted-fields-hmac-sha256",
    summary: `body.${where}: hex HMAC-SHA256(secret, every other form field as key+value, ${orderWords(rules)}, ${joined})`,
    needsSecret: true,
    signatureIn: { bodyField: where },
    // Decoded field values: the form's own encoding (`+` or `%20`) may change, the values may not.
    covers: { body: "fields", timestamp: false, path: false },
    sign(request, { secret }) {
      const message = messageOf(request);
      if (message === undefined) throw new TypeError(`the body must be a form (Content-Type: application/x-www-form-urlencoded) to carry ${where}`);
      const signature = hmac("sha256", secret, message).toString("hex");
      return { ...request, body: Buffer.from(writeFormField(request.body.toString("utf8"), where, signature), "utf8") };
    },
    verify(request, secret) {
      const message = messageOf(request);
      if (message === undefined) return { ok: false, reason: "unreadable-body", detail: `the body is not a form (Content-Type: application/x-www-form-urlencoded), so its ${where} field cannot be read` };
      const given = givenOf(request);
      if (given === undefined || given === "") return { ok: false, reason: "missing-signature", detail: `the form has no ${where} field` };
      if (!HEX_MAC.test(given)) return { ok: false, reason: "malformed-signature", detail: `${where} is not 64 hex characters (got ${given.length} characters)` };
      const count = signedFields(request, rules)?.length ?? 0;
      if (!bytesEqual(hmac("sha256", secret, message), Buffer.from(given, "hex"))) {
        return { ok: false, reason: "bad-signature", detail: `${where} does not match HMAC-SHA256 of the ${count} other fields (${orderWords(rules)}, ${joined})`, preimage: message };
      }
      return { ok: true, detail: `${where} matches HMAC-SHA256 of the ${count} other fields (${orderWords(rules)}, ${joined})` };
    },
    preimage: messageOf,
    facts(request) {
      const message = messageOf(request);
      const given = givenOf(request);
      if (message === undefined || given === undefined || given === "") return undefined;
      return { where, given, algorithm: "sha256", keyed: true, encoding: "hex", accepted: ["hex"], compute: (secret, algorithm) => hmac(algorithm, secret, message) };
    },
    variants(request) {
      const fields = signedFields(request, rules);
      const given = givenOf(request);
      if (fields === undefined || given === undefined || !HEX_MAC.test(given)) return [];
      return sortedFieldsVariants({ rules, fields, given: Buffer.from(given, "hex") });
    },
    noMatchEvidence: () => [`the signed message is every form field but ${where} as key+value, ${orderWords(rules)}, ${joined} (below): compare it with the one the sender signed`],
    mistakes(request, { secret }) {
      const fields = signedFields(request, rules);
      if (fields === undefined) return [];
      const signedWith = (message: string): WebhookRequest => ({ ...request, body: Buffer.from(writeFormField(request.body.toString("utf8"), where, hmac("sha256", secret, message).toString("hex")), "utf8") });
      const other = rules.order === "key" ? "item-ignoring-case" : "key";
      const misbuilt: [SignedMistake["cause"], string, string][] = [
        ["field-order", fieldMessage(fields, { order: "body", separator: rules.separator }), `it joins the fields in the body's order, where they are ${orderWords(rules)}`],
        ["field-order", fieldMessage(fields, { order: other, separator: rules.separator }), `it orders the fields ${orderWords({ ...rules, order: other })}, where they are ${orderWords(rules)}`],
        ["body-empty-fields", fieldMessage(fields.filter((field) => field.value !== ""), rules), "it leaves the empty fields out, where every field is signed, empty ones too"],
        ["field-format", fieldMessage(fields, { ...rules, separator: rules.separator === "" ? "|" : "" }), `it joins the items ${rules.separator === "" ? 'with "|"' : "with nothing between them"}, where they are ${joined}`],
      ];
      return misbuilt.map(([cause, message, handlerDoes]): SignedMistake => ({ cause, handlerDoes: `${handlerDoes}: build the message as the scheme says`, request: signedWith(message) }));
    },
  };
}
