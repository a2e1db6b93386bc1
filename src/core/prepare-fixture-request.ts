import type { Fixture } from "./fixture.js";
import { getFixture } from "./fixture-catalog.js";
import type { Headers } from "./headers.js";
import { parseJsonPath, writeJsonText } from "./json-text.js";
import { cryptoRandom, seededRandom, type Random } from "./random.js";
import { renderFixtureBody, SEEDED_EPOCH } from "./render-fixture.js";
import { buildRequest } from "./sign-request.js";
import { WhkInputError } from "./errors.js";
import { utf8OrUndefined } from "./request-file.js";
import type { WebhookRequest } from "./webhook-request.js";

/** One `--set`: a dotted path and the JSON text of its new value. */
export interface FieldOverride {
  path: string;
  json: string;
}

export interface PrepareOptions {
  fixture: Fixture | string;
  url: string;
  /** A fixed seed reproduces ids and body timestamps exactly. */
  seed?: number;
  random?: Random;
  /** The clock for body timestamps (default: now, or a fixed instant when seeded). */
  now?: Date;
  /** A whole custom body instead of the fixture's (still signed the provider's way). */
  data?: Uint8Array;
  set?: readonly FieldOverride[];
  headers?: Headers;
  accessToken?: string;
  partnerId?: string;
  channelId?: string;
}

/** The unsigned request `send` and `show` make from a fixture: fresh dynamic fields, overrides applied. */
export function prepareFixtureRequest(options: PrepareOptions): WebhookRequest {
  const fixture = typeof options.fixture === "string" ? getFixture(options.fixture) : options.fixture;
  const random = options.random ?? (options.seed !== undefined ? seededRandom(options.seed) : cryptoRandom);
  const now = options.now ?? (options.seed !== undefined ? SEEDED_EPOCH : new Date());
  let body: Buffer = options.data
    ? Buffer.from(options.data)
    : Buffer.from(renderFixtureBody(fixture, { random, now }), "utf8");
  if (options.set && options.set.length > 0) {
    let text = utf8OrUndefined(body);
    if (text === undefined) throw new WhkInputError("bad-body", "--set needs a JSON body, and this body is not UTF-8 text", "drop --set, or pass a JSON body with --data");
    for (const override of options.set) text = writeJsonText(text, parseJsonPath(override.path), override.json);
    body = Buffer.from(text, "utf8");
  }
  const request = buildRequest({
    provider: fixture.provider,
    url: options.url,
    body,
    random,
    ...(options.headers ? { headers: options.headers } : {}),
    ...(options.accessToken !== undefined ? { accessToken: options.accessToken } : {}),
    ...(options.partnerId !== undefined ? { partnerId: options.partnerId } : {}),
    ...(options.channelId !== undefined ? { channelId: options.channelId } : {}),
  });
  return { ...request, fixture: fixture.id };
}
