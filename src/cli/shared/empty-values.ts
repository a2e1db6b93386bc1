import type { Command, Option } from "commander";
import { WhkInputError } from "../../primitives/errors.js";

/** The flags whose empty value means something: an empty body to send, an empty answer to expect. */
const EMPTY_MEANS_SOMETHING = new Set(["--data", "--expect-body"]);

/**
 * Refuses an empty value (`--out ""`, `--out=`) for every flag that takes one, naming it: an empty --out would
 * capture into the current folder, an empty --secret sign with the test secret, an empty --config read
 * the folder it resolves to. One check for every command, so a flag added later is covered too.
 */
function refuseEmpty(command: Command): void {
  for (const option of command.options as readonly Option[]) {
    if (!(option.required || option.optional) || option.long === undefined || EMPTY_MEANS_SOMETHING.has(option.long)) continue;
    const value: unknown = command.getOptionValue(option.attributeName());
    if (value === "" || (Array.isArray(value) && value.includes(""))) {
      throw new WhkInputError("empty-value", `${option.long} "" is empty`, `give it a value, or drop ${option.long} for its default (see \`${commandPath(command)} --help\`)`);
    }
  }
}

/** `whk scenario run`, as a user types it. */
function commandPath(command: Command): string {
  const names: string[] = [];
  for (let at: Command | null = command; at !== null; at = at.parent) names.unshift(at.name());
  return names.join(" ");
}

/** The program's hooks: its own flags (--config, --fixtures) before the project is opened, each command's before it runs. */
export function refuseEmptyValues(program: Command): void {
  program.hook("preSubcommand", (thisCommand) => refuseEmpty(thisCommand));
  program.hook("preAction", (_program, action) => refuseEmpty(action));
}
