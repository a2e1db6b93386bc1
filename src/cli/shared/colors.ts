import { isatty } from "node:tty";

/** The few styles whk uses. With colour off they are the identity, and chalk is never loaded. */
export interface Colors {
  green(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
}

const plain: Colors = { green: String, red: String, yellow: String, dim: String, bold: String };

/**
 * Colour only on a terminal, never with NO_COLOR set (https://no-color.org: chalk alone ignores it),
 * always with FORCE_COLOR. Deciding first lets `whk verify` in CI skip loading chalk entirely.
 */
function wantsColor(fd: 1 | 2, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env["NO_COLOR"] !== undefined && env["NO_COLOR"] !== "") return false;
  const force = env["FORCE_COLOR"];
  if (force !== undefined) return force !== "0" && force !== "false";
  return isatty(fd) && env["TERM"] !== "dumb";
}

const wantsStdout = wantsColor(1);
const wantsStderr = wantsColor(2);
const chalkModule = wantsStdout || wantsStderr ? await import("chalk") : undefined;

/** Styles for what goes to stdout. */
export const colors: Colors = wantsStdout && chalkModule ? chalkModule.default : plain;
/** Styles for what goes to stderr (progress, hints). */
export const errColors: Colors = wantsStderr && chalkModule ? chalkModule.chalkStderr : plain;
