import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { CONFIG_NAMES } from "../../../config/find-config.js";
import { starterConfig } from "../../../config/starter-config.js";
import { allProviders } from "../../../providers/index.js";
import { WhkInputError } from "../../../primitives/errors.js";
import { EXIT_OK } from "../../exit-codes.js";

const exists = (name: string): WhkInputError =>
  new WhkInputError("config-exists", `${name} already exists here: whk init never overwrites a config`, "edit it, or run `whk config` to see what whk reads from it");

/** Writes the starter whk.config.json here; an existing config of any kind is left alone (exit 2). */
export function runInit(folder: string = process.cwd()): number {
  const other = CONFIG_NAMES.find((name) => existsSync(join(folder, name)));
  if (other !== undefined) throw exists(other);
  try {
    // "wx" refuses a file that appeared since the check: never a blind overwrite.
    // The bundled-provider example names a real provider (the first that signs), so it can be uncommented as is.
    const example = allProviders().find((p) => p.scheme.needsSecret)?.name ?? "provider";
    writeFileSync(join(folder, "whk.config.json"), starterConfig(example), { flag: "wx" });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EEXIST") throw exists("whk.config.json");
    throw new WhkInputError("unwritable-file", `whk.config.json cannot be written here (${code ?? "error"})`, "run whk init in a folder you can write to");
  }
  process.stdout.write("wrote whk.config.json: add your fixture folders and provider entries; `whk config` shows what whk reads\n");
  return EXIT_OK;
}
