import { existsSync } from "node:fs";
import { dirname } from "node:path";
import type { ProviderEntry } from "../../../config/config-types.js";
import { describeSecretSetting } from "../../../config/secret-setting.js";
import { readUserFixtures } from "../../../fixtures/user-fixtures.js";
import { findProvider, isProviderName } from "../../../providers/index.js";
import { EXIT_OK } from "../../exit-codes.js";
import { project } from "../../shared/project.js";
import { secretVariable } from "../../shared/secret-flags.js";

export interface ConfigFlags {
  json?: boolean;
}

/** Values that look like credentials are shown by length only. */
const CREDENTIAL = /token|secret|key|password|authorization|signature/i;
const shown = (name: string, value: string): string => (CREDENTIAL.test(name) ? `<${value.length} characters, hidden>` : value);
const shownAll = (values: Record<string, string> | undefined): Record<string, string> | undefined =>
  values === undefined ? undefined : Object.fromEntries(Object.entries(values).map(([name, value]) => [name, shown(name, value)]));

interface ProviderView {
  kind: "bundled" | "defined here";
  secret: string;
  to?: string;
  headers?: Record<string, string>;
  options?: Record<string, string>;
  signature?: string;
  ack?: string;
  retries?: string;
}

function viewOf(name: string, entry: ProviderEntry, configDir: string): ProviderView {
  const provider = findProvider(name);
  const view: ProviderView = {
    kind: isProviderName(name) ? "bundled" : "defined here",
    secret: entry.secret !== undefined ? describeSecretSetting(entry.secret, configDir) : `none configured (--secret, ${secretVariable(name)}, WHK_SECRET, else the test secret whk-test-secret when signing)`,
  };
  if (entry.to !== undefined) view.to = entry.to;
  const headers = shownAll(entry.headers);
  if (headers !== undefined) view.headers = headers;
  const options = shownAll(entry.options);
  if (options !== undefined) view.options = options;
  if (!isProviderName(name) && provider !== undefined) {
    view.signature = provider.scheme.summary;
    view.ack = provider.ack.summary;
    view.retries = provider.retry.summary;
  }
  return view;
}

/** Prints what whk resolves here: never a secret's value, only where it comes from. */
export function runConfig(flags: ConfigFlags): number {
  const { file, fixtureFolders, providers } = project();
  const configDir = file !== undefined ? dirname(file) : process.cwd();
  // Each folder on its own, so a missing one is reported here rather than stopping the command.
  const folders = fixtureFolders.map((folder) => ({ folder, exists: existsSync(folder), fixtures: existsSync(folder) ? readUserFixtures([folder]).length : 0 }));
  const views = Object.fromEntries(Object.entries(providers).map(([name, entry]) => [name, viewOf(name, entry, configDir)]));
  const env = { WHK_SECRET: process.env["WHK_SECRET"] ? "set" : "not set", WHK_CONFIG: process.env["WHK_CONFIG"] ?? "not set" };
  if (flags.json) {
    process.stdout.write(`${JSON.stringify({ file: file ?? null, fixtureFolders: folders, providers: views, env }, null, 2)}\n`);
    return EXIT_OK;
  }
  const lines = [file !== undefined ? `config file: ${file}` : "config file: none (no whk.config.json, .mjs or .js from here up; `whk init` writes one)"];
  lines.push(folders.length === 0 ? "fixture folders: none" : "fixture folders:");
  for (const f of folders) lines.push(`  ${f.folder}  ${f.exists ? `${f.fixtures} fixture${f.fixtures === 1 ? "" : "s"}` : "(missing)"}`);
  lines.push(Object.keys(views).length === 0 ? "providers: no entries (bundled providers use their defaults)" : "providers:");
  for (const [name, view] of Object.entries(views)) {
    lines.push(`  ${name} (${view.kind})`);
    for (const [key, value] of Object.entries(view)) {
      if (key === "kind" || value === undefined) continue;
      lines.push(`    ${key}: ${typeof value === "string" ? value : Object.entries(value).map(([k, v]) => `${k}=${v}`).join(", ")}`);
    }
  }
  lines.push(`environment: WHK_SECRET ${env.WHK_SECRET} (overrides every configured secret)${process.env["WHK_CONFIG"] ? `, WHK_CONFIG ${env.WHK_CONFIG}` : ""}`);
  process.stdout.write(`${lines.join("\n")}\n`);
  return EXIT_OK;
}
