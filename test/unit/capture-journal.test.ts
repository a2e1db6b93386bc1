import { mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openCaptureJournal, unsettledRequests } from "../../src/listen/capture-journal.js";
import { lockCaptureDir } from "../../src/listen/capture-lock.js";
import { makeDirectory } from "../../src/primitives/make-directory.js";

const scratch = mkdtempSync(join(tmpdir(), "whk-journal-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
let dirs = 0;
const freshDir = (): string => {
  const dir = join(scratch, `d${++dirs}`);
  makeDirectory(dir);
  return dir;
};

const aRequest = (body: Buffer) => ({ method: "POST", url: "http://127.0.0.1:4400/cb", headers: { "Content-Type": "application/json", "X-Odd": "a\u00e9" }, body, receivedAt: "2025-05-15T05:34:31.123Z" });

describe("the listener's journal", () => {
  it("holds every request not yet settled, byte for byte, for the next listener", async () => {
    const dir = freshDir();
    const journal = openCaptureJournal(dir);
    const bodies = [Buffer.from('{"a":1}\n'), Buffer.from([0xff, 0x00, 0x0a, 0x7b]), Buffer.alloc(0)];
    const tickets = await Promise.all(bodies.map((body, i) => journal.append(i + 1, aRequest(body))));
    tickets[1]?.settle();
    // No close: the listener died here.
    const { journals, entries } = unsettledRequests(dir);
    expect(journals).toHaveLength(1);
    expect(entries.map((entry) => entry.seq)).toEqual([1, 2, 3]);
    entries.forEach((entry, i) => {
      expect(entry.body.equals(bodies[i] as Buffer)).toBe(true);
      expect(entry).toMatchObject({ method: "POST", url: "http://127.0.0.1:4400/cb", headers: { "X-Odd": "a\u00e9" }, receivedAt: "2025-05-15T05:34:31.123Z" });
    });
  });

  it("leaves out an entry the listener died in the middle of writing", async () => {
    const dir = freshDir();
    const journal = openCaptureJournal(dir);
    await journal.append(1, aRequest(Buffer.from("first")));
    await journal.append(2, aRequest(Buffer.from("second, cut short")));
    const [file] = readdirSync(dir);
    const path = join(dir, file as string);
    truncateSync(path, statSync(path).size - 5);
    expect(unsettledRequests(dir).entries.map((entry) => entry.body.toString())).toEqual(["first"]);
  });

  it("is deleted when the listener stops", async () => {
    const dir = freshDir();
    const journal = openCaptureJournal(dir);
    (await journal.append(1, aRequest(Buffer.from("x")))).settle();
    journal.close();
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe("the capture directory's lock", () => {
  it("refuses a second listener, in this process too, and frees the directory on release", () => {
    const dir = freshDir();
    const lock = lockCaptureDir(dir, "the capture directory d");
    expect(readFileSync(join(dir, ".whk-listen.lock"), "utf8")).toBe(`${process.pid}\n`);
    expect(() => lockCaptureDir(dir, "the capture directory d")).toThrow(/the capture directory d is in use by another whk listen/);
    lock.release();
    lockCaptureDir(dir, "the capture directory d").release();
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe("makeDirectory", () => {
  it("creates every missing level, and fails (never loops) where mkdir cannot", () => {
    const deep = join(scratch, "a", "b", "c");
    makeDirectory(deep);
    expect(statSync(deep).isDirectory()).toBe(true);
    makeDirectory(deep);
    // Node's own recursive mkdir retries this one forever.
    if (process.platform === "linux") expect(() => makeDirectory("/proc/whk-no-such-dir")).toThrow(/ENOENT/);
  });
});
