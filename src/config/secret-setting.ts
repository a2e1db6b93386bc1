import { existsSync } from "node:fs";
import { isAbsolute, join } from "node:path";
import { WhkInputError } from "../primitives/errors.js";
import { MAX_SECRET_BYTES, readUserFile } from "../primitives/read-input.js";
import type { SecretSetting } from "./config-types.js";

/**
 * A configured secret's value. `where` names it for errors (`whk.config.json: providers.acme.secret`);
 * a file is read relative to the config file's folder, one trailing newline dropped as with --secret-file.
 */
export function readSecretSetting(setting: SecretSetting, where: string, configDir: string): string {
  if (typeof setting === "string") return setting;
  if ("env" in setting) {
    const value = process.env[setting.env];
    if (value === undefined || value === "") {
      throw new WhkInputError("missing-secret", `${where}: the environment variable ${setting.env} is not set`, `set ${setting.env}, or pass --secret`);
    }
    return value;
  }
  const path = isAbsolute(setting.file) ? setting.file : join(configDir, setting.file);
  const secret = readUserFile(path, `${where}: secret file`, "check the path (it is relative to the config file)", MAX_SECRET_BYTES).toString("utf8").replace(/\r?\n$/, "");
  if (secret === "") throw new WhkInputError("missing-secret", `${where}: the secret file ${setting.file} is empty`, "put the secret in it, or pass --secret");
  return secret;
}

/** Where a configured secret comes from, for `whk config`: never its value. */
export function describeSecretSetting(setting: SecretSetting, configDir: string): string {
  if (typeof setting === "string") return "literal (written in the config file)";
  if ("env" in setting) return `env ${setting.env} (${process.env[setting.env] ? "set" : "not set"})`;
  const path = isAbsolute(setting.file) ? setting.file : join(configDir, setting.file);
  return `file ${setting.file} (${existsSync(path) ? "exists" : "missing"})`;
}
