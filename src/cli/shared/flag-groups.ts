import type { Command } from "commander";
import { takesProviderFlags } from "./lazy-provider-flags.js";

/** The flags several commands take, declared once so they read the same everywhere. */

export const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** What a command does with no secret from any source, said after the precedence in its help. */
export const WITHOUT_SECRET = {
  signs: "signing uses whk-test-secret",
  judges: "a provider that signs is exit 2 (a made-up secret's verdict would mislead)",
  listens: "nothing is verified and every request is acknowledged",
  inspects: "the page shows the verdicts whk listen recorded and re-signs with whk-test-secret",
} as const;

/** `--to` of the commands that deliver (send, scenario run): where, and the default. */
export const TO_TARGET_HELP = "target URL, host:port, host, :port or port (default http://localhost:4400/, where whk listen listens)";

/** Secret flags: the same three sources everywhere (flag, file, environment). */
export function withSecretOptions(command: Command, withoutSecret: string, repeatable = false): Command {
  return command
    .option("--secret <secret>", repeatable ? "signing secret (repeat for key rotation: any match passes)" : "signing secret", collect)
    .option("--secret-file <path>", "read the secret from a file (one trailing newline is dropped)")
    .addHelpText(
      "after",
      `\nThe secret comes from --secret, else --secret-file, else WHK_SECRET_<PROVIDER> (WHK_SECRET_ACME), else\nWHK_SECRET, else the provider's secret in whk.config.json;\nwith none, ${withoutSecret}.`,
    );
}

/** Flags that shape the request, shared by `show` and `send` so both build the same bytes. */
export function withRequestOptions(command: Command): Command {
  withSecretOptions(command, WITHOUT_SECRET.signs)
    .option("--to <target>", TO_TARGET_HELP)
    .option("--seed <n>", "reproducible render: same ids and body timestamps for the same seed")
    .option("--set <path=value>", "set a body field (dotted path); path:=<json> for typed values (repeatable)", collect)
    .option("--data <body>", "a whole custom body: @file.json, - for stdin, or literal text (still signed)")
    .option("--header <header>", 'extra header "Name: value" (repeatable)', collect)
    .option("--timestamp <instant>", "sign as of this instant (ISO 8601) instead of now");
  return takesProviderFlags(command);
}
