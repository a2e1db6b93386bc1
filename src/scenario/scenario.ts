import type { Provenance } from "../fixtures/fixture.js";

/**
 * A scenario: a named list of steps, each a fixture plus overrides, delivered in order as one payment's
 * lifecycle (pending, then settlement; a payment, then its refund). Plain types, so running one needs
 * no zod; `scenario-file-schema.ts` is the file format's source of truth and `check-scenario.ts` holds
 * every file to it.
 */

/** Where a step's body comes from, when it is more than its fixture (a status changed, ids carried over). */
export interface StepProvenance {
  method: Provenance["method"];
  notes: string;
}

export interface ScenarioStep {
  /** Unique in its scenario: what references (`${steps.<name>.body.id}`), `--duplicate` and `--reorder` name. */
  name: string;
  /** A fixture id (`whk list`): the step renders it with fresh ids, then applies `set` and `headers`. */
  fixture: string;
  /**
   * Body fields to set, by dotted path (a form field by name), to JSON values. Strings may hold
   * references to an earlier step: `"${steps.paid.body.order_id}"` alone takes that field's value and
   * type; inside other text it is spliced in as text.
   */
  set?: Readonly<Record<string, unknown>> | undefined;
  /** Headers to set (references allowed), applied after the provider's own. */
  headers?: Readonly<Record<string, string>> | undefined;
  /** How long to wait before delivering this step: "500ms", "2s", "1m". */
  wait?: string | undefined;
  provenance?: StepProvenance | undefined;
}

/** Which documentation describes the lifecycle a scenario plays. */
export interface ScenarioProvenance {
  source: string;
  url?: string | undefined;
  notes: string;
}

/** A scenario file as written: `fixtures/<provider>/<name>.scenario.json`, or any `*.scenario.json` in a project's fixture folders. */
export interface ScenarioFile {
  $schema?: string | undefined;
  /** Bundled: `<provider>-<file name>`; a project's: any lower-case words joined by dashes. */
  name: string;
  title: string;
  description?: string | undefined;
  provenance?: ScenarioProvenance | undefined;
  steps: ScenarioStep[];
}

/** A scenario read and checked: its file's contents, the provider its steps share and where it came from. */
export interface Scenario extends Omit<ScenarioFile, "$schema"> {
  provider: string;
  /** The file, as shown to the user (relative to the working directory for a project's). */
  file: string;
  bundled: boolean;
}
