import type { Command } from "commander";
import { EXIT_CODES, type SetExit } from "../../exit-codes.js";

/** `whk config`: its flags and help; the action imports the command module lazily. */
export function registerConfig(program: Command, setExit: SetExit): void {
  program
    .command("config")
    .description("print the configuration whk resolves here: the config file, fixture folders, providers (secrets by source, never by value)")
    .option("--json", "print it as one JSON document")
    .addHelpText(
      "after",
      `
Shows which config file is used (--config, WHK_CONFIG, or the nearest whk.config.json/.mjs/.js up from
here), its fixture folders and how many fixtures each holds, and each provider entry: a bundled
provider's secret source, target, headers and option values; a provider defined here, with its
signature. Secrets appear as where they come from ("env ACME_SECRET (set)"), never as values.

Examples:
  whk config
  whk config --json --config ci/whk.config.json
${EXIT_CODES}`,
    )
    .action(async (flags) => {
      const { runConfig } = await import("./run.js");
      setExit(runConfig(flags));
    });
}
