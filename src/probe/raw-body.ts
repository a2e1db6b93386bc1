import type { Fixture } from "../fixtures/fixture.js";
import { bodyKindOf } from "../primitives/body-text.js";
import { escapeLikeOtherWriters, mapJsonNumbers, relayoutJson, reverseKeyOrder } from "../primitives/json-rewrites.js";
import type { WebhookRequest } from "../primitives/webhook-request.js";
import type { Provider } from "../providers/provider.js";
import { schemeFor } from "../schemes/scheme.js";

/** How to verify the raw bytes in the frameworks merchants use: said wherever probe finds a handler that does not. */
export const RAW_BODY_FIX =
  "Verify the bytes as received, before any JSON parsing: Express express.raw({ type: \"application/json\" }) (or express.json({ verify: (req, res, buf) => { req.rawBody = buf } })), Fastify the rawBody option of fastify-raw-body (or a content-type parser with parseAs: \"buffer\"), Flask request.get_data(), FastAPI await request.body()";

/** One way a provider may write a body that a parse and re-serialise does not give back. */
interface Rewrite {
  name: string;
  /** How the body is written, after "the same genuine <event>". */
  how: string;
  rewrite(text: string): string;
}

/** Every number with trailing zeros: 100 as 100.00, 10.5 as 10.50 (JSON.stringify writes them back as 100 and 10.5). */
const withTrailingZeros = (token: string): string => (/[eE]/.test(token) ? token : token.includes(".") ? `${token}${token.split(".")[1]?.length === 1 ? "0" : "00"}` : `${token}.00`);

/**
 * The re-serialisation traps real providers' bodies hold, each a layout or spelling JSON allows and
 * `JSON.stringify(JSON.parse(body))` (or any parse and re-serialise) does not give back: indentation,
 * another key order, `\/` and `\uXXXX` escapes, numbers with trailing zeros.
 */
const REWRITES: readonly Rewrite[] = [
  { name: "pretty-printed", how: "pretty-printed (2-space indentation, as many senders write it)", rewrite: (text) => relayoutJson(text, "  ") },
  { name: "key-order", how: "with its keys in another order (a sender's own field order)", rewrite: reverseKeyOrder },
  {
    name: "escapes",
    how: "with / written \\/ and characters written \\uXXXX (PHP's json_encode, Python's ensure_ascii, .NET's defaults)",
    rewrite: (text) => {
      const escaped = escapeLikeOtherWriters(text);
      // A body with no such character still has values JSON lets a writer escape: the first letter of each.
      return escaped !== text ? escaped : escapeLikeOtherWriters(text, true);
    },
  },
  { name: "decimals", how: "with its numbers written with trailing zeros (100.00, 10.50)", rewrite: (text) => mapJsonNumbers(text, withTrailingZeros).text },
];

export interface RawBodyVariant {
  name: string;
  how: string;
  fixture: Fixture;
  /** The rendered request with the rewritten body, unsigned. */
  request: WebhookRequest;
}

/**
 * For a provider that signs the body's bytes, each rewrite applied to the first of its JSON fixtures it
 * changes, and the rewrites no fixture gives a body for (a provider whose documented bodies carry no
 * JSON number cannot be sent one with trailing zeros).
 */
export function rawBodyVariants(provider: Provider, fixtures: readonly Fixture[], render: (fixture: Fixture) => WebhookRequest): { variants: RawBodyVariant[]; notApplicable: string[] } {
  // A provider may sign one kind of webhook's bytes and another's fields: what each request's scheme covers decides.
  const rendered = fixtures.map((fixture) => ({ fixture, request: render(fixture) })).filter(({ request }) => schemeFor(provider.scheme, request).covers.body === "bytes" && isJsonBody(request));
  if (rendered.length === 0) return { variants: [], notApplicable: [] };
  const variants: RawBodyVariant[] = [];
  const notApplicable: string[] = [];
  for (const rewrite of REWRITES) {
    const found = rendered.find(({ request }) => rewrite.rewrite(request.body.toString("utf8")) !== request.body.toString("utf8"));
    if (found === undefined) {
      notApplicable.push(rewrite.name);
      continue;
    }
    const body = Buffer.from(rewrite.rewrite(found.request.body.toString("utf8")), "utf8");
    variants.push({ name: rewrite.name, how: rewrite.how, fixture: found.fixture, request: { ...found.request, body } });
  }
  return { variants, notApplicable };
}

function isJsonBody(request: WebhookRequest): boolean {
  if (bodyKindOf(request.headers) !== "json") return false;
  try {
    JSON.parse(request.body.toString("utf8"));
    return true;
  } catch {
    return false;
  }
}
