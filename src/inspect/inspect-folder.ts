import { followCaptureFolder } from "./capture-folder.js";
import { createCaptureStore } from "./capture-store.js";
import { startInspector, type Inspector, type InspectorOptions } from "./inspector-server.js";

export interface FolderInspector extends Inspector {
  /** The folder's absolute path. */
  readonly dir: string;
  /** How many captures were there at start. */
  readonly loaded: number;
}

/**
 * `whk inspect`: the inspector over a folder of capture files, loading what is there and following the
 * files written while it runs. A folder that does not exist is an input error.
 */
export async function startFolderInspector(dir: string, options: Omit<InspectorOptions, "store" | "source"> = {}): Promise<FolderInspector> {
  const store = createCaptureStore();
  const follower = await followCaptureFolder(dir, store);
  const loaded = store.list().length;
  try {
    const inspector = await startInspector({ ...options, store, source: { kind: "folder", dir: follower.dir } });
    return {
      url: inspector.url,
      port: inspector.port,
      dir: follower.dir,
      loaded,
      async close() {
        follower.close();
        await inspector.close();
      },
    };
  } catch (error) {
    follower.close();
    throw error;
  }
}
