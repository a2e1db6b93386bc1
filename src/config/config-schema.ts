import { z } from "zod";
import { HEADER_NAME } from "../primitives/header-text.js";
import { TEMPLATE_ALGORITHMS, TEMPLATE_ENCODINGS, TEMPLATE_TIMESTAMPS } from "../schemes/template/signature-template.js";
import type { ConfigFile } from "./config-types.js";

/**
 * The shape of a project's whk.config.json, as zod: the source of config.schema.json (shipped at the
 * package root for editors, `npm run schemas` regenerates it). At run time whk checks configs against
 * that JSON Schema, not with zod, so a project with a config starts as fast as one without.
 * test/unit/config-schema.test.ts keeps the two in step.
 */

const secretSchema = z
  .union([z.string().min(1), z.strictObject({ env: z.string().min(1) }), z.strictObject({ file: z.string().min(1) })])
  .describe('a secret: "literal", {"env": "NAME"} or {"file": "path"}');

const headerName = z.string().regex(HEADER_NAME).describe("an HTTP header name");

const signatureSchema = z
  .strictObject({
    algorithm: z.enum(TEMPLATE_ALGORITHMS),
    key: z.union([z.enum(["utf8", "hex", "base64"]), z.templateLiteral(["base64:", z.string().min(1)])]).describe("utf8, hex, base64 or base64:<prefix>").optional(),
    message: z.string().min(1).optional(),
    encoding: z.enum(TEMPLATE_ENCODINGS).optional(),
    header: headerName.optional(),
    format: z.string().min(1).optional(),
    bodyField: z.string().min(1).optional(),
    timestamp: z.enum(TEMPLATE_TIMESTAMPS).optional(),
    timestampHeader: headerName.optional(),
    toleranceSeconds: z.number().positive().optional(),
  })
  .describe("how the provider signs: the template scheme (README, \"Your own provider\")");

const providerSchema = z.strictObject({
  secret: secretSchema.optional(),
  to: z.string().min(1).describe("the default target of send, show, sign and probe for this provider").optional(),
  headers: z.record(headerName, z.string()).describe("headers every delivery carries ({uuid}, {hex:N}, {digits:N}, {alnum:N} make fresh values)").optional(),
  options: z.record(z.string(), z.string()).describe("values for the provider's own options (whk list --provider P shows them)").optional(),
  displayName: z.string().min(1).optional(),
  region: z.string().min(1).optional(),
  signature: signatureSchema.optional(),
  ack: z.strictObject({ status: z.number().int().min(100).max(599).optional(), body: z.string().optional() }).optional(),
  retry: z.strictObject({ delaysSeconds: z.array(z.number().nonnegative()) }).optional(),
  docs: z.array(z.strictObject({ title: z.string().min(1), url: z.url() })).optional(),
});

export const configSchema = z.strictObject({
  $schema: z.string().optional(),
  fixtures: z.array(z.string().min(1)).describe("folders of your own fixtures (every *.json in them)").optional(),
  providers: z.record(z.string().regex(/^[a-z0-9][a-z0-9-]*$/).describe("a lower-case provider name"), providerSchema).optional(),
});

// The schema and the plain types whk reads configs with must describe the same files: this fails to
// compile if they drift.
type SchemaConfig = z.infer<typeof configSchema>;
export const schemaMatchesTypes: [SchemaConfig] extends [ConfigFile] ? ([ConfigFile] extends [SchemaConfig] ? true : false) : false = true;
