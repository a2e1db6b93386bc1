import { randomBytes } from "node:crypto";
import type { Fixture } from "../fixtures/fixture.js";
import { getHeader } from "../primitives/headers.js";
import { writeJsonText } from "../primitives/json-text.js";
import { prepareFixtureRequest } from "../fixtures/prepare-fixture-request.js";
import { signRequest } from "../sign/sign-request.js";
import type { WebhookRequest } from "../primitives/webhook-request.js";
import { providers } from "../providers/index.js";
import type { Provider } from "../providers/provider.js";
import type { ProbeCase } from "./probe-case.js";

export interface ProbeCaseOptions {
  fixtures: readonly Fixture[];
  url: string;
  secret: string | undefined;
  now: Date;
  /** Topremit's timestamp tolerance the handler is expected to enforce. */
  toleranceMs: number;
}

/** What the provider does when a genuine delivery is not acknowledged. */
function providerReaction(provider: Provider): string {
  const retry = provider.retry;
  if (!retry.documented || retry.delaysMs.length === 0) return `${provider.displayName} counts it as not delivered; ${retry.afterLastFailure}`;
  return `${provider.displayName} counts it as not delivered and retries (${retry.summary}); then ${retry.afterLastFailure}`;
}

/** Changes the first character of the body's `status` value (a field every signed scheme covers). */
function tamper(request: WebhookRequest): WebhookRequest {
  const text = request.body.toString("utf8");
  const at = text.indexOf('"status":"');
  if (at < 0) return { ...request, body: Buffer.concat([request.body, Buffer.from(" ")]) };
  const index = at + '"status":"'.length;
  const flipped = String.fromCharCode(text.charCodeAt(index) ^ 0x01);
  return { ...request, body: Buffer.from(text.slice(0, index) + flipped + text.slice(index + 1), "utf8") };
}

function withoutSignature(provider: Provider, request: WebhookRequest): WebhookRequest {
  const where = provider.scheme.signatureIn;
  if (where === undefined) return request;
  if ("bodyField" in where) {
    const body = request.body.toString("utf8").replace(new RegExp(`,?"${where.bodyField}":"[^"]*"`), "");
    return { ...request, body: Buffer.from(body, "utf8") };
  }
  const wanted = where.header.toLowerCase();
  return { ...request, headers: Object.fromEntries(Object.entries(request.headers).filter(([name]) => name.toLowerCase() !== wanted)) };
}

/**
 * The checks `whk probe` runs against a merchant's handler: each event's genuine delivery must be
 * acknowledged; forgeries (tampered, wrong secret, unsigned, stale, wrong path) must be rejected.
 */
export function buildProbeCases(options: ProbeCaseOptions): ProbeCase[] {
  const cases: ProbeCase[] = [];
  const first = options.fixtures[0];
  if (!first) return cases;
  const provider = providers[first.provider];
  const sign = (request: WebhookRequest, secret = options.secret, now = options.now) =>
    signRequest(request, { provider, now, ...(secret !== undefined ? { secret } : {}) });
  const fresh = (fixture: Fixture, url = options.url) => prepareFixtureRequest({ fixture, url });
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

  const forged = (kind: ProbeCase["kind"], title: string, request: WebhookRequest, ifItFails: string): ProbeCase => ({
    ...base(target), id: `${target.id}/${kind}`, kind, title, requests: [request], expect: "reject", ifItFails,
  });
  cases.push(
    forged("tampered-body", "a body changed after signing is rejected (4xx)", tamper(sign(fresh(target))),
      "an attacker who intercepts a delivery can change it (a status, an amount) and your handler applies it"),
    forged("wrong-secret", "a request signed with another secret is rejected (4xx)", sign(fresh(target), randomBytes(16).toString("hex")),
      "anyone who knows your URL can forge payment confirmations: your handler does not check the signature against your secret"),
    forged("missing-signature", "a request with no signature is rejected (4xx)", withoutSignature(provider, sign(fresh(target))),
      "anyone who knows your URL can post a fake, unsigned payment confirmation and your handler accepts it"),
  );
  if (provider.name === "topremit") {
    const staleAt = new Date(options.now.getTime() - options.toleranceMs - 60_000);
    const wrongPath = new URL(options.url);
    wrongPath.pathname = `${wrongPath.pathname.replace(/\/$/, "")}/not-your-path`;
    const signedForOtherPath = sign(fresh(target, wrongPath.toString()));
    const replayed = sign(fresh(target));
    cases.push(
      forged("stale-timestamp", `a validly signed request with an X-TIMESTAMP older than ${Math.round(options.toleranceMs / 60_000)} minutes is rejected (4xx)`, sign(fresh(target), options.secret, staleAt),
        "an attacker who captured one genuine delivery can replay it later, and your handler applies it again"),
      forged("wrong-path", "a request signed for another path is rejected (4xx)", { ...signedForOtherPath, url: options.url },
        "a delivery signed for another endpoint (or another merchant path) is accepted here: your handler leaves the path out of the string-to-sign"),
      {
        ...base(target), id: `${target.id}/replay`, kind: "replay",
        title: `a redelivery with the same X-EXTERNAL-ID (${getHeader(replayed.headers, "X-EXTERNAL-ID") ?? ""}) is answered 2xx both times`,
        requests: [replayed, replayed], expect: "idempotent",
        ifItFails: "Topremit may redeliver an event with the same X-EXTERNAL-ID; an error on the duplicate makes it look undelivered, and a handler that re-applies it double-credits the payment",
      },
    );
  }
  if (provider.name === "chaipay") {
    const genuine = sign(fresh(target));
    const text = genuine.body.toString("utf8");
    const amount = Number(JSON.parse(text).amount ?? 0);
    const cheaper = writeJsonText(text, ["amount"], String(Math.max(1, Math.floor(amount / 100))));
    cases.push(forged("tampered-amount", "a changed amount with the original signature_hash is rejected (4xx)", { ...genuine, body: Buffer.from(cheaper, "utf8") },
      "an attacker can replay a genuine notification with a smaller amount and your handler credits it"));
  }
  return cases;
}
