import type { Command } from "commander";
import { collect, withRequestOptions } from "../../shared/flag-groups.js";
import { EXIT_CODES, type SetExit } from "../../exit-codes.js";

/** `whk send`: its flags, help and examples; the action imports the command module lazily. */
export function registerSend(program: Command, setExit: SetExit): void {
  withRequestOptions(
    program
      .command("send")
      .description("deliver signed fixtures to a receiver and judge the answer the way the provider would")
      .argument("[fixtures...]", "fixture ids, see `whk list`"),
  )
    .option("--provider <name>", "send every fixture of this provider (with --from: who sent the captures)")
    .option("--from <path>", "replay captured requests: a request file, a directory of them, NDJSON, HAR, raw HTTP or - (repeatable)", collect)
    .option("--resign", "with --from: sign each request again (fresh timestamp, the new URL) instead of sending it byte for byte")
    .option("--expect-status <statuses>", "success is this status instead of the provider's rule: 200, 2xx, 4xx or a list 200,201")
    .option("--expect-body <body>", "success needs this body: JSON compares as JSON (deep-equal), anything else as exact text")
    .option("--retries [n]", "on failure, retry on the provider's documented schedule (at most n retries)")
    .option("--retry-speed <factor>", "compress retry waits: 3600 makes an hour a second; max skips them (default 1, real time)")
    .option("--timeout <duration>", "limit for connecting and for the answer (500ms, 10s)", "30s")
    .option("--insecure", "accept self-signed or otherwise invalid TLS certificates")
    .option("--count <n>", "load test: send n fresh renders (own ids and signature) and print a summary")
    .option("--concurrency <n>", "load test: deliveries in flight at once (default 10)")
    .option("--json", "one JSON object per delivery (NDJSON); load tests end with a summary object")
    .option("--save <path>", "write each request as sent (request file format): a directory gets <fixture>-<n>.json, n from 1 per run")
    .addHelpText(
      "after",
      `
Success is what the provider counts as delivered (\`whk list --provider P\` shows each rule), unless
--expect-status/--expect-body say otherwise. A failure says what the provider would do next.
Redirects are not followed. Retries re-sign the same body (same ids) with a fresh timestamp.

--from replays what whk listen captured (or a HAR, NDJSON log, raw HTTP): method, path and query,
headers and body as captured, minus Host, Content-Length and connection headers. A --to with only a
host and port keeps each request's own path; one with a path replaces it. --set/--data/--header edit
the requests; without --resign their old signatures go along (a forgery the receiver should refuse).
The provider is detected per request as verify does (or --provider); one none matches is judged by
any 2xx.

Examples:
  whk send topremit-va --secret s3cret --to localhost:3000/webhooks/topremit
  whk send --provider fazz --secret ss_5572cf13d099 --to https://staging.example.com/cb --json
  whk send singleview-payment-status --to :8080 --retries --retry-speed max
  whk send paycombat-payin-success --secret wrong --to :3000 --expect-status 401
  whk send fazz-va-dynamic --secret s3cret --to :3000 --count 5000 --concurrency 50
  whk send --from .whk-captures/ --to localhost:3000
  whk send --from .whk-captures/20261201T094731024Z-000001-fazz.json --resign --secret s3cret --to :3000
${EXIT_CODES}`,
    )
    .action(async (fixtures: string[], flags) => {
      const { runSend } = await import("./run.js");
      setExit(await runSend(fixtures, flags));
    });
}
