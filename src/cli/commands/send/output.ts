import { colors } from "../../shared/colors.js";
import { terminalSafe, terminalSafeLines } from "../../shared/terminal-text.js";
import type { LoadSummary } from "../../../deliver/load-run.js";
import { faultHint, formatLatency as ms, statusText, subjectName, truncate, type DeliveryReport } from "../../shared/delivery-report.js";

/** Response headers worth a look after a webhook delivery: what the body is, and any redirect or auth challenge. */
const SHOWN_HEADERS = ["content-type", "location", "retry-after", "www-authenticate"];
const HUMAN_BODY_CHARS = 1000;

/** The answer's body, its own lines indented under the result line, control characters written out. */
function indent(text: string): string {
  return terminalSafeLines(text)
    .map((line) => `  ${line}`)
    .join("\n");
}

export function formatDeliveryHuman(report: DeliveryReport): string {
  const { result, verdict } = report;
  const name = subjectName(report.subject);
  const mark = verdict.ok ? colors.green("✓") : colors.red("✗");
  const attempt = report.maxAttempts > 1 ? colors.dim(`  attempt ${report.attempt}/${report.maxAttempts}`) : "";
  const lines: string[] = [];
  if (!result.ok) {
    lines.push(`${mark} ${colors.bold(name)} → ${report.url}: ${colors.red(terminalSafe(result.message))}${attempt}`);
    const hint = faultHint(result);
    if (hint !== undefined) lines.push(colors.dim(`  hint: ${hint}`));
  } else {
    const status = statusText(result.status);
    lines.push(`${mark} ${colors.bold(name)} → ${report.url}  ${verdict.ok ? colors.green(status) : colors.red(status)}  ${ms(result.latencyMs)}${attempt}`);
    for (const name of SHOWN_HEADERS) {
      const value = result.headers[name];
      if (value !== undefined) lines.push(colors.dim(`  ${name}: ${terminalSafe(value)}`));
    }
    if (result.body !== "") lines.push(colors.dim(indent(truncate(result.body, HUMAN_BODY_CHARS))));
    if (result.bodyTruncated) lines.push(colors.dim(`  (${result.bodyBytes}+ bytes; the rest was not read)`));
    if (!verdict.ok) lines.push(`  ${colors.red(terminalSafe(verdict.why))}`);
    if (result.status >= 300 && result.status < 400) lines.push(colors.dim("  redirects are not followed: providers deliver to the configured URL only"));
  }
  if (report.next !== undefined) lines.push(`  ${colors.yellow(report.next)}`);
  return `${lines.join("\n")}\n`;
}

export interface SummaryContext {
  url: string;
  fixtures: readonly string[];
  concurrency: number;
  /** How many --count asked for. */
  count: number;
}

export function summaryJson(summary: LoadSummary, context: SummaryContext): Record<string, unknown> {
  const round = (value: number): number => Math.round(value * 100) / 100;
  const { latency } = summary;
  return {
    type: "summary",
    url: context.url,
    fixtures: context.fixtures,
    concurrency: context.concurrency,
    count: context.count,
    sent: summary.sent,
    interrupted: summary.interrupted,
    succeeded: summary.succeeded,
    failed: summary.failed,
    failures: summary.failures,
    durationMs: round(summary.durationMs),
    requestsPerSecond: round(summary.requestsPerSecond),
    answered: latency.count,
    latencyMs: { min: round(latency.min), mean: round(latency.mean), p50: round(latency.p50), p95: round(latency.p95), p99: round(latency.p99), max: round(latency.max) },
  };
}

export function formatSummaryHuman(summary: LoadSummary, context: SummaryContext, firstFailure?: DeliveryReport): string {
  const { latency } = summary;
  const seconds = (summary.durationMs / 1000).toFixed(2);
  const outcome = summary.failed === 0 ? colors.green(`${summary.succeeded} succeeded`) : `${colors.green(`${summary.succeeded} succeeded`)}, ${colors.red(`${summary.failed} failed`)}`;
  const lines = [
    `${summary.interrupted ? `stopped by Ctrl-C: sent ${summary.sent} of ${context.count}` : `sent ${summary.sent}`} to ${context.url} in ${seconds}s: ${outcome}`,
    `  ${Math.round(summary.requestsPerSecond)} req/s at concurrency ${context.concurrency}`,
    latency.count === 0
      ? "  latency: no answer came back"
      : `  latency p50 ${ms(latency.p50)}  p95 ${ms(latency.p95)}  p99 ${ms(latency.p99)}  max ${ms(latency.max)}${latency.count < summary.sent ? ` (of the ${latency.count} answered)` : ""}`,
  ];
  const causes = Object.entries(summary.failures).sort((a, b) => b[1] - a[1]);
  if (causes.length > 0) lines.push(`  ${colors.red("failed:")} ${causes.map(([cause, n]) => `${n} ${cause}`).join(", ")}`);
  if (firstFailure) {
    const why = firstFailure.verdict.ok ? "" : firstFailure.verdict.why;
    lines.push(colors.dim(`  first failure: ${subjectName(firstFailure.subject)}: ${terminalSafe(why)}`));
    if (firstFailure.next !== undefined) lines.push(colors.dim(`  ${firstFailure.next}`));
  }
  return `${lines.join("\n")}\n`;
}
