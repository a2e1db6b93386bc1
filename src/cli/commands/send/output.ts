import { STATUS_CODES } from "node:http";
import { formatDuration } from "../../../primitives/duration.js";
import { colors, errColors } from "../../shared/colors.js";
import type { DeliveryResult } from "../../../deliver/deliver.js";
import type { RetryWait } from "../../../deliver/deliver-with-retries.js";
import type { Verdict } from "../../../deliver/expectation.js";
import type { LoadSummary } from "../../../deliver/load-run.js";
import type { Provider } from "../../../providers/provider.js";

/** One delivery attempt, as `send` reports it. */
export interface DeliveryReport {
  /** The fixture sent, or where a replayed request was read from (`capture.json`, `log.ndjson:3`). */
  subject: { fixture: string } | { source: string };
  /** Undefined for a replay no provider was detected for. */
  provider: Provider | undefined;
  url: string;
  attempt: number;
  maxAttempts: number;
  result: DeliveryResult;
  verdict: Verdict;
  /** What counted as success: the provider's rule, or --expect-status/--expect-body. */
  expected: string;
  /** After a final failure: what the provider would do next. */
  next?: string;
}

/** Response headers worth a look after a webhook delivery: what the body is, and any redirect or auth challenge. */
const SHOWN_HEADERS = ["content-type", "location", "retry-after", "www-authenticate"];
const HUMAN_BODY_CHARS = 1000;
const JSON_BODY_CHARS = 4096;

const plural = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? "" : "s"}`;
const truncate = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max)}…` : text);
const ms = (value: number): string => (value < 10 ? `${value.toFixed(1)}ms` : `${Math.round(value)}ms`);

/** What the provider does after this final failure, per its documented retry policy. */
export function providerNextStep(provider: Provider, retried: { used: boolean; attempts: number; capped: boolean; status?: number | undefined }): string {
  const { retry, displayName } = provider;
  if (!retry.documented) return retry.afterLastFailure;
  const allowed = retry.retriesAfter?.(retried.status);
  if (allowed !== undefined && allowed < retry.delaysMs.length && retried.attempts > allowed) {
    const answer = retried.status !== undefined ? `HTTP ${retried.status}` : "no answer";
    const stops = allowed === 0 ? "does not retry" : `stops after ${allowed === 1 ? "1 retry" : `${allowed} retries`}`;
    return `${displayName} ${stops} after ${answer} (${retry.summary}); then ${retry.afterLastFailure}`;
  }
  if (!retried.used) {
    const firstWait = formatDuration(retry.delaysMs[0] ?? 0);
    return `${displayName} would retry in ${firstWait} (${retry.summary}); simulate it with --retries --retry-speed max`;
  }
  if (retried.capped) {
    const nextWait = formatDuration(retry.delaysMs[retried.attempts - 1] ?? 0);
    return `${displayName} would retry again in ${nextWait} (${retry.summary}); stopped by --retries after ${plural(retried.attempts, "attempt")}`;
  }
  return `after ${plural(retried.attempts, "attempt")}: ${retry.afterLastFailure}`;
}

export function deliveryJson(report: DeliveryReport): Record<string, unknown> {
  const { result, verdict } = report;
  return {
    type: "delivery",
    ...report.subject,
    provider: report.provider?.name ?? null,
    url: report.url,
    attempt: report.attempt,
    maxAttempts: report.maxAttempts,
    status: result.ok ? result.status : null,
    latencyMs: Math.round(result.latencyMs * 100) / 100,
    ok: verdict.ok,
    ...(verdict.ok ? {} : { reason: verdict.reason, error: verdict.why }),
    expected: report.expected,
    ...(result.ok
      ? { response: { headers: result.headers, body: truncate(result.body, JSON_BODY_CHARS), bodyBytes: result.bodyBytes, bodyTruncated: result.bodyTruncated || result.body.length > JSON_BODY_CHARS } }
      : {}),
    ...(report.next !== undefined ? { next: report.next } : {}),
  };
}

function indent(text: string): string {
  return text
    .split("\n")
    .map((line) => `  ${line}`)
    .join("\n");
}

function faultHint(result: DeliveryResult): string | undefined {
  if (result.ok || result.fault !== "tls") return undefined;
  if (result.code === "ERR_SSL_WRONG_VERSION_NUMBER") return "try the target with http://";
  return "--insecure accepts a self-signed or otherwise untrusted certificate";
}

/** The fixture's id, or the source of a replayed request. */
export function subjectName(subject: DeliveryReport["subject"]): string {
  return "fixture" in subject ? subject.fixture : subject.source;
}

