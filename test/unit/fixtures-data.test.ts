import { readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { fixtureFileSchema } from "../../src/fixtures/fixture-file-schema.js";
import { providerNames } from "../../src/providers/index.js";
import { eventSchemas, paycombatPayoutSchema } from "../../src/providers/event-schemas.js";
import { bodyKindOf } from "../../src/primitives/body-text.js";

// Checks the fixture data on its own: read straight from disk and checked against the strict file schema.

const fixturesDir = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "fixtures");
const sourcesDir = join(fixturesDir, "sources");

const listedFixtureIds = [
  "paycombat-va-register",
  "paycombat-payin-success",
  "paycombat-payin-expired",
  "paycombat-payin-failed",
  "paycombat-payout-success",
  "paycombat-payout-failed",
  "paycombat-payout-returned",
  "fazz-va-unlimited",
  "fazz-va-dynamic",
  "fazz-paynow-dynamic",
  "fazz-paynow-static",
  "fazz-disbursement",
  "fazz-disbursement-failed",
  "topremit-va",
  "topremit-qris",
  "singleview-payment-status",
  "singleview-payment-charge",
  "singleview-payroll-approval",
  "singleview-payroll-payment",
  "chaipay-payin",
  "chaipay-payment-link",
  "chaipay-subscription-link",
  "chaipay-refund",
  "midtrans-card-capture",
  "midtrans-gopay-settlement",
  "midtrans-bca-va-settlement",
  "midtrans-expire",
  "midtrans-refund",
  "midtrans-bca-va-pending",
  "xendit-invoice-paid",
  "xendit-payment-capture",
  "xendit-va-paid",
  "xendit-va-created",
  "doku-va-bca",
  "doku-snap-va-payment",
  "tripay-payment-paid",
  "tripay-payment-expired",
  "duitku-payment-success",
  "duitku-payment-failed",
  "paymongo-payment-paid",
  "paymongo-payment-failed",
  "hitpay-payment-completed",
  "hitpay-charge-created",
  "billplz-bill-paid",
  "ipay88-payment-success",
  "2c2p-payment-success",
  "adyen-authorisation",
  "adyen-refund",
  "stripe-payment-intent-succeeded",
  "stripe-checkout-session-completed",
  "stripe-charge-refunded",
  "razorpay-payment-captured",
  "razorpay-order-paid",
];

type FixtureFile = z.infer<typeof fixtureFileSchema>;
type SampleLocator = NonNullable<FixtureFile["provenance"]["sample"]>;

/** The provider an id starts with, the longest name first (`doku-snap-va-payment` is doku-snap's). */
function providerOf(id: string): string {
  const owner = [...providerNames].sort((a, b) => b.length - a.length).find((name) => id.startsWith(`${name}-`));
  if (owner === undefined) throw new Error(`${id} names no provider`);
  return owner;
}

function fixturePath(id: string): string {
  const provider = providerOf(id);
  return join(fixturesDir, provider, `${id.slice(provider.length + 1)}.json`);
}

function readFixture(id: string): FixtureFile {
  return fixtureFileSchema.parse(JSON.parse(readFileSync(fixturePath(id), "utf8")));
}

/** Removes whitespace outside JSON strings, like Go's json.Compact (for valid JSON input). */
function minifyJson(text: string): string {
  let out = "";
  let inString = false;
  let escaped = false;
  for (const ch of text) {
    if (inString) {
      out += ch;
      if (escaped) escaped = false;
      else if (ch === "\\") escaped = true;
      else if (ch === '"') inString = false;
    } else if (ch === '"') {
      inString = true;
      out += ch;
    } else if (ch !== " " && ch !== "\t" && ch !== "\n" && ch !== "\r") {
      out += ch;
    }
  }
  return out;
}

/** The balanced `{...}` starting at `start`, ignoring braces inside strings. */
function balancedObjectAt(text: string, start: number): string {
  let depth = 0;
  let inString = false;
  let escaped = false;
  for (let i = start; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (escaped) escaped = false;
      else if (ch === "\\") escaped = true;
      else if (ch === '"') inString = false;
    } else if (ch === '"') {
      inString = true;
    } else if (ch === "{") {
      depth++;
    } else if (ch === "}" && --depth === 0) {
      return text.slice(start, i + 1);
    }
  }
  throw new Error(`no balanced object from offset ${start}`);
}

