import type { Fault, PlannedDelivery } from "../../../scenario/plan-deliveries.js";
import { colors, errColors } from "../../shared/colors.js";
import { terminalSafe } from "../../shared/terminal-text.js";
import { deliveryJson, faultHint, formatLatency, plural, statusText, type DeliveryReport } from "../../shared/delivery-report.js";

/** One delivery of a scenario run: which step, in which place, and what came back. */
export interface StepReport {
  scenario: string;
  /** 1-based place in the run (a duplicate or reordered step is not where the lifecycle has it). */
  position: number;
  planned: PlannedDelivery;
  delivery: DeliveryReport;
}

/** Why a step is where it is, in a few words. */
function faultNote(planned: PlannedDelivery, plan: readonly PlannedDelivery[]): string {
  if (planned.fault === "duplicate") return "duplicate: same ids, signed again";
  if (planned.fault === "reordered") {
    const next = plan[plan.indexOf(planned) + 1];
    return `out of order: before ${next?.rendered.step.name ?? "the step before it"}`;
  }
  return "";
}

/** The human line(s) of one attempt: a mark, the step, its fixture, the answer; then why it failed and what the provider does next. */
export function formatStepHuman(report: StepReport, plan: readonly PlannedDelivery[], widths: { step: number; fixture: number }): string {
  const { delivery, planned } = report;
  const { result, verdict } = delivery;
  const mark = verdict.ok ? colors.green("✓") : colors.red("✗");
  const place = String(report.position).padStart(String(plan.length).length);
  const head = `${mark} ${place} ${colors.bold(planned.rendered.step.name.padEnd(widths.step))}  ${planned.rendered.fixture.id.padEnd(widths.fixture)}`;
  const answer = result.ok ? `${(verdict.ok ? colors.green : colors.red)(statusText(result.status))}  ${formatLatency(result.latencyMs)}` : colors.red(terminalSafe(result.message));
  const attempt = delivery.maxAttempts > 1 ? colors.dim(`  attempt ${delivery.attempt}/${delivery.maxAttempts}`) : "";
  const note = faultNote(planned, plan);
  const lines = [`${head}  ${answer}${attempt}${note !== "" ? colors.yellow(`  (${note})`) : ""}`];
  if (!verdict.ok && result.ok) lines.push(`    ${colors.red(terminalSafe(verdict.why))}`);
  const hint = faultHint(result);
  if (hint !== undefined) lines.push(colors.dim(`    hint: ${hint}`));
  if (delivery.next !== undefined) lines.push(`    ${colors.yellow(delivery.next)}`);
  return `${lines.join("\n")}\n`;
}

/** One attempt as an NDJSON object: send's delivery object, naming the scenario, the step and its place. */
export function stepJson(report: StepReport): Record<string, unknown> {
  const { planned } = report;
  return {
    ...deliveryJson(report.delivery),
    type: "step",
    scenario: report.scenario,
    step: planned.rendered.step.name,
    index: planned.rendered.index,
    position: report.position,
    fault: planned.fault ?? null,
  };
}

/** A fault in words, with the documentation it rests on. */
export function describeFault(fault: Fault, provider: string): string {
  const what = fault.kind === "reorder" ? `${fault.step} is delivered before ${fault.before}` : `${fault.step} is delivered again, at place ${fault.position}`;
  return fault.rule !== undefined ? `${what}: ${provider}: "${fault.rule.says}" (${fault.rule.url})` : `${what}: ${provider}'s docs say nothing of duplicates or retries; this is what a redelivery would look like`;
}

/** Before the first delivery, on stdout: the scenario, the target, the seed, the faults. */
export function formatPlanHuman(scenario: { name: string; title: string }, url: string, seed: number, faults: readonly string[]): string {
  const lines = [`${colors.bold(scenario.name)}: ${scenario.title} → ${url}  ${colors.dim(`(seed ${seed})`)}`, ...faults.map((fault) => colors.yellow(`  fault: ${fault}`))];
  return `${lines.join("\n")}\n`;
}

/** A stderr line before a step that waits. */
export function formatStepWait(step: string, wait: string): string {
  return errColors.dim(`  waiting ${wait} before ${step} (its "wait")\n`);
}

export interface RunTally {
  deliveries: number;
  steps: number;
  failed: string[];
}

export function formatSummaryHuman(tally: RunTally, url: string, seed: number, seedGiven: boolean): string {
  const outcome = tally.failed.length === 0 ? colors.green("all acknowledged") : colors.red(`${tally.failed.length} not acknowledged (${tally.failed.join(", ")})`);
  const again = seedGiven ? "" : colors.dim(`\n  repeat this run's ids and faults with --seed ${seed}`);
  const deliveries = `${tally.deliveries} ${tally.deliveries === 1 ? "delivery" : "deliveries"}`;
  return `${deliveries} of ${plural(tally.steps, "step")} to ${url}: ${outcome}${again}\n`;
}
