import { packageVersion } from "../primitives/package-root.js";
import { Command, CommanderError } from "commander";
import { handleError } from "./handle-error.js";
import { addProviderFlagsOnDispatch } from "./shared/lazy-provider-flags.js";
import { collect } from "./shared/flag-groups.js";
import { openProjectOnDispatch } from "./shared/project-hook.js";
import { baselineWasmOnDispatch } from "./shared/wasm-baseline-hook.js";
import { refuseEmptyValues } from "./shared/empty-values.js";
import { refuseRepeatedValues } from "./shared/repeated-values.js";
import { registerInit } from "./commands/init/register.js";
import { registerConfig } from "./commands/config/register.js";
import { EXIT_CODES, EXIT_USAGE, type SetExit } from "./exit-codes.js";
import { registerList } from "./commands/list/register.js";
import { registerShow } from "./commands/show/register.js";
import { registerSend } from "./commands/send/register.js";
import { registerListen } from "./commands/listen/register.js";
import { registerDemo } from "./commands/demo/register.js";
import { registerVerify } from "./commands/verify/register.js";
import { registerSign } from "./commands/sign/register.js";
import { registerProbe } from "./commands/probe/register.js";
import { registerInspect } from "./commands/inspect/register.js";
import { registerScenario } from "./commands/scenario/register.js";

/**
 * The commander program. It only maps arguments to command modules, each imported lazily inside its
 * action so `whk --help` loads nothing heavy.
 */

export function buildProgram(setExit: SetExit): Command {
  const program = new Command("whk")
    .description("Simulate and verify payment webhooks: documented fixtures, signed byte-exact the way each provider signs.")
    .version(packageVersion(), "-V, --version")
    .showSuggestionAfterError()
    .option("--config <path>", "the project's config file (default: whk.config.json, .mjs or .js found from here up, or WHK_CONFIG)")
    .option("--fixtures <dir>", "a folder of your own fixtures, every *.json in it (repeatable)", collect)
    // Subcommands' --help shows these two as well.
    .configureHelp({ showGlobalOptions: true })
    .addHelpText(
      "after",
      `
Examples:
  whk demo                                              the whole loop, nothing else needed
  whk list --provider topremit
  whk listen --secret s3cret &                          a receiver on http://127.0.0.1:4400/
  whk send topremit-va --secret s3cret --to localhost   sign, deliver, check the answer
  whk verify .whk-captures/ --secret s3cret             and say why a signature fails
  whk listen --ui --secret s3cret                       the same in a browser: http://127.0.0.1:4401/
  whk probe fazz --to :8080/callbacks/fazz --secret s3cret --junit probe.xml
  whk scenario run midtrans-va-settlement --to :3000/hooks --duplicate   a lifecycle, with a fault
  whk init                                              a whk.config.json to start from

With no secret anywhere, signing uses the test secret whk-test-secret. Precedence: --secret or
--secret-file, then WHK_SECRET_<PROVIDER>, then WHK_SECRET, then the provider's secret in whk.config.json.
${EXIT_CODES}`,
    );

  registerInit(program, setExit);
  registerConfig(program, setExit);
  registerList(program, setExit);
  registerShow(program, setExit);
  registerSend(program, setExit);
  registerListen(program, setExit);
  registerInspect(program, setExit);
  registerDemo(program, setExit);
  registerVerify(program, setExit);
  registerSign(program, setExit);
  registerProbe(program, setExit);
  registerScenario(program, setExit);
  refuseEmptyValues(program);
  openProjectOnDispatch(program);
  baselineWasmOnDispatch(program);
  addProviderFlagsOnDispatch(program);
  // After the provider flags' hook: it watches the flags that hook adds.
  refuseRepeatedValues(program);

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
  const nested = (command: Command): Command[] => command.commands.flatMap((sub) => [sub, ...nested(sub)]);
  for (const command of nested(program)) {
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
