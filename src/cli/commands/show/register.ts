import { Option, type Command } from "commander";
import { withRequestOptions } from "../../shared/flag-groups.js";
import { EXIT_CODES, type SetExit } from "../../exit-codes.js";

/** `whk show`: its flags, help and examples; the action imports the command module lazily. */
export function registerShow(program: Command, setExit: SetExit): void {
  withRequestOptions(
    program
      .command("show")
      .description("print exactly the request `whk send` would make: method, URL, every header, body")
      .argument("<fixture>", "fixture id, see `whk list`"),
  )
    .option("--json", "print it in the request file format (same as --format json)")
    .addOption(new Option("--format <format>", "output format").choices(["http", "json", "curl"]).default("http"))
    .addHelpText(
      "after",
      `\nExamples:\n  whk show paycombat-payout-success --secret s3cret\n  whk show topremit-va --secret s3cret --to http://127.0.0.1:8080/cb --json > request.json\n  whk show chaipay-payin --secret s3cret --format curl | sh\n${EXIT_CODES}`,
    )
    .action(async (fixture: string, flags) => {
      const { runShow } = await import("./run.js");
      setExit(runShow(fixture, flags));
    });
}
