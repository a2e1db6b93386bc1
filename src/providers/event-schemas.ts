import { twoC2pEventSchemas } from "./2c2p/event-schemas.js";
import { adyenEventSchemas } from "./adyen/event-schemas.js";
import { billplzEventSchemas } from "./billplz/event-schemas.js";
import { chaipayEventSchemas } from "./chaipay/event-schemas.js";
import { dokuSnapEventSchemas } from "./doku-snap/event-schemas.js";
import { dokuEventSchemas } from "./doku/event-schemas.js";
import { duitkuEventSchemas } from "./duitku/event-schemas.js";
import type { EventSchema } from "./event-schema.js";
import { fazzEventSchemas } from "./fazz/event-schemas.js";
import { midtransEventSchemas } from "./midtrans/event-schemas.js";
import { hitpayEventSchemas } from "./hitpay/event-schemas.js";
import { ipay88EventSchemas } from "./ipay88/event-schemas.js";
import { paycombatEventSchemas } from "./paycombat/event-schemas.js";
import { paymongoEventSchemas } from "./paymongo/event-schemas.js";
import { razorpayEventSchemas } from "./razorpay/event-schemas.js";
import { singleviewEventSchemas } from "./singleview/event-schemas.js";
import { stripeEventSchemas } from "./stripe/event-schemas.js";
import { topremitEventSchemas } from "./topremit/event-schemas.js";
import { tripayEventSchemas } from "./tripay/event-schemas.js";
import { xenditEventSchemas } from "./xendit/event-schemas.js";

export * from "./2c2p/event-schemas.js";
export * from "./adyen/event-schemas.js";
export * from "./billplz/event-schemas.js";
export * from "./chaipay/event-schemas.js";
export * from "./doku-snap/event-schemas.js";
export * from "./doku/event-schemas.js";
export * from "./duitku/event-schemas.js";
export * from "./fazz/event-schemas.js";
export * from "./midtrans/event-schemas.js";
export * from "./hitpay/event-schemas.js";
export * from "./ipay88/event-schemas.js";
export * from "./paycombat/event-schemas.js";
export * from "./paymongo/event-schemas.js";
export * from "./razorpay/event-schemas.js";
export * from "./singleview/event-schemas.js";
export * from "./stripe/event-schemas.js";
export * from "./topremit/event-schemas.js";
export * from "./tripay/event-schemas.js";
export * from "./xendit/event-schemas.js";
export type { EventSchema } from "./event-schema.js";

/**
 * Every bundled provider's event schemas (zod), by the name a fixture gives in its `schema` field
 * (`<provider>.<shape>`). Loaded only by the library and the tests: `whk verify` checks bodies against
 * their generated JSON Schema form (event-schemas.json, `npm run schemas`), never loading zod.
 */
export const eventSchemas: Record<string, EventSchema> = {
  ...paycombatEventSchemas,
  ...fazzEventSchemas,
  ...topremitEventSchemas,
  ...singleviewEventSchemas,
  ...chaipayEventSchemas,
  ...midtransEventSchemas,
  ...xenditEventSchemas,
  ...dokuEventSchemas,
  ...dokuSnapEventSchemas,
  ...tripayEventSchemas,
  ...duitkuEventSchemas,
  ...paymongoEventSchemas,
  ...hitpayEventSchemas,
  ...billplzEventSchemas,
  ...ipay88EventSchemas,
  ...twoC2pEventSchemas,
  ...adyenEventSchemas,
  ...stripeEventSchemas,
  ...razorpayEventSchemas,
};
