import type { Command } from "commander";
import { DEFAULT_PORT } from "../../../primitives/target-url.js";
import { WITHOUT_SECRET, withSecretOptions } from "../../shared/flag-groups.js";
import { EXIT_CODES, type SetExit } from "../../exit-codes.js";

/** `whk listen`: its flags, help and examples; the action imports the command module lazily. */
export function registerListen(program: Command, setExit: SetExit): void {
  withSecretOptions(
    program.command("listen").description("a local receiver: capture every request byte-exact, verify it, answer like the provider expects"),
    WITHOUT_SECRET.listens,
    true,
  )
    .option("--port <n>", `port to listen on (0 picks a free one); \`whk send --to localhost\` meets it`, String(DEFAULT_PORT))
    .option("--host <host>", "address to listen on", "127.0.0.1")
    .option("--out <dir>", "where capture files go (created if missing)", ".whk-captures")
    .option("--provider <name>", "treat every request as this provider's (skip detection)")
    .option("--forward-to <url>", "relay each request to your app and answer with its response")
    .option("--max-body <size>", "largest body accepted (bytes, or 512kb, 1mb); larger gets 413", "1mb")
    .option("--request-timeout <duration>", "time allowed to receive a whole request (and for the app to answer)", "30s")
    .option("--count <n>", "stop after n requests are captured (summary, exit 0)")
    .option("--json", "NDJSON on stdout: a ready line, one event per request, a summary")
    .option("--lines <mode>", "each: a line per request; counts: a line per second with counts by verdict; auto: each, until more than 20 a second arrive", "auto")
    .option("--ui", "serve the inspector on 127.0.0.1: a live list, verdicts explained, compare, edit, re-sign and replay")
    .option("--ui-port <n>", "the inspector's port (default 4401; 0 picks a free one); implies --ui")
    .addHelpText(
      "after",
      `
Each request is stored in <out>/<time>-<seq>-<provider>.json (request file format, plus "verdict" and, in
forward mode, "response") before it is answered. With a secret, a valid request gets the provider's
acknowledgement and an invalid one 401; without one, every request is acknowledged. A capture that cannot
be written is answered 503. Ctrl-C (or SIGTERM) finishes the requests in flight, prints a summary and
exits 0. A port already in use is an input error (exit 2); --port 0 picks a free one.

--ui serves the inspector page on http://127.0.0.1:4401/ (loopback only, whatever --host says): the
captures of this run as they arrive, each with its headers, body and verify's explanation; compare two;
edit one, re-sign it with this listener's secret and replay it (to --forward-to, the listener, or any
URL); copy as curl; download request files or HAR. \`whk inspect\` shows a capture folder the same way.

Examples:
  whk listen --secret s3cret
  whk listen --port 0 --json --out captures/ --count 5 --secret s3cret
  whk listen --forward-to http://localhost:8080 --secret s3cret
  whk listen --port 0 --lines counts --secret s3cret
  whk listen --ui --secret s3cret                      then open http://127.0.0.1:4401/
${EXIT_CODES}`,
    )
    .action(async (flags) => {
      const { runListen } = await import("./run.js");
      setExit(await runListen(flags));
    });
}
