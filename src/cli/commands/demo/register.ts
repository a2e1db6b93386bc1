import type { Command } from "commander";
import { EXIT_CODES, type SetExit } from "../../exit-codes.js";

/** `whk demo`: its flags, help and examples; the action imports the command module lazily. */
export function registerDemo(program: Command, setExit: SetExit): void {
  program
    .command("demo")
    .description("the whole loop in one command: every fixture signed, sent to an in-process listen, captured, verified")
    .option("--json", "print a JSON array of rows")
    .option("--keep", "keep the capture files and print where they are")
    .addHelpText(
      "after",
      `
Starts a listener on 127.0.0.1 (a free port, a random secret that is never shown), sends every bundled
fixture (and your project's own), reads each capture file back, checks it byte for byte against what was sent, verifies its
signature and judges the answer by the provider's acknowledgement rule. Needs nothing but the package.

Examples:
  whk demo
  whk demo --json --keep
${EXIT_CODES}`,
    )
    .action(async (flags) => {
      const { runDemoCommand } = await import("./run.js");
      setExit(await runDemoCommand(flags));
    });
}
