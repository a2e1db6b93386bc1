import { randomBytes } from "node:crypto";
import type { Fixture } from "../fixtures/fixture.js";
import { prepareFixtureRequest, type PrepareOptions } from "../fixtures/prepare-fixture-request.js";
import { formatDuration } from "../primitives/duration.js";
import { getHeader } from "../primitives/headers.js";
import type { WebhookRequest } from "../primitives/webhook-request.js";
import { getProvider } from "../providers/index.js";
import type { Provider } from "../providers/provider.js";
import { schemeFor } from "../schemes/scheme.js";
import { signRequest } from "../sign/sign-request.js";
import { likelyCauses, mistakesFor } from "./diagnose.js";
import { changedAmount, tamper, withoutSignature } from "./forgeries.js";
import type { ProbeCase } from "./probe-case.js";
import { RAW_BODY_FIX, rawBodyVariants, type RawBodyVariant } from "./raw-body.js";

export interface ProbeCaseOptions {
  fixtures: readonly Fixture[];
  url: string;
  secret: string | undefined;
  now: Date;
  /** The timestamp tolerance the handler is expected to enforce (schemes that sign a timestamp). */
  toleranceMs: number;
  /** How long a handler may take where the provider documents no timeout of its own (--timeout). */
  timeoutMs?: number;
  /** Headers and option values every delivery carries (the project's settings for the provider). */
  settings?: Pick<PrepareOptions, "headers" | "options">;
}

/** The checks, and what probe could not check for this provider (said under the report). */
export interface ProbePlan {
  cases: ProbeCase[];
  notes: string[];
}

/** What the provider does when a genuine delivery is not acknowledged. */
function providerReaction(provider: Provider): string {
  const retry = provider.retry;
  if (!retry.documented || retry.delaysMs.length === 0) return `${provider.displayName} counts it as not delivered; ${retry.afterLastFailure}`;
  return `${provider.displayName} counts it as not delivered and retries (${retry.summary}); then ${retry.afterLastFailure}`;
}

/**
 * The checks `whk probe` runs against a merchant's handler: each event's genuine delivery must be
 * acknowledged, also written in ways a parse and re-serialise does not give back, and within the
 * provider's documented timeout; forgeries must be rejected. Which forgeries follow from what the
 * provider's scheme covers (a timestamp: a stale one; a path: another path), from the provider's
 * idempotency key (a redelivery) and its probe hints (a changed amount under an old field signature).
 */
