import type { Command } from "commander";
import { EXIT_CODES, type SetExit } from "../../exit-codes.js";
import { TO_TARGET_HELP, WITHOUT_SECRET, collect, withSecretOptions } from "../../shared/flag-groups.js";
import { addProviderFlagsOnDispatch, takesProviderFlags } from "../../shared/lazy-provider-flags.js";

/** `whk scenario list|run`: flags, help and examples; each action imports its module lazily. */
export function registerScenario(program: Command, setExit: SetExit): void {
  const scenario = program
    .command("scenario")
    .description("play a payment's whole lifecycle (pending, then paid; paid, then refunded) with the faults gateways document")
    .addHelpText(
      "after",
      `
A scenario is a named list of steps, each a fixture plus overrides that may refer to an earlier step
(\${steps.pending.body.order_id}). Bundled scenarios sit beside the fixtures; your own are
*.scenario.json files in your fixture folders (whk.config.json "fixtures", or --fixtures).

Examples:
  whk scenario list --provider midtrans
  whk scenario run midtrans-va-settlement --to :3000/webhooks/midtrans --secret "$SERVER_KEY"
  whk scenario run midtrans-va-settlement --to :3000/webhooks/midtrans --reorder --duplicate --seed 7
${EXIT_CODES}`,
    );
  addProviderFlagsOnDispatch(scenario);

  scenario
    .command("list")
    .description("list the scenarios: bundled, then your project's")
    .option("--provider <name>", "only this provider's scenarios")
    .option("--json", "print a JSON array")
    .addHelpText(
      "after",
      `
Examples:
  whk scenario list
  whk scenario list --provider stripe --json
${EXIT_CODES}`,
    )
    .action(async (flags) => {
      const { runScenarioList } = await import("./list.js");
      setExit(runScenarioList(flags));
    });

  const run = withSecretOptions(
    scenario
      .command("run")
      .description("deliver a scenario's steps in order, signed, and judge each answer the way the provider would")
      .argument("<scenario>", "a scenario name, see `whk scenario list`"),
    WITHOUT_SECRET.signs,
  )
    .option("--to <target>", TO_TARGET_HELP)
    .option("--duplicate [step]", "deliver a step again (same ids and idempotency key, signed again) later in the run; without a name, one chosen by the seed")
    .option("--reorder [step]", "deliver a step before the one that precedes it, where the provider documents out-of-order delivery; without a name, one chosen by the seed")
    .option("--retries [n]", "retry a step that is not acknowledged on the provider's schedule (at most n retries); --retry works too")
    .addOption(scenario.createOption("--retry [n]", "same as --retries").hideHelp())
    .option("--retry-speed <factor>", "compress retry waits: 3600 makes an hour a second; max skips them (default 1, real time)")
    .option("--seed <n>", "reproducible run: the same ids, body timestamps and fault choices every time")
    .option("--header <header>", 'an extra header on every step, "Name: value" (repeatable)', collect)
    .option("--timeout <duration>", "limit for connecting and for each answer (500ms, 10s)", "30s")
    .option("--insecure", "accept self-signed or otherwise invalid TLS certificates")
    .option("--json", "one JSON object per delivery (NDJSON), then a summary object")
    .option("--save <path>", "write each request as sent (request file format): a directory gets <scenario>.<step>-<n>.json")
    .addHelpText(
      "after",
      `
Every step is rendered (fresh ids, references resolved) and signed before the first is sent: a
reference to a missing step or field is exit 2 with nothing on the wire. Steps go out one after
another; each answer is judged by the provider's acknowledgement, as whk send does. A step's "wait"
is waited in real time. --retries retries a step before the next one is sent. Without --seed the run
picks a seed and prints it, so a run whose faults found a bug can be repeated.

Put the scenario name before --duplicate, --reorder and --retries: each takes an optional value.

Examples:
  whk scenario run midtrans-va-settlement --to :3000/webhooks/midtrans --secret "$SERVER_KEY"
  whk scenario run stripe-payment-refund --to :3000/stripe --duplicate refunded --json
  whk scenario run midtrans-va-settlement --to :3000/hooks --reorder --duplicate --seed 42
  whk scenario run xendit-invoice-paid --to :3000/xendit --retries --retry-speed max
  whk scenario run adyen-authorisation-refund --to :3000/adyen --save runs/
  whk scenario run topremit-va-paid --to https://staging.example.com/cb --insecure --timeout 10s --header "X-Env: test" --access-token tok
${EXIT_CODES}`,
    )
    .action(async (name: string, flags) => {
      const { runScenarioRun } = await import("./run.js");
      setExit(await runScenarioRun(name, flags));
    });
  takesProviderFlags(run);
}
