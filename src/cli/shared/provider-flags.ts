import type { Command } from "commander";
import { WhkInputError } from "../../primitives/errors.js";
import { assertHeaderValue } from "../../primitives/header-text.js";
import { allProviders } from "../../providers/index.js";
import type { Provider, ProviderOption } from "../../providers/provider.js";

interface DeclaredFlag {
  declared: ProviderOption;
  owners: Provider[];
  /** `--access-token` */
  long: string;
  /** Where commander puts its value: `accessToken`. */
  attribute: string;
}

/** Each flag some provider declares, with the providers that declare it. */
function declaredFlags(): DeclaredFlag[] {
  const byFlag = new Map<string, DeclaredFlag>();
  for (const provider of allProviders()) {
    for (const declared of provider.options ?? []) {
      const long = declared.flag.split(/\s/)[0] as string;
      const entry = byFlag.get(long) ?? { declared, owners: [], long, attribute: long.replace(/^--/, "").replace(/-([a-z])/g, (_, c: string) => c.toUpperCase()) };
      entry.owners.push(provider);
      byFlag.set(long, entry);
    }
  }
  return [...byFlag.values()];
}

const ownersOf = (flag: DeclaredFlag): string => flag.owners.map((p) => p.displayName).join(", ");

/**
 * Adds the flags providers declare (`provider.options`: an access token, a client id ...) to a command.
 * Through the command itself: this module loads no commander of its own (a second copy of the package
 * to resolve costs start-up).
 */
export function withProviderOptions(command: Command): Command {
  for (const flag of declaredFlags()) command.addOption(command.createOption(flag.declared.flag, `${ownersOf(flag)}: ${flag.declared.description}`));
  return command;
}

/**
 * The values given for providers' declared flags, by option key, ready for `PrepareOptions.options`.
 * With `onlyFor`, a flag that provider does not declare is an input error (`sign` names one provider).
 */
export function providerOptionValues(flags: Readonly<Record<string, unknown>>, onlyFor?: Provider): Record<string, string> {
  const values: Record<string, string> = {};
  for (const flag of declaredFlags()) {
    const value = flags[flag.attribute];
    if (typeof value !== "string") continue;
    if (onlyFor !== undefined && !flag.owners.includes(onlyFor)) {
      throw new WhkInputError("flag-not-applicable", `${flag.long} applies to ${ownersOf(flag)} only`, `drop ${flag.long}, or use --provider ${flag.owners[0]?.name ?? ""}`);
    }
    // Declared values are tokens and ids, most of them sent as headers: one line each.
    assertHeaderValue(value, `${flag.long} "${value}"`);
    values[flag.declared.key] = value;
  }
  return values;
}

/** The providers' declared flags given on this command line, as written (`--access-token`). */
export function givenProviderFlags(flags: Readonly<Record<string, unknown>>): string[] {
  return declaredFlags()
    .filter((flag) => typeof flags[flag.attribute] === "string")
    .map((flag) => flag.long);
}
