import { z } from "zod";
import type { EventSchema } from "../event-schema.js";

// 2C2P PGW v4 backend notification (https://developer.2c2p.com/docs/api-payment-response-backend): the
// body is `{"payload": "<JWT>"}`; the JWT's claims are strings (amount "230.87", transactionDateTime
// yyyyMMddHHmmss, respCode "0000" for success). A fixture holds the claims unsigned under `payload`.

export const twoC2pPaymentClaimsSchema = z.object({
  merchantID: z.string(),
  invoiceNo: z.string(),
  cardNo: z.string(),
  amount: z.string().regex(/^\d+(\.\d+)?$/),
  currencyCode: z.string().length(3),
  tranRef: z.string(),
  referenceNo: z.string(),
  approvalCode: z.string(),
  eci: z.string(),
  transactionDateTime: z.string().regex(/^\d{14}$/),
  respCode: z.string(),
  respDesc: z.string(),
});

const compactJwt = z.string().regex(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/, "a compact JWT");

/** The backend notification: the JWT as sent, or (in a fixture, before signing) its claims. */
export const twoC2pBackendNotificationSchema = z.strictObject({ payload: z.union([compactJwt, twoC2pPaymentClaimsSchema]) });

/** 2c2p's event schemas, by the name a fixture gives in its `schema` field. */
export const twoC2pEventSchemas = {
  "2c2p.backend-notification": { provider: "2c2p", description: "The payment's backend notification: {\"payload\": \"<JWT>\"}, HS256 with the merchant secret key.", schema: twoC2pBackendNotificationSchema },
} satisfies Record<string, EventSchema>;
