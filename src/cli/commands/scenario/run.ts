import { jsonLine } from "../../shared/terminal-text.js";
import { randomInt } from "node:crypto";
import { createDispatcher } from "../../../deliver/deliver.js";
import { SEEDED_EPOCH } from "../../../fixtures/render-fixture.js";
import { parseDuration } from "../../../primitives/duration.js";
import { seededRandom } from "../../../primitives/random.js";
import { getProvider } from "../../../providers/index.js";
import { planDeliveries, type FaultRequest } from "../../../scenario/plan-deliveries.js";
import { renderScenario } from "../../../scenario/render-scenario.js";
import { getScenario } from "../../../scenario/scenario-catalog.js";
import { EXIT_CHECK_FAILED, EXIT_OK } from "../../exit-codes.js";
import { deliverOutgoing, type DeliveryRun } from "../../shared/deliver-outgoing.js";
import { parseDeliveryFlags, type DeliveryFlags } from "../../shared/delivery-flags.js";
import { projectSettingsFor, targetFor } from "../../shared/provider-settings.js";
import { parseRequestFlags, type RequestFlags } from "../../shared/request-flags.js";
import { createRequestSaver, resolveSaveTarget } from "../../shared/request-saver.js";
import { signingSecret } from "../../shared/secret-flags.js";
import { signerFor } from "../../shared/signer.js";
import { describeFault, formatPlanHuman, formatStepHuman, formatStepWait, formatSummaryHuman, stepJson, type RunTally } from "./output.js";

export interface ScenarioRunFlags extends RequestFlags, DeliveryFlags {
  duplicate?: string | boolean;
  reorder?: string | boolean;
  /** `--retry`, the same as `--retries`. */
  retry?: string | boolean;
}

const faultFlag = (value: string | boolean | undefined): string | true | undefined => (value === undefined || value === false ? undefined : value);

/**
 * `whk scenario run <name>`: renders every step (references resolved), plans the faults, signs each
 * step once to find a body the scheme cannot sign, and only then delivers, one step after another,
 * with send's delivery, judging, retries and saving. Exit 0 only if every delivery was acknowledged.
 */
export async function runScenarioRun(name: string, flags: ScenarioRunFlags): Promise<number> {
  const scenario = getScenario(name);
  const provider = getProvider(scenario.provider);
  const retries = flags.retries ?? flags.retry;
  const settings = parseDeliveryFlags({ ...flags, ...(retries !== undefined ? { retries } : {}) });
  const parsed = parseRequestFlags(flags);
  const seed = parsed.seed ?? randomInt(1, 1_000_000);
  const { headers, options } = projectSettingsFor(provider.name, parsed.headers, parsed.options);
  const url = targetFor(flags.to, provider.name);
  const steps = renderScenario(scenario, {
    url,
    random: seededRandom(seed),
    now: parsed.seed !== undefined ? SEEDED_EPOCH : new Date(),
    ...(headers !== undefined ? { headers } : {}),
    ...(options !== undefined ? { options } : {}),
  });
  const faults: FaultRequest = {};
  const duplicate = faultFlag(flags.duplicate);
  const reorder = faultFlag(flags.reorder);
  if (duplicate !== undefined) faults.duplicate = duplicate;
  if (reorder !== undefined) faults.reorder = reorder;
  const plan = planDeliveries(steps, faults, provider, seededRandom(`${seed}:faults`));
  const sign = signerFor(provider, signingSecret(flags, provider), options);
  for (const { request } of steps) sign(request, new Date()); // a body the scheme cannot sign fails now, before anything is sent
  const waits = new Map(steps.map((s) => [s, s.step.wait !== undefined ? parseDuration(s.step.wait, "wait") : 0]));
  if (flags.save !== undefined) settings.save = resolveSaveTarget(flags.save);

  const run: DeliveryRun = { settings, dispatcher: await createDispatcher({ timeoutMs: settings.timeoutMs, insecure: settings.insecure }), noted: new Set(), ...(settings.save ? { saver: createRequestSaver(settings.save) } : {}) };
  const out = (text: string): boolean => process.stdout.write(text);
  const faultLines = plan.faults.map((fault) => describeFault(fault, provider.displayName));
  if (!settings.json) out(formatPlanHuman(scenario, url, seed, faultLines));
  const widths = { step: Math.max(...steps.map((s) => s.step.name.length)), fixture: Math.max(...steps.map((s) => s.fixture.id.length)) };
  const tally: RunTally = { deliveries: plan.deliveries.length, steps: steps.length, failed: [] };
  try {
    for (const [index, planned] of plan.deliveries.entries()) {
      const { rendered } = planned;
      const wait = planned.fault === "duplicate" ? 0 : (waits.get(rendered) ?? 0);
      if (wait > 0) {
        process.stderr.write(formatStepWait(rendered.step.name, rendered.step.wait as string));
        await new Promise((resolve) => setTimeout(resolve, wait));
      }
      const outgoing = { subject: { fixture: rendered.fixture.id }, provider, sign: (now: Date) => sign(rendered.request, now), saveAs: `${scenario.name}.${rendered.step.name}` };
      const attempts = await deliverOutgoing(run, outgoing, (delivery) => {
        const report = { scenario: scenario.name, position: index + 1, planned, delivery };
        out(settings.json ? jsonLine(stepJson(report)) : formatStepHuman(report, plan.deliveries, widths));
      });
      if (!attempts[attempts.length - 1]?.verdict.ok) tally.failed.push(`${index + 1} ${rendered.step.name}`);
    }
  } finally {
    run.saver?.finish();
    await run.dispatcher.destroy();
  }
  if (settings.json) {
    out(`${JSON.stringify({ type: "summary", scenario: scenario.name, provider: provider.name, url, seed, steps: tally.steps, deliveries: tally.deliveries, acknowledged: tally.deliveries - tally.failed.length, failed: tally.failed.length, faults: plan.faults, ok: tally.failed.length === 0 })}\n`);
  } else {
    out(formatSummaryHuman(tally, url, seed, parsed.seed !== undefined));
  }
  return tally.failed.length === 0 ? EXIT_OK : EXIT_CHECK_FAILED;
}
