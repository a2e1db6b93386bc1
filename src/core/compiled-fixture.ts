import type { DynamicField, Fixture } from "./fixture.js";
import { parseJsonPath, readJsonText, writeJsonText } from "./json-text.js";
import { generateFieldValue, valueJson, type RenderOptions } from "./render-fixture.js";

/** Renders a fixture body with fresh dynamic fields: same bytes as `renderFixtureBody` for the same random stream. */
export type FixtureRenderer = (options: Required<RenderOptions>) => string;

interface Slot {
  field: DynamicField;
  start: number;
  end: number;
  /** The documented value is a bare number, so a digits-only value stays a number (as renderFixtureBody does). */
  bareNumber: boolean;
}

/** Where each dynamic field's value sits in `body`, or undefined if a field is absent or fields overlap. */
function locateSlots(body: string, fields: readonly DynamicField[]): Slot[] | undefined {
  const slots: Slot[] = [];
  for (const [index, field] of fields.entries()) {
    const path = parseJsonPath(field.path);
    const original = readJsonText(body, path);
    if (original === undefined) return undefined;
    // The span's start is found by writing a marker there: json-text knows where values are, we only splice.
    const marker = `\u0000whk-slot-${index}\u0000`;
    const start = writeJsonText(body, path, marker).indexOf(marker);
    if (start < 0) return undefined;
    slots.push({ field, start, end: start + original.length, bareNumber: !original.startsWith('"') });
  }
  const byPosition = [...slots].sort((a, b) => a.start - b.start);
  for (let i = 1; i < byPosition.length; i++) {
    if ((byPosition[i]?.start ?? 0) < (byPosition[i - 1]?.end ?? 0)) return undefined;
  }
  return slots;
}

/**
 * Precomputes where a fixture's dynamic fields sit, so each render is a few string joins instead of a
 * JSON scan per field: what lets `whk send --count` render every request fresh at load-test speed.
 * `body` (default: the fixture's own) may already carry `--set` edits, as long as none touches a dynamic
 * field. Returns undefined when the fast path cannot guarantee the same bytes; callers then render the
 * normal way.
 */
export function compileFixture(fixture: Fixture, body: string = fixture.body): FixtureRenderer | undefined {
  const slots = locateSlots(body, fixture.dynamic);
  if (!slots) return undefined;
  const ordered = [...slots].sort((a, b) => a.start - b.start);
  const statics: string[] = [];
  let cursor = 0;
  for (const slot of ordered) {
    statics.push(body.slice(cursor, slot.start));
    cursor = slot.end;
  }
  statics.push(body.slice(cursor));
  const positionOf = slots.map((slot) => ordered.indexOf(slot));
  // Timestamps change once per millisecond at most: many renders in a load test share one.
  let cachedAt = Number.NaN;
  const cachedTimestamps = new Map<number, string>();
  return ({ random, now }) => {
    if (now.getTime() !== cachedAt) {
      cachedAt = now.getTime();
      cachedTimestamps.clear();
    }
    // Values are generated in the fixture's declared order so a seeded stream gives the same bytes.
    const rendered = new Map<string, string>();
    const values = new Array<string>(slots.length);
    for (let i = 0; i < slots.length; i++) {
      const slot = slots[i] as Slot;
      let value = slot.field.generate === "timestamp" ? cachedTimestamps.get(i) : undefined;
      if (value === undefined) {
        value = generateFieldValue(slot.field, random, now, rendered);
        if (slot.field.generate === "timestamp") cachedTimestamps.set(i, value);
      }
      rendered.set(slot.field.path, value);
      values[positionOf[i] as number] = valueJson(value, slot.bareNumber);
    }
    let out = statics[0] as string;
    for (let i = 0; i < values.length; i++) out += (values[i] as string) + (statics[i + 1] as string);
    return out;
  };
}
