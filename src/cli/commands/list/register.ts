import type { Command } from "commander";
import { EXIT_CODES, type SetExit } from "../../exit-codes.js";

/** `whk list`: its flags, help and examples; the action imports the command module lazily. */
export function registerList(program: Command, setExit: SetExit): void {
  program
    .command("list")
    .description("list the fixtures: every documented event of every provider, then your own")
    .option("--provider <name>", "only this provider's fixtures")
    .option("--json", "print a JSON array")
    .addHelpText("after", `\nExamples:\n  whk list\n  whk list --provider fazz --json\n${EXIT_CODES}`)
    .action(async (flags) => {
      const { runList } = await import("./run.js");
      setExit(runList(flags));
    });
}