/** The documented sample a `provenance.sample` locator points at, minified. */
function documentedSample(locator: SampleLocator): string {
  const lines = readFileSync(join(sourcesDir, locator.file), "utf8").split("\n");
  const markerLines = lines.flatMap((line, index) => (line.trim() === locator.after ? [index] : []));
  expect(markerLines, `"${locator.after}" must be exactly one line of ${locator.file}`).toHaveLength(1);
  const markerLine = markerLines[0] ?? 0;
  if (locator.wrap === true) {
    // The seed lists bare `"key": value,` lines: take them up to the end of the block and add the braces.
    const after = lines.slice(markerLine + 1);
    const first = after.findIndex((line) => line.trimStart().startsWith('"'));
    const blockEnd = after.findIndex((line, index) => index > first && line.trim() === "");
    const block = after.slice(first, blockEnd === -1 ? undefined : blockEnd);
    return minifyJson(`{${block.join("\n")}}`);
  }
  const text = lines.join("\n");
  const afterMarker = lines.slice(0, markerLine + 1).join("\n").length;
  return minifyJson(balancedObjectAt(text, text.indexOf("{", afterMarker)));
}

function hasPath(value: unknown, path: string): boolean {
  let current = value;
  for (const segment of path.split(".")) {
    if (Array.isArray(current)) {
      const index = Number(segment);
      if (!Number.isInteger(index) || index < 0 || index >= current.length) return false;
      current = current[index];
    } else if (typeof current === "object" && current !== null && Object.hasOwn(current, segment)) {
      current = (current as Record<string, unknown>)[segment];
    } else {
      return false;
    }
  }
  return true;
}

/**
 * A form body's fields, read the plain way (split on & and =, + as a space, percent-decoded): written in
 * the test, not with whk's form reader. Throws on a pair without "=" or with whitespace in it.
 */
function formFieldsOf(body: string): Record<string, string> {
  const decode = (text: string): string => decodeURIComponent(text.replace(/\+/g, " "));
  const fields: Record<string, string> = {};
  for (const pair of body.split("&")) {
    const eq = pair.indexOf("=");
    if (eq < 1 || /\s/.test(pair)) throw new Error(`"${pair}" is not a name=value pair`);
    fields[decode(pair.slice(0, eq))] = decode(pair.slice(eq + 1));
  }
  return fields;
}

/** The body as its schema sees it: JSON parsed, or a form's fields. */
function parsedBody(fixture: FixtureFile): unknown {
  return bodyKindOf(fixture.headers) === "form" ? formFieldsOf(fixture.body) : JSON.parse(fixture.body);
}

describe("the fixture set", () => {
  it("holds exactly the listed events, one file each", () => {
    // Given the provider folders under fixtures/ (sources/ holds the seed copies, not fixtures)
    const found = providerNames.flatMap((provider) =>
      readdirSync(join(fixturesDir, provider))
        .filter((name) => name.endsWith(".json") && !name.endsWith(".scenario.json"))
        .map((name) => `${provider}-${name.slice(0, -".json".length)}`),
    );

    // Then every listed id has its file and nothing else is there
    expect(found.sort()).toEqual([...listedFixtureIds].sort());
  });
});

