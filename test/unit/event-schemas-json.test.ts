import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { allFixtures } from "../../src/fixtures/fixture-catalog.js";
import type { Fixture } from "../../src/fixtures/fixture.js";
import { bodyKindOf, parseBodyObject } from "../../src/primitives/body-text.js";
import { eventSchemas } from "../../src/providers/event-schemas.js";
import { countIssues, KNOWN_KEYWORDS, matches, type JsonSchema } from "../../src/primitives/json-schema-check.js";
import { checkEventSchema } from "../../src/verify/check-event-schema.js";
import { keywordsIn } from "../helpers/published-schema.js";

/** A fixture's body as the schemas see it: JSON parsed, or a form's fields by name. */
const parsedBody = (fixture: Fixture): unknown => parseBodyObject(bodyKindOf(fixture.headers), fixture.body);

// `npm run schemas` regenerates src/providers/event-schemas.json from the zod schemas (the source of truth).
const generatedPath = fileURLToPath(new URL("../../src/providers/event-schemas.json", import.meta.url));

function strip(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(strip);
  if (node === null || typeof node !== "object") return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === "$schema" || key === "description") continue;
    out[key] = key === "properties" || key === "const" || key === "enum" ? (key === "properties" ? Object.fromEntries(Object.entries(value as object).map(([k, v]) => [k, strip(v)])) : value) : strip(value);
  }
  return out;
}

function generate(): string {
  const entries = Object.entries(eventSchemas).map(([name, entry]) => [
    name,
    { provider: entry.provider, description: entry.description, jsonSchema: strip(z.toJSONSchema(entry.schema, { io: "input", unrepresentable: "throw" })) },
  ]);
  return `${JSON.stringify(Object.fromEntries(entries), null, 1)}\n`;
}

const generated = generate();
if (process.env["WHK_UPDATE_SCHEMAS"] === "1") writeFileSync(generatedPath, generated);

const committed = JSON.parse(readFileSync(generatedPath, "utf8")) as Record<string, { jsonSchema: JsonSchema }>;

describe("the JSON Schemas verify uses instead of zod", () => {
  it("are generated from the zod schemas and up to date (else run `npm run schemas`)", () => {
    expect(readFileSync(generatedPath, "utf8")).toBe(generated);
  });

  it("use only keywords the small validator knows", () => {
    const keywords = keywordsIn(Object.values(committed).map((e) => e.jsonSchema));
    const unknown = [...keywords].filter((k) => !KNOWN_KEYWORDS.has(k));
    expect(unknown).toEqual([]);
  });

  it("accept every fixture body, as zod does", () => {
    for (const fixture of allFixtures()) {
      const body = parsedBody(fixture);
      expect(countIssues(committed[fixture.schema]!.jsonSchema, body), fixture.id).toBe(0);
      expect(checkEventSchema(fixture.provider, { headers: fixture.headers ?? {}, body: Buffer.from(fixture.body) }), fixture.id).toEqual([]);
    }
  });

  it("agree with zod on mutated bodies (dropped keys, wrong types, nulls, odd values)", () => {
    const fixtures = allFixtures();
    const aValue = fc.oneof(fc.constant(null), fc.string(), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant([]), fc.constant({}));
    fc.assert(
      fc.property(fc.nat(fixtures.length - 1), fc.nat(), fc.boolean(), aValue, (which, pick, drop, value) => {
        const fixture = fixtures[which]!;
        const body = parsedBody(fixture) as Record<string, unknown>;
        const target = pickObject(body, pick);
        const keys = Object.keys(target);
        const key = keys[pick % Math.max(1, keys.length)];
        if (key !== undefined) {
          if (drop) delete target[key];
          else target[key] = value;
        }
        const zodOk = eventSchemas[fixture.schema]!.schema.safeParse(body).success;
        expect(countIssues(committed[fixture.schema]!.jsonSchema, body) === 0).toBe(zodOk);
        expect(matches(committed[fixture.schema]!.jsonSchema, body)).toBe(zodOk);
      }),
      { numRuns: 500 },
    );
  });

  it("name the closest event and the field in the warning", () => {
    const aPayout = JSON.parse(allFixtures().find((f) => f.id === "paycombat-payout-success")!.body) as Record<string, unknown>;
    aPayout["status"] = 7;
    expect(checkEventSchema("paycombat", Buffer.from(JSON.stringify(aPayout)))).toEqual([
      "the body fits no documented paycombat event (closest: paycombat.payout, status: expected string, received integer)",
    ]);
  });
});

/** A nested object of the body chosen by `pick`, so mutations reach beyond the top level. */
function pickObject(body: Record<string, unknown>, pick: number): Record<string, unknown> {
  const objects: Record<string, unknown>[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node !== null && typeof node === "object") {
      objects.push(node as Record<string, unknown>);
      Object.values(node).forEach(walk);
    }
  };
  walk(body);
  return objects[pick % objects.length] ?? body;
}
