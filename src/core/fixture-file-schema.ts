import { z } from "zod";
import type { Fixture } from "./fixture.js";
import { providerNames } from "../providers/provider-name.js";

const timestampFormats = ["iso-ms-z", "iso-z", "iso-offset", "iso-ms-offset", "date", "sql", "go-time"] as const;

const generated = { path: z.string().min(1), prefix: z.string().optional() };
const offset = z.string().regex(/^[+-]\d{2}:\d{2}$/);

const dynamicFieldSchema = z
  .discriminatedUnion("generate", [
    z.strictObject({ ...generated, generate: z.literal("uuid") }),
    z.strictObject({ ...generated, generate: z.literal("hex"), length: z.number().int().positive() }),
    z.strictObject({ ...generated, generate: z.literal("digits"), length: z.number().int().positive() }),
    z.strictObject({ ...generated, generate: z.literal("alnum"), length: z.number().int().positive() }),
    z.strictObject({
      path: z.string().min(1),
      generate: z.literal("timestamp"),
      format: z.enum(timestampFormats),
      offset: offset.optional(),
      zone: z.string().min(1).optional(),
      shiftSeconds: z.number().int().optional(),
    }),
    z.strictObject({ path: z.string().min(1), generate: z.literal("copy"), from: z.string().min(1) }),
  ])
  .superRefine((field, ctx) => {
    if (field.generate !== "timestamp") return;
    if (["iso-offset", "iso-ms-offset", "go-time"].includes(field.format) && field.offset === undefined) {
      ctx.addIssue({ code: "custom", message: `${field.format} needs an offset` });
    }
    if (field.format === "go-time" && field.zone === undefined) ctx.addIssue({ code: "custom", message: "go-time needs a zone" });
  });

/** The on-disk shape of `fixtures/<provider>/<event>.json`. Strict: a misspelt key is an error, not ignored. */
export const fixtureFileSchema = z.strictObject({
  id: z.string().regex(/^[a-z]+-[a-z0-9]+(-[a-z0-9]+)*$/),
  provider: z.enum(providerNames),
  event: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
  title: z.string().min(1),
  description: z.string().min(1),
  schema: z.string(),
  provenance: z.strictObject({
    method: z.enum(["verbatim", "reconstructed", "inferred"]),
    source: z.string().min(1),
    url: z.url().optional(),
    sample: z.strictObject({ file: z.string().min(1), after: z.string().min(1), wrap: z.boolean().optional() }).optional(),
    notes: z.string().min(1),
  }),
  dynamic: z.array(dynamicFieldSchema),
  body: z.string().min(2),
});

// The schema and the plain types must describe the same files: this fails to compile if they drift.
type SchemaFixture = z.infer<typeof fixtureFileSchema>;
export const schemaMatchesTypes: [SchemaFixture] extends [Fixture] ? ([Fixture] extends [SchemaFixture] ? true : false) : false = true;
