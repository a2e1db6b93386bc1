import { closeSync, fstatSync, mkdirSync, openSync, readdirSync, readFileSync, ftruncateSync, unlinkSync, writevSync } from "node:fs";
import { join } from "node:path";
import type { WebhookRequest } from "../primitives/webhook-request.js";

/** `.whk-journal-<pid>-<n>`: dot-prefixed, so `whk verify <dir>` never takes one for a request. */
const JOURNAL_PREFIX = ".whk-journal-";

/** Past this size a journal whose requests are still in flight is left to drain, and a new one begun. */
const SEGMENT_BYTES = 64 * 1024 * 1024;

/** A journal with nothing pending is emptied once it holds this much: often enough to stay small, rarely enough to cost nothing. */
const TRIM_BYTES = 1024 * 1024;

/** One request in the journal, exactly as it arrived: its capture file is still to be written. */
export interface JournalEntry {
  seq: number;
  receivedAt: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body: Buffer;
}

/** A request's finished capture in the journal: its file's name and text. */
export interface JournalCapture {
  name: string;
  text: string;
}

/** A request in the journal, until it is settled. */
export interface JournalTicket {
  /**
   * Appends the request's capture (its file's name and bytes, UTF-8 JSON): from then on the next
   * listener writes that very file if this one cannot. Resolves once written, with the other captures
   * of the same turn of the event loop in one write; rejects when it cannot be written.
   */
  commit(name: string, bytes: Buffer): Promise<void>;
  /** Its capture file is written (or it was answered without one): the journal may forget it. */
  settle(): void;
}

export interface CaptureJournal {
  /**
   * Appends a request exactly as it arrived, before anything inspects it, and resolves once it is
   * written: every request appended in the same turn of the event loop goes in one write (a group
   * commit). Rejects when it cannot be written.
   */
  append(seq: number, request: WebhookRequest & { receivedAt: string }): Promise<JournalTicket>;
  /** Deletes the journal when every request in it is settled; otherwise leaves it for the next listener. */
  close(): void;
}

interface Segment {
  fd: number;
  path: string;
  /** Requests with an entry in this segment that are not settled yet. */
  pending: number;
  bytes: number;
}

interface Queued {
  parts: Buffer[];
  written(segment: Segment): void;
  failed(error: unknown): void;
}

/**
 * The listener's write-ahead journal: every request is appended (body bytes untouched) the moment it
 * has arrived, and its capture once it is inspected, so a request survives even a listener that dies
 * while inspecting it or before its capture file is written (a kill -9, a crash, the machine's OOM
 * killer): the next listener on the directory turns what was never settled into capture files.
 * Appends are gathered per turn of the event loop and written with one call. Settled requests are
 * dropped by truncating the journal whenever nothing in it is pending, so it stays small.
 */
