import type { Command } from "commander";

/** The commands that send over HTTP, and so load undici's WebAssembly HTTP parser. */
const SENDING_COMMANDS = new Set(["send", "probe", "scenario", "demo", "listen", "inspect"]);

/**
 * undici parses HTTP answers with llhttp compiled to WebAssembly, when a command first sends. V8's
 * optimising compiler spends ~300 ms of a core on it, and the process cannot exit until it is done:
 * `whk send` of one request took 0.45 s instead of 0.26 s here, and a load run shared its two cores with
 * that compiler. With the baseline compiler (Liftoff) alone, `send --count 20000` answered faster, not
 * slower. Set for the commands that send, before anything is compiled (whk compiles no other
 * WebAssembly); loading node:v8 costs the others, and `whk --help`, a few milliseconds they do not need.
 */
export function baselineWasmOnDispatch(program: Command): void {
  program.hook("preSubcommand", async (_program, subcommand) => {
    if (!SENDING_COMMANDS.has(subcommand.name())) return;
    const { setFlagsFromString } = await import("node:v8");
    setFlagsFromString("--liftoff-only");
  });
}
