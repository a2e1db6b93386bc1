import type { CaptureEntry } from "./capture-entry.js";

/** A file in a capture folder that is not a request file (yet: a writer may still be at it). */
export interface UnreadableFile {
  file: string;
  problem: string;
}

export type StoreChange = { type: "capture"; entry: CaptureEntry } | { type: "unreadable"; unreadable: UnreadableFile };

/** How many captures the inspector keeps: a page of thousands of rows is no help, and a load test writes tens of thousands. */
export const KEPT_CAPTURES = 2000;

/** The captures the inspector shows, in arrival order, and who wants to hear of new ones. */
export interface CaptureStore {
  /** How many it keeps: past that, the oldest is let go. */
  readonly limit: number;
  /** Adds a capture; one already held (same id) is ignored. */
  add(entry: CaptureEntry): void;
  /** Counts captures left out without being read (the older files of a big folder). */
  noteLeftOut(count: number): void;
  /** How many captures were let go or left out. */
  leftOut(): number;
  noteUnreadable(unreadable: UnreadableFile): void;
  list(): readonly CaptureEntry[];
  get(id: string): CaptureEntry | undefined;
  unreadable(): readonly UnreadableFile[];
  /** Calls `listener` on every change from now on; returns the unsubscribe function. */
  subscribe(listener: (change: StoreChange) => void): () => void;
}

export function createCaptureStore(limit = KEPT_CAPTURES): CaptureStore {
  const entries: CaptureEntry[] = [];
  let leftOut = 0;
  const byId = new Map<string, CaptureEntry>();
  const unreadable = new Map<string, UnreadableFile>();
  const listeners = new Set<(change: StoreChange) => void>();
  const tell = (change: StoreChange): void => {
    for (const listener of listeners) listener(change);
  };
  return {
    limit,
    add(entry) {
      if (byId.has(entry.id)) return;
      byId.set(entry.id, entry);
      entries.push(entry);
      if (entries.length > limit) {
        byId.delete((entries.shift() as CaptureEntry).id);
        leftOut++;
      }
      unreadable.delete(entry.file);
      tell({ type: "capture", entry });
    },
    noteUnreadable(file) {
      unreadable.set(file.file, file);
      tell({ type: "unreadable", unreadable: file });
    },
    noteLeftOut(count) {
      leftOut += count;
    },
    leftOut: () => leftOut,
    list: () => entries,
    get: (id) => byId.get(id),
    unreadable: () => [...unreadable.values()],
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
