import { WhkInputError } from "../../primitives/errors.js";
import { parseDuration } from "../../primitives/duration.js";
import { parseWholeNumber } from "../../primitives/whole-number.js";
import type { SaveTarget } from "./request-saver.js";

/** The flags of every command that delivers and judges (`send`, `scenario run`): retries, timeout, TLS, output. */
export interface DeliveryFlags {
  retries?: boolean | string;
  retrySpeed?: string;
  timeout?: string;
  insecure?: boolean;
  json?: boolean;
  save?: string;
}

/** What those flags say, checked before anything goes on the wire. */
export interface DeliverySettings {
  timeoutMs: number;
  insecure: boolean;
  /** Absent without --retries; `maxRetries` undefined means the provider's whole schedule. */
  retries?: { maxRetries?: number };
  /** Time compression for retry waits; Infinity for `--retry-speed max`. */
  retrySpeed: number;
  /** --expect-status / --expect-body (checked already); absent means the provider's own acknowledgement rule. */
  expect?: { status?: string; body?: string };
  json: boolean;
  save?: SaveTarget;
  /** --timestamp: the instant the first signature is made at. */
  signAt?: Date;
}

function parseRetrySpeed(text: string): number {
  if (text.trim().toLowerCase() === "max") return Number.POSITIVE_INFINITY;
  const value = /^\d+(\.\d+)?$/.test(text.trim()) ? Number(text) : Number.NaN;
  if (!(value > 0)) throw new WhkInputError("bad-retry-speed", `--retry-speed "${text}" is not a positive number or "max"`, "3600 makes an hour a second; max skips the waits");
  return value;
}

/**
 * `--retries [n]`, `--retry-speed`, `--timeout`, `--insecure`, `--json`. Not `--save`: callers resolve it
 * last (`resolveSaveTarget`), after every other check, since it creates the directory.
 */
export function parseDeliveryFlags(flags: DeliveryFlags, retriesExample = "3"): DeliverySettings {
  const timeoutMs = parseDuration(flags.timeout ?? "30s", "--timeout");
  if (timeoutMs <= 0) throw new WhkInputError("bad-duration", "--timeout must be longer than 0", 'write it like "500ms" or "10s"');
  const settings: DeliverySettings = { timeoutMs, insecure: flags.insecure === true, retrySpeed: 1, json: flags.json === true };
  if (flags.retries !== undefined && flags.retries !== false) {
    settings.retries = flags.retries === true ? {} : { maxRetries: parseWholeNumber(flags.retries, "--retries", { min: 0, max: 1000 }, `write it like --retries ${retriesExample}`) };
  }
  if (flags.retrySpeed !== undefined) {
    if (!settings.retries) throw new WhkInputError("retry-speed-without-retries", "--retry-speed only applies with --retries", "add --retries, e.g. --retries --retry-speed 3600");
    settings.retrySpeed = parseRetrySpeed(flags.retrySpeed);
  }
  return settings;
}
