import type { z } from "zod";

/** A documented event's body schema, kept in its provider's folder (`<provider>/event-schemas.ts`). */
export interface EventSchema {
  provider: string;
  description: string;
  schema: z.ZodType;
}
