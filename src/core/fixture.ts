import type { ProviderName } from "../providers/provider-name.js";
import type { TimestampFormat } from "./time-format.js";

/**
 * One bundled fixture: `fixtures/<provider>/<event>.json`. Plain types, so loading fixtures needs no zod;
 * the strict file schema (fixture-file-schema.ts) is what the test suite holds every fixture file to.
 */

/** A field regenerated on every render, so two renders never collide. */
export type DynamicField =
  | { path: string; generate: "uuid"; prefix?: string | undefined }
  | { path: string; generate: "hex" | "digits" | "alnum"; length: number; prefix?: string | undefined }
  | { path: string; generate: "timestamp"; format: TimestampFormat; offset?: string | undefined; zone?: string | undefined; shiftSeconds?: number | undefined }
  | { path: string; generate: "copy"; from: string };

export interface Provenance {
  method: "verbatim" | "reconstructed" | "inferred";
  source: string;
  url?: string | undefined;
  /** Where the documented sample sits in a seed document (fixtures/sources/), for verbatim fixtures. */
  sample?: { file: string; after: string; wrap?: boolean | undefined } | undefined;
  notes: string;
}

export interface Fixture {
  id: string;
  provider: ProviderName;
  event: string;
  title: string;
  description: string;
  /** The name of its event schema in `eventSchemas`. */
  schema: string;
  provenance: Provenance;
  dynamic: DynamicField[];
  /** The byte-exact body template, before dynamic fields are regenerated. */
  body: string;
}
