import { readJsonText } from "../../primitives/json-text.js";
import type { WebhookRequest } from "../../primitives/webhook-request.js";

/**
 * Adyen's standard webhook (https://docs.adyen.com/development-resources/webhooks/secure-webhooks/verify-hmac-signatures):
 * a batch `{"live": "...", "notificationItems": [{"NotificationRequestItem": {...}}, ...]}`, each item
 * signed on its own in `additionalData.hmacSignature`. The signed string is eight values joined with
 * ":", empty ones left empty, nothing escaped:
 * pspReference:originalReference:merchantAccountCode:merchantReference:value:currency:eventCode:success.
 */
export const SIGNED_NAMES = ["pspReference", "originalReference", "merchantAccountCode", "merchantReference", "amount.value", "amount.currency", "eventCode", "success"] as const;

export interface NotificationItem {
  /** 0-based position in the batch. */
  index: number;
  /** The eight signed values, in order, as strings (a number as written in the body). */
  values: string[];
  /** The hmacSignature as received, if any. */
  signature: string | undefined;
}

/** The JSON path of an item's field, for reading and writing it in place. */
export const itemPath = (index: number, ...rest: string[]): (string | number)[] => ["notificationItems", index, "NotificationRequestItem", ...rest];

function text(body: string, path: (string | number)[]): string {
  const raw = readJsonText(body, path);
  if (raw === undefined || raw === "null") return "";
  return raw.startsWith('"') ? (JSON.parse(raw) as string) : raw;
}

/** Every notification item of the batch; undefined when the body is not such a batch. */
export function notificationItems(request: WebhookRequest): NotificationItem[] | undefined {
  const body = request.body.toString("utf8");
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined;
  }
  const list = parsed !== null && typeof parsed === "object" ? (parsed as Record<string, unknown>)["notificationItems"] : undefined;
  if (!Array.isArray(list)) return undefined;
  return list.map((_, index) => {
    const values = SIGNED_NAMES.map((name) => text(body, itemPath(index, ...name.split("."))));
    const signature = readJsonText(body, itemPath(index, "additionalData", "hmacSignature"));
    return { index, values, signature: signature?.startsWith('"') ? (JSON.parse(signature) as string) : undefined };
  });
}

/** The string an item's signature is computed over. */
export const signingString = (values: readonly string[]): string => values.join(":");
