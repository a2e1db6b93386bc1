import { startFolderInspector } from "../../../inspect/inspect-folder.js";
import { isWhkInputError, WhkInputError } from "../../../primitives/errors.js";
import { parseWholeNumber } from "../../../primitives/whole-number.js";
import { DEFAULT_INSPECTOR_PORT } from "../../../primitives/target-url.js";
import { getProvider } from "../../../providers/index.js";
import { EXIT_OK } from "../../exit-codes.js";
import { whenOrphaned } from "../../shared/orphan-watch.js";
import { DEFAULT_TEST_SECRET, flagSecrets, secretsByProvider, type SecretFlags } from "../../shared/secret-flags.js";

export interface InspectFlags extends SecretFlags {
  port?: string;
  provider?: string;
  json?: boolean;
}

/** Serves the inspector over a capture folder until SIGINT/SIGTERM (or the loss of npm, under npx), then exits 0. */
export async function runInspect(dir: string, flags: InspectFlags): Promise<number> {
  // Each provider's secrets (flags, WHK_SECRET_<PROVIDER>, WHK_SECRET, the config), read now.
  const providerSecrets = secretsByProvider(flags, (line) => process.stderr.write(line));
  const secrets = flagSecrets(flags);
  const port = parseWholeNumber(flags.port ?? String(DEFAULT_INSPECTOR_PORT), "--port", { min: 0, max: 65535 }, "write it like --port 4402, or --port 0 to pick a free port");
  const provider = flags.provider !== undefined ? getProvider(flags.provider).name : undefined;
  const inspector = await startFolderInspector(dir, {
    port,
    secrets,
    providerSecrets,
    // As `whk send` does: with no secret anywhere, a replay is signed with the published test secret.
    fallbackSigningSecret: DEFAULT_TEST_SECRET,
    ...(provider !== undefined ? { provider } : {}),
  }).catch((error: unknown) => {
    if (isWhkInputError(error) && error.code === "port-in-use") throw new WhkInputError(error.code, error.message, "stop the other process (another inspector, or a whk listen --ui?), choose another --port, or use --port 0");
    throw error;
  });
  const verifying = secrets.length > 0 || Object.keys(providerSecrets).length > 0;
  if (flags.json === true) {
    process.stdout.write(`${JSON.stringify({ type: "ready", ui: inspector.url, dir: inspector.dir, captures: inspector.loaded, verifying })}\n`);
  } else {
    const lines = [
      `whk inspect: ${inspector.url}  ${inspector.loaded} capture${inspector.loaded === 1 ? "" : "s"} in ${inspector.dir}, and new ones as they are written`,
      verifying ? "  verifying every capture with the secret given, as whk verify does" : "  no secret: showing the verdicts whk listen recorded (pass --secret to verify and explain)",
      "  Ctrl-C to stop",
    ];
    process.stdout.write(`${lines.join("\n")}\n`);
  }
  // Ctrl-C, SIGTERM, or (under npx) the end of the npm process that started it, as for whk listen.
  let stopWatching: () => void = () => undefined;
  await new Promise<void>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
    stopWatching = whenOrphaned(resolve);
  });
  stopWatching();
  await inspector.close();
  return EXIT_OK;
}
