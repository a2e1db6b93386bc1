import { Option, type Command } from "commander";
import { WhkInputError } from "../../primitives/errors.js";
import { allProviders } from "../../providers/index.js";
import type { Provider, ProviderOption } from "../../providers/provider.js";

/** Each flag some provider declares, with the providers that declare it. */
function declaredFlags(): { option: Option; owners: Provider[]; declared: ProviderOption }[] {
  const byFlag = new Map<string, { owners: Provider[]; declared: ProviderOption }>();
  for (const provider of allProviders()) {
    for (const declared of provider.options ?? []) {
      const entry = byFlag.get(declared.flag) ?? { owners: [], declared };
      entry.owners.push(provider);
      byFlag.set(declared.flag, entry);
    }
  }
  return [...byFlag.values()].map(({ owners, declared }) => ({
    option: new Option(declared.flag, `${owners.map((p) => p.displayName).join(", ")}: ${declared.description}`),
    owners,
    declared,
  }));
}

/** Adds the flags providers declare (`provider.options`: an access token, a client id ...) to a command. */
export function withProviderOptions(command: Command): Command {
  for (const { option } of declaredFlags()) command.addOption(option);
  return command;
}

/**
 * The values given for providers' declared flags, by option key, ready for `PrepareOptions.options`.
 * With `onlyFor`, a flag that provider does not declare is an input error (`sign` names one provider).
 */
export function providerOptionValues(flags: Readonly<Record<string, unknown>>, onlyFor?: Provider): Record<string, string> {
  const values: Record<string, string> = {};
  for (const { option, owners, declared } of declaredFlags()) {
    const value = flags[option.attributeName()];
    if (typeof value !== "string") continue;
    if (onlyFor !== undefined && !owners.includes(onlyFor)) {
      const flag = option.long ?? declared.flag;
      throw new WhkInputError("flag-not-applicable", `${flag} applies to ${owners.map((p) => p.displayName).join(", ")} only`, `drop ${flag}, or use --provider ${owners[0]?.name ?? ""}`);
    }
    values[declared.key] = value;
  }
  return values;
}
