import { z } from "zod";
import type { ProviderName } from "../providers/provider-name.js";
import { providerNames } from "../providers/provider-name.js";

const timestampFormats = ["iso-ms-z", "iso-z", "iso-offset", "iso-ms-offset", "date", "sql", "go-time"] as const;

const dynamicFieldSchema = z.discriminatedUnion("generate", [
  z.object({ path: z.string(), generate: z.literal("uuid"), prefix: z.string().optional() }),
  z.object({ path: z.string(), generate: z.literal("hex"), length: z.number().int().positive(), prefix: z.string().optional() }),
  z.object({ path: z.string(), generate: z.literal("digits"), length: z.number().int().positive(), prefix: z.string().optional() }),
  z.object({ path: z.string(), generate: z.literal("alnum"), length: z.number().int().positive(), prefix: z.string().optional() }),
  z.object({
    path: z.string(),
    generate: z.literal("timestamp"),
    format: z.enum(timestampFormats),
    offset: z.string().optional(),
    zone: z.string().optional(),
    shiftSeconds: z.number().optional(),
  }),
  z.object({ path: z.string(), generate: z.literal("copy"), from: z.string() }),
]);

/** The on-disk shape of `fixtures/<provider>/<event>.json`. */
export const fixtureFileSchema = z.object({
  id: z.string().regex(/^[a-z]+-[a-z0-9-]+$/),
  provider: z.enum(providerNames),
  event: z.string().regex(/^[a-z0-9-]+$/),
  title: z.string(),
  description: z.string(),
  schema: z.string(),
  provenance: z.object({
    method: z.enum(["verbatim", "reconstructed", "inferred"]),
    source: z.string(),
    url: z.string().optional(),
    sample: z.object({ file: z.string(), after: z.string(), wrap: z.boolean().optional() }).optional(),
    notes: z.string(),
  }),
  dynamic: z.array(dynamicFieldSchema),
  body: z.string(),
});

export type DynamicField = z.infer<typeof dynamicFieldSchema>;

export interface Fixture {
  id: string;
  provider: ProviderName;
  event: string;
  title: string;
  description: string;
  schema: string;
  provenance: z.infer<typeof fixtureFileSchema>["provenance"];
  dynamic: DynamicField[];
  /** The byte-exact body template, before dynamic fields are regenerated. */
  body: string;
}
