import { z } from "zod";
import type { EventSchema } from "../event-schema.js";

// Duitku's callback is a form (application/x-www-form-urlencoded): every field is a string. The field list
// is the official SDK's Config::$callbackParams; resultCode "00" success, "01" failed.
// Docs: https://docs.duitku.com/api/en/ (Callback), https://github.com/duitkupg/duitku-php

/** The payment callback, success or failure. */
export const duitkuCallbackSchema = z.object({
  merchantCode: z.string().min(1),
  amount: z.string().regex(/^\d+$/, "the amount is an integer string"),
  merchantOrderId: z.string().min(1),
  productDetail: z.string().optional(),
  additionalParam: z.string().optional(),
  paymentCode: z.string().optional(),
  resultCode: z.enum(["00", "01"]),
  merchantUserId: z.string().optional(),
  reference: z.string(),
  signature: z.string().regex(/^[0-9a-f]{32}$/, "signature is 32 lowercase hex characters (MD5)"),
  publisherOrderId: z.string().optional(),
  spUserHash: z.string().optional(),
  settlementDate: z.string().optional(),
  issuerCode: z.string().optional(),
});

/** duitku's event schemas, by the name a fixture gives in its `schema` field. */
export const duitkuEventSchemas = {
  "duitku.callback": { provider: "duitku", description: "Payment callback form (resultCode 00 success, 01 failed).", schema: duitkuCallbackSchema },
} satisfies Record<string, EventSchema>;
