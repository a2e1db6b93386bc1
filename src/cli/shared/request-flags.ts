import { WhkInputError } from "../../primitives/errors.js";
import { parseWholeNumber } from "../../primitives/whole-number.js";
import type { Fixture } from "../../fixtures/fixture.js";
import { setHeader, type Headers } from "../../primitives/headers.js";
import { assertHeaderValue, HEADER_NAME } from "../../primitives/header-text.js";
import { assertJsonText } from "../../primitives/json-text.js";
import type { FieldOverride, PrepareOptions } from "../../fixtures/prepare-fixture-request.js";
import { readStdin, readUserFile } from "../../primitives/read-input.js";
import { providerOptionValues } from "./provider-flags.js";
import { projectSettingsFor, targetFor } from "./provider-settings.js";
import type { SecretFlags } from "./secret-flags.js";

/** The flags `show` and `send` share, so both build exactly the same request. */
export interface RequestFlags extends SecretFlags {
  to?: string;
  seed?: string;
  set?: string[];
  data?: string;
  header?: string[];
  timestamp?: string;
  /** Providers' declared flags (--access-token ...), by commander's attribute name. */
  [providerFlag: string]: unknown;
}

/** `path=value` sets a string; `path:=<json>` sets a typed value (number, boolean, object...). */
export function parseSet(entries: readonly string[]): FieldOverride[] {
  return entries.map((entry) => {
    const typed = /^([^=:]+):=(.*)$/s.exec(entry);
    if (typed) {
      const [, path = "", json = ""] = typed;
      try {
        assertJsonText(json);
      } catch {
        throw new WhkInputError("bad-set", `--set ${entry}: "${json}" is not JSON`, 'use path=text for strings, path:=<json> for numbers and objects, e.g. amount:=150000');
      }
      return { path: path.trim(), json: json.trim(), given: `--set ${entry}` };
    }
    const plain = /^([^=]+)=(.*)$/s.exec(entry);
    if (!plain) throw new WhkInputError("bad-set", `--set "${entry}" has no "="`, "write --set path=value, e.g. --set data.attributes.amount=25.00");
    return { path: (plain[1] ?? "").trim(), json: JSON.stringify(plain[2] ?? ""), given: `--set ${entry}` };
  });
}

export function parseHeaderFlags(entries: readonly string[]): Headers {
  let headers: Headers = {};
  for (const entry of entries) {
    const colon = entry.indexOf(":");
    const name = entry.slice(0, colon);
    if (colon < 0 || !HEADER_NAME.test(name)) throw new WhkInputError("bad-header", `--header "${entry}" is not "Name: value"`, 'write it like --header "X-Request-Id: 42"');
    const value = entry.slice(entry[colon + 1] === " " || entry[colon + 1] === "\t" ? colon + 2 : colon + 1);
    assertHeaderValue(value, `--header "${entry}"`);
    headers = setHeader(headers, name, value);
  }
  return headers;
}

/** `--data @file`, `--data -` (stdin) or `--data '<literal body>'`. */
export function readData(spec: string): Buffer {
  if (spec === "-") return readStdin("--data");
  if (spec.startsWith("@")) return readUserFile(spec.slice(1), "--data file");
  return Buffer.from(spec, "utf8");
}

/** What the flags say about the requests of a run, parsed once (stdin is read once) for every fixture in it. */
export type ParsedRequestFlags = Omit<PrepareOptions, "fixture" | "url"> & { to?: string };

export function parseRequestFlags(flags: RequestFlags): ParsedRequestFlags {
  const options: ParsedRequestFlags = flags.to !== undefined ? { to: flags.to } : {};
  if (flags.seed !== undefined) options.seed = parseWholeNumber(flags.seed, "--seed", { min: 0, max: Number.MAX_SAFE_INTEGER }, "use a whole number such as --seed 42");
  if (flags.data !== undefined) options.data = readData(flags.data);
  if (flags.set && flags.set.length > 0) options.set = parseSet(flags.set);
  if (flags.header && flags.header.length > 0) options.headers = parseHeaderFlags(flags.header);
  const values = providerOptionValues(flags);
  if (Object.keys(values).length > 0) options.options = values;
  return options;
}

/** One fixture's options: the flags, over what the project configures for its provider (target, headers, option values). */
export function prepareOptionsFor(fixture: Fixture, parsed: ParsedRequestFlags): PrepareOptions {
  const { to, ...rest } = parsed;
  const settings = projectSettingsFor(fixture.provider, rest.headers, rest.options);
  return { ...rest, ...settings, fixture, url: targetFor(to, fixture.provider) };
}
