import { compileFixture, type FixtureRenderer } from "./compiled-fixture.js";
import type { Fixture } from "./fixture.js";
import { getFixture } from "./fixture-catalog.js";
import { parseJsonPath, writeJsonText, type JsonPath } from "./json-text.js";
import { prepareFixtureRequest, type PrepareOptions } from "./prepare-fixture-request.js";
import { pooledCryptoRandom } from "./pooled-random.js";
import { seededRandom } from "./random.js";
import { SEEDED_EPOCH } from "./render-fixture.js";
import { buildRequest } from "./sign-request.js";
import type { WebhookRequest } from "./webhook-request.js";

/** Makes one fresh unsigned request per call: new ids and timestamps each time, same overrides. */
export type RequestFactory = () => WebhookRequest;

const overlaps = (a: JsonPath, b: JsonPath): boolean => {
  const shorter = Math.min(a.length, b.length);
  for (let i = 0; i < shorter; i++) if (String(a[i]) !== String(b[i])) return false;
  return true;
};

/** The fixture body with `--set` applied up front, compiled; undefined when a set touches a dynamic field. */
function compileWithOverrides(fixture: Fixture, options: PrepareOptions): FixtureRenderer | undefined {
  const sets = (options.set ?? []).map((override) => ({ path: parseJsonPath(override.path), json: override.json }));
  const dynamicPaths = fixture.dynamic.map((field) => parseJsonPath(field.path));
  if (sets.some((set) => dynamicPaths.some((path) => overlaps(set.path, path)))) return undefined;
  let body = fixture.body;
  for (const set of sets) body = writeJsonText(body, set.path, set.json);
  return compileFixture(fixture, body);
}

/**
 * Same requests as calling `prepareFixtureRequest(options)` repeatedly with one shared random stream
 * (so `seed` gives a reproducible sequence of distinct requests), but with the fixture compiled once:
 * what a load test needs to render every request fresh without the renderer becoming the bottleneck.
 */
export function createRequestFactory(options: PrepareOptions): RequestFactory {
  const fixture = typeof options.fixture === "string" ? getFixture(options.fixture) : options.fixture;
  const random = options.random ?? (options.seed !== undefined ? seededRandom(options.seed) : pooledCryptoRandom());
  const fixedNow = options.now ?? (options.seed !== undefined ? SEEDED_EPOCH : undefined);
  const render = options.data === undefined ? compileWithOverrides(fixture, options) : undefined;
  if (!render) return () => prepareFixtureRequest({ ...options, fixture, random });
  const extras = {
    ...(options.headers ? { headers: options.headers } : {}),
    ...(options.accessToken !== undefined ? { accessToken: options.accessToken } : {}),
    ...(options.partnerId !== undefined ? { partnerId: options.partnerId } : {}),
    ...(options.channelId !== undefined ? { channelId: options.channelId } : {}),
  };
  return () => {
    const request = buildRequest({ provider: fixture.provider, url: options.url, body: render({ random, now: fixedNow ?? new Date() }), random, ...extras });
    request.fixture = fixture.id;
    return request;
  };
}
