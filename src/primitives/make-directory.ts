import { mkdirSync, statSync } from "node:fs";
import { dirname } from "node:path";

/**
 * `mkdir -p`, without Node's own recursive mkdir: on a path such as `/proc/x`, where mkdir answers
 * ENOENT under a parent that exists, that one retries forever. Each missing level is created in turn,
 * and the first failure is thrown as it is. Throws ENOTDIR when the path (or a level) is not a directory.
 */
export function makeDirectory(path: string): void {
  const missing: string[] = [];
  for (let level = path; ; level = dirname(level)) {
    const found = statSync(level, { throwIfNoEntry: false });
    if (found !== undefined) {
      if (!found.isDirectory()) throw Object.assign(new Error(`ENOTDIR: not a directory, mkdir '${path}'`), { code: "ENOTDIR" });
      break;
    }
    missing.push(level);
    if (dirname(level) === level) break;
  }
  for (const level of missing.reverse()) {
    try {
      mkdirSync(level);
    } catch (error) {
      // Made meanwhile by someone else: as good.
      if ((error as NodeJS.ErrnoException).code !== "EEXIST" || !statSync(level).isDirectory()) throw error;
    }
  }
}
