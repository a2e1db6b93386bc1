import { readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { filesUnder, srcDir } from "../helpers/source-files.js";
import { fixturesOf } from "../../src/fixtures/fixture-catalog.js";
import { eventSchemas } from "../../src/providers/event-schemas.js";
import { allProviders, detectionRank, providerNames, providers } from "../../src/providers/index.js";

/**
 * A provider is one folder: everything about it lives in src/providers/<name>/, and the rest of src/
 * knows providers only through the registry. These tests are what makes that true, and what tells a
 * contributor adding a provider what is missing.
 */
const REGISTRY = ["providers/index.ts", "providers/event-schemas.ts", "providers/event-schemas.json"];

/** A name at the start of a word: "Fazz" in a comment, "fazz-va" in a string, `fazzSchema` in code alike. */
function mentions(text: string, name: string): boolean {
  return new RegExp(`(^|[^a-z0-9])${name.replace(/[^a-z0-9]/gi, "\\$&")}`, "i").test(text);
}

describe("a provider is one folder", () => {
  it("no file outside a provider's folder and the registry names a provider (help examples aside)", () => {
    const offenders: string[] = [];
    for (const file of filesUnder(srcDir)) {
      const path = relative(srcDir, file);
      if (REGISTRY.includes(path)) continue;
      const ownFolder = /^providers\/([^/]+)\//.exec(path)?.[1];
      // `whk send topremit-va ...` lines in --help are examples of use, not knowledge of a provider.
      const lines = readFileSync(file, "utf8").split("\n").filter((line) => !/^\s*(?:\$ )?(?:npm start & )?whk \w/.test(line) && !/\bwhk (send|show|probe|sign|list|verify|listen)\b.*--/.test(line));
      for (const provider of allProviders()) {
        if (provider.name === ownFolder) continue;
        // One gateway's family (doku, doku-snap): each folder may name the other, never a third provider.
        if (ownFolder !== undefined && (ownFolder.startsWith(`${provider.name}-`) || provider.name.startsWith(`${ownFolder}-`))) continue;
        for (const name of [provider.name, ...(provider.aliases ?? [])]) {
          const hit = lines.findIndex((line) => mentions(line, name));
          if (hit >= 0) offenders.push(`src/${path}: "${lines[hit]?.trim()}" names ${name}`);
        }
      }
    }
    expect(offenders).toEqual([]);
  });

  it("every bundled provider has a folder of its own, fixtures, event schemas and a detection rank", () => {
    for (const name of providerNames) {
      expect(statSync(join(srcDir, "providers", name)).isDirectory(), `src/providers/${name}/`).toBe(true);
      expect(providers[name].name).toBe(name);
      expect(fixturesOf(name).length, `fixtures/${name}/ has no fixture`).toBeGreaterThan(0);
      expect(Object.values(eventSchemas).some((schema) => schema.provider === name), `${name} has no event schema`).toBe(true);
      expect(Number.isInteger(detectionRank[name])).toBe(true);
    }
  });

  it("detection ranks are distinct, so detection order never depends on object key order", () => {
    const ranks = providerNames.map((name) => detectionRank[name]);
    expect(new Set(ranks).size).toBe(ranks.length);
  });

  it("every fixture names an event schema of its own provider", () => {
    for (const name of providerNames) {
      for (const fixture of fixturesOf(name)) expect(eventSchemas[fixture.schema]?.provider, fixture.id).toBe(name);
    }
  });
});
