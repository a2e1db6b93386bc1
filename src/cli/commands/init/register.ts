import type { Command } from "commander";
import { EXIT_CODES, type SetExit } from "../../exit-codes.js";

/** `whk init`: its help; the action imports the command module lazily. */
export function registerInit(program: Command, setExit: SetExit): void {
  program
    .command("init")
    .description("write a whk.config.json to start from, with comments (never overwrites one)")
    .addHelpText(
      "after",
      `
Writes whk.config.json in the current folder: the published schema for your editor, a place for your
own fixture folders and provider entries, and commented examples of both (a bundled provider's secret
and default target; a provider of your own with its signature). whk finds it from any folder below.

Examples:
  whk init && whk config
${EXIT_CODES}`,
    )
    .action(async () => {
      const { runInit } = await import("./run.js");
      setExit(runInit());
    });
}
