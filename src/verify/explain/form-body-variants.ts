import { formEncode, formFields } from "../../primitives/form-body.js";
import type { VariationCause } from "../../schemes/explanation.js";

/** One re-spelling of a form body, and what it would mean that the signer signed it. */
export interface FormRespelling {
  cause: VariationCause;
  summary: string;
  body: string;
}

/**
 * Ways a form body's bytes change between signing and receipt while its fields stay the same: spaces
 * written as `+` or `%20`, escapes in upper or lower case, every field re-encoded by another encoder, or
 * empty fields dropped by the signer's (or a proxy's) form builder. Only the re-spellings that differ
 * from the received body are returned.
 */
export function formBodyRespellings(text: string): FormRespelling[] {
  const fields = formFields(text);
  const pairs = fields.map((field) => text.slice(field.start, field.end));
  const out: FormRespelling[] = [];
  const add = (cause: VariationCause, summary: string, body: string): void => {
    if (body !== text && !out.some((r) => r.body === body)) out.push({ cause, summary, body });
  };
  if (text.includes("+")) add("body-form-encoding", "the signature matches the form with spaces written %20 where it arrived with +: the body was re-encoded between signing and receipt (the fields are the same, the bytes are not)", text.replace(/\+/g, "%20"));
  if (text.includes("%20")) add("body-form-encoding", "the signature matches the form with spaces written + where it arrived with %20: the body was re-encoded between signing and receipt (the fields are the same, the bytes are not)", text.replace(/%20/g, "+"));
  if (/%[0-9A-F]{2}/.test(text)) add("body-form-encoding", "the signature matches the form with its percent-escapes in lower case: the body was re-encoded between signing and receipt", text.replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase()));
  if (/%[0-9a-f]{2}/.test(text)) add("body-form-encoding", "the signature matches the form with its percent-escapes in upper case: the body was re-encoded between signing and receipt", text.replace(/%[0-9a-f]{2}/g, (e) => e.toUpperCase()));
  add("body-form-encoding", "the signature matches the form with every field re-encoded the way HTML forms do: the sender signed its own encoding, then sent the fields encoded another way", fields.map((f) => `${formEncode(f.name)}=${formEncode(f.value)}`).join("&"));
  const nonEmpty = pairs.filter((_pair, i) => (fields[i]?.value ?? "") !== "");
  if (nonEmpty.length < pairs.length) {
    const dropped = fields.filter((f) => f.value === "").map((f) => f.name).join(", ");
    add("body-empty-fields", `the signature matches the form without its empty fields (${dropped}): the signer left empty fields out of what it signed, and the body sent carries them`, nonEmpty.join("&"));
  }
  return out;
}
