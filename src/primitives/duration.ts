import { WhkInputError } from "./errors.js";

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/**
 * "500ms", "10s", "5m", "1h" (decimals allowed: "1.5s"). A bare number is refused rather than guessed:
 * `--timeout 5` meaning five milliseconds is a trap, so the hint offers the seconds.
 */
export function parseDuration(text: string, flag: string): number {
  const trimmed = text.trim();
  if (/^\d+(?:\.\d+)?$/.test(trimmed)) {
    throw new WhkInputError("bad-duration", `${flag} "${text}" has no unit: did you mean ${trimmed}s?`, 'durations need a unit: "500ms", "10s", "5m" or "1h"');
  }
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(trimmed);
  if (!match) throw new WhkInputError("bad-duration", `${flag} "${text}" is not a duration`, 'write it like "500ms", "10s", "5m" or "1h"');
  const unit = match[2] as string;
  const factor = unit === "ms" ? 1 : unit === "s" ? SECOND : unit === "m" ? MINUTE : HOUR;
  return Math.round(Number(match[1]) * factor);
}

/**
 * A duration for people: exact when it is a whole number of hours, minutes or seconds (`1h`, `5m`,
 * `30s`, `250ms`), otherwise rounded to the unit that keeps it short (`1.5s`, `85m`, `3h`, `2d`).
 * Every duration whk prints (retry waits, timestamp skew, timeouts) is written by this function.
 */
export function formatDuration(ms: number): string {
  if (ms < SECOND) return `${Math.round(ms)}ms`;
  if (ms % HOUR === 0) return `${ms / HOUR}h`;
  if (ms % MINUTE === 0) return `${ms / MINUTE}m`;
  if (ms % SECOND === 0 && ms < 2 * MINUTE) return `${ms / SECOND}s`;
  const seconds = ms / SECOND;
  if (seconds < 120) return `${Number(seconds.toFixed(1))}s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 120) return `${minutes}m`;
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `${hours}h` : `${Math.round(hours / 24)}d`;
}
