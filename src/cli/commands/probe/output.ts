import { colors } from "../../shared/colors.js";
import type { ProbeRow } from "../../../probe/junit-report.js";
import type { Provider } from "../../../providers/provider.js";
import { formatTable } from "../../shared/table.js";
import { terminalSafe } from "../../shared/terminal-text.js";

/**
 * Plain words about what a provider's scheme cannot protect against, printed under the table: the
 * provider's own caveat, else what follows from what its signature covers.
 */
export function schemeCaveat(provider: Provider): string | undefined {
  const { scheme, displayName } = provider;
  if (!scheme.needsSecret) {
    return `${displayName} documents no webhook signature: only the acknowledgement checks ran, and your handler cannot tell a forgery from the real thing. Protect the endpoint another way (an unguessable URL path, an IP allow-list) and confirm each payment with ${displayName}'s API before acting on it.`;
  }
  if (provider.probe?.caveat !== undefined) return provider.probe.caveat;
  if (!scheme.covers.timestamp && provider.idempotencyKey === undefined) {
    return `${displayName} signs no timestamp, so a replayed delivery cannot be told from the request alone: make your handler idempotent on the event's id.`;
  }
  return undefined;
}

const RESULT = { pass: () => colors.green("pass"), fail: () => colors.red("FAIL"), skip: () => colors.dim("skip") } as const;

/** The table of checks, then for each failure why and what follows (a consequence said once), what whk found, and what was skipped. */
export function renderProbeRows(rows: readonly ProbeRow[]): string {
  const table = formatTable(
    ["RESULT", "CHECK", "FIXTURE", "GOT"],
    // The check's own name (raw-body-escapes), not only its kind: several checks share a kind.
    rows.map(({ probe, verdict }) => [RESULT[verdict.result](), probe.id.split("/").slice(1).join("/"), probe.fixture, terminalSafe(verdict.got)]),
  );
  // A consequence, a diagnosis and a list of causes are spelled out once, not on every row they apply to.
  const told = new Set<string>();
  const once = (text: string): boolean => {
    if (text === "" || told.has(text)) return false;
    told.add(text);
    return true;
  };
  const lines: string[] = [];
  const skippedFor = new Map<string, string[]>();
  for (const { probe, verdict } of rows) {
    if (verdict.result === "skip") {
      skippedFor.set(verdict.why, [...(skippedFor.get(verdict.why) ?? []), probe.id]);
      continue;
    }
    if (verdict.result !== "fail") continue;
    lines.push(`  ${colors.red("✗")} ${probe.id}: ${terminalSafe(verdict.why)}${once(verdict.consequence) ? `: ${verdict.consequence}` : ""}`);
    if (probe.rule !== undefined) lines.push(colors.dim(`      rule: ${probe.rule.url}`));
    if (verdict.diagnosis !== undefined) lines.push(`      diagnosis: ${once(verdict.diagnosis) ? verdict.diagnosis : "the same mistake as above"}`);
    if (verdict.likelyCauses !== undefined) {
      const causes = verdict.likelyCauses.join("\n");
      if (!once(causes)) lines.push("      no usual mistake explains it; the likely causes are the ones above");
      else {
        lines.push("      no usual mistake explains it; likely causes, most likely first:");
        verdict.likelyCauses.forEach((cause, i) => lines.push(`        ${i + 1}. ${cause}`));
      }
    }
  }
  for (const [why, ids] of skippedFor) lines.push(colors.dim(`  - skipped: ${ids.join(", ")}: ${why}`));
  return lines.length > 0 ? `${table}\n${lines.join("\n")}\n` : table;
}

export function renderProbeSummary(rows: readonly ProbeRow[], target: string): string {
  const failed = rows.filter((r) => r.verdict.result === "fail").length;
  const skips = rows.filter((r) => r.verdict.result === "skip").length;
  const skipped = skips > 0 ? `, ${skips} skipped` : "";
  return failed === 0
    ? colors.green(`all ${rows.length - skips} checks passed${skipped} against ${target}\n`)
    : colors.red(`${failed} of ${rows.length} checks failed${skipped} against ${target}\n`);
}

/** Under the table: the documentation each lifecycle check comes from, once per check kind (a timeout's rule shows on its failure). */
export function renderProbeRules(rows: readonly ProbeRow[], provider: Provider): string {
  const lifecycle = rows.filter(({ probe }) => probe.rule !== undefined && probe.kind !== "timeout");
  const lines = lifecycle.map(({ probe }) => `  ${probe.kind}: ${provider.displayName}: "${probe.rule?.says}" (${probe.rule?.url})`);
  return lines.length > 0 ? `\nwhy the lifecycle checks (${lifecycle[0]?.probe.fixture ?? ""}):\n${lines.join("\n")}\n` : "";
}
