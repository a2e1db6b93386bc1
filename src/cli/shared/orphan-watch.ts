/**
 * npm runs a package's bin through /bin/sh (`npx whk listen`, an npm script): npm -> sh -> whk. Killing
 * npm (`kill %1` on `npx whk listen &`) kills the shell, and on systems where /bin/sh is dash nothing
 * passes the signal on: whk would keep running, orphaned, holding its port. Under npm, a long-running
 * command therefore treats the loss of its parent like SIGTERM. Outside npm (`nohup whk listen &`, a
 * service manager) a parent that goes away is not a reason to stop, and nothing is watched.
 */
const CHECK_EVERY_MS = 500;

/** Calls `onOrphaned` once if the parent process goes away while whk runs under npm; returns a function that stops watching. */
export function whenOrphaned(onOrphaned: () => void): () => void {
  if (process.env["npm_lifecycle_event"] === undefined) return () => undefined;
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(timer);
    onOrphaned();
  }, CHECK_EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
