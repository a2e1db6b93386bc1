#!/usr/bin/env node
// Kept tiny on purpose: every CI step is a fresh process, so start-up is a feature.
import module from "node:module";

// Node 22.1+ has a compile cache; Node 20 does not, so call it only where it exists.
if (typeof module.enableCompileCache === "function") {
  try {
    module.enableCompileCache();
  } catch {
    // a read-only cache directory must never stop the CLI
  }
}

// `whk list | head` closes the pipe early: the reader's choice, not an error. Commands with their own
// handler (listen stops gracefully) keep theirs.
process.stdout.on("error", (error) => {
  if (error.code === "EPIPE" && process.stdout.listenerCount("error") === 1) process.exit(process.exitCode ?? 0);
  else if (error.code !== "EPIPE") throw error;
});

// A bug that escapes every command's own handling is still one line and a hint, never a stack trace.
const internalError = (error) => {
  process.stderr.write(`whk: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
  process.stderr.write("  hint: this is a bug in whk; set WHK_DEBUG=1 for details and report it\n");
  if (process.env.WHK_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
  process.exit(1);
};
process.on("uncaughtException", internalError);
process.on("unhandledRejection", internalError);

// One bundled file plus a chunk per command (dist/cli-bundle): far fewer modules to resolve at start-up
// than the per-file tsc output, and each command still loads lazily.
let cli;
try {
  cli = await import("../dist/cli-bundle/main.js");
} catch (error) {
  if (error?.code !== "ERR_MODULE_NOT_FOUND" || !String(error.message).includes("cli-bundle")) throw error;
  process.stderr.write("whk: this checkout is not built yet\n  hint: run `npm ci` (or `npm run build`) in the whk directory\n");
  process.exit(2);
}
process.exitCode = await cli.main(process.argv);
