import { readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { WhkInputError } from "../primitives/errors.js";
import { headerValueBreak } from "../primitives/header-text.js";
import { collectIssues, type JsonSchema, type SchemaIssue } from "../primitives/json-schema-check.js";
import { packageRoot } from "../primitives/package-root.js";
import { parseTarget } from "../primitives/target-url.js";
import { findProvider, isProviderName, providerNames } from "../providers/index.js";
import { templateProblems } from "../schemes/template/signature-template.js";
import type { ConfigFile, ProviderEntry } from "./config-types.js";

/** The keys that define a provider of the project's own: a bundled provider's entry may not have them. */
const DEFINING_KEYS = ["signature", "displayName", "region", "ack", "retry", "docs"] as const;

/**
 * Checks a config value against the published config.schema.json (the same file editors use) and then
 * what a schema cannot say: a new provider needs a signature block, a bundled one may not redefine
 * itself, a template must be usable, targets must be URLs. The first problem is an input error naming
 * the file and the JSON path: `whk.config.json: providers.acme.signature.encoding: expected hex, ...`.
 */
export function checkConfig(value: unknown, path: string): ConfigFile {
  const name = basename(path);
  const fail = (at: string, message: string, hint = "fix it, then run `whk config` to see what whk reads"): never => {
    throw new WhkInputError("bad-config", `${name}: ${at}: ${message}`, hint);
  };
  const issues: SchemaIssue[] = [];
  collectIssues(configJsonSchema(), value, "", issues, 1);
  const first = issues[0];
  if (first !== undefined) fail(first.path, first.message);
  const config = value as ConfigFile;
  for (const [provider, entry] of Object.entries(config.providers ?? {})) checkEntry(provider, entry, (at, message, hint) => fail(`providers.${provider}${at}`, message, hint));
  return config;
}

type Fail = (at: string, message: string, hint?: string) => never;

function checkEntry(provider: string, entry: ProviderEntry, fail: Fail): void {
  const oneLine = (at: string, value: string): void => {
    const found = headerValueBreak(value);
    if (found !== undefined) fail(at, `holds ${found}: a header value must be one line of text`, "put it on one line");
  };
  if (isProviderName(provider)) {
    const defining = DEFINING_KEYS.find((key) => entry[key] !== undefined);
    if (defining !== undefined) fail(`.${defining}`, `${provider} is a bundled provider: its entry sets secret, to, headers or options only`, `to define a provider of your own, give it another name than ${provider}`);
    const declared = (findProvider(provider)?.options ?? []).map((option) => option.key);
    for (const key of Object.keys(entry.options ?? {})) {
      if (!declared.includes(key)) fail(`.options.${key}`, `${provider} has no option "${key}"`, declared.length > 0 ? `its options are ${declared.join(", ")}` : `${provider} has no options`);
    }
  } else {
    if (entry.signature === undefined) fail("", "is not a bundled provider, so it needs a \"signature\" block to define it", `bundled providers are ${providerNames.join(", ")}; see README, "Your own provider"`);
    // The format is the signature header's value: one line, as every other header value here.
    oneLine(".signature.format", entry.signature.format ?? "");
    const problem = templateProblems(entry.signature)[0];
    if (problem !== undefined) fail(`.signature.${problem.split(":")[0]}`, problem.slice(problem.indexOf(":") + 1).trim());
    if (entry.options !== undefined) fail(".options", "a provider defined here has no declared options", "use headers for values its deliveries carry");
  }
  if (entry.to !== undefined) {
    try {
      parseTarget(entry.to);
    } catch (error) {
      fail(".to", (error as Error).message);
    }
  }
  // Header values and option values (tokens, ids: most travel as headers) are one line each.
  for (const [key, values] of [["headers", entry.headers], ["options", entry.options]] as const) {
    for (const [name, value] of Object.entries(values ?? {})) oneLine(`.${key}.${name}`, value);
  }
}

let schema: JsonSchema | undefined;

/** config.schema.json, read from the package on first use (a project without a config never reads it). */
function configJsonSchema(): JsonSchema {
  return (schema ??= JSON.parse(readFileSync(join(packageRoot(), "config.schema.json"), "utf8")) as JsonSchema);
}