export function buildProbeCases(options: ProbeCaseOptions): ProbePlan {
  const first = options.fixtures[0];
  if (!first) return { cases: [], notes: [] };
  const provider = getProvider(first.provider);
  const notes: string[] = [];
  const sign = (request: WebhookRequest, secret = options.secret, now = options.now) =>
    signRequest(request, { provider, now, ...(secret !== undefined ? { secret } : {}) });
  const fresh = (fixture: Fixture, url = options.url) => prepareFixtureRequest({ ...options.settings, fixture, url });
  const base = (fixture: Fixture) => ({ provider: provider.name, fixture: fixture.id });
  // Genuine deliveries get as long as the provider waits, when its docs say; forgeries the run's timeout.
  const timeout = provider.deliveryTimeout;
  const genuineDeadline = timeout?.ms ?? options.timeoutMs;
  const genuine = () => ({ ...(genuineDeadline !== undefined ? { deadlineMs: genuineDeadline } : {}), ...(timeout !== undefined ? { ifItTimesOut: timeout.rule } : {}) });
  const cases: ProbeCase[] = [];

  for (const fixture of options.fixtures) {
    const unsigned = fresh(fixture);
    const request = sign(unsigned);
    const signed = options.secret !== undefined && provider.scheme.needsSecret && provider.scheme.unsignedBecause?.(unsigned) === undefined;
    cases.push({
      ...base(fixture),
      id: `${fixture.id}/valid`,
      kind: "valid",
      title: `genuine ${fixture.title} is acknowledged (${provider.ack.summary})`,
      requests: [request],
      expect: "ack",
      ifItFails: providerReaction(provider),
      ...genuine(),
      ...(signed ? { mistakes: mistakesFor(provider, unsigned, options.secret as string, options.now), likelyCauses: likelyCauses(provider, request, options.secret as string) } : {}),
    });
  }
  if (timeout !== undefined) {
    cases.push({
      ...base(first),
      id: `${provider.name}/timeout`,
      kind: "timeout",
      title: `genuine deliveries are answered within ${formatDuration(timeout.ms)}, ${provider.displayName}'s documented timeout`,
      requests: [],
      expect: "in-time",
      ifItFails: timeout.rule,
      rule: { says: timeout.rule, url: timeout.source },
      measures: { ids: options.fixtures.map((fixture) => `${fixture.id}/valid`), withinMs: timeout.ms },
    });
  } else {
    notes.push(`${provider.displayName} documents no delivery timeout, so probe checked none${genuineDeadline !== undefined ? ` (it waited --timeout, ${formatDuration(genuineDeadline)}, for each answer)` : ""}.`);
  }

  const signedFixtures = options.fixtures.filter((f) => provider.scheme.unsignedBecause?.(fresh(f)) === undefined);
  const target = signedFixtures[0];
  if (!provider.scheme.needsSecret || !target) return { cases, notes };

  const raw = rawBodyVariants(provider, signedFixtures, (fixture) => fresh(fixture));
  for (const variant of raw.variants) {
    const request = sign(variant.request);
    cases.push({
      ...base(variant.fixture),
      id: `${variant.fixture.id}/raw-body-${variant.name}`,
      kind: "raw-body",
      title: `the same genuine ${variant.fixture.title} ${variant.how}, signed over exactly those bytes, is acknowledged`,
      requests: [request],
      expect: "ack",
      ifItFails: rawBodyDiagnosis(provider, variant, request),
      dependsOn: `${variant.fixture.id}/valid`,
      ...genuine(),
    });
  }
  if (raw.notApplicable.includes("decimals")) notes.push(`No ${provider.displayName} fixture has a JSON number (its amounts are strings), so no body with trailing zeros was sent.`);

  // What the target's signature covers decides the forgeries (a provider may sign two kinds of webhooks two ways).
  const scheme = schemeFor(provider.scheme, fresh(target));

  const forged = (kind: ProbeCase["kind"], title: string, request: WebhookRequest, ifItFails: string): ProbeCase => ({
    ...base(target), id: `${target.id}/${kind}`, kind, title, requests: [request], expect: "reject", ifItFails,
  });
  // A change the signature does not cover (an unsigned field, any byte under a static token) proves
  // nothing about the handler: that check is left out, and the provider's caveat says what is unsigned.
  const tampered = tamper(scheme, sign(fresh(target)));
  const detectable = options.secret === undefined || !scheme.verify(tampered, options.secret, { at: options.now, toleranceMs: Number.POSITIVE_INFINITY }).ok;
  if (detectable) {
    cases.push(forged("tampered-body", "a body changed after signing is rejected (4xx)", tampered,
      "an attacker who intercepts a delivery can change it (a status, an amount) and your handler applies it"));
  }
  cases.push(
    forged("wrong-secret", "a request signed with another secret is rejected (4xx)", sign(fresh(target), randomBytes(16).toString("hex")),
      "anyone who knows your URL can forge payment confirmations: your handler does not check the signature against your secret"),
    forged("missing-signature", "a request with no signature is rejected (4xx)", withoutSignature(scheme, sign(fresh(target))),
      "anyone who knows your URL can post a fake, unsigned payment confirmation and your handler accepts it"),
  );
  if (scheme.covers.timestamp) {
    const staleAt = new Date(options.now.getTime() - options.toleranceMs - 60_000);
    cases.push(forged("stale-timestamp", `a validly signed request with a signed timestamp older than ${Math.round(options.toleranceMs / 60_000)} minutes is rejected (4xx)`, sign(fresh(target), options.secret, staleAt),
      "an attacker who captured one genuine delivery can replay it later, and your handler applies it again"));
  }
  if (scheme.covers.path) {
    const wrongPath = new URL(options.url);
    wrongPath.pathname = `${wrongPath.pathname.replace(/\/$/, "")}/not-your-path`;
    const signedForOtherPath = sign(fresh(target, wrongPath.toString()));
    cases.push(forged("wrong-path", "a request signed for another path is rejected (4xx)", { ...signedForOtherPath, url: options.url },
      "a delivery signed for another endpoint (or another merchant path) is accepted here: your handler leaves the path out of the string-to-sign"));
  }
  const key = provider.idempotencyKey?.header;
  if (key !== undefined) {
    const replayed = sign(fresh(target));
    cases.push({
      ...base(target), id: `${target.id}/replay`, kind: "replay",
      title: `a redelivery with the same ${key} (${getHeader(replayed.headers, key) ?? ""}) is answered 2xx both times`,
      requests: [replayed, replayed], expect: "idempotent",
      ifItFails: `${provider.displayName} may redeliver an event with the same ${key}; an error on the duplicate makes it look undelivered, and a handler that re-applies it double-credits the payment`,
      dependsOn: `${target.id}/valid`,
      ...genuine(),
    });
  }
  const amountField = provider.probe?.amountField;
  const cheaper = amountField !== undefined && scheme.covers.body === "fields" ? changedAmount(sign(fresh(target)), amountField) : undefined;
  if (cheaper !== undefined) {
    const where = scheme.signatureIn !== undefined && "bodyField" in scheme.signatureIn ? scheme.signatureIn.bodyField : "signature";
    cases.push(forged("tampered-amount", `a changed amount with the original ${where} is rejected (4xx)`, cheaper,
      "an attacker can replay a genuine notification with a smaller amount and your handler credits it"));
  }
  return { cases, notes };
}

