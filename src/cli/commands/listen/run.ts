import { WhkInputError } from "../../../primitives/errors.js";
import { parseWholeNumber } from "../../../primitives/whole-number.js";
import type { LinesMode } from "./pacer.js";
import { parseByteSize } from "../../../primitives/byte-size.js";
import { startCaptureServer } from "../../../listen/capture-server.js";
import { DEFAULT_PORT, parseTarget } from "../../../primitives/target-url.js";
import { parseDuration } from "../../../primitives/duration.js";
import { getProvider } from "../../../providers/index.js";
import { EXIT_OK } from "../../exit-codes.js";
import { createListenOutput } from "./output.js";
import { flagSecrets, secretsByProvider, type SecretFlags } from "../../shared/secret-flags.js";
import { whenOrphaned } from "../../shared/orphan-watch.js";
import type { CaptureEvent } from "../../../listen/capture-record.js";
import type { ListenUi } from "./inspector-ui.js";

const STOP_SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

export interface ListenFlags extends SecretFlags {
  port?: string;
  host?: string;
  out?: string;
  provider?: string;
  forwardTo?: string;
  maxBody?: string;
  requestTimeout?: string;
  count?: string;
  json?: boolean;
  lines?: string;
  ui?: boolean;
  uiPort?: string;
}

function parseLinesMode(text: string | undefined): LinesMode {
  if (text === undefined || text === "each" || text === "counts" || text === "auto") return text ?? "auto";
  throw new WhkInputError("bad-lines", `--lines "${text}" is not each, counts or auto`, "each: a line per request; counts: a line per second; auto: each, until requests come too fast to read");
}

/**
 * Runs the capture server until SIGINT/SIGTERM (or --count requests, or, under npx, the end of the npm
 * process that started it), then finishes every request in flight, prints the summary and exits 0. A
 * second Ctrl-C drops open connections at once.
 */
export async function runListen(flags: ListenFlags): Promise<number> {
  // Each provider's secrets (flags, WHK_SECRET_<PROVIDER>, WHK_SECRET, the config), read now.
  const providerSecrets = secretsByProvider(flags, (line) => process.stderr.write(line));
  const secrets = flagSecrets(flags);
  const port = parseWholeNumber(flags.port ?? String(DEFAULT_PORT), "--port", { min: 0, max: 65535 }, `--port "${flags.port}" must be a whole number from 0 to 65535: use --port 0 to pick a free port`);
  const count = flags.count !== undefined ? parseWholeNumber(flags.count, "--count", { min: 1, max: Number.MAX_SAFE_INTEGER }, "write it like --count 1") : undefined;
  const forwardTo = flags.forwardTo !== undefined ? parseTarget(flags.forwardTo) : undefined;
  const provider = flags.provider !== undefined ? getProvider(flags.provider).name : undefined;
  const withUi = flags.ui === true || flags.uiPort !== undefined;
  // Without --ui-port the inspector takes its own default port (4401).
  const uiPort = flags.uiPort !== undefined ? parseWholeNumber(flags.uiPort, "--ui-port", { min: 0, max: 65535 }, "write it like --ui-port 4402, or --ui-port 0 to pick a free port") : undefined;
  const output = createListenOutput(flags.json === true, parseLinesMode(flags.lines));
  // Requests that arrive before the inspector is up wait here for it.
  const early: CaptureEvent[] = [];
  let feed: (event: CaptureEvent) => void = withUi ? (event) => early.push(event) : () => undefined;
  let captured = 0;
  let stop: () => void = () => undefined;
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  const server = await startCaptureServer({
    port,
    host: flags.host ?? "127.0.0.1",
    secrets,
    secretsFor: (name) => providerSecrets[name] ?? [],
    maxBodyBytes: parseByteSize(flags.maxBody ?? "1mb", "--max-body"),
    requestTimeoutMs: parseDuration(flags.requestTimeout ?? "30s", "--request-timeout"),
    ...(flags.out !== undefined ? { outDir: flags.out } : {}),
    ...(provider !== undefined ? { provider } : {}),
    ...(forwardTo !== undefined ? { forwardTo } : {}),
    onEvent(event) {
      output.event(event);
      feed(event);
      if (event.type === "request" && count !== undefined && ++captured >= count) stop();
    },
  });
  let ui: ListenUi | undefined;
  if (withUi) {
    try {
      ui = await (await import("./inspector-ui.js")).startListenUi(server, { port: uiPort, secrets, providerSecrets, provider, forwardTo });
    } catch (error) {
      await server.close();
      throw error;
    }
    feed = ui.feed;
    for (const event of early.splice(0)) ui.feed(event);
  }
  let signals = 0;
  const onSignal = (): void => {
    if (++signals > 1) server.abort();
    stop();
  };
  // Output going nowhere (`whk listen | head -1`) stops the lines, not the capturing, and says so.
  const onOutputError = (error: NodeJS.ErrnoException): void => {
    if (error.code !== "EPIPE") return;
    output.detach();
    process.stderr.write(`whk: standard output was closed; still capturing every request to ${server.outDir} (Ctrl-C to stop)\n`, () => undefined);
  };
  const stopWatching = whenOrphaned(stop);
  process.stdout.on("error", onOutputError);
  process.stderr.on("error", () => undefined);
  // A closed terminal (SIGHUP) stops the listener as Ctrl-C does: requests in flight are stored and answered first.
  for (const signal of STOP_SIGNALS) process.on(signal, onSignal);
  // Secrets for every provider (flags, WHK_SECRET) say "verifying"; otherwise the providers that have their own.
  const forEveryone = secrets.length > 0 ? secrets.length : process.env["WHK_SECRET"] ? 1 : 0;
  output.ready(server, { verifying: forEveryone > 0, secretCount: forEveryone, configured: forEveryone > 0 ? [] : Object.keys(providerSecrets), forwardTo, count, ui: ui?.url });
  await stopped;
  const stats = await server.close();
  for (const signal of STOP_SIGNALS) process.off(signal, onSignal);
  await ui?.close();
  stopWatching();
  // The stdout error handler stays: the summary itself may still hit a closed pipe.
  output.summary(stats, server.outDir);
  return EXIT_OK;
}
