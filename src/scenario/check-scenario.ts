import { readFileSync } from "node:fs";
import { join } from "node:path";
import { getFixture } from "../fixtures/fixture-catalog.js";
import { parseDuration } from "../primitives/duration.js";
import { isWhkInputError, WhkInputError } from "../primitives/errors.js";
import { parseJsonPath } from "../primitives/json-text.js";
import { collectIssues, type JsonSchema, type SchemaIssue } from "../primitives/json-schema-check.js";
import { packageRoot } from "../primitives/package-root.js";
import { getProvider } from "../providers/index.js";
import { parseTemplate, stringsIn } from "./references.js";
import type { Scenario, ScenarioFile, ScenarioStep } from "./scenario.js";

const HINT = 'README, "Scenarios", describes the format; scenario.schema.json checks it in an editor';

/** Runs `check`, turning an input error it throws into one that names the file, the step and where in it. */
export function inStep<T>(file: string, step: ScenarioStep | undefined, where: string, check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (!isWhkInputError(error)) throw error;
    const place = [file, step !== undefined ? `step "${step.name}"` : undefined, where || undefined].filter(Boolean).join(": ");
    throw new WhkInputError(error.code, `${place}: ${error.message}`, error.hint ?? HINT);
  }
}

/** Every reference of a step is well formed and names an earlier step (what it names in that step is checked when it renders). */
function checkReferences(file: string, step: ScenarioStep, earlier: readonly string[]): void {
  const texts = [...stringsIn(step.set ?? {}, "set"), ...Object.entries(step.headers ?? {}).map(([name, text]) => ({ at: `headers.${name}`, text }))];
  for (const { at, text } of texts) {
    inStep(file, step, at, () => {
      for (const part of parseTemplate(text)) {
        if (!("reference" in part)) continue;
        const { reference } = part;
        if (!earlier.includes(reference.step)) {
          const why = reference.step === step.name ? "is this step itself" : earlier.length === 0 ? "comes before no step: this is the first" : `is no step before this one (those are ${earlier.join(", ")})`;
          throw new WhkInputError("bad-reference", `${reference.text}: "${reference.step}" ${why}`, "a step refers to the steps before it, by name");
        }
        if (reference.part === "body") parseJsonPath(reference.path);
      }
    });
  }
}

/**
 * What a schema cannot say: step names are unique, fixtures exist and all belong to one provider,
 * waits are durations, `set` paths are paths and every reference names an earlier step. The first
 * problem is an input error naming the file, the step and where in it.
 */
function checkSteps(file: string, steps: readonly ScenarioStep[]): string {
  if (steps.length === 0) throw new WhkInputError("bad-scenario", `${file}: steps: a scenario needs at least one step`, HINT);
  const names: string[] = [];
  let provider: string | undefined;
  for (const [index, step] of steps.entries()) {
    if (names.includes(step.name)) throw new WhkInputError("bad-scenario", `${file}: steps.${index}.name: two steps are named "${step.name}"`, "give each step its own name");
    const fixture = inStep(file, step, "fixture", () => getFixture(step.fixture));
    provider ??= fixture.provider;
    if (fixture.provider !== provider) {
      inStep(file, step, "fixture", () => {
        throw new WhkInputError("bad-scenario", `${fixture.id} is ${getProvider(fixture.provider).displayName}'s, and the steps before it are ${getProvider(provider as string).displayName}'s`, "a scenario follows one provider's deliveries: split it in two");
      });
    }
    if (step.wait !== undefined) inStep(file, step, "wait", () => parseDuration(step.wait as string, "wait"));
    for (const path of Object.keys(step.set ?? {})) inStep(file, step, `set.${path}`, () => parseJsonPath(path));
    checkReferences(file, step, names);
    names.push(step.name);
  }
  return provider as string;
}

let schema: JsonSchema | undefined;

/** scenario.schema.json, read from the package on first use. */
function scenarioJsonSchema(): JsonSchema {
  return (schema ??= JSON.parse(readFileSync(join(packageRoot(), "scenario.schema.json"), "utf8")) as JsonSchema);
}

/** Checks a parsed scenario file against the published schema and the rules above. */
export function checkScenario(value: unknown, file: string, bundled: boolean): Scenario {
  const issues: SchemaIssue[] = [];
  collectIssues(scenarioJsonSchema(), value, "", issues, 1);
  const first = issues[0];
  if (first !== undefined) throw new WhkInputError("bad-scenario", `${file}: ${first.path || "(root)"}: ${first.message}`, HINT);
  const { $schema: _schema, ...scenario } = value as ScenarioFile;
  return { ...scenario, provider: checkSteps(file, scenario.steps), file, bundled };
}

/** Reads a scenario file: JSON, checked; every mistake is an input error naming the file. */
export function readScenarioFile(path: string, shown: string, bundled: boolean): Scenario {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new WhkInputError("bad-scenario", code !== undefined ? `${shown} cannot be read (${code})` : `${shown} is not valid JSON: ${(error as Error).message}`, "fix the file");
  }
  return checkScenario(value, shown, bundled);
}
