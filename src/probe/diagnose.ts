import { bodyKindOf } from "../primitives/body-text.js";
import { relayoutJson, sortedKeysJson } from "../primitives/json-rewrites.js";
import { relativeUrl } from "../primitives/url-parts.js";
import type { WebhookRequest } from "../primitives/webhook-request.js";
import { WhkInputError } from "../primitives/errors.js";
import type { Provider } from "../providers/provider.js";
import { schemeFor, type SignatureScheme, type SignedMistake } from "../schemes/scheme.js";
import { RAW_BODY_FIX } from "./raw-body.js";

/** Whether the request carries the secret itself (a static token): then no variant of it may go on the wire. */
export const carriesSecret = (request: WebhookRequest, secret: string): boolean => Object.values(request.headers).some((value) => value.includes(secret));

/**
 * The mistakes whk tries, in order, when a handler rejects a genuine delivery: the scheme's own (the
 * signed path as frameworks spell it, fields in another order...), then the body as a handler that
 * re-serialises it would sign it, then the secret as a handler misreads it. Each is the same delivery
 * (same body and ids), signed that way; duplicates of the genuine one or of each other are left out.
 */
export function mistakesFor(provider: Provider, unsigned: WebhookRequest, secret: string, now: Date): SignedMistake[] {
  // The scheme this kind of webhook is signed with, where a provider signs two kinds two ways.
  const scheme = schemeFor(provider.scheme, unsigned);
  const genuine = scheme.sign(unsigned, { secret, now });
  const all: SignedMistake[] = [...(scheme.mistakes?.(unsigned, { secret, now }) ?? [])];
  if (scheme.covers.body === "bytes" && bodyKindOf(unsigned.headers) === "json") all.push(...reserialisedBodies(scheme, unsigned, secret, now));
  if (!carriesSecret(genuine, secret)) all.push(...misreadSecrets(scheme, unsigned, secret, now));
  // Two requests the scheme signs alike (SNAP minifies two layouts to one) with the same headers test the
  // same thing; where the signature travels in the body, the body itself tells two signatures apart.
  const inBody = scheme.signatureIn !== undefined && "bodyField" in scheme.signatureIn;
  const keyOf = (request: WebhookRequest): string => `${request.url}\n${JSON.stringify(request.headers)}\n${(inBody ? undefined : scheme.preimage?.(request)) ?? request.body.toString("base64")}`;
  const seen = new Set([keyOf(genuine)]);
  return all.filter((mistake) => {
    const key = keyOf(mistake.request);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * The body as a handler that parses and re-serialises it would produce it: Python's json.dumps (", " and
 * ": "), sorted keys (Go's json.Marshal of a map), both. Sent signed over those very bytes: a handler
 * that accepts one while rejecting the compact genuine body signs its own re-serialisation.
 */
function reserialisedBodies(scheme: SignatureScheme, unsigned: WebhookRequest, secret: string, now: Date): SignedMistake[] {
  let parsed: unknown;
  const text = unsigned.body.toString("utf8");
  try {
    parsed = JSON.parse(text);
  } catch {
    return [];
  }
  const sorted = sortedKeysJson(parsed);
  const bodies: [string, string][] = [
    [relayoutJson(text, undefined, true), "json.dumps(request.json) (Python's default separators \", \" and \": \")"],
    [sorted, "a re-serialisation with sorted keys (Go's json.Marshal of a map, PHP's ksort, canonical JSON)"],
    [relayoutJson(sorted, undefined, true), "json.dumps(data, sort_keys=True)"],
  ];
  // A scheme that normalises the body (SNAP minifies it) signs some of these the same: nothing to learn from those.
  const signedAsIs = scheme.preimage?.(scheme.sign(unsigned, { secret, now }));
  return bodies.flatMap(([body, how]) => {
    const request = scheme.sign({ ...unsigned, body: Buffer.from(body, "utf8") }, { secret, now });
    if (signedAsIs !== undefined && scheme.preimage?.(request) === signedAsIs) return [];
    return [{ cause: "body-reformatted", handlerDoes: `it verifies a re-serialised body, not the raw bytes: it signs ${how}, which matches only when the sender wrote the body exactly that way. ${RAW_BODY_FIX}`, request }];
  });
}

/** The secret as a handler reads it wrong: with the newline a file ends with, or the quotes of a .env line. */
function misreadSecrets(scheme: SignatureScheme, unsigned: WebhookRequest, secret: string, now: Date): SignedMistake[] {
  const readings: [string, string][] = [
    [`${secret}\n`, "its secret ends with a newline (read from a file or a secret store without trimming): trim it"],
    [`${secret}\r\n`, "its secret ends with CRLF (a file saved on Windows): trim it"],
    [`"${secret}"`, "its secret keeps the quotes around it (a .env line or a YAML value read raw): drop them"],
  ];
  // A scheme that decodes its key (a hex key) refuses a misread one outright: that reading is no mistake to try.
  return readings.flatMap(([misread, handlerDoes]) => {
    let request: WebhookRequest;
    try {
      request = scheme.sign(unsigned, { secret: misread, now });
    } catch (error) {
      if (error instanceof WhkInputError) return [];
      throw error;
    }
    return [{ cause: "secret-whitespace", handlerDoes: `it signs with the wrong key: ${handlerDoes}`, request }];
  });
}

/**
 * What to check when a genuine delivery is rejected and no mistake whk tried explains it, most likely
 * first: the secret (or token), the raw body or the signed fields, where the signature travels, the
 * signed path, the signed timestamp. Only what the provider's scheme covers.
 */
export function likelyCauses(provider: Provider, genuine: WebhookRequest, secret: string): string[] {
  const { displayName } = provider;
  const scheme = schemeFor(provider.scheme, genuine);
  const causes: string[] = [];
  const where = scheme.signatureIn;
  if (carriesSecret(genuine, secret)) {
    causes.push(`the token: your handler compares ${where !== undefined && "header" in where ? where.header : "it"} with another value than the one whk sent (configure the token ${displayName} shows for this environment, whole: no stray newline or quotes)`);
  } else {
    causes.push(`the secret: your handler is not configured with the one whk signed with (the same environment's, whole: no stray newline or quotes, not decoded)`);
  }
  if (scheme.covers.body === "bytes") causes.push(`the raw body: ${displayName} signs the body's exact bytes (${scheme.summary}). ${RAW_BODY_FIX}`);
  if (scheme.covers.body === "fields") causes.push(`the signed fields: the ones the scheme names, in its order, each value exactly as received (${scheme.summary})`);
  if (where !== undefined && "header" in where) {
    causes.push(`the header: the signature travels in ${where.header}; read it whatever its case (some frameworks rename headers, e.g. Django's request.META["HTTP_${where.header.toUpperCase().replace(/-/g, "_")}"])`);
  } else if (where !== undefined) {
    causes.push(`the field: the signature travels in the body field ${where.bodyField}, left out of what is signed`);
  }
  if (scheme.covers.path) causes.push(`the path: ${displayName} signs the path and query the delivery is sent to (${relativeUrl(genuine.url)}); behind a proxy or in a mounted router your handler sees another one (whk tried the usual ones)`);
  if (scheme.covers.timestamp) causes.push("the timestamp: it is signed exactly as sent; a handler that re-formats it before signing, or whose clock is off by more than its window, rejects genuine deliveries");
  return causes;
}
