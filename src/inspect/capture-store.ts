import type { CaptureEntry } from "./capture-entry.js";

/** A file in a capture folder that is not a request file (yet: a writer may still be at it). */
export interface UnreadableFile {
  file: string;
  problem: string;
}

export type StoreChange = { type: "capture"; entry: CaptureEntry } | { type: "unreadable"; unreadable: UnreadableFile };

/** The captures the inspector shows, in arrival order, and who wants to hear of new ones. */
export interface CaptureStore {
  /** Adds a capture; one already held (same id) is ignored. */
  add(entry: CaptureEntry): void;
  noteUnreadable(unreadable: UnreadableFile): void;
  list(): readonly CaptureEntry[];
  get(id: string): CaptureEntry | undefined;
  unreadable(): readonly UnreadableFile[];
  /** Calls `listener` on every change from now on; returns the unsubscribe function. */
  subscribe(listener: (change: StoreChange) => void): () => void;
}

export function createCaptureStore(): CaptureStore {
  const entries: CaptureEntry[] = [];
  const byId = new Map<string, CaptureEntry>();
  const unreadable = new Map<string, UnreadableFile>();
  const listeners = new Set<(change: StoreChange) => void>();
  const tell = (change: StoreChange): void => {
    for (const listener of listeners) listener(change);
  };
  return {
    add(entry) {
      if (byId.has(entry.id)) return;
      byId.set(entry.id, entry);
      entries.push(entry);
      unreadable.delete(entry.file);
      tell({ type: "capture", entry });
    },
    noteUnreadable(file) {
      unreadable.set(file.file, file);
      tell({ type: "unreadable", unreadable: file });
    },
    list: () => entries,
    get: (id) => byId.get(id),
    unreadable: () => [...unreadable.values()],
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
