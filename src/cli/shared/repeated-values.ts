import type { Command, Option } from "commander";
import { WhkInputError } from "../../primitives/errors.js";
import { collect } from "./flag-groups.js";

/**
 * Refuses a flag that takes one value given twice with different values (`--to a --to b`): commander
 * would keep the last, silently, and a script that builds its arguments would send somewhere it did
 * not mean to. The same value twice is harmless and passes. The values are not repeated in the
 * message: a provider flag's may be a token. Flags meant to repeat (--secret, --header, --set...,
 * which `collect`) are left alone.
 */
export function refuseRepeatedValues(program: Command): void {
  const watched = new WeakSet<Option>();
  const watch = (command: Command): void => {
    const given = new Map<string, string | null>();
    for (const option of command.options as readonly Option[]) {
      if (watched.has(option) || !(option.required || option.optional) || option.variadic || option.parseArg === collect) continue;
      watched.add(option);
      const name = option.long ?? option.flags;
      // Commander emits one event per occurrence, before it stores the value.
      command.on(`option:${option.name()}`, (value: string | null) => {
        if (given.has(name) && given.get(name) !== value) {
          throw new WhkInputError("repeated-flag", `${name} was given twice, with different values`, `give ${name} once`);
        }
        given.set(name, value);
      });
    }
    for (const sub of command.commands) watch(sub);
  };
  watch(program);
  // Provider flags are added when their command is dispatched: watch them then (this hook is added last).
  program.hook("preSubcommand", (_program, subcommand) => watch(subcommand));
}
