import { z } from "zod";
import type { EventSchema } from "../event-schema.js";

// Adyen standard webhooks (https://docs.adyen.com/development-resources/webhooks/webhook-types): a batch
// whose `live` is the string "true"/"false"; each NotificationRequestItem has amount {value (minor
// units), currency}, `success` as the string "true"/"false", and additionalData.hmacSignature.

const notificationRequestItem = z.object({
  additionalData: z.object({ hmacSignature: z.string() }).catchall(z.string()),
  amount: z.object({ value: z.number().int(), currency: z.string().length(3) }),
  pspReference: z.string(),
  originalReference: z.string().optional(),
  eventCode: z.string(),
  eventDate: z.string(),
  merchantAccountCode: z.string(),
  merchantReference: z.string(),
  operations: z.array(z.string()).optional(),
  paymentMethod: z.string().optional(),
  reason: z.string().optional(),
  success: z.enum(["true", "false"]),
});

export const adyenNotificationSchema = z.object({
  live: z.enum(["true", "false"]),
  notificationItems: z.array(z.object({ NotificationRequestItem: notificationRequestItem })),
});

/** adyen's event schemas, by the name a fixture gives in its `schema` field. */
export const adyenEventSchemas = {
  "adyen.notification": { provider: "adyen", description: "A standard webhook batch (AUTHORISATION, REFUND ...), each item signed with additionalData.hmacSignature.", schema: adyenNotificationSchema },
} satisfies Record<string, EventSchema>;
