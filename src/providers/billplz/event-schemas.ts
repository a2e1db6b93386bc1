import { z } from "zod";
import type { EventSchema } from "../event-schema.js";

// Billplz callback (https://www.billplz.com/api#callback-url): a form, so every value is a string;
// amounts in sen ("100"), `paid` "true"/"false", `paid_at` like "2018-09-27 15:15:09 +0800".

export const billplzBillCallbackSchema = z.object({
  id: z.string(),
  collection_id: z.string(),
  paid: z.enum(["true", "false"]),
  state: z.enum(["due", "paid", "deleted"]),
  amount: z.string().regex(/^\d+$/),
  paid_amount: z.string().regex(/^\d+$/),
  due_at: z.string(),
  email: z.string(),
  mobile: z.string(),
  name: z.string(),
  url: z.string(),
  paid_at: z.string(),
  x_signature: z.string(),
});

/** billplz's event schemas, by the name a fixture gives in its `schema` field. */
export const billplzEventSchemas = {
  "billplz.bill-callback": { provider: "billplz", description: "A bill's callback (paid or not), a form signed with x_signature.", schema: billplzBillCallbackSchema },
} satisfies Record<string, EventSchema>;
