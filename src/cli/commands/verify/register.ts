import type { Command } from "commander";
import { WITHOUT_SECRET, withSecretOptions } from "../../shared/flag-groups.js";
import { type SetExit } from "../../exit-codes.js";

/** `whk verify`: its flags, help and examples; the action imports the command module lazily. */
export function registerVerify(program: Command, setExit: SetExit): void {
  withSecretOptions(
    program
      .command("verify")
      .description("verify captured requests: signature, signed timestamp, body schema; and say exactly why a signature fails")
      .argument("<paths...>", "request files, NDJSON (whk listen --json), HAR, raw HTTP captures, directories, or - for stdin"),
    WITHOUT_SECRET.judges,
    true,
  )
    .option("--provider <name>", "treat every request as this provider's (skip detection)")
    .option("--tolerance <duration>", "how far a signed timestamp may be from the receipt time (default: the scheme's, 5m)")
    .option("--at <instant>", "judge signed timestamps as of this instant (wins over the capture's receivedAt; a raw HTTP capture has none, so it is judged against now)")
    .option("--url <url>", "verify as if received at this URL, the one the sender was given (a proxy rewrote the path): says when the path is the mismatch")
    .option("--path <path>", "the same for the path alone (and a query after ?), on each request's own host")
    .option("--strict", "count requests of a HAR file or raw HTTP dump that no provider claims as invalid (default: skipped)")
    .option("--json", "NDJSON on stdout: one object per request {source, ok, provider, detectedBy, reason, detail, explain?, ...}")
    .option("--show-preimage", "print the exact string-to-sign for every request")
    .option("--failures-only", "print only the requests that fail, and the summary (after a load test: the few that matter)")
    .addHelpText(
      "after",
      `
Inputs are told apart by content: a request file, a JSON array of them, NDJSON (lines whose "type" is
not "request" are skipped), a HAR file, or a raw HTTP/1.1 message (nc -l, a proxy dump). A directory
means every file in it (sorted, dotfiles skipped). Bodies are checked byte for byte, never re-encoded.
A HAR file or raw dump may hold other traffic (a page's own GET): a request of one that no provider
claims is skipped, counted in the summary, unless --strict. A request that cannot be read (cut short, a
bad NDJSON line or HAR entry) is one line, and the rest are still judged.
When a signature does not match, whk re-runs the scheme under controlled variations (body re-formatted,
secret with whitespace, a signed path or timestamp spelled differently, signed fields encoded another
way, the MAC written in another encoding ...) and names
the first that matches. Reasons: valid-signature, unsigned-provider, unknown-provider, missing-signature,
malformed-signature, bad-signature, missing-timestamp, bad-timestamp, timestamp-out-of-tolerance,
missing-token, unreadable-body.

Examples:
  whk verify capture.json --secret s3cret
  whk verify .whk-captures/ --secret old-secret --secret new-secret
  whk listen --json --count 10 > log.ndjson && whk verify log.ndjson --secret s3cret --json
  whk verify request.http --provider topremit --secret s3cret --at 2025-05-15T12:35:00+07:00
  whk verify capture.json --secret s3cret --url https://shop.example/api/webhooks/topremit
  whk verify .whk-captures/ --secret s3cret --path /api/webhooks/topremit
  whk verify session.har --secret s3cret --strict
  cat capture.json | whk verify - --secret s3cret --show-preimage
  whk verify .whk-captures/ --secret s3cret --failures-only

Exit codes:
  0  every request is valid (a provider that documents no signature counts as not failing)
  1  at least one request is invalid (bad signature, stale timestamp, unknown provider ...)
  2  usage or input error (missing file, malformed JSON or HAR, a request without a body, missing
     secret); with other inputs that could be read, after judging them
`,
    )
    .action(async (paths: string[], flags) => {
      const { runVerify } = await import("./run.js");
      setExit(runVerify(paths, flags));
    });
}
