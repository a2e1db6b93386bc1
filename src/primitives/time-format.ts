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

/** An ISO 8601 date, time and zone: `2025-05-15T12:34:31+07:00`, `2025-05-15T05:34:31.250Z`, `2025-05-15T12:34+0700`. */
const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?([Zz]|[+-]\d{2}:?\d{2})?$/;

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const isLeap = (year: number): boolean => year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
const daysIn = (year: number, month: number): number => (month === 2 && isLeap(year) ? 29 : (DAYS[month - 1] as number));

const INSTANT_EXAMPLE = 'write a date, a time and a zone, like "2025-05-15T12:34:31+07:00" or "2025-05-15T05:34:31Z"';

/**
 * An instant given on the command line, in ISO 8601 with its zone, and only one that exists: no
 * February 30, no hour 24, no bare number (seconds or milliseconds? whk will not guess). Date.parse
 * is not used: it rolls February 30 over into March and reads many spellings that are not ISO 8601.
 */
export function parseInstant(text: string, flag: string): Date {
  const fail = (why: string, hint = INSTANT_EXAMPLE): never => {
    throw new WhkInputError("bad-instant", `${flag} "${text}" ${why}`, hint);
  };
  if (/^[+-]?\d+(\.\d+)?$/.test(text.trim())) fail("is a bare number, not an ISO 8601 date and time", `whk does not guess between seconds and milliseconds: ${INSTANT_EXAMPLE}`);
  const match = ISO_INSTANT.exec(text);
  if (match === null) return fail("is not an ISO 8601 date and time");
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map((part) => Number(part ?? 0)) as [number, number, number, number, number, number];
  const zone = match[8];
  if (month < 1 || month > 12) fail(`has no month ${match[2]} (01-12)`);
  if (day < 1 || day > daysIn(year, month)) fail(`is not a day: ${MONTHS[month - 1]} ${year} has ${daysIn(year, month)} days`);
  if (hour > 23 || minute > 59 || second > 59) fail(`is not a time of day: hours go to 23, minutes and seconds to 59`);
  if (zone === undefined) return fail("has no time zone, so it is no single instant", 'add Z for UTC, or an offset such as +07:00');
  const offset = zone === "Z" || zone === "z" ? 0 : parseOffset(zone);
  if (Math.abs(offset) >= 24 * 60 || Number(zone.slice(-2)) > 59) fail(`has no such offset as ${zone}`, "offsets go from -23:59 to +23:59");
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, Number((match[7] ?? "").padEnd(3, "0").slice(0, 3)));
  return new Date(date.getTime() - offset * 60_000);
}
