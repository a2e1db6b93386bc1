import { getProvider } from "../../../providers/index.js";
import type { Provider } from "../../../providers/provider.js";
import { duplicateRule } from "../../../scenario/plan-deliveries.js";
import { allScenarios } from "../../../scenario/scenario-catalog.js";
import type { Scenario } from "../../../scenario/scenario.js";
import { EXIT_OK } from "../../exit-codes.js";
import { formatTable } from "../../shared/table.js";

export interface ScenarioListFlags {
  provider?: string;
  json?: boolean;
}

/** The faults a run of it can ask for, and the documentation each rests on. */
function faultsOf(provider: Provider) {
  return { duplicate: duplicateRule(provider) ?? null, reorder: provider.delivery?.outOfOrder ?? null };
}

/** What the provider's docs say of duplicates and ordering, under a one-provider listing. */
function providerNotes(provider: Provider): string {
  const { duplicate, reorder } = faultsOf(provider);
  const lines = [
    "",
    `${provider.displayName}`,
    `  duplicates:   ${duplicate !== null ? `${duplicate.says} (${duplicate.url})` : "its docs say nothing of them; --duplicate shows what a redelivery would be"}`,
    `  out of order: ${reorder !== null ? `${reorder.says} (${reorder.url})` : "its docs say nothing of it, so --reorder is refused"}`,
  ];
  return `${lines.join("\n")}\n`;
}

function json(scenario: Scenario): Record<string, unknown> {
  return {
    name: scenario.name,
    provider: scenario.provider,
    title: scenario.title,
    ...(scenario.description !== undefined ? { description: scenario.description } : {}),
    steps: scenario.steps.map((step) => ({ name: step.name, fixture: step.fixture, ...(step.wait !== undefined ? { wait: step.wait } : {}), ...(step.provenance !== undefined ? { provenance: step.provenance } : {}) })),
    ...(scenario.provenance !== undefined ? { provenance: scenario.provenance } : {}),
    faults: faultsOf(getProvider(scenario.provider)),
    file: scenario.file,
    bundled: scenario.bundled,
  };
}

export function runScenarioList(flags: ScenarioListFlags): number {
  const provider = flags.provider !== undefined ? getProvider(flags.provider) : undefined;
  const scenarios = allScenarios().filter((s) => provider === undefined || s.provider === provider.name);
  if (flags.json) {
    process.stdout.write(`${JSON.stringify(scenarios.map(json), null, 2)}\n`);
    return EXIT_OK;
  }
  const rows = scenarios.map((s) => [s.name, s.provider, s.steps.map((step) => step.name).join(" → "), s.title, s.bundled ? "bundled" : s.file]);
  process.stdout.write(formatTable(["NAME", "PROVIDER", "STEPS", "TITLE", "SOURCE"], rows));
  if (provider !== undefined) process.stdout.write(providerNotes(provider));
  return EXIT_OK;
}
