import { bytesEqual, hmac } from "../../primitives/hmac.js";
import type { WebhookRequest } from "../../primitives/webhook-request.js";
import type { Attempt } from "../../schemes/explanation.js";
import { hexKey } from "./hmac-key.js";
import { notificationItems, SIGNED_NAMES, signingString } from "./notification-items.js";

interface Change {
  cause: Attempt["cause"];
  summary: string;
  values?(values: readonly string[]): string[] | undefined;
  key?(secret: string): Buffer | string | undefined;
}

const at = (name: (typeof SIGNED_NAMES)[number]): number => SIGNED_NAMES.indexOf(name);

/** The mistakes met in Adyen HMAC integrations, each one change away from the documented computation. */
const CHANGES: readonly Change[] = [
  { cause: "secret-encoding", summary: "the signature matches with the HMAC key used as text, not hex-decoded: the signer passed the hex string itself as the key", key: (secret) => secret },
  {
    cause: "field-format",
    summary: "the signature matches with the amount written in major units (11.30, not 1130): Adyen signs amount.value in minor units, as sent",
    values: (values) => {
      const minor = values[at("amount.value")] ?? "";
      return /^-?\d+$/.test(minor) ? values.map((v, i) => (i === at("amount.value") ? (Number(minor) / 100).toFixed(2) : v)) : undefined;
    },
  },
  { cause: "field-format", summary: 'the signature matches with the empty originalReference written "null": a serialiser wrote the missing field as null', values: (values) => (values[at("originalReference")] === "" ? values.map((v, i) => (i === at("originalReference") ? "null" : v)) : undefined) },
  {
    cause: "field-encoding",
    summary: 'the signature matches with ":" and "\\" escaped in the values: the signer used the escaping of Adyen\'s other webhook families, where standard notifications escape nothing',
    values: (values) => (values.some((v) => /[:\\]/.test(v)) ? values.map((v) => v.replace(/\\/g, "\\\\").replace(/:/g, "\\:")) : undefined),
  },
];

/** Per item, so a batch whose second item was signed differently is explained by that item. */
export function* adyenVariants(request: WebhookRequest): Generator<Attempt> {
  for (const item of notificationItems(request) ?? []) {
    if (item.signature === undefined) continue;
    const given = Buffer.from(item.signature, "base64");
    for (const change of CHANGES) {
      const values = change.values ? change.values(item.values) : item.values;
      if (values === undefined) continue;
      yield {
        cause: change.cause,
        summary: `item ${item.index + 1}: ${change.summary}`,
        evidence: [`signed string: ${signingString(values)}`, `documented: ${signingString(item.values)}`],
        matches: (secret) => matchesWith(values, change.key?.(secret) ?? hexKey(secret), given),
      };
    }
  }
}

function matchesWith(values: readonly string[], key: Buffer | string | undefined, given: Buffer): boolean {
  return key !== undefined && bytesEqual(hmac("sha256", key, signingString(values)), given);
}
