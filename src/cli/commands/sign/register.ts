import { Option, type Command } from "commander";
import { WITHOUT_SECRET, collect, withSecretOptions } from "../../shared/flag-groups.js";
import { EXIT_CODES, type SetExit } from "../../exit-codes.js";
import { takesProviderFlags } from "../../shared/lazy-provider-flags.js";

/** `whk sign`: its flags, help and examples; the action imports the command module lazily. */
export function registerSign(program: Command, setExit: SetExit): void {
  const command = withSecretOptions(
    program
      .command("sign")
      .description("sign any body the provider's way and print the headers (or the whole request)")
      .argument("<file>", "the raw body bytes, or - for stdin"),
    WITHOUT_SECRET.signs,
  )
    .requiredOption("--provider <name>", "the provider (`whk list` shows them all)")
    .option("--to <target>", "target URL, host:port, host, :port or port (default http://localhost:4400/); some schemes sign its path")
    .option("--json", "print the whole request in the request file format (same as --format json)")
    .addOption(new Option("--format <format>", "output format").choices(["headers", "http", "json", "curl"]).default("headers"))
    .option("--header <header>", 'extra header "Name: value" (repeatable)', collect)
    .option("--timestamp <instant>", "sign as of this instant (ISO 8601) instead of now");
  takesProviderFlags(command)
    .addHelpText(
      "after",
      `
Default output: the headers the provider sends, one "Name: value" per line; for a provider whose
signature goes in the body, a blank line and the signed body follow.

Examples:
  whk sign body.json --provider fazz --secret ss_5572cf13d099
  whk sign body.json --provider topremit --secret s3cret --to https://shop.example/webhooks/topremit --access-token tok
  echo '{"id":1}' | whk sign - --provider paycombat --secret s3cret --format curl
  whk sign payin.json --provider chaipay --secret s3cret --json > request.json
${EXIT_CODES}`,
    )
    .action(async (file: string, flags) => {
      const { runSign } = await import("./run.js");
      setExit(runSign(file, flags));
    });
}
