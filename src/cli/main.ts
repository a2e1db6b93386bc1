import { readFileSync } from "node:fs";
import { Command, CommanderError, Option } from "commander";
import { EXIT_USAGE } from "./exit-codes.js";
import { handleError } from "./handle-error.js";

/**
 * The commander program. It only maps arguments to command modules, each imported lazily inside its
 * action so `whk --help` loads nothing heavy.
 */

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

const EXIT_CODES = `
Exit codes:
  0  success
  1  a check failed (bad signature, failed delivery, unexpected answer)
  2  usage or input error (bad flag, missing file, malformed JSON, unknown fixture, missing secret)
`;

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };
  return pkg.version;
}

/** Secret flags: the same three sources everywhere (flag, file, environment). */
function withSecretOptions(command: Command, repeatable = false): Command {
  return command
    .option("--secret <secret>", repeatable ? "signing secret (repeat for key rotation: any match passes)" : "signing secret", collect)
    .option("--secret-file <path>", "read the secret from a file (one trailing newline is dropped)")
    .addHelpText("after", "\nThe secret comes from --secret, else --secret-file, else the WHK_SECRET environment variable.");
}

/** Flags that shape the request, shared by `show` and `send` so both build the same bytes. */
export function withRequestOptions(command: Command): Command {
  return withSecretOptions(command)
    .option("--to <target>", "target URL, host:port, host, :port or port (default http://localhost:3000/)")
    .option("--seed <n>", "reproducible render: same ids and body timestamps for the same seed")
    .option("--set <path=value>", "set a body field (dotted path); path:=<json> for typed values (repeatable)", collect)
    .option("--data <body>", "a whole custom body: @file.json, - for stdin, or literal text (still signed)")
    .option("--header <header>", 'extra header "Name: value" (repeatable)', collect)
    .option("--timestamp <instant>", "sign as of this instant (ISO 8601) instead of now")
    .option("--access-token <token>", "Topremit: the Bearer token sent and signed (default: generated)")
    .option("--partner-id <id>", "Topremit: X-PARTNER-ID (default: generated)")
    .option("--channel-id <id>", "Topremit: CHANNEL-ID (default 95221)");
}

export function buildProgram(setExit: (code: number) => void): Command {
  const program = new Command("whk")
    .description("Simulate and verify payment webhooks: documented fixtures, signed byte-exact the way each provider signs.")
    .version(version(), "-V, --version")
    .showSuggestionAfterError()
    .addHelpText(
      "after",
      `
Examples:
  whk list --provider topremit
  whk show topremit-va --secret s3cret --to localhost:3000/webhooks/topremit
  whk show fazz-va-dynamic --secret ss_5572cf13d099 --format curl
${EXIT_CODES}`,
    );

  program
    .command("list")
    .description("list the bundled fixtures (every documented event of every provider)")
    .option("--provider <name>", "only this provider's fixtures")
    .option("--json", "print a JSON array")
    .addHelpText("after", `\nExamples:\n  whk list\n  whk list --provider fazz --json\n${EXIT_CODES}`)
    .action(async (flags) => {
      const { runList } = await import("./commands/list.js");
      setExit(runList(flags));
    });

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
      const { runShow } = await import("./commands/show.js");
      setExit(runShow(fixture, flags));
    });

  withSecretOptions(
    program
      .command("probe")
      .description("check that a webhook handler accepts genuine deliveries and rejects forgeries (for CI)")
      .argument("<provider|fixture>", "every event of a provider, or one fixture"),
  )
    .option("--to <target>", "the handler's URL (or host:port, :port, port)")
    .option("--tolerance <duration>", "Topremit: the timestamp window the handler should enforce", "5m")
    .option("--timeout <duration>", "per-request timeout", "10s")
    .option("--wait [duration]", "wait until the target accepts connections first (default 30s)")
    .option("--insecure", "accept self-signed TLS certificates")
    .option("--json", "print one JSON document with every check")
    .option("--junit <file>", "write a JUnit XML report (one testcase per check)")
    .addHelpText(
      "after",
      `\nChecks: each event's genuine delivery gets the provider's acknowledgement; a tampered body, a wrong
secret and a missing signature are rejected (4xx); Topremit also: a stale X-TIMESTAMP and a wrong path
are rejected, a replayed X-EXTERNAL-ID is answered 2xx; ChaiPay also: a tampered amount is rejected.

Examples:
  whk probe topremit --to http://127.0.0.1:3000/webhooks/topremit --secret s3cret
  npm start & whk probe fazz --to :3000/callbacks/fazz --wait 30s --junit probe.xml
  whk probe chaipay-payin --to localhost:8080/hook --json
${EXIT_CODES}`,
    )
    .action(async (subject: string, flags) => {
      const { runProbeCommand } = await import("./commands/probe.js");
      setExit(await runProbeCommand(subject, flags));
    });

  return program;
}

export async function main(argv: readonly string[]): Promise<number> {
  let exitCode = 0;
  const program = buildProgram((code) => (exitCode = code));
  program.exitOverride();
  program.configureOutput({
    outputError: (text, write) => write(`whk: ${text.replace(/^error: /, "").trimEnd()}\n  hint: see \`whk --help\` or \`whk <command> --help\`\n`),
  });
  for (const command of program.commands) {
    command.exitOverride();
    command.configureOutput(program.configureOutput());
  }
  try {
    await program.parseAsync([...argv]);
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : EXIT_USAGE;
    return handleError(error);
  }
}
