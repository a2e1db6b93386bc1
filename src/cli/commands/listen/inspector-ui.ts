import type { CaptureEvent } from "../../../listen/capture-record.js";
import type { CaptureServer } from "../../../listen/capture-server.js";
import { isWhkInputError, WhkInputError } from "../../../primitives/errors.js";
import { DEFAULT_TEST_SECRET } from "../../shared/secret-flags.js";

export interface ListenUi {
  readonly url: string;
  /** Hands a capture event to the page's live list. */
  feed(event: CaptureEvent): void;
  close(): Promise<void>;
}

export interface ListenUiOptions {
  /** Undefined: the inspector's default (4401). */
  port: number | undefined;
  secrets: readonly string[];
  providerSecrets: Readonly<Record<string, readonly string[]>>;
  provider: string | undefined;
  forwardTo: string | undefined;
}

/**
 * `whk listen --ui`: the inspector over this listener's captures, fed from its events. Imported only
 * with --ui, and it imports the inspector lazily in turn, so a plain `whk listen` loads none of it.
 */
export async function startListenUi(server: CaptureServer, options: ListenUiOptions): Promise<ListenUi> {
  const [{ createCaptureStore }, { captureEntryFromEvent }, { startInspector }] = await Promise.all([
    import("../../../inspect/capture-store.js"),
    import("../../../inspect/capture-entry.js"),
    import("../../../inspect/inspector-server.js"),
  ]);
  const store = createCaptureStore();
  const source = { kind: "listen" as const, url: server.url, outDir: server.outDir, ...(options.forwardTo !== undefined ? { forwardTo: options.forwardTo } : {}) };
  const inspector = await startInspector({
    store,
    source,
    ...(options.port !== undefined ? { port: options.port } : {}),
    secrets: options.secrets,
    providerSecrets: options.providerSecrets,
    // As `whk send` does: with no secret anywhere, a replay is signed with the published test secret.
    fallbackSigningSecret: DEFAULT_TEST_SECRET,
    ...(options.provider !== undefined ? { provider: options.provider } : {}),
  }).catch((error: unknown) => {
    if (isWhkInputError(error) && error.code === "port-in-use") throw new WhkInputError(error.code, `the inspector's ${error.message}`, "stop the other process, choose another --ui-port, or use --ui-port 0 to pick a free one");
    throw error;
  });
  return {
    url: inspector.url,
    feed(event) {
      if (event.type === "request") store.add(captureEntryFromEvent(event));
    },
    close: () => inspector.close(),
  };
}
