import { z } from "zod";
import type { EventSchema } from "../event-schema.js";

// Stripe's Event object (https://docs.stripe.com/api/events/object): the resource is under
// `data.object`; amounts are integers in the currency's minor unit; times are Unix seconds.

const eventEnvelope = <T extends z.ZodType>(type: z.ZodType<string>, object: T) =>
  z.object({
    id: z.string().startsWith("evt_"),
    object: z.literal("event"),
    api_version: z.string().nullable(),
    created: z.number().int(),
    data: z.object({ object }),
    livemode: z.boolean(),
    pending_webhooks: z.number().int(),
    request: z.object({ id: z.string().nullable(), idempotency_key: z.string().nullable() }).nullable(),
    type,
  });

/** payment_intent.* (https://docs.stripe.com/api/payment_intents/object). */
export const stripePaymentIntentEventSchema = eventEnvelope(
  z.string().startsWith("payment_intent."),
  z.object({
    id: z.string().startsWith("pi_"),
    object: z.literal("payment_intent"),
    amount: z.number().int(),
    amount_received: z.number().int(),
    currency: z.string().length(3),
    status: z.enum(["requires_payment_method", "requires_confirmation", "requires_action", "processing", "requires_capture", "canceled", "succeeded"]),
    livemode: z.boolean(),
    metadata: z.record(z.string(), z.string()),
  }),
);

/** checkout.session.* (https://docs.stripe.com/api/checkout/sessions/object). */
export const stripeCheckoutSessionEventSchema = eventEnvelope(
  z.string().startsWith("checkout.session."),
  z.object({
    id: z.string().startsWith("cs_"),
    object: z.literal("checkout.session"),
    amount_total: z.number().int().nullable(),
    currency: z.string().length(3).nullable(),
    mode: z.enum(["payment", "setup", "subscription"]),
    payment_status: z.enum(["paid", "unpaid", "no_payment_required"]),
    status: z.enum(["open", "complete", "expired"]).nullable(),
    livemode: z.boolean(),
  }),
);

/** charge.* (https://docs.stripe.com/api/charges/object): a refund names its PaymentIntent. */
export const stripeChargeEventSchema = eventEnvelope(
  z.string().startsWith("charge."),
  z.object({
    id: z.string().startsWith("ch_"),
    object: z.literal("charge"),
    amount: z.number().int(),
    amount_captured: z.number().int(),
    amount_refunded: z.number().int(),
    captured: z.boolean(),
    currency: z.string().length(3),
    livemode: z.boolean(),
    paid: z.boolean(),
    payment_intent: z.string().startsWith("pi_").nullable(),
    refunded: z.boolean(),
    status: z.enum(["succeeded", "pending", "failed"]),
    metadata: z.record(z.string(), z.string()),
  }),
);

/** stripe's event schemas, by the name a fixture gives in its `schema` field. */
export const stripeEventSchemas = {
  "stripe.payment-intent": { provider: "stripe", description: "An Event whose data.object is a PaymentIntent (payment_intent.*).", schema: stripePaymentIntentEventSchema },
  "stripe.charge": { provider: "stripe", description: "An Event whose data.object is a Charge (charge.refunded and friends).", schema: stripeChargeEventSchema },
  "stripe.checkout-session": { provider: "stripe", description: "An Event whose data.object is a Checkout Session (checkout.session.*).", schema: stripeCheckoutSessionEventSchema },
} satisfies Record<string, EventSchema>;
