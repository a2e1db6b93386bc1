import { WhkInputError } from "./errors.js";

/**
 * A whole-number flag (`--port 3000`, `--count 500`, `--seed 42`): digits only, within `min`..`max`.
 * `hint` says what to write instead; the message names the flag and the value as given.
 */
export function parseWholeNumber(text: string, flag: string, range: { min: number; max: number }, hint: string): number {
  const trimmed = text.trim();
  const value = /^\d{1,16}$/.test(trimmed) ? Number(trimmed) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < range.min || value > range.max) {
    throw new WhkInputError(`bad-${flag.replace(/^-+/, "")}`, `${flag} "${text}" is not a whole number from ${range.min} to ${range.max}`, hint);
  }
  return value;
}
