import { describe, expect, it } from "vitest";
import { formatTimestamp, parseInstant } from "../../src/primitives/time-format.js";
import { parseDuration } from "../../src/primitives/duration.js";
import { randomDigits, randomUuid, seededRandom } from "../../src/primitives/random.js";
import { decimalString } from "../../src/primitives/decimal-string.js";

describe("timestamps", () => {
  const anInstant = new Date("2025-05-15T05:34:31.250Z");
  it.each([
    ["iso-ms-z", undefined, undefined, "2025-05-15T05:34:31.250Z"],
    ["iso-z", undefined, undefined, "2025-05-15T05:34:31Z"],
    ["iso-offset", "+07:00", undefined, "2025-05-15T12:34:31+07:00"],
    ["iso-ms-offset", "+08:00", undefined, "2025-05-15T13:34:31.250+08:00"],
    ["date", "+07:00", undefined, "2025-05-15"],
    ["sql", "+00:00", undefined, "2025-05-15 05:34:31"],
    ["go-time", "+05:30", "IST", "2025-05-15 11:04:31.25 +0530 IST"],
  ] as const)("%s", (format, offset, zone, expected) => {
    expect(formatTimestamp(anInstant, format, offset, zone)).toBe(expected);
  });

  it("parses durations", () => {
    expect(parseDuration("500ms", "--timeout")).toBe(500);
    expect(parseDuration("10s", "--timeout")).toBe(10_000);
    expect(parseDuration("5m", "--timeout")).toBe(300_000);
    expect(() => parseDuration("-5s", "--timeout")).toThrow(/not a duration/);
    // A bare number is not five milliseconds by surprise: it is refused, and the hint offers seconds.
    expect(() => parseDuration("5", "--timeout")).toThrow('--timeout "5" has no unit: did you mean 5s?');
  });
});

describe("randomness", () => {
  it("repeats for the same seed and differs for another", () => {
    expect(randomUuid(seededRandom(7))).toBe(randomUuid(seededRandom(7)));
    expect(randomUuid(seededRandom(7))).not.toBe(randomUuid(seededRandom(8)));
  });

  it("makes UUID v4 and digits with no leading zero", () => {
    expect(randomUuid(seededRandom(1))).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    for (let seed = 0; seed < 50; seed++) expect(randomDigits(seededRandom(seed), 6)).toMatch(/^[1-9]\d{5}$/);
  });
});

describe("decimal amounts", () => {
  it.each([[50000, "50000"], [100.25, "100.25"], [0.5, "0.5"], [1e21, "1000000000000000000000"], [1e-7, "0.0000001"], [-2.5e-8, "-0.000000025"], [1.5e22, "15000000000000000000000"]])(
    "%s -> %s",
    (value, text) => expect(decimalString(value)).toBe(text),
  );
});

describe("parseInstant: only instants that exist, in ISO 8601", () => {
  it.each([
    ["2025-05-15T12:34:31+07:00", "2025-05-15T05:34:31.000Z"],
    ["2025-05-15T05:34:31Z", "2025-05-15T05:34:31.000Z"],
    ["2025-05-15t05:34:31.25z", "2025-05-15T05:34:31.250Z"],
    ["2025-05-15T12:34+0700", "2025-05-15T05:34:00.000Z"],
    ["2025-05-15T05:34:31,123456789-00:30", "2025-05-15T06:04:31.123Z"],
    ["2024-02-29T00:00:00Z", "2024-02-29T00:00:00.000Z"],
    ["2000-02-29T23:59:59Z", "2000-02-29T23:59:59.000Z"],
    ["0099-01-01T00:00:00Z", "0099-01-01T00:00:00.000Z"],
  ])("%s is %s", (text, iso) => {
    expect(parseInstant(text, "--at").toISOString()).toBe(iso);
  });

  it.each([
    ["2025-02-30T00:00:00Z", /--at "2025-02-30T00:00:00Z" is not a day: February 2025 has 28 days/],
    ["1900-02-29T00:00:00Z", /February 1900 has 28 days/],
    ["2025-04-31T00:00:00Z", /April 2025 has 30 days/],
    ["2025-13-01T00:00:00Z", /has no month 13/],
    ["2025-05-15T24:00:00Z", /is not a time of day/],
    ["2025-05-15T12:60:00Z", /is not a time of day/],
    ["2025-05-15T12:00:61Z", /is not a time of day/],
    ["2025-05-15T12:00:00", /has no time zone/],
    ["2025-05-15T12:00:00+24:00", /has no such offset as \+24:00/],
    ["2025-05-15T12:00:00+07:60", /has no such offset/],
    ["1715776471", /--at "1715776471" is a bare number/],
    ["1715776471000", /is a bare number/],
    ["-5", /is a bare number/],
    ["2025-05-15", /is not an ISO 8601 date and time/],
    ["May 15 2025 12:00 GMT", /is not an ISO 8601 date and time/],
    ["yesterday", /--at "yesterday" is not an ISO 8601 date and time/],
    ["", /--at "" is not an ISO 8601 date and time/],
  ])("%s is refused", (text, message) => {
    expect(() => parseInstant(text, "--at")).toThrow(message);
  });
});
