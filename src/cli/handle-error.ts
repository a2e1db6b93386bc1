import { isWhkInputError } from "../primitives/errors.js";
import { EXIT_CHECK_FAILED, EXIT_USAGE } from "./exit-codes.js";
import { terminalSafe } from "./shared/terminal-text.js";

/**
 * The one place that turns a thrown error into a message and an exit code. Never a stack trace. Messages
 * quote what the user gave (a flag's value, a file's header), so control characters in it are written
 * out: the message stays the one line it claims to be.
 */
export function handleError(error: unknown, stderr: NodeJS.WritableStream = process.stderr): number {
  if (isWhkInputError(error)) {
    stderr.write(`whk: ${terminalSafe(error.message)}\n`);
    if (error.hint) stderr.write(`  hint: ${terminalSafe(error.hint)}\n`);
    return EXIT_USAGE;
  }
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === "EPIPE") return EXIT_CHECK_FAILED;
  const message = error instanceof Error ? error.message : String(error);
  stderr.write(`whk: internal error: ${terminalSafe(message)}\n`);
  stderr.write("  hint: this is a bug in whk; set WHK_DEBUG=1 for details and report it\n");
  if (process.env["WHK_DEBUG"] && error instanceof Error && error.stack) stderr.write(`${error.stack}\n`);
  return EXIT_CHECK_FAILED;
}
