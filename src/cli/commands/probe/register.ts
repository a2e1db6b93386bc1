import type { Command } from "commander";
import { WITHOUT_SECRET, withSecretOptions } from "../../shared/flag-groups.js";
import { EXIT_CODES, type SetExit } from "../../exit-codes.js";

/** `whk probe`: its flags, help and examples; the action imports the command module lazily. */
export function registerProbe(program: Command, setExit: SetExit): void {
  withSecretOptions(
    program
      .command("probe")
      .description("check that a webhook handler accepts genuine deliveries and rejects forgeries (for CI)")
      .argument("<provider|fixture>", "every event of a provider, or one fixture"),
    WITHOUT_SECRET.judges,
  )
    .option("--to <target>", "the handler's URL (or host:port, :port, port)")
    .option("--tolerance <duration>", "the window a handler should enforce on signed timestamps", "5m")
    .option("--timeout <duration>", "per-request timeout; genuine deliveries get the provider's documented timeout where it has one (whk list --provider P shows it)", "10s")
    .option("--wait [duration]", "wait until the target accepts connections first (default 30s)")
    .option("--insecure", "accept self-signed TLS certificates")
    .option("--json", "print one JSON document with every check")
    .option("--junit <file>", "write a JUnit XML report (one testcase per check)")
    .option("--save <dir>", "write every request probe sent and every answer into a new directory, in the request file format (whk verify <dir> re-checks them)")
    .option("--scenario <name>", "the lifecycle the duplicate and out-of-order checks play (default: the provider's, see `whk scenario list`)")
    .addHelpText(
      "after",
      `\nChecks: each event's genuine delivery gets the provider's acknowledgement, also when its body is
written in ways a parse and re-serialise does not give back (pretty-printed, keys in another order, \\/ and
\\uXXXX escapes, numbers with trailing zeros: each signed over its exact bytes, for providers that sign
the body's bytes), and within the provider's documented timeout, where it documents one. A tampered
body, a wrong secret and a missing signature are rejected (4xx). Where the scheme signs a timestamp, a
stale one is rejected; where it signs the path, a wrong path is rejected; where the provider sends an
idempotency key, a redelivery is answered 2xx; where it signs body fields, a changed amount is rejected.
Where the provider documents duplicate deliveries, a lifecycle (a scenario) and then its last step again
get the same acknowledgement; where it documents out-of-order delivery, a later status sent before an
earlier one is acknowledged both times. Each such check cites the provider's docs.

When a genuine delivery is rejected, whk sends it again with the usual mistakes applied (the signed path
with a trailing "?", the absolute URL, a prefix a router mount drops; fields in another order; the body
re-serialised; the secret with a newline) and names the one the handler accepts; else it lists the likely
causes, most likely first. Checks that build on a genuine delivery being accepted are then skipped.

Examples:
  whk probe topremit --to http://127.0.0.1:3000/webhooks/topremit --secret s3cret
  npm start & whk probe fazz --to :3000/callbacks/fazz --wait 30s --junit probe.xml
  whk probe chaipay-payin --to localhost:8080/hook --json
  whk probe fazz --to :3000/callbacks/fazz --secret s3cret --save probe-requests/; whk verify probe-requests/ --secret s3cret
  whk probe midtrans --to :3000/hooks/midtrans --scenario midtrans-settlement-refund
${EXIT_CODES}`,
    )
    .action(async (subject: string, flags) => {
      const { runProbeCommand } = await import("./run.js");
      setExit(await runProbeCommand(subject, flags));
    });
}
