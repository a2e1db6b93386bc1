import { getHeader, type Headers } from "./headers.js";

/**
 * `application/x-www-form-urlencoded` bodies, read and edited as text: a field's value is decoded to
 * read it, and written back encoded, while every other byte of the body (field order, the sender's own
 * percent-encoding, `+` or `%20`) stays as it was. Form callbacks sign decoded values, so a body must
 * never be re-encoded as a whole.
 */

/** One field as it appears in the body: its raw text span and its decoded name and value. */
export interface FormField {
  name: string;
  value: string;
  /** Where the raw `name=value` pair starts and ends in the body text. */
  start: number;
  end: number;
}

/** `a+b%2Fc` -> `a b/c`: `+` is a space; malformed escapes are kept as written. */
export function formDecode(text: string): string {
  const spaced = text.replace(/\+/g, " ");
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced.replace(/%([0-9a-fA-F]{2})/g, (escape, hex: string) => {
      const code = parseInt(hex, 16);
      return code < 0x80 ? String.fromCharCode(code) : escape;
    });
  }
}

/** A value encoded as HTML forms do (WHATWG application/x-www-form-urlencoded): space as `+`. */
export function formEncode(value: string): string {
  return encodeURIComponent(value).replace(/%20/g, "+").replace(/[!'()~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Every field in order, decoded, with its place in the text. Empty pairs (`a=1&&b=2`) are skipped. */
export function formFields(text: string): FormField[] {
  const fields: FormField[] = [];
  let start = 0;
  while (start <= text.length) {
    const amp = text.indexOf("&", start);
    const end = amp < 0 ? text.length : amp;
    const pair = text.slice(start, end);
    if (pair !== "") {
      const eq = pair.indexOf("=");
      const rawName = eq < 0 ? pair : pair.slice(0, eq);
      const rawValue = eq < 0 ? "" : pair.slice(eq + 1);
      fields.push({ name: formDecode(rawName), value: formDecode(rawValue), start, end });
    }
    if (amp < 0) break;
    start = amp + 1;
  }
  return fields;
}

/** The decoded value of the first field of that name, or undefined. */
export function formField(text: string, name: string): string | undefined {
  return formFields(text).find((field) => field.name === name)?.value;
}

/** Sets one field (the first of that name) to `value`, encoded; appended when absent. Every other byte is kept. */
export function writeFormField(text: string, name: string, value: string): string {
  const existing = formFields(text).find((field) => field.name === name);
  const pair = `${formEncode(name)}=${formEncode(value)}`;
  if (existing) return text.slice(0, existing.start) + pair + text.slice(existing.end);
  return text === "" ? pair : `${text}&${pair}`;
}

/** Removes every field of that name (and its `&`), keeping the rest byte for byte. */
export function withoutFormField(text: string, name: string): string {
  const kept = formFields(text).filter((field) => field.name !== name);
  return kept.map((field) => text.slice(field.start, field.end)).join("&");
}

/** Whether a request's body is a form: its Content-Type says so. */
export function isFormRequest(headers: Headers): boolean {
  return /application\/x-www-form-urlencoded/i.test(getHeader(headers, "Content-Type") ?? "");
}