export function formatDeliveryHuman(report: DeliveryReport): string {
  const { result, verdict } = report;
  const name = subjectName(report.subject);
  const mark = verdict.ok ? colors.green("✓") : colors.red("✗");
  const attempt = report.maxAttempts > 1 ? colors.dim(`  attempt ${report.attempt}/${report.maxAttempts}`) : "";
  const lines: string[] = [];
  if (!result.ok) {
    lines.push(`${mark} ${colors.bold(name)} → ${report.url}: ${colors.red(result.message)}${attempt}`);
    const hint = faultHint(result);
    if (hint !== undefined) lines.push(colors.dim(`  hint: ${hint}`));
  } else {
    const status = `HTTP ${result.status} ${STATUS_CODES[result.status] ?? ""}`.trimEnd();
    lines.push(`${mark} ${colors.bold(name)} → ${report.url}  ${verdict.ok ? colors.green(status) : colors.red(status)}  ${ms(result.latencyMs)}${attempt}`);
    for (const name of SHOWN_HEADERS) {
      const value = result.headers[name];
      if (value !== undefined) lines.push(colors.dim(`  ${name}: ${value}`));
    }
    if (result.body !== "") lines.push(colors.dim(indent(truncate(result.body, HUMAN_BODY_CHARS))));
    if (result.bodyTruncated) lines.push(colors.dim(`  (${result.bodyBytes}+ bytes; the rest was not read)`));
    if (!verdict.ok) lines.push(`  ${colors.red(verdict.why)}`);
    if (result.status >= 300 && result.status < 400) lines.push(colors.dim("  redirects are not followed: providers deliver to the configured URL only"));
  }
  if (report.next !== undefined) lines.push(`  ${colors.yellow(report.next)}`);
  return `${lines.join("\n")}\n`;
}

/** A stderr line before a retry: the provider's wait and the compressed one. */
export function formatWait(wait: RetryWait, maxRetries: number, speed: number): string {
  const real = Number.isFinite(speed) ? `waiting ${formatDuration(wait.waitMs)} at --retry-speed ${speed}` : "not waiting (--retry-speed max)";
  return errColors.dim(`  retry ${wait.retry} of ${maxRetries}: the provider waits ${formatDuration(wait.delayMs)}; ${real}\n`);
}

export interface SummaryContext {
  url: string;
  fixtures: readonly string[];
  concurrency: number;
}

export function summaryJson(summary: LoadSummary, context: SummaryContext): Record<string, unknown> {
  const round = (value: number): number => Math.round(value * 100) / 100;
  const { latency } = summary;
  return {
    type: "summary",
    url: context.url,
    fixtures: context.fixtures,
    concurrency: context.concurrency,
    sent: summary.sent,
    succeeded: summary.succeeded,
    failed: summary.failed,
    failures: summary.failures,
    durationMs: round(summary.durationMs),
    requestsPerSecond: round(summary.requestsPerSecond),
    latencyMs: { min: round(latency.min), mean: round(latency.mean), p50: round(latency.p50), p95: round(latency.p95), p99: round(latency.p99), max: round(latency.max) },
  };
}

export function formatSummaryHuman(summary: LoadSummary, context: SummaryContext, firstFailure?: DeliveryReport): string {
  const { latency } = summary;
  const seconds = (summary.durationMs / 1000).toFixed(2);
  const outcome = summary.failed === 0 ? colors.green(`${summary.succeeded} succeeded`) : `${colors.green(`${summary.succeeded} succeeded`)}, ${colors.red(`${summary.failed} failed`)}`;
  const lines = [
    `sent ${summary.sent} to ${context.url} in ${seconds}s: ${outcome}`,
    `  ${Math.round(summary.requestsPerSecond)} req/s at concurrency ${context.concurrency}`,
    `  latency p50 ${ms(latency.p50)}  p95 ${ms(latency.p95)}  p99 ${ms(latency.p99)}  max ${ms(latency.max)}`,
  ];
  const causes = Object.entries(summary.failures).sort((a, b) => b[1] - a[1]);
  if (causes.length > 0) lines.push(`  ${colors.red("failed:")} ${causes.map(([cause, n]) => `${n} ${cause}`).join(", ")}`);
  if (firstFailure) {
    const why = firstFailure.verdict.ok ? "" : firstFailure.verdict.why;
    lines.push(colors.dim(`  first failure: ${subjectName(firstFailure.subject)}: ${why}`));
    if (firstFailure.next !== undefined) lines.push(colors.dim(`  ${firstFailure.next}`));
  }
  return `${lines.join("\n")}\n`;
}
