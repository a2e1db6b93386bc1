import { minifyJson } from "../../primitives/minify-json.js";
import type { WebhookRequest } from "../../primitives/webhook-request.js";
import { providers } from "../../providers/index.js";
import type { ProviderName } from "../../providers/provider-name.js";
import { snapPartsOf } from "../../schemes/snap-symmetric.js";
import { bodyVariants } from "./body-variants.js";
import { chaipayVariants } from "../../schemes/chaipay-variants.js";
import { encodingVariants } from "./encoding-variants.js";
import type { Attempt, Explanation } from "../../schemes/explanation.js";
import { secretVariants } from "./secret-variants.js";
import { signatureFacts } from "./signature-facts.js";
import { snapVariants } from "../../schemes/snap-variants.js";

export interface ExplainInput {
  request: WebhookRequest;
  provider: ProviderName;
  secrets: readonly string[];
  /** Only a signature that does not match is explained; a malformed one only by its encoding. */
  reason: "bad-signature" | "malformed-signature";
}

const EPOCH = new Date(0);

/**
 * Re-runs the provider's scheme under one controlled variation at a time (body, secret, string-to-sign
 * parts, encoding) and names the first that makes the signature match, with evidence. Pure: no I/O,
 * and no secret ever appears in the result. Undefined for a malformed signature no encoding explains.
 */
export function explainFailure(input: ExplainInput): Explanation | undefined {
  const { provider, secrets } = input;
  let tried = 0;
  for (const attempt of attemptsFor(input)) {
    tried++;
    for (const [index, secret] of secrets.entries()) {
      if (attempt.onlySecret !== undefined && attempt.onlySecret !== index) continue;
      if (!attempt.matches(secret)) continue;
      const explanation: Explanation = { cause: attempt.cause, summary: attempt.summary, evidence: attempt.evidence, tried };
      if (secrets.length > 1) explanation.secretIndex = index + 1;
      return explanation;
    }
  }
  if (input.reason === "malformed-signature") return undefined;
  const who = providers[provider].displayName;
  return {
    cause: "no-match",
    summary: `no common mistake explains it (${tried} variations tried): most likely the secret is not the one ${who} signs with, or the body's content changed after signing`,
    evidence: noMatchEvidence(input),
    tried,
  };
}

/** What to compare by hand with the sender's side: the parts the MAC was computed over. */
function noMatchEvidence({ request, provider }: ExplainInput): string[] {
  if (provider === "topremit") {
    const parts = snapPartsOf(request);
    if (!parts) return [];
    return [
      `EndpointUrl signed here: ${parts.endpointUrl} (if the sender was given a longer URL, e.g. behind a proxy that strips a prefix, verify a request file with that URL)`,
      `AccessToken: the Bearer token (${parts.accessToken.length} characters); X-TIMESTAMP: ${parts.timestamp}`,
      `body hash: sha256 of the ${minifyJson(request.body).length}-byte minified body = ${parts.bodyHash}`,
    ];
  }
  if (provider === "chaipay") return ["the signed message is the field string below; compare it with the one the sender signed"];
  return [`signed bytes: the ${request.body.length}-byte body exactly as received`];
}

function* attemptsFor({ request, provider, secrets, reason }: ExplainInput): Generator<Attempt> {
  const facts = signatureFacts[provider](request);
  const displayName = providers[provider].displayName;
  if (reason === "malformed-signature") {
    if (facts) yield* encodingVariants(facts, displayName);
    return;
  }
  const scheme = providers[provider].scheme;
  // The signature matches when the scheme says so; the clock is not the question here.
  const schemeMatches = (candidate: WebhookRequest, secret: string): boolean => {
    const check = scheme.verify(candidate, secret, { at: EPOCH, toleranceMs: Number.POSITIVE_INFINITY });
    return check.ok || check.reason === "timestamp-out-of-tolerance" || check.reason === "bad-timestamp";
  };
  if (provider !== "chaipay") {
    // Topremit minifies before hashing, so layout-only variants give its scheme the same preimage: skip those.
    const original = scheme.preimage?.(request);
    for (const variant of bodyVariants(request.body)) {
      const candidate = { ...request, body: variant.body };
      if (original !== undefined && scheme.preimage?.(candidate) === original) continue;
      yield { cause: variant.cause, summary: variant.summary, evidence: variant.evidence, matches: (secret) => schemeMatches(candidate, secret) };
    }
  }
  for (const variant of secretVariants(secrets)) {
    yield { cause: variant.cause, summary: variant.summary, evidence: variant.evidence, onlySecret: variant.position, matches: () => schemeMatches(request, variant.secret) };
  }
  if (provider === "topremit") yield* snapVariants(request);
  if (provider === "chaipay") yield* chaipayVariants(request);
  if (facts) yield* encodingVariants(facts, displayName);
}
