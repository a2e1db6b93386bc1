import { readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { fixturesPath, projectFixtureFolders } from "../fixtures/fixture-catalog.js";
import { filesUnder, SCENARIO_FILE_SUFFIX } from "../fixtures/user-fixtures.js";
import { closestNames } from "../primitives/closest-names.js";
import { WhkInputError } from "../primitives/errors.js";
import { allProviders } from "../providers/index.js";
import { readScenarioFile } from "./check-scenario.js";
import type { Scenario } from "./scenario.js";

/**
 * Bundled scenarios sit beside their provider's fixtures (`fixtures/<provider>/<name>.scenario.json`,
 * named `<provider>-<name>`); a project's are any `*.scenario.json` in its fixture folders. Read on
 * first use, per provider for the bundled ones.
 */
const bundledByProvider = new Map<string, readonly Scenario[]>();
let projectScenarios: { folders: readonly string[]; scenarios: readonly Scenario[] } | undefined;

function bundledScenariosOf(provider: string): readonly Scenario[] {
  const cached = bundledByProvider.get(provider);
  if (cached) return cached;
  let files: string[];
  try {
    files = readdirSync(join(fixturesPath, provider)).filter((name) => name.endsWith(SCENARIO_FILE_SUFFIX)).sort();
  } catch {
    files = [];
  }
  const scenarios = files.map((name) => {
    const scenario = readScenarioFile(join(fixturesPath, provider, name), `fixtures/${provider}/${name}`, true);
    const expected = `${provider}-${name.slice(0, -SCENARIO_FILE_SUFFIX.length)}`;
    if (scenario.name !== expected || scenario.provider !== provider) throw new Error(`bundled scenario fixtures/${provider}/${name} must be named ${expected} and follow ${provider}; run the tests`);
    return scenario;
  });
  bundledByProvider.set(provider, scenarios);
  return scenarios;
}

/** The project's scenarios, read again if its fixture folders changed; a name used twice (or a bundled one) is an input error. */
function projectScenarioFiles(): readonly Scenario[] {
  const folders = projectFixtureFolders();
  if (projectScenarios?.folders === folders) return projectScenarios.scenarios;
  const scenarios: Scenario[] = [];
  for (const path of folders.flatMap((folder) => filesUnder(folder, (name) => name.endsWith(SCENARIO_FILE_SUFFIX)))) {
    const scenario = readScenarioFile(path, relative(process.cwd(), path) || path, false);
    const other = scenarios.find((s) => s.name === scenario.name) ?? bundledScenariosOf(scenario.provider).find((s) => s.name === scenario.name);
    if (other) throw new WhkInputError("duplicate-scenario", `scenario "${scenario.name}" in ${scenario.file} has the name of ${other.file}`, "give yours another name");
    scenarios.push(scenario);
  }
  projectScenarios = { folders, scenarios };
  return scenarios;
}

/** One provider's scenarios: the bundled ones, then the project's. */
export function scenariosOf(provider: string): readonly Scenario[] {
  const own = bundledScenariosOf(provider);
  if (projectFixtureFolders().length === 0) return own;
  return [...own, ...projectScenarioFiles().filter((s) => s.provider === provider)];
}

/** Every scenario: bundled ones in provider order, then the project's. */
export function allScenarios(): readonly Scenario[] {
  const bundled = allProviders().flatMap((provider) => bundledScenariosOf(provider.name));
  return projectFixtureFolders().length === 0 ? bundled : [...bundled, ...projectScenarioFiles()];
}

/** A scenario by name; an unknown one is an input error suggesting the closest names. */
export function getScenario(given: string): Scenario {
  const name = given.toLowerCase();
  const all = allScenarios();
  const found = all.find((s) => s.name === name);
  if (found) return found;
  const close = closestNames(name, all.map((s) => s.name));
  throw new WhkInputError("unknown-scenario", `unknown scenario "${given}"`, close.length > 0 ? `did you mean ${close.join(", ")}? \`whk scenario list\` shows them all` : "`whk scenario list` shows every scenario");
}
