import { WhkInputError } from "./errors.js";

const UNITS: Record<string, number> = { "": 1, b: 1, k: 1024, kb: 1024, kib: 1024, m: 1024 ** 2, mb: 1024 ** 2, mib: 1024 ** 2, g: 1024 ** 3, gb: 1024 ** 3, gib: 1024 ** 3 };

/**
 * A size as users type it: `1048576`, `512kb`, `1mb`, `1.5MiB`. Units are binary (1 kb = 1024 bytes),
 * as body-size limits in HTTP servers usually are.
 */
export function parseByteSize(text: string, flag: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(text.trim());
  const factor = match ? UNITS[(match[2] ?? "").toLowerCase()] : undefined;
  if (!match || factor === undefined) {
    throw new WhkInputError("bad-size", `${flag} "${text}" is not a size`, 'write it in bytes or with a unit, like "1048576", "512kb" or "1mb"');
  }
  const bytes = Math.floor(Number(match[1]) * factor);
  if (bytes < 1) throw new WhkInputError("bad-size", `${flag} "${text}" is less than one byte`, 'use at least one byte, e.g. "1kb"');
  return bytes;
}

/** `512 B`, `1.5 KiB`, `1 MiB`: for messages and output lines. */
export function formatByteSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const [value, unit] = bytes < 1024 ** 2 ? [bytes / 1024, "KiB"] : bytes < 1024 ** 3 ? [bytes / 1024 ** 2, "MiB"] : [bytes / 1024 ** 3, "GiB"];
  return `${Number(value.toFixed(1))} ${unit}`;
}