describe.each(listedFixtureIds)("fixture %s", (id) => {
  const fixture = readFixture(id);

  it("names itself after its path", () => {
    expect(fixture.id).toBe(id);
    expect(`${fixture.provider}-${fixture.event}`).toBe(id);
  });

  it("carries the exact bytes sent, compact, and passes its named schema", () => {
    // Given the schema the fixture names
    const eventSchema = eventSchemas[fixture.schema];
    expect(eventSchema, `unknown schema ${fixture.schema}`).toBeDefined();
    expect(eventSchema?.provider).toBe(fixture.provider);

    // When the body is read as what its Content-Type says: a form, or JSON
    const isForm = bodyKindOf(fixture.headers) === "form";
    const body = parsedBody(fixture);

    if (isForm) {
      // Then a form is plain name=value pairs, each value encoded the way HTML forms do (space as +)
      const reencoded = Object.entries(body as Record<string, string>).map(([name, value]) => `${name}=${new URLSearchParams({ v: value }).toString().slice(2)}`);
      expect(reencoded.join("&")).toBe(fixture.body);
    } else {
      // Then JSON is already compact (the exact bytes sent)
      expect(minifyJson(fixture.body)).toBe(fixture.body);
    }
    const result = eventSchema?.schema.safeParse(body);
    expect(result?.error?.issues ?? []).toEqual([]);
  });

  it("regenerates only fields that exist in the body", () => {
    const body = parsedBody(fixture);
    const dynamicPaths = fixture.dynamic.map((field) => field.path);

    expect(new Set(dynamicPaths).size, "a path is regenerated twice").toBe(dynamicPaths.length);
    for (const field of fixture.dynamic) {
      expect(hasPath(body, field.path), `${field.path} is not in the body`).toBe(true);
      if (field.generate === "copy") {
        expect(dynamicPaths, `${field.path} copies a field that is not regenerated`).toContain(field.from);
        expect(field.from).not.toBe(field.path);
      }
    }
  });

  it("says where its body comes from", () => {
    const { method, sample } = fixture.provenance;

    if (sample === undefined) {
      // A verbatim body taken from a seed must point at its sample; others have none to point at
      if (method === "verbatim") expect(fixture.provenance.source).not.toMatch(/^seed /);
      return;
    }

    // Given a body that claims to be a published sample in a seed file
    expect(method).toBe("verbatim");
    expect(fixture.provenance.source).toBe(`seed ${sample.file}`);

    // Then it is that sample, minified, byte for byte
    expect(fixture.body).toBe(documentedSample(sample));
  });
});

describe("the checks themselves", () => {
  const aPaycombatPayout: Record<string, unknown> = JSON.parse(readFixture("paycombat-payout-success").body);

  it("accept a documented Paycombat payout", () => {
    expect(paycombatPayoutSchema.safeParse(aPaycombatPayout).success).toBe(true);
  });

  it("reject a Paycombat payout with an undocumented status", () => {
    const aPaidPayout = { ...aPaycombatPayout, status: "PAID" };

    expect(paycombatPayoutSchema.safeParse(aPaidPayout).success).toBe(false);
  });

  it("reject a Paycombat payout whose amount is a number instead of the documented string", () => {
    const aNumericAmountPayout = { ...aPaycombatPayout, original_amount: 50 };

    expect(paycombatPayoutSchema.safeParse(aNumericAmountPayout).success).toBe(false);
  });

  it("notice a verbatim body that drifted from its documented sample", () => {
    // Given the unlimited VA sample and a copy with one amount changed
    const aFazzVaUnlimited = readFixture("fazz-va-unlimited");
    const sample = aFazzVaUnlimited.provenance.sample;
    expect(sample).toBeDefined();
    const aDriftedBody = aFazzVaUnlimited.body.replace('"amount":"0.01"', '"amount":"0.02"');

    // Then only the untouched body matches the sample
    expect(aDriftedBody).not.toBe(aFazzVaUnlimited.body);
    if (sample !== undefined) {
      expect(aFazzVaUnlimited.body).toBe(documentedSample(sample));
      expect(aDriftedBody).not.toBe(documentedSample(sample));
    }
  });

  it("notice a form body that is not plain name=value pairs", () => {
    expect(() => formFieldsOf("amount=1& resultCode=00")).toThrow(/not a name=value pair/);
    expect(() => formFieldsOf("amount=1&resultCode")).toThrow(/not a name=value pair/);
    expect(formFieldsOf("productDetail=Kopi+susu%26roti")).toEqual({ productDetail: "Kopi susu&roti" });
  });

  it("notice a body that is not compact", () => {
    const aPrettyBody = JSON.stringify(aPaycombatPayout, null, 2);

    expect(minifyJson(aPrettyBody)).not.toBe(aPrettyBody);
  });
});
