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

  withSecretOptions(
    program.command("listen").description("a local receiver: capture every request byte-exact, verify it, answer like the provider expects"),
    true,
  )
    .option("--port <n>", "port to listen on (0 picks a free one)", "3000")
    .option("--host <host>", "address to listen on", "127.0.0.1")
    .option("--out <dir>", "where capture files go (created if missing)", ".whk-captures")
    .option("--provider <name>", "treat every request as this provider's (skip detection)")
    .option("--forward-to <url>", "relay each request to your app and answer with its response")
    .option("--max-body <size>", "largest body accepted (bytes, or 512kb, 1mb); larger gets 413", "1mb")
    .option("--request-timeout <duration>", "time allowed to receive a whole request (and for the app to answer)", "30s")
    .option("--count <n>", "stop after n requests are captured (summary, exit 0)")
    .option("--json", "NDJSON on stdout: a ready line, one event per request, a summary")
    .addHelpText(
      "after",
      `
Each request is stored in <out>/<time>-<seq>-<provider>.json (request file format, plus "verdict" and, in
forward mode, "response") before it is answered. With a secret, a valid request gets the provider's
acknowledgement and an invalid one 401; without one, every request is acknowledged. A capture that cannot
be written is answered 503. Ctrl-C (or SIGTERM) finishes the requests in flight, prints a summary and
exits 0. A port already in use is an input error (exit 2); --port 0 picks a free one.

Examples:
  whk listen --secret s3cret
  whk listen --port 0 --json --out captures/ --count 5 --secret s3cret
  whk listen --forward-to http://localhost:8080 --secret s3cret
${EXIT_CODES}`,
    )
    .action(async (flags) => {
      const { runListen } = await import("./commands/listen.js");
      setExit(await runListen(flags));
    });

  program
    .command("demo")
    .description("the whole loop in one command: every fixture signed, sent to an in-process listen, captured, verified")
    .option("--json", "print a JSON array of rows")
    .option("--keep", "keep the capture files and print where they are")
    .addHelpText(
      "after",
      `
Starts a listener on 127.0.0.1 (a free port, a random secret that is never shown), sends every bundled
fixture, reads each capture file back, checks it byte for byte against what was sent, verifies its
signature and judges the answer by the provider's acknowledgement rule. Needs nothing but the package.

Examples:
  whk demo
  whk demo --json --keep
${EXIT_CODES}`,
    )
    .action(async (flags) => {
      const { runDemoCommand } = await import("./commands/demo.js");
      setExit(await runDemoCommand(flags));
    });

  withRequestOptions(
    program
      .command("send")
      .description("deliver signed fixtures to a receiver and judge the answer the way the provider would")
      .argument("[fixtures...]", "fixture ids, see `whk list`"),
  )
    .option("--provider <name>", "send every fixture of this provider")
    .option("--expect-status <statuses>", "success is this status instead of the provider's rule: 200, 2xx, 4xx or a list 200,201")
    .option("--expect-body <body>", "success needs this body: JSON compares as JSON (deep-equal), anything else as exact text")
    .option("--retries [n]", "on failure, retry on the provider's documented schedule (at most n retries)")
    .option("--retry-speed <factor>", "compress retry waits: 3600 makes an hour a second; max skips them (default 1, real time)")
    .option("--timeout <duration>", "limit for connecting and for the answer (500ms, 10s)", "30s")
    .option("--insecure", "accept self-signed or otherwise invalid TLS certificates")
    .option("--count <n>", "load test: send n fresh renders (own ids and signature) and print a summary")
    .option("--concurrency <n>", "load test: deliveries in flight at once (default 10)")
    .option("--json", "one JSON object per delivery (NDJSON); load tests end with a summary object")
    .option("--save <path>", "write each request as sent (request file format): a directory gets one file per request")
    .addHelpText(
      "after",
      `
Success is what the provider counts as delivered (SingleView: JSON {"status":"OK"}; the others: HTTP 200),
unless --expect-status/--expect-body say otherwise. A failure says what the provider would do next.
Redirects are not followed. Retries re-sign the same body (same ids) with a fresh timestamp.

Examples:
  whk send topremit-va --secret s3cret --to localhost:3000/webhooks/topremit
  whk send --provider fazz --secret ss_5572cf13d099 --to https://staging.example.com/cb --json
  whk send singleview-payment-status --to :8080 --retries --retry-speed max
  whk send paycombat-payin-success --secret wrong --to :3000 --expect-status 401
  whk send fazz-va-dynamic --secret s3cret --to :3000 --count 5000 --concurrency 50
${EXIT_CODES}`,
    )
    .action(async (fixtures: string[], flags) => {
      const { runSend } = await import("./commands/send.js");
      setExit(await runSend(fixtures, flags));
    });

  withSecretOptions(
    program
      .command("verify")
      .description("verify captured requests: signature, Topremit's timestamp, body schema; and say exactly why a signature fails")
      .argument("<paths...>", "request files, NDJSON (whk listen --json), HAR, raw HTTP captures, directories, or - for stdin"),
    true,
  )
    .option("--provider <name>", "treat every request as this provider's (skip detection)")
    .option("--tolerance <duration>", "Topremit: how far X-TIMESTAMP may be from the receipt time (default 5m)")
    .option("--at <instant>", "Topremit: judge the timestamp as of this instant (wins over the capture's receivedAt)")
    .option("--json", "NDJSON on stdout: one object per request {source, ok, provider, detectedBy, reason, detail, explain?, ...}")
    .option("--show-preimage", "print the exact string-to-sign for every request")
    .addHelpText(
      "after",
      `
Inputs are told apart by content: a request file, a JSON array of them, NDJSON (lines whose "type" is
not "request" are skipped), a HAR file, or a raw HTTP/1.1 message (nc -l, a proxy dump). A directory
means every file in it (sorted, dotfiles skipped). Bodies are checked byte for byte, never re-encoded.
When a signature does not match, whk re-runs the scheme under controlled variations (body re-formatted,
secret with whitespace, Topremit path/token/timestamp spelling, ChaiPay amount/encoding ...) and names
the first that matches. Reasons: valid-signature, unsigned-provider, unknown-provider, missing-signature,
malformed-signature, bad-signature, missing-timestamp, bad-timestamp, timestamp-out-of-tolerance,
missing-token, unreadable-body.

Examples:
  whk verify capture.json --secret s3cret
  whk verify .whk-captures/ --secret old-secret --secret new-secret
  whk listen --json --count 10 > log.ndjson && whk verify log.ndjson --secret s3cret --json
  whk verify request.http --provider topremit --secret s3cret --at 2025-05-15T12:35:00+07:00
  cat capture.json | whk verify - --secret s3cret --show-preimage

Exit codes:
  0  every request is valid (a provider that documents no signature counts as not failing)
  1  at least one request is invalid (bad signature, stale timestamp, unknown provider ...)
  2  usage or input error (missing file, malformed JSON or HAR, a request without a body, missing secret)
`,
    )
    .action(async (paths: string[], flags) => {
      const { runVerify } = await import("./commands/verify.js");
      setExit(runVerify(paths, flags));
    });

  withSecretOptions(
    program
      .command("sign")
      .description("sign any body the provider's way and print the headers (or the whole request)")
      .argument("<file>", "the raw body bytes, or - for stdin"),
  )
    .requiredOption("--provider <name>", "paycombat, fazz, topremit, singleview or chaipay")
    .option("--to <target>", "target URL, host:port, host, :port or port (default http://localhost:3000/); Topremit signs its path")
    .option("--json", "print the whole request in the request file format (same as --format json)")
    .addOption(new Option("--format <format>", "output format").choices(["headers", "http", "json", "curl"]).default("headers"))
    .option("--header <header>", 'extra header "Name: value" (repeatable)', collect)
    .option("--timestamp <instant>", "sign as of this instant (ISO 8601) instead of now")
    .option("--access-token <token>", "Topremit: the Bearer token sent and signed (default: generated)")
    .option("--partner-id <id>", "Topremit: X-PARTNER-ID (default: generated)")
    .option("--channel-id <id>", "Topremit: CHANNEL-ID (default 95221)")
    .addHelpText(
      "after",
      `
Default output: the headers the provider sends, one "Name: value" per line; for ChaiPay, whose signature
goes in the body, a blank line and the signed body follow.

Examples:
  whk sign body.json --provider fazz --secret ss_5572cf13d099
  whk sign body.json --provider topremit --secret s3cret --to https://shop.example/webhooks/topremit --access-token tok
  echo '{"id":1}' | whk sign - --provider paycombat --secret s3cret --format curl
  whk sign payin.json --provider chaipay --secret s3cret --json > request.json
${EXIT_CODES}`,
    )
    .action(async (file: string, flags) => {
      const { runSign } = await import("./commands/sign.js");
      setExit(runSign(file, flags));
    });

  return program;
}

/** Commander's error, as whk's one line plus a hint (its "Did you mean ...?" goes into the hint). */
function commanderErrorLines(text: string): string {
  const [message = "", ...rest] = text.replace(/^error: /, "").trim().split("\n");
  const suggestion = /\(Did you mean (.+)\?\)/.exec(rest.join(" "))?.[1];
  const hint = suggestion !== undefined ? `did you mean ${suggestion}? see \`whk --help\`` : "see `whk --help` or `whk <command> --help`";
  return `whk: ${message}\n  hint: ${hint}\n`;
}

export async function main(argv: readonly string[]): Promise<number> {
  let exitCode = 0;
  const program = buildProgram((code) => (exitCode = code));
  program.exitOverride();
  program.configureOutput({
    outputError: (text, write) => write(commanderErrorLines(text)),
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
