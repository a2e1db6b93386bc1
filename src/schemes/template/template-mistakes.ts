import type { WebhookRequest } from "../../primitives/webhook-request.js";
import { handlerPathMistakes } from "../path-variants.js";
import type { SignedMistake } from "../scheme.js";
import type { MessagePart, SignatureTemplate } from "./signature-template.js";
import { keyReadings, respelledNumericFields, type MacChange } from "./template-variants.js";

export interface TemplateMistakeInput {
  template: SignatureTemplate;
  parts: readonly MessagePart[];
  /** The request as it is sent (unsigned). */
  request: WebhookRequest;
  secret: string;
  /** The request signed with the scheme re-run with one thing changed (the MAC over another candidate request, when given). */
  signWith(change: MacChange & { request?: WebhookRequest }): WebhookRequest;
}

/**
 * The usual receiver-side mistakes with a template scheme, each a delivery signed that way: the signed
 * path spelled as a framework gives it, the signed fields joined in another order, a signed number
 * formatted again, the secret turned into a key another way.
 */
export function* templateMistakes(input: TemplateMistakeInput): Generator<SignedMistake> {
  const { parts, request, signWith } = input;
  if (parts.some((part) => part.kind === "path")) {
    for (const mistake of handlerPathMistakes(request.url, "the signed path")) yield { cause: mistake.cause, handlerDoes: mistake.handlerDoes, request: signWith({ path: mistake.signed }) };
  }
  yield* fieldOrderMistakes(input);
  yield* fieldFormatMistakes(input);
  yield* keyMistakes(input);
}

/** Every other order of the signed fields (at most 4 of them; with more, each pair of neighbours swapped). */
function* fieldOrderMistakes({ parts, signWith }: TemplateMistakeInput): Generator<SignedMistake> {
  const fields = parts.flatMap((part) => (part.kind === "field" ? [part] : []));
  if (fields.length < 2) return;
  const documented = fields.map((field) => field.name);
  for (const order of otherOrders(fields)) {
    let next = 0;
    const reordered: MessagePart[] = parts.map((part) => (part.kind === "field" ? (order[next++] ?? part) : part));
    const names = order.map((field) => field.name);
    yield {
      cause: "field-order",
      handlerDoes: `it joins the signed fields as ${names.join(" + ")}, where the documented order is ${documented.join(" + ")}: concatenate them in the documented order`,
      request: signWith({ parts: reordered }),
    };
  }
}

function otherOrders<T>(items: readonly T[]): T[][] {
  if (items.length > 4) {
    return items.slice(1).map((_, i) => {
      const swapped = [...items];
      [swapped[i], swapped[i + 1]] = [swapped[i + 1] as T, swapped[i] as T];
      return swapped;
    });
  }
  const all: T[][] = [];
  const permute = (rest: readonly T[], prefix: T[]): void => {
    if (rest.length === 0) all.push(prefix);
    rest.forEach((item, i) => permute([...rest.slice(0, i), ...rest.slice(i + 1)], [...prefix, item]));
  };
  permute(items, []);
  return all.slice(1);
}

/** A signed number formatted again before signing: `10000.00` signed as `10000`, `100.5` as `100.50`. */
function* fieldFormatMistakes({ parts, request, signWith }: TemplateMistakeInput): Generator<SignedMistake> {
  for (const { name, received, spelling, request: candidate } of respelledNumericFields(parts, request)) {
    yield {
      cause: "field-format",
      handlerDoes: `it signs ${name} written "${spelling}", where the value is signed exactly as it arrives ("${received}"): a number parsed and formatted again; sign the field's text as received`,
      request: signWith({ request: candidate }),
    };
  }
}

function* keyMistakes({ template, secret, signWith }: TemplateMistakeInput): Generator<SignedMistake> {
  if (!template.algorithm.startsWith("hmac-")) return;
  const documented = template.key ?? "utf8";
  for (const reading of keyReadings(documented)) {
    const key = reading.key(secret);
    if (key === undefined) continue;
    yield {
      cause: "secret-encoding",
      handlerDoes: `it uses the secret ${reading.how} as the HMAC key, where the scheme takes it ${documented === "utf8" ? "as UTF-8 text" : `as ${documented}`}: turn the secret into the key as documented`,
      request: signWith({ key }),
    };
  }
}
