import { WhkInputError } from "./errors.js";

/** The timestamp spellings the providers' payloads and headers use. */
export type TimestampFormat = "iso-ms-z" | "iso-z" | "iso-offset" | "iso-ms-offset" | "date" | "sql" | "sql-offset" | "compact" | "unix" | "go-time";

const pad = (n: number, width = 2): string => String(n).padStart(width, "0");

/** "+07:00" -> minutes east of UTC. */
export function parseOffset(offset: string): number {
  const match = /^([+-])(\d{2}):?(\d{2})$/.exec(offset);
  if (!match) throw new WhkInputError("bad-offset", `"${offset}" is not a UTC offset`, 'write it like "+07:00"');
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === "-" ? -minutes : minutes;
}

/** Wall-clock fields of `date` shifted to a UTC offset. */
function wallClock(date: Date, offsetMinutes: number) {
  const shifted = new Date(date.getTime() + offsetMinutes * 60_000);
  return {
    y: shifted.getUTCFullYear(),
    mo: pad(shifted.getUTCMonth() + 1),
    d: pad(shifted.getUTCDate()),
    h: pad(shifted.getUTCHours()),
    mi: pad(shifted.getUTCMinutes()),
    s: pad(shifted.getUTCSeconds()),
    ms: pad(shifted.getUTCMilliseconds(), 3),
  };
}

export function formatTimestamp(date: Date, format: TimestampFormat, offset = "+00:00", zone = "UTC"): string {
  const minutes = parseOffset(offset);
  const w = wallClock(date, format === "iso-ms-z" || format === "iso-z" ? 0 : minutes);
  const colon = offset.includes(":") ? offset : `${offset.slice(0, 3)}:${offset.slice(3)}`;
  switch (format) {
    case "iso-ms-z":
      return `${w.y}-${w.mo}-${w.d}T${w.h}:${w.mi}:${w.s}.${w.ms}Z`;
    case "iso-z":
      return `${w.y}-${w.mo}-${w.d}T${w.h}:${w.mi}:${w.s}Z`;
    case "iso-offset":
      return `${w.y}-${w.mo}-${w.d}T${w.h}:${w.mi}:${w.s}${colon}`;
    case "iso-ms-offset":
      return `${w.y}-${w.mo}-${w.d}T${w.h}:${w.mi}:${w.s}.${w.ms}${colon}`;
    case "date":
      return `${w.y}-${w.mo}-${w.d}`;
    case "sql":
      return `${w.y}-${w.mo}-${w.d} ${w.h}:${w.mi}:${w.s}`;
    case "sql-offset":
      return `${w.y}-${w.mo}-${w.d} ${w.h}:${w.mi}:${w.s} ${colon.replace(":", "")}`;
    case "compact":
      return `${w.y}${w.mo}${w.d}${w.h}${w.mi}${w.s}`;
    case "unix":
      return String(Math.floor(date.getTime() / 1000));
    case "go-time": {
      // Go's time.String(): "2006-01-02 15:04:05.999999999 -0700 MST", fraction trimmed of trailing zeros.
      const fraction = w.ms.replace(/0+$/, "");
      return `${w.y}-${w.mo}-${w.d} ${w.h}:${w.mi}:${w.s}${fraction ? `.${fraction}` : ""} ${colon.replace(":", "")} ${zone}`;
    }
  }
}

/** An instant given on the command line: ISO 8601, or milliseconds since the epoch. */
export function parseInstant(text: string, flag: string): Date {
  const ms = /^\d+$/.test(text) ? Number(text) : Date.parse(text);
  if (Number.isNaN(ms)) throw new WhkInputError("bad-instant", `${flag} "${text}" is not a date`, 'write it in ISO 8601, like "2025-05-15T12:34:31+07:00"');
  return new Date(ms);
}