/**
 * Why a handler that acknowledged the compact genuine body rejects the same event written another way:
 * it signs a re-serialisation of what it parsed (key order: a serialiser that sorts keys), or, where the
 * scheme signs the same for both, it derives the signed bytes differently from the scheme. One sentence
 * per cause, whatever the rewrite, so a report says it once.
 */
function rawBodyDiagnosis(provider: Provider, variant: RawBodyVariant, signed: WebhookRequest): string {
  const { displayName } = provider;
  const scheme = schemeFor(provider.scheme, signed);
  const reserialised = { ...signed, body: Buffer.from(JSON.stringify(JSON.parse(signed.body.toString("utf8"))), "utf8") };
  if (variant.name === "key-order") {
    return `your handler verifies a re-serialised body, not the raw bytes: it sorts the keys before signing (Go's json.Marshal of a map, Python's json.dumps(sort_keys=True), PHP's ksort), so genuine deliveries in ${displayName}'s own key order are rejected. ${RAW_BODY_FIX}`;
  }
  if (scheme.preimage?.(reserialised) !== scheme.preimage?.(signed)) {
    return `your handler verifies a re-serialised body, not the raw bytes: it acknowledged the compact body, which a parse and re-serialise (JSON.stringify(req.body) after express.json(), json.dumps(request.json)) gives back unchanged, and rejected the same event written as other senders write it, which a re-serialise changes; genuine deliveries written that way are rejected in production. ${RAW_BODY_FIX}`;
  }
  return `your handler rejects the same event laid out another way, although ${displayName}'s string-to-sign is the same for both (${scheme.summary}): it derives the signed bytes from the body differently from the scheme (for SNAP: the SHA-256 of the body with the whitespace outside strings removed)`;
}
