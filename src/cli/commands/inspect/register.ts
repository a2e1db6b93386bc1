import type { Command } from "commander";
import { WITHOUT_SECRET, withSecretOptions } from "../../shared/flag-groups.js";
import { DEFAULT_INSPECTOR_PORT } from "../../../primitives/target-url.js";
import { EXIT_CODES, type SetExit } from "../../exit-codes.js";

/** `whk inspect`: its flags, help and examples; the action imports the command module lazily. */
export function registerInspect(program: Command, setExit: SetExit): void {
  withSecretOptions(
    program
      .command("inspect")
      .description("the inspector page over a capture folder: see, compare, edit, re-sign and replay captured webhooks")
      .argument("[dir]", "the folder of capture files (whk listen --out)", ".whk-captures"),
    WITHOUT_SECRET.inspects,
    true,
  )
    .option("--port <n>", "the page's port on 127.0.0.1 (0 picks a free one)", String(DEFAULT_INSPECTOR_PORT))
    .option("--provider <name>", "treat every capture as this provider's (skip detection)")
    .option("--json", 'one JSON line on stdout once it serves: {"type":"ready","ui":...}')
    .addHelpText(
      "after",
      `
Serves http://127.0.0.1:${DEFAULT_INSPECTOR_PORT}/ (loopback only) over the capture files in <dir>, and shows the ones written
while it runs. With a secret, every capture is verified as \`whk verify\` does and failures are explained;
without one, the page shows the verdicts whk listen recorded. Edit a capture, re-sign it with the secret
(else the test secret whk-test-secret) and replay it to any URL, copy it as curl, compare two, download
request files or HAR. The page and its API answer only the page whk served (a token in the page, its own
Origin and Host): another web page cannot use whk to sign or send. Ctrl-C stops it (exit 0).
\`whk listen --ui\` serves the same page for a running listener.

Examples:
  whk inspect
  whk inspect captures/ --secret s3cret
  whk inspect --port 0 --json --secret s3cret
${EXIT_CODES}`,
    )
    .action(async (dir: string, flags) => {
      const { runInspect } = await import("./run.js");
      setExit(await runInspect(dir, flags));
    });
}
