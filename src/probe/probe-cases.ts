import { randomBytes } from "node:crypto";
import type { Fixture } from "../fixtures/fixture.js";
import { prepareFixtureRequest, type PrepareOptions } from "../fixtures/prepare-fixture-request.js";
import { getHeader } from "../primitives/headers.js";
import type { WebhookRequest } from "../primitives/webhook-request.js";
import { getProvider } from "../providers/index.js";
import type { Provider } from "../providers/provider.js";
import { schemeFor } from "../schemes/scheme.js";
import { signRequest } from "../sign/sign-request.js";
import { changedAmount, tamper, withoutSignature } from "./forgeries.js";
import type { ProbeCase } from "./probe-case.js";

export interface ProbeCaseOptions {
  fixtures: readonly Fixture[];
  url: string;
  secret: string | undefined;
  now: Date;
  /** The timestamp tolerance the handler is expected to enforce (schemes that sign a timestamp). */
  toleranceMs: number;
  /** Headers and option values every delivery carries (the project's settings for the provider). */
  settings?: Pick<PrepareOptions, "headers" | "options">;
}

/** What the provider does when a genuine delivery is not acknowledged. */
function providerReaction(provider: Provider): string {
  const retry = provider.retry;
  if (!retry.documented || retry.delaysMs.length === 0) return `${provider.displayName} counts it as not delivered; ${retry.afterLastFailure}`;
  return `${provider.displayName} counts it as not delivered and retries (${retry.summary}); then ${retry.afterLastFailure}`;
}

/**
 * The checks `whk probe` runs against a merchant's handler: each event's genuine delivery must be
 * acknowledged; forgeries must be rejected. Which forgeries follow from what the provider's scheme
 * covers (a timestamp: a stale one; a path: another path), from the provider's idempotency key (a
 * redelivery) and its probe hints (a changed amount under an old field signature).
 */
export function buildProbeCases(options: ProbeCaseOptions): ProbeCase[] {
  const cases: ProbeCase[] = [];
  const first = options.fixtures[0];
  if (!first) return cases;
  const provider = getProvider(first.provider);
  const sign = (request: WebhookRequest, secret = options.secret, now = options.now) =>
    signRequest(request, { provider, now, ...(secret !== undefined ? { secret } : {}) });
  const fresh = (fixture: Fixture, url = options.url) => prepareFixtureRequest({ ...options.settings, fixture, url });
  const base = (fixture: Fixture) => ({ provider: provider.name, fixture: fixture.id });

  for (const fixture of options.fixtures) {
    cases.push({
      ...base(fixture),
      id: `${fixture.id}/valid`,
      kind: "valid",
      title: `genuine ${fixture.title} is acknowledged (${provider.ack.summary})`,
      requests: [sign(fresh(fixture))],
      expect: "ack",
      ifItFails: providerReaction(provider),
    });
  }
  const signed = options.fixtures.filter((f) => provider.scheme.unsignedBecause?.(fresh(f)) === undefined);
  const target = signed[0];
  if (!provider.scheme.needsSecret || !target) return cases;
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
    });
  }
  const amountField = provider.probe?.amountField;
  const cheaper = amountField !== undefined && scheme.covers.body === "fields" ? changedAmount(sign(fresh(target)), amountField) : undefined;
  if (cheaper !== undefined) {
    const where = scheme.signatureIn !== undefined && "bodyField" in scheme.signatureIn ? scheme.signatureIn.bodyField : "signature";
    cases.push(forged("tampered-amount", `a changed amount with the original ${where} is rejected (4xx)`, cheaper,
      "an attacker can replay a genuine notification with a smaller amount and your handler credits it"));
  }
  return cases;
}
