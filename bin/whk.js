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

// One bundled file plus a chunk per command (dist/cli-bundle): far fewer modules to resolve at start-up
// than the per-file tsc output, and each command still loads lazily.
const { main } = await import("../dist/cli-bundle/main.js");
process.exitCode = await main(process.argv);
