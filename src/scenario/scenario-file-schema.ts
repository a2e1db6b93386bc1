import { HEADER_NAME } from "../primitives/header-text.js";
import { z } from "zod";
import type { ScenarioFile } from "./scenario.js";

/**
 * The scenario file format as zod: the source of scenario.schema.json (shipped at the package root for
 * editors; `npm run schemas` regenerates it). At run time whk checks scenario files against that JSON
 * Schema, not with zod; test/unit/scenario-schema.test.ts keeps the two in step.
 */

const headerName = z.string().regex(HEADER_NAME).describe("an HTTP header name");
const method = z.enum(["verbatim", "reconstructed", "inferred"]);

const stepSchema = z.strictObject({
  name: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/).describe("a step name (lower-case letters, digits, - and _)"),
  fixture: z.string().min(1).describe("a fixture id, see `whk list`"),
  set: z
    .record(z.string().min(1), z.unknown().describe("any JSON value; strings may hold ${steps.<name>.body.<path>} or ${steps.<name>.headers.<name>}"))
    .describe("body fields to set, by dotted path")
    .optional(),
  headers: z.record(headerName, z.string()).describe("headers to set (references allowed)").optional(),
  wait: z.string().regex(/^\d+(\.\d+)?(ms|s|m|h)$/).describe('a duration like "500ms", "2s" or "1m"').optional(),
  provenance: z.strictObject({ method, notes: z.string().min(1) }).describe("where the step's body comes from, beyond its fixture").optional(),
});

export const scenarioFileSchema = z.strictObject({
  $schema: z.string().optional(),
  name: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/).describe("a scenario name (lower-case words joined by dashes)"),
  title: z.string().min(1),
  description: z.string().min(1).optional(),
  provenance: z.strictObject({ source: z.string().min(1), url: z.url().optional(), notes: z.string().min(1) }).describe("which documentation describes the lifecycle").optional(),
  // At least one step: checked by check-scenario.ts (whk's schema checker knows no minItems).
  steps: z.array(stepSchema),
});

// The schema and the plain types whk reads scenarios with must describe the same files: this fails to
// compile if they drift.
type SchemaScenario = z.infer<typeof scenarioFileSchema>;
export const schemaMatchesTypes: [SchemaScenario] extends [ScenarioFile] ? ([ScenarioFile] extends [SchemaScenario] ? true : false) : false = true;
