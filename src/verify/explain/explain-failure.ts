import { bodyKindOf } from "../../primitives/body-text.js";
import { formatByteSize } from "../../primitives/byte-size.js";
import type { WebhookRequest } from "../../primitives/webhook-request.js";
import { getProvider } from "../../providers/index.js";
import type { Attempt, Explanation } from "../../schemes/explanation.js";
import { schemeFor } from "../../schemes/scheme.js";
import { bodyVariants } from "./body-variants.js";
import { encodingVariants } from "./encoding-variants.js";
import { secretVariants } from "./secret-variants.js";

export interface ExplainInput {
  request: WebhookRequest;
  provider: string;
  secrets: readonly string[];
  /** Only a signature that does not match is explained; a malformed one only by its encoding. */
  reason: "bad-signature" | "malformed-signature";
  /** Default EXPLAIN_BUDGET_BYTES. */
  budgetBytes?: number;
}

const EPOCH = new Date(0);

/**
 * How many bytes explain may run the scheme over, all variations and secrets together: every variation
 * hashes about the whole body again, so a body of a few hundred megabytes would otherwise take minutes
 * to explain. A webhook body of normal size gets every variation; a huge one as many as fit.
 */
export const EXPLAIN_BUDGET_BYTES = 64 * 1024 * 1024;

/**
 * Re-runs the provider's scheme under one controlled variation at a time (body, secret, the scheme's
 * own near misses, encoding) and names the first that makes the signature match, with evidence. Pure:
 * no I/O, and no secret ever appears in the result. Undefined for a malformed signature no encoding
 * explains. Nothing here knows a provider: what varies comes from the scheme (`covers`, `variants`,
 * `facts`).
 */
export function explainFailure(input: ExplainInput): Explanation | undefined {
  const { provider, secrets } = input;
  const costPerAttempt = Math.max(input.request.body.length, 1) * secrets.length;
  let tried = 0;
  let spent = 0;
  const budget = input.budgetBytes ?? EXPLAIN_BUDGET_BYTES;
  const attempts = attemptsFor(input);
  for (;;) {
    // Checked before the next variation is built: building one may copy the whole body.
    if (spent + costPerAttempt > budget) return outOfBudget(input, budget, tried);
    const next = attempts.next();
    if (next.done === true) break;
    const attempt = next.value;
    spent += costPerAttempt;
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
  const { displayName, scheme } = getProvider(provider);
  const causes = [`the secret is not the one ${displayName} signs with`];
  // A prefix a proxy strips cannot be guessed from the capture: only the URL the sender was given tells it.
  if (scheme.covers.path) causes.push("the sender signed another path than the one captured (behind a proxy or mount that strips a prefix, re-check with --url set to the URL the sender was given)");
  if (scheme.covers.body !== "none") causes.push("the body's content changed after signing");
  const listed = causes.length === 1 ? causes[0] : `${causes.slice(0, -1).join(", ")}, or ${causes.at(-1)}`;
  return {
    cause: "no-match",
    summary: `no common mistake explains it (${tried} variations tried): most likely ${listed}`,
    evidence: scheme.noMatchEvidence?.(input.request) ?? [`signed bytes: the ${input.request.body.length}-byte body exactly as received`],
    tried,
  };
}

/** A body too large to try every variation on: said plainly, with what was tried. */
function outOfBudget(input: ExplainInput, budget: number, tried: number): Explanation | undefined {
  if (input.reason === "malformed-signature") return undefined;
  const size = formatByteSize(input.request.body.length);
  return {
    cause: "no-match",
    summary: `not explained: the body is ${size}, too large to try every common mistake on (explain re-hashes at most ${formatByteSize(budget)} in all; ${tried} variation${tried === 1 ? "" : "s"} tried): check the secret, and whether the body changed after signing`,
    evidence: [`signed bytes: the ${input.request.body.length}-byte body exactly as received`],
    tried,
  };
}

function* attemptsFor({ request, provider, secrets, reason }: ExplainInput): Generator<Attempt> {
  const { scheme, displayName } = getProvider(provider);
  const facts = scheme.facts?.(request);
  if (reason === "malformed-signature") {
    // The signature may be well-formed where the scheme did not look (under another key of its header).
    if (scheme.variants) yield* scheme.variants(request);
    if (facts) yield* encodingVariants(facts, displayName);
    return;
  }
  // The signature matches when the scheme says so; the clock is not the question here.
  const schemeMatches = (candidate: WebhookRequest, secret: string): boolean => {
    const check = scheme.verify(candidate, secret, { at: EPOCH, toleranceMs: Number.POSITIVE_INFINITY });
    return check.ok || check.reason === "timestamp-out-of-tolerance" || check.reason === "bad-timestamp";
  };
  if (schemeFor(scheme, request).covers.body === "bytes") {
    // A scheme that normalises the body (SNAP minifies it) signs some variants the same: skip those.
    const original = scheme.preimage?.(request);
    for (const variant of bodyVariants(request.body, bodyKindOf(request.headers))) {
      const candidate = { ...request, body: variant.body };
      if (original !== undefined && scheme.preimage?.(candidate) === original) continue;
      yield { cause: variant.cause, summary: variant.summary, evidence: variant.evidence, matches: (secret) => schemeMatches(candidate, secret) };
    }
  }
  for (const variant of secretVariants(secrets)) {
    yield { cause: variant.cause, summary: variant.summary, evidence: variant.evidence, onlySecret: variant.position, matches: () => schemeMatches(request, variant.secret) };
  }
  if (scheme.variants) yield* scheme.variants(request);
  if (facts) yield* encodingVariants(facts, displayName);
}
