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

export function renderProbeRows(rows: readonly ProbeRow[]): string {
  const table = formatTable(
    ["RESULT", "CHECK", "FIXTURE", "GOT"],
    rows.map(({ probe, verdict }) => [verdict.pass ? colors.green("pass") : colors.red("FAIL"), probe.kind, probe.fixture, terminalSafe(verdict.got)]),
  );
  // The same consequence (a provider's retry policy, say) is spelled out once, not on every row.
  const told = new Set<string>();
  const failures = rows
    .filter((r) => !r.verdict.pass)
    .map(({ probe, verdict }) => {
      const fresh = verdict.consequence !== "" && !told.has(verdict.consequence);
      told.add(verdict.consequence);
      return `  ${colors.red("✗")} ${probe.id}: ${terminalSafe(verdict.why)}${fresh ? `: ${verdict.consequence}` : ""}`;
    });
  return failures.length > 0 ? `${table}\n${failures.join("\n")}\n` : table;
}

export function renderProbeSummary(rows: readonly ProbeRow[], target: string): string {
  const failed = rows.filter((r) => !r.verdict.pass).length;
  return failed === 0
    ? colors.green(`all ${rows.length} checks passed against ${target}\n`)
    : colors.red(`${failed} of ${rows.length} checks failed against ${target}\n`);
}

/** Under the table: the documentation each lifecycle check comes from, once per check kind. */
export function renderProbeRules(rows: readonly ProbeRow[], provider: Provider): string {
  const lines = rows.flatMap(({ probe }) => (probe.rule !== undefined ? [`  ${probe.kind}: ${provider.displayName}: "${probe.rule.says}" (${probe.rule.url})`] : []));
  return lines.length > 0 ? `\nwhy the lifecycle checks (${rows.find((r) => r.probe.rule !== undefined)?.probe.fixture ?? ""}):\n${lines.join("\n")}\n` : "";
}
