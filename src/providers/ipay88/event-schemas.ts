import { z } from "zod";
import type { EventSchema } from "../event-schema.js";

// iPay88 BackendURL POST (OPSG Technical Spec (MT) v1.0.6, response fields): a form, every value a
// string; Amount with two decimals and thousands separators ("1,278.99"); Status "1" success, "0" fail.

export const ipay88BackendPostSchema = z.object({
  MerchantCode: z.string(),
  PaymentId: z.string(),
  RefNo: z.string(),
  Amount: z.string().regex(/^\d{1,3}(,?\d{3})*\.\d{2}$/),
  Currency: z.string().length(3),
  Remark: z.string(),
  TransId: z.string(),
  AuthCode: z.string(),
  Status: z.enum(["1", "0"]),
  ErrDesc: z.string(),
  Signature: z.string(),
});

/** ipay88's event schemas, by the name a fixture gives in its `schema` field. */
export const ipay88EventSchemas = {
  "ipay88.backend-post": { provider: "ipay88", description: "The BackendURL POST of a payment, a form signed with Signature.", schema: ipay88BackendPostSchema },
} satisfies Record<string, EventSchema>;
