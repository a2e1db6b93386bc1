import { readFileSync, readdirSync } from "node:fs";
import { WhkInputError } from "./errors.js";
import type { Fixture } from "./fixture.js";
import { providerNames, type ProviderName } from "../providers/provider-name.js";

/** fixtures/ sits two levels above both src/core and dist/core. */
export const fixturesDirectory = new URL("../../fixtures/", import.meta.url);

let cache: readonly Fixture[] | undefined;

/**
 * Reads one bundled fixture. The test suite holds every file to the strict schema in
 * fixture-file-schema.ts; here only what rendering relies on is checked, so `whk send` and `whk show`
 * need not load zod (~50 ms of start-up).
 */
function loadFixture(provider: ProviderName, file: string): Fixture {
  const data = JSON.parse(readFileSync(new URL(`${provider}/${file}`, fixturesDirectory), "utf8")) as Fixture;
  const wellFormed = typeof data.body === "string" && Array.isArray(data.dynamic) && typeof data.provenance === "object";
  if (!wellFormed || data.id !== `${provider}-${file.replace(/\.json$/, "")}` || data.provider !== provider) {
    throw new Error(`bundled fixture ${provider}/${file} is malformed (its id must match its path); run the tests`);
  }
  return data;
}

/** Every bundled fixture, in provider order then file-name order. Loaded once, on first use. */
export function allFixtures(): readonly Fixture[] {
  if (cache) return cache;
  const loaded: Fixture[] = [];
  for (const provider of providerNames) {
    const files = readdirSync(new URL(`${provider}/`, fixturesDirectory)).filter((f) => f.endsWith(".json")).sort();
    for (const file of files) loaded.push(loadFixture(provider, file));
  }
  cache = loaded;
  return loaded;
}

export function fixturesOf(provider: ProviderName): Fixture[] {
  return allFixtures().filter((fixture) => fixture.provider === provider);
}

/** Finds a fixture by id; an unknown id is an input error that suggests the closest ids. */
export function getFixture(id: string): Fixture {
  const fixture = allFixtures().find((f) => f.id === id);
  if (fixture) return fixture;
  const close = allFixtures()
    .filter((f) => f.id.startsWith(id.split("-")[0] ?? id) || f.id.includes(id))
    .map((f) => f.id)
    .slice(0, 5);
  throw new WhkInputError(
    "unknown-fixture",
    `unknown fixture "${id}"`,
    close.length > 0 ? `did you mean ${close.join(", ")}? \`whk list\` shows them all` : "`whk list` shows every fixture id",
  );
}
