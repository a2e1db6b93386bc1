import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import type { JsonSchema } from "../../src/primitives/json-schema-check.js";

/** Every keyword a JSON Schema uses (property names, consts and enums aside): what whk's own validator must know. */
export function keywordsIn(node: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(node)) node.forEach((n) => keywordsIn(n, into));
  else if (node !== null && typeof node === "object") {
    for (const [key, value] of Object.entries(node)) {
      into.add(key);
      if (key === "properties") Object.values(value as object).forEach((v) => keywordsIn(v, into));
      else if (key !== "const" && key !== "enum") keywordsIn(value, into);
    }
  }
  return into;
}

/**
 * A JSON Schema whk ships at the package root (config.schema.json, scenario.schema.json), generated
 * from its zod source: `npm run schemas` (WHK_UPDATE_SCHEMAS=1) writes it; otherwise the test compares.
 */
export function publishedSchema(file: string, source: z.ZodType): { path: string; generated: string; published: JsonSchema } {
  const path = fileURLToPath(new URL(`../../${file}`, import.meta.url));
  const generated = `${JSON.stringify(z.toJSONSchema(source, { io: "input", unrepresentable: "throw" }), null, 2)}\n`;
  if (process.env["WHK_UPDATE_SCHEMAS"] === "1") writeFileSync(path, generated);
  return { path, generated, published: JSON.parse(readFileSync(path, "utf8")) as JsonSchema };
}
