import { WhkInputError } from "../../../primitives/errors.js";
import { parseWholeNumber } from "../../../primitives/whole-number.js";
import { explicitExpectation } from "../../../deliver/expectation.js";
import { fixturesOf, getFixture } from "../../../fixtures/fixture-catalog.js";
import type { Fixture } from "../../../fixtures/fixture.js";
import { parseInstant } from "../../../primitives/time-format.js";
import { getProvider } from "../../../providers/index.js";
import { givenProviderFlags } from "../../shared/provider-flags.js";
import type { RequestFlags } from "../../shared/request-flags.js";
import { parseDeliveryFlags, type DeliveryFlags, type DeliverySettings } from "../../shared/delivery-flags.js";
import { resolveSaveTarget } from "../../shared/request-saver.js";

export interface SendFlags extends RequestFlags, DeliveryFlags {
  provider?: string;
  expectStatus?: string;
  expectBody?: string;
  count?: string;
  concurrency?: string;
  from?: string[];
  resign?: boolean;
}

/** Everything `send` needs, validated before anything goes on the wire. */
export interface SendSettings extends DeliverySettings {
  /** What to send: fixtures, rendered and signed afresh, or captured requests replayed (--from). */
  fixtures: Fixture[];
  replay?: ReplaySettings;
  load?: { count: number; concurrency: number };
}

/** `--from`: captured requests delivered again, byte for byte or (--resign) signed again. */
export interface ReplaySettings {
  paths: string[];
  resign: boolean;
  /** --provider: who sent them, instead of detecting it per request. */
  provider?: string;
}

export const DEFAULT_CONCURRENCY = 10;
const MAX_COUNT = 10_000_000;
const MAX_CONCURRENCY = 10_000;

function wholeNumber(text: string, flag: string, min: number, max: number, example: string): number {
  return parseWholeNumber(text, flag, { min, max }, `write it like ${flag} ${example}`);
}

function selectFixtures(ids: readonly string[], providerName: string | undefined): Fixture[] {
  const named = ids.map((id) => getFixture(id));
  // Naming a fixture twice sends it twice; --provider adds those of its fixtures not already named.
  const ofProvider = providerName !== undefined ? fixturesOf(getProvider(providerName).name).filter((f) => !ids.includes(f.id)) : [];
  const selected = [...named, ...ofProvider];
  if (selected.length === 0) throw new WhkInputError("no-fixture", "name at least one fixture, or --provider", "e.g. whk send topremit-va --to localhost:8080 (`whk list` shows every fixture)");
  return selected;
}

/** Flags that shape a fixture's render and mean nothing to a captured request. */
function checkReplayFlags(ids: readonly string[], flags: SendFlags): ReplaySettings | undefined {
  if (flags.from === undefined) {
    if (flags.resign) throw new WhkInputError("resign-without-from", "--resign re-signs replayed requests, and no --from names any", "e.g. whk send --from .whk-captures/ --resign --to localhost:3000");
    return undefined;
  }
  if (ids.length > 0) throw new WhkInputError("fixtures-with-from", `name fixtures or --from, not both (got ${ids.join(", ")} and --from)`, "send the fixtures and the captures in two runs");
  const refuse = (flag: string, why: string): never => {
    throw new WhkInputError("flag-with-from", `${flag} cannot be combined with --from: ${why}`, "drop it, or send fixtures instead of --from");
  };
  if (flags.seed !== undefined) refuse("--seed", "a replay keeps the captured body and ids");
  if (flags.count !== undefined) refuse("--count", "a load test renders fixtures afresh; --from replays each request once");
  const optionFlags = givenProviderFlags(flags);
  if (optionFlags.length > 0) refuse(optionFlags.join(", "), "a replay keeps the captured headers (change one with --header)");
  if (flags.timestamp !== undefined && !flags.resign) refuse("--timestamp without --resign", "only a new signature has a new timestamp");
  return { paths: flags.from, resign: flags.resign === true, ...(flags.provider !== undefined ? { provider: getProvider(flags.provider).name } : {}) };
}

export function parseSendFlags(ids: readonly string[], flags: SendFlags): SendSettings {
  const replay = checkReplayFlags(ids, flags);
  const fixtures = replay ? [] : selectFixtures(ids, flags.provider);
  const settings: SendSettings = { ...parseDeliveryFlags(flags, "3 (or put fixture ids before --retries)"), fixtures, ...(replay ? { replay } : {}) };
  if (flags.count !== undefined || flags.concurrency !== undefined) {
    if (flags.count === undefined) throw new WhkInputError("concurrency-without-count", "--concurrency needs --count", "e.g. --count 1000 --concurrency 20");
    const count = wholeNumber(flags.count, "--count", 1, MAX_COUNT, "1000");
    const concurrency = flags.concurrency !== undefined ? wholeNumber(flags.concurrency, "--concurrency", 1, MAX_CONCURRENCY, "20") : DEFAULT_CONCURRENCY;
    if (settings.retries) throw new WhkInputError("retries-with-count", "--retries cannot be combined with --count", "a load test sends each request once; drop one of them");
    settings.load = { count, concurrency };
  }
  if (flags.expectStatus !== undefined || flags.expectBody !== undefined) {
    explicitExpectation(flags.expectStatus, flags.expectBody); // parsed now: a bad one fails before anything is sent
    settings.expect = { ...(flags.expectStatus !== undefined ? { status: flags.expectStatus } : {}), ...(flags.expectBody !== undefined ? { body: flags.expectBody } : {}) };
  }
  if (flags.timestamp !== undefined) settings.signAt = parseInstant(flags.timestamp, "--timestamp");
  if (flags.save !== undefined) settings.save = resolveSaveTarget(flags.save);
  return settings;
}
