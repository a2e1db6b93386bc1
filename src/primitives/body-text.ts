import { formFields, formField, writeFormField } from "./form-body.js";
import { getHeader, type Headers } from "./headers.js";
import { WhkInputError } from "./errors.js";
import { parseJsonPath, readJsonText, writeJsonText } from "./json-text.js";
import { utf8OrUndefined } from "./request-file.js";

/**
 * A body as editable text, whatever its format: JSON (fields by dotted path, values as JSON text) or an
 * `application/x-www-form-urlencoded` form (fields by name). Fixtures get fresh ids and `--set` edits
 * through here, so a form body is edited field by field like a JSON one, every other byte kept.
 */
export type BodyKind = "json" | "form";

/** A form when the Content-Type says so (a fixture declares it in its `headers`); JSON otherwise. */
export function bodyKindOf(headers: Headers | undefined): BodyKind {
  const contentType = headers !== undefined ? getHeader(headers, "Content-Type") : undefined;
  return contentType !== undefined && /x-www-form-urlencoded/i.test(contentType) ? "form" : "json";
}

/** The field's value as JSON text (`"abc"`, `100.50`), or undefined when absent. Form values are always strings. */
export function readFieldJson(kind: BodyKind, text: string, path: string): string | undefined {
  if (kind === "json") return readJsonText(text, parseJsonPath(path));
  const value = formField(text, path);
  return value === undefined ? undefined : JSON.stringify(value);
}

/** Sets a field from JSON text: JSON bodies take it as is; a form takes the string (or the number's spelling). */
export function writeFieldJson(kind: BodyKind, text: string, path: string, valueJson: string): string {
  if (kind === "json") return writeJsonText(text, parseJsonPath(path), valueJson);
  const value: unknown = JSON.parse(valueJson);
  return writeFormField(text, path, typeof value === "string" ? value : valueJson);
}

/** The body as a plain object for schema checks and detection: JSON parsed, a form's fields by name. Undefined when it is neither. */
export function parseBodyObject(kind: BodyKind, text: string): unknown {
  if (kind === "form") return Object.fromEntries(formFields(text).map((field) => [field.name, field.value]));
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** One `--set`: a dotted path (a form field's name) and the JSON text of its new value. */
export interface FieldOverride {
  path: string;
  json: string;
  /** How the user wrote it (`--set a.b=1`): the error for a path the body lacks names it, one among several. */
  given?: string;
}

/** The body with every `--set` applied in order, every other byte kept; JSON or a form, as the headers say. */
export function applyFieldOverrides(body: Buffer, headers: Headers | undefined, overrides: readonly FieldOverride[]): Buffer {
  if (overrides.length === 0) return body;
  let text = utf8OrUndefined(body);
  if (text === undefined) throw new WhkInputError("bad-body", "--set needs a JSON or form body, and this body is not UTF-8 text", "drop --set, or pass a JSON body with --data");
  const kind = bodyKindOf(headers);
  for (const override of overrides) {
    try {
      text = writeFieldJson(kind, text, override.path, override.json);
    } catch (error) {
      if (override.given === undefined || !(error instanceof WhkInputError)) throw error;
      throw new WhkInputError(error.code, `${override.given}: ${error.message}`, error.hint);
    }
  }
  return Buffer.from(text, "utf8");
}
