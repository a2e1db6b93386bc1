import type { Command } from "commander";

const wanting = new WeakSet<Command>();

/**
 * Marks a command as taking the flags providers declare (an access token, a client id). They are added
 * only once that command is about to parse its arguments, so `whk --help` and the commands that take
 * none load no provider at all.
 */
export function takesProviderFlags(command: Command): Command {
  wanting.add(command);
  return command;
}

/** The program's hook that adds them, before commander hands the arguments to the subcommand. */
export function addProviderFlagsOnDispatch(program: Command): void {
  program.hook("preSubcommand", async (_program, subcommand) => {
    if (!wanting.has(subcommand)) return;
    const { withProviderOptions } = await import("./provider-flags.js");
    withProviderOptions(subcommand);
  });
}
