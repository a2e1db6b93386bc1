import { execFileSync, spawn } from "node:child_process";
import { join } from "node:path";

/**
 * A FIFO at `dir/secret.fifo` that gives `secret` (and a newline) to one reader, once: one writer, so a
 * second open would wait for a writer that never comes. What `--secret-file <(pass show key)` hands whk.
 * `stop()` ends the writer if no one read it.
 */
export function secretFifo(dir: string, secret: string): { path: string; stop(): void } {
  const path = join(dir, "secret.fifo");
  execFileSync("mkfifo", [path]);
  const writer = spawn("sh", ["-c", `printf '%s\\n' "$SECRET" > "$FIFO"`], { env: { ...process.env, SECRET: secret, FIFO: path }, stdio: "ignore" });
  return { path, stop: () => writer.kill() };
}
