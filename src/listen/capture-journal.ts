import { closeSync, ftruncateSync, openSync, readdirSync, readFileSync, unlinkSync, writevSync } from "node:fs";
import { join } from "node:path";
import type { WebhookRequest } from "../primitives/webhook-request.js";

/** `.whk-journal-<pid>-<n>`: dot-prefixed, so `whk verify <dir>` never takes one for a request. */
const JOURNAL_PREFIX = ".whk-journal-";

/** Past this size a journal whose requests are still in flight is left to drain, and a new one begun. */
const SEGMENT_BYTES = 64 * 1024 * 1024;

/** A journal with nothing pending is emptied once it holds this much: often enough to stay small, rarely enough to cost nothing. */
const TRIM_BYTES = 1024 * 1024;

/** One request in the journal: its capture file is still to be written. */
export interface JournalEntry {
  seq: number;
  receivedAt: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body: Buffer;
}

export interface CaptureJournal {
  /**
   * Appends a request exactly as it arrived, before anything inspects it, and resolves once it is
   * written (requests arriving together are written with one call); `settle` once its capture file is
   * written (or it is answered without one). Rejects when it cannot be written.
   */
  append(seq: number, request: WebhookRequest & { receivedAt: string }): Promise<{ settle(): void }>;
  /** Deletes the journal (every request in it settled). */
  close(): void;
}

interface Segment {
  fd: number;
  path: string;
  pending: number;
  bytes: number;
}

/**
 * The listener's write-ahead journal: every request is appended (one write, body bytes untouched)
 * the moment it has arrived, so a request survives even a listener that dies while inspecting it (a
 * kill -9, a crash, the machine's OOM killer): the next listener on the directory turns what was never
 * settled into capture files. Settled requests are dropped by truncating the journal whenever nothing
 * in it is pending, so it stays small.
 */
export function openCaptureJournal(dir: string): CaptureJournal {
  let counter = 0;
  const open = (): Segment => {
    const path = join(dir, `${JOURNAL_PREFIX}${process.pid}-${++counter}`);
    return { fd: openSync(path, "a"), path, pending: 0, bytes: 0 };
  };
  let current = open();
  const retire = (segment: Segment): void => {
    closeSync(segment.fd);
    unlinkSync(segment.path);
  };
  const settler = (segment: Segment): { settle(): void } => {
    let settled = false;
    return {
      settle() {
        if (settled) return;
        settled = true;
        segment.pending -= 1;
        if (segment.pending > 0) return;
        try {
          if (segment !== current) retire(segment);
          else if (segment.bytes > TRIM_BYTES) {
            ftruncateSync(segment.fd, 0);
            segment.bytes = 0;
          }
        } catch {
          // A journal that cannot be trimmed only grows; every request in it is already stored.
        }
      },
    };
  };
  let queued: { parts: Buffer[]; resolve(ticket: { settle(): void }): void; reject(error: unknown): void }[] = [];
  const flush = (): void => {
    const batch = queued;
    queued = [];
    if (current.bytes > SEGMENT_BYTES && current.pending > 0) current = open();
    const segment = current;
    try {
      segment.bytes += writevSync(segment.fd, batch.flatMap((item) => item.parts));
    } catch (error) {
      for (const item of batch) item.reject(error);
      return;
    }
    segment.pending += batch.length;
    for (const item of batch) item.resolve(settler(segment));
  };
  return {
    append(seq, request) {
      const head = Buffer.from(`${JSON.stringify({ seq, receivedAt: request.receivedAt, method: request.method, url: request.url, headers: request.headers, bodyBytes: request.body.length })}\n`);
      return new Promise((resolve, reject) => {
        if (queued.push({ parts: [head, request.body, NEWLINE], resolve, reject }) === 1) setImmediate(flush);
      });
    },
    close() {
      try {
        retire(current);
      } catch {
        // The directory is gone (or replaced): so is the journal, and nothing in it was pending.
      }
    },
  };
}

const NEWLINE = Buffer.from("\n");

/** Journals a listener that is gone left in `dir`, and the requests in them that it never settled. */
export function unsettledRequests(dir: string): { journals: string[]; entries: JournalEntry[] } {
  const journals = readdirSync(dir).filter((name) => name.startsWith(JOURNAL_PREFIX)).map((name) => join(dir, name));
  const entries: JournalEntry[] = [];
  for (const journal of journals) entries.push(...readJournal(readFileSync(journal)));
  return { journals, entries };
}

export function removeJournals(journals: readonly string[]): void {
  for (const journal of journals) unlinkSync(journal);
}

/** The whole entries of a journal; a last one cut short (the listener died mid-write) is left out. */
function readJournal(bytes: Buffer): JournalEntry[] {
  const entries: JournalEntry[] = [];
  let pos = 0;
  while (pos < bytes.length) {
    const end = bytes.indexOf(0x0a, pos);
    if (end < 0) break;
    let head: Omit<JournalEntry, "body"> & { bodyBytes: number };
    try {
      head = JSON.parse(bytes.toString("utf8", pos, end)) as typeof head;
    } catch {
      break;
    }
    const bodyEnd = end + 1 + head.bodyBytes;
    if (bodyEnd >= bytes.length || bytes[bodyEnd] !== 0x0a) break;
    entries.push({ seq: head.seq, receivedAt: head.receivedAt, method: head.method, url: head.url, headers: head.headers, body: bytes.subarray(end + 1, bodyEnd) });
    pos = bodyEnd + 1;
  }
  return entries;
}