export function openCaptureJournal(dir: string): CaptureJournal {
  let counter = 0;
  const open = (): Segment => {
    const path = join(dir, `${JOURNAL_PREFIX}${process.pid}-${++counter}`);
    let fd: number;
    try {
      fd = openSync(path, "a");
    } catch (error) {
      // The directory was removed while listening: create it again, once (its parent must still be there).
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
      mkdirSync(dir);
      fd = openSync(path, "a");
    }
    return { fd, path, pending: 0, bytes: 0 };
  };
  let current = open();
  const segments = new Set<Segment>([current]);
  const retire = (segment: Segment): void => {
    segments.delete(segment);
    closeSync(segment.fd);
    unlinkSync(segment.path);
  };
  const release = (segment: Segment): void => {
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
  };
  /**
   * The segment to write to. One that was deleted under the listener (its directory removed or
   * replaced) is replaced in turn, so a write fails with the directory's own error instead of landing
   * in a file no one will ever read.
   */
  const writable = (): Segment => {
    if (current.bytes > SEGMENT_BYTES && current.pending > 0) current = open();
    else if (fstatSync(current.fd).nlink === 0) {
      const gone = current;
      current = open();
      if (gone.pending === 0) {
        segments.delete(gone);
        closeSync(gone.fd);
      }
    }
    segments.add(current);
    return current;
  };
  let queued: Queued[] = [];
  const flush = (): void => {
    const batch = queued;
    queued = [];
    let segment: Segment;
    try {
      segment = writable();
      segment.bytes += writevSync(segment.fd, batch.flatMap((item) => item.parts));
    } catch (error) {
      for (const item of batch) item.failed(error);
      return;
    }
    for (const item of batch) item.written(segment);
  };
  const enqueue = (item: Queued): void => {
    if (queued.push(item) === 1) setImmediate(flush);
  };
  const ticket = (first: Segment): JournalTicket => {
    const held = [first];
    let settled = false;
    return {
      commit(name, bytes) {
        const head = Buffer.from(`${JSON.stringify({ capture: name, bytes: bytes.length })}\n`);
        return new Promise((resolve, reject) => {
          enqueue({
            parts: [head, bytes, NEWLINE],
            written(segment) {
              if (!held.includes(segment)) {
                segment.pending += 1;
                held.push(segment);
              }
              resolve();
            },
            failed: reject,
          });
        });
      },
      settle() {
        if (settled) return;
        settled = true;
        for (const segment of held) release(segment);
      },
    };
  };
  return {
    append(seq, request) {
      const head = Buffer.from(`${JSON.stringify({ seq, receivedAt: request.receivedAt, method: request.method, url: request.url, headers: request.headers, bodyBytes: request.body.length })}\n`);
      return new Promise((resolve, reject) => {
        enqueue({
          parts: [head, request.body, NEWLINE],
          written(segment) {
            segment.pending += 1;
            resolve(ticket(segment));
          },
          failed: reject,
        });
      });
    },
    close() {
      for (const segment of segments) {
        try {
          if (segment.pending === 0) retire(segment);
          else closeSync(segment.fd);
        } catch {
          // The directory is gone (or replaced): so is the journal.
        }
      }
    },
  };
}

const NEWLINE = Buffer.from("\n");

/** What listeners that are gone left in `dir`'s journals: the requests they never settled, and the captures among them they had finished. */
export function unsettledRequests(dir: string): { journals: string[]; entries: JournalEntry[]; captures: JournalCapture[] } {
  const journals = readdirSync(dir).filter((name) => name.startsWith(JOURNAL_PREFIX)).map((name) => join(dir, name));
  const entries: JournalEntry[] = [];
  const captures: JournalCapture[] = [];
  for (const journal of journals) readJournal(readFileSync(journal), entries, captures);
  return { journals, entries, captures };
}

export function removeJournals(journals: readonly string[]): void {
  for (const journal of journals) unlinkSync(journal);
}

/** The whole entries of a journal; a last one cut short (the listener died mid-write) is left out. */
function readJournal(bytes: Buffer, entries: JournalEntry[], captures: JournalCapture[]): void {
  let pos = 0;
  while (pos < bytes.length) {
    const end = bytes.indexOf(0x0a, pos);
    if (end < 0) break;
    let head: (Omit<JournalEntry, "body"> & { bodyBytes: number }) | { capture: string; bytes: number };
    try {
      head = JSON.parse(bytes.toString("utf8", pos, end)) as typeof head;
    } catch {
      break;
    }
    const size = "capture" in head ? head.bytes : head.bodyBytes;
    const dataEnd = end + 1 + size;
    if (dataEnd >= bytes.length || bytes[dataEnd] !== 0x0a) break;
    if ("capture" in head) captures.push({ name: head.capture, text: bytes.toString("utf8", end + 1, dataEnd) });
    else entries.push({ seq: head.seq, receivedAt: head.receivedAt, method: head.method, url: head.url, headers: head.headers, body: bytes.subarray(end + 1, dataEnd) });
    pos = dataEnd + 1;
  }
}
