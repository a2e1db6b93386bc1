import type { DynamicField, Fixture } from "./fixture.js";
import { parseJsonPath, readJsonText, writeJsonText } from "./json-text.js";
import { cryptoRandom, randomAlnum, randomDigits, randomHex, randomUuid, type Random } from "./random.js";
import { formatTimestamp } from "./time-format.js";

export interface RenderOptions {
  random?: Random;
  /** The clock for timestamp fields. */
  now?: Date;
}

/** The fixed clock a seeded render uses, so `--seed N` gives the same bytes on any day. */
export const SEEDED_EPOCH = new Date("2025-06-01T08:00:00.000Z");

/** A fresh value for one dynamic field; `rendered` holds the values already made (for `copy`). */
export function generateFieldValue(field: DynamicField, random: Random, now: Date, rendered: ReadonlyMap<string, string>): string {
  switch (field.generate) {
    case "uuid":
      return (field.prefix ?? "") + randomUuid(random);
    case "hex":
      return (field.prefix ?? "") + randomHex(random, field.length);
    case "digits":
      return (field.prefix ?? "") + randomDigits(random, field.length);
    case "alnum":
      return (field.prefix ?? "") + randomAlnum(random, field.length);
    case "timestamp":
      return formatTimestamp(new Date(now.getTime() + (field.shiftSeconds ?? 0) * 1000), field.format, field.offset, field.zone);
    case "copy":
      return rendered.get(field.from) ?? "";
  }
}

/** A generated value as JSON text: where the documented value was a bare number, digits stay a number. */
export function valueJson(value: string, documentedAsNumber: boolean): string {
  return documentedAsNumber && /^-?\d+(\.\d+)?$/.test(value) ? value : JSON.stringify(value);
}

/**
 * Renders a fixture's body: every dynamic field gets a fresh value written into the JSON text, and every
 * other byte of the documented body is kept as it is. A number stays a number when the value is digits.
 */
export function renderFixtureBody(fixture: Fixture, options: RenderOptions = {}): string {
  const random = options.random ?? cryptoRandom;
  const now = options.now ?? new Date();
  const rendered = new Map<string, string>();
  let body = fixture.body;
  for (const field of fixture.dynamic) {
    const path = parseJsonPath(field.path);
    const value = generateFieldValue(field, random, now, rendered);
    rendered.set(field.path, value);
    const original = readJsonText(body, path);
    body = writeJsonText(body, path, valueJson(value, original !== undefined && !original.startsWith('"')));
  }
  return body;
}
