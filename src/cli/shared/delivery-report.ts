import { STATUS_CODES } from "node:http";
import { formatDuration } from "../../primitives/duration.js";
import type { DeliveryResult } from "../../deliver/deliver.js";
import type { RetryWait } from "../../deliver/deliver-with-retries.js";
import type { Verdict } from "../../deliver/expectation.js";
import type { Provider } from "../../providers/provider.js";
import { errColors } from "./colors.js";

/**
 * One delivery attempt as the commands that deliver (`send`, `scenario run`) report it: the NDJSON
 * object, what the provider does after a final failure, the line before a retry.
 */

/** One delivery attempt, as `send` and `scenario run` report it. */
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

const JSON_BODY_CHARS = 4096;

export const plural = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? "" : "s"}`;
export const truncate = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max)}…` : text);
export const formatLatency = (value: number): string => (value < 10 ? `${value.toFixed(1)}ms` : `${Math.round(value)}ms`);
export const statusText = (status: number): string => `HTTP ${status} ${STATUS_CODES[status] ?? ""}`.trimEnd();

/** What to try after a TLS fault, if anything. */
export function faultHint(result: DeliveryResult): string | undefined {
  if (result.ok || result.fault !== "tls") return undefined;
  if (result.code === "ERR_SSL_WRONG_VERSION_NUMBER") return "try the target with http://";
  return "--insecure accepts a self-signed or otherwise untrusted certificate";
}

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

/** The fixture's id, or the source of a replayed request. */
export function subjectName(subject: DeliveryReport["subject"]): string {
  return "fixture" in subject ? subject.fixture : subject.source;
}

/** A stderr line before a retry: the provider's wait and the compressed one. */
export function formatWait(wait: RetryWait, speed: number): string {
  const real = Number.isFinite(speed) ? `waiting ${formatDuration(wait.waitMs)} at --retry-speed ${speed}` : "not waiting (--retry-speed max)";
  return errColors.dim(`  retry ${wait.retry} of ${wait.of}: the provider waits ${formatDuration(wait.delayMs)}; ${real}\n`);
}

