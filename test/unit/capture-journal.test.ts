import { mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openCaptureJournal, unsettledRequests } from "../../src/listen/capture-journal.js";
import { lockCaptureDir } from "../../src/listen/capture-lock.js";
import { openCaptureDir } from "../../src/listen/capture-dir.js";
import { captureFileText } from "../../src/listen/capture-record.js";
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

  it("writes the requests of one turn of the event loop together, and answers none before all are written", async () => {
    const dir = freshDir();
    const journal = openCaptureJournal(dir);
    const appends = Array.from({ length: 50 }, (_, i) => journal.append(i + 1, aRequest(Buffer.from(`{"n":${i}}`))));
    // When the first append resolves, every one of the 50 is already in the journal.
    const seenByFirst = await appends[0]?.then(() => unsettledRequests(dir).entries.length);
    await Promise.all(appends);
    expect(seenByFirst).toBe(50);
    expect(unsettledRequests(dir).entries.map((entry) => entry.body.toString())).toEqual(Array.from({ length: 50 }, (_, i) => `{"n":${i}}`));
  });

  it("holds a request's finished capture once committed, for the next listener to write as that very file", async () => {
    const dir = freshDir();
    const journal = openCaptureJournal(dir);
    const finished = await journal.append(7, aRequest(Buffer.from('{"paid":true}')));
    const record = { method: "POST", url: "http://127.0.0.1:4400/cb", headers: {}, body: '{"paid":true}', receivedAt: "2025-05-15T05:34:31.123Z", detectedProvider: "fazz", answered: 200 };
    await finished.commit("20250515T053431123Z-000007-fazz.json", Buffer.from(captureFileText(record)));
    await journal.append(8, aRequest(Buffer.from("not inspected yet")));
    // No close: the listener died here, its two requests answered (7) and in flight (8).

    const next = openCaptureDir(dir);
    next.close();
    expect(next.recovered).toBe(2);
    expect(readdirSync(dir).sort()).toEqual(["20250515T053431123Z-000007-fazz.json", "20250515T053431123Z-000008-unknown.json"]);
    const written = readFileSync(join(dir, "20250515T053431123Z-000007-fazz.json"), "utf8");
    const { recovered } = JSON.parse(written) as { recovered: string };
    expect(recovered).toMatch(/answered this request stopped before writing its file/);
    expect(written).toBe(captureFileText({ ...record, recovered }));
    expect(JSON.parse(readFileSync(join(dir, "20250515T053431123Z-000008-unknown.json"), "utf8"))).toMatchObject({ body: "not inspected yet", detectedProvider: null, recovered: expect.stringMatching(/verdict and answer are unknown/) });
  });

  it("is kept when the listener stops with a request whose capture file was never written", async () => {
    const dir = freshDir();
    const journal = openCaptureJournal(dir);
    (await journal.append(1, aRequest(Buffer.from("written")))).settle();
    await journal.append(2, aRequest(Buffer.from("never written")));
    journal.close();
    expect(unsettledRequests(dir).entries.map((entry) => entry.body.toString())).toEqual(["written", "never written"]);
  });

  it("fails an append with the directory's own error once the directory is replaced, rather than write where no one reads", async () => {
    const dir = freshDir();
    const journal = openCaptureJournal(dir);
    (await journal.append(1, aRequest(Buffer.from("before")))).settle();
    rmSync(dir, { recursive: true, force: true });
    writeFileSync(dir, "");
    await expect(journal.append(2, aRequest(Buffer.from("after")))).rejects.toMatchObject({ code: "ENOTDIR" });
    journal.close();
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
