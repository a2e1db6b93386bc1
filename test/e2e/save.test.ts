import { spawn } from "node:child_process";
import { closeSync, lstatSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseRequestFile } from "../../src/primitives/request-file.js";
import { startServer, type TestServer } from "../helpers/http-server.js";
import { outputOf, runWhk, WHK_BIN } from "../helpers/run-whk.js";

// What whk writes for the user (--save, --junit) never replaces what was there blindly: an earlier save
// is refused or numbered after, a device, FIFO or link is written through, and a run stopped with
// Ctrl-C keeps every request it sent.

const dir = mkdtempSync(join(tmpdir(), "whk-save-"));
const at = (name: string) => join(dir, name);
const secret = ["--secret", "save-secret"];
let server: TestServer;

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

const lines = (path: string): string[] => readFileSync(path, "utf8").trimEnd().split("\n");

describe("send --save", { timeout: 60_000 }, () => {
  it("refuses a file that is there already, before anything is sent, and leaves it as it was", async () => {
    writeFileSync(at("earlier.ndjson"), "an earlier run\n");
    const before = server.requests.length;
    const run = await runWhk(["send", "fazz-va-dynamic", ...secret, "--to", server.url, "--save", at("earlier.ndjson")]);
    expect(run.code, outputOf(run)).toBe(2);
    expect(run.stderr).toMatch(/^whk: --save .*earlier\.ndjson already exists, and whk never writes over an earlier file\n {2}hint: [^\n]*directory/);
    expect(server.requests.length).toBe(before);
    expect(readFileSync(at("earlier.ndjson"), "utf8")).toBe("an earlier run\n");
  });

  it("numbers a directory's new files after those already there", async () => {
    mkdirSync(at("runs"));
    writeFileSync(at("runs/fazz-va-dynamic-1.json"), "first run\n");
    writeFileSync(at("runs/fazz-va-dynamic-7.json"), "a later one\n");
    const run = await runWhk(["send", "fazz-va-dynamic", "fazz-va-dynamic", ...secret, "--to", server.url, "--save", at("runs")]);
    expect(run.code, outputOf(run)).toBe(0);
    expect(readdirSync(at("runs")).sort()).toEqual(["fazz-va-dynamic-1.json", "fazz-va-dynamic-7.json", "fazz-va-dynamic-8.json", "fazz-va-dynamic-9.json"]);
    expect(readFileSync(at("runs/fazz-va-dynamic-1.json"), "utf8")).toBe("first run\n");
    expect(parseRequestFile(readFileSync(at("runs/fazz-va-dynamic-9.json"), "utf8"), "9").fixture).toBe("fazz-va-dynamic");
  });

  it("writes through /dev/null, even as root, and leaves no empty file for a run that sent nothing", async () => {
    const run = await runWhk(["send", "fazz-va-dynamic", ...secret, "--to", server.url, "--save", "/dev/null"]);
    expect(run.code, outputOf(run)).toBe(0);
    expect(statSync("/dev/null").isCharacterDevice()).toBe(true);
    const refused = await runWhk(["send", "fazz-va-dynamic", ...secret, "--to", server.url, "--save", at("never.ndjson"), "--data", "not json", "--set", "a=1"]);
    expect(refused.code, outputOf(refused)).toBe(2);
    expect(readdirSync(dir)).not.toContain("never.ndjson");
  });

  it("streams a line per request to /dev/stdout, and appends through a link", async () => {
    const run = await runWhk(["send", "fazz-va-dynamic", "topremit-va", ...secret, "--to", server.url, "--json", "--save", "/dev/stdout"]);
    expect(run.code, outputOf(run)).toBe(0);
    const saved = run.stdout.trimEnd().split("\n").filter((line) => line.startsWith('{"method"'));
    expect(saved.map((line) => parseRequestFile(line, "stdout").fixture)).toEqual(["fazz-va-dynamic", "topremit-va"]);

    writeFileSync(at("log.ndjson"), "");
    symlinkSync(at("log.ndjson"), at("latest.ndjson"));
    for (let i = 0; i < 2; i++) expect((await runWhk(["send", "fazz-va-dynamic", ...secret, "--to", server.url, "--save", at("latest.ndjson")])).code).toBe(0);
    expect(lstatSync(at("latest.ndjson")).isSymbolicLink()).toBe(true);
    expect(lines(at("log.ndjson"))).toHaveLength(2);
  });

  it("Ctrl-C during --count keeps every request sent, and prints the partial summary", async () => {
    const before = server.requests.length;
    const saved = at("interrupted.ndjson");
    const child = spawn(process.execPath, [WHK_BIN, "send", "fazz-va-dynamic", ...secret, "--to", server.url, "--count", "1000000", "--concurrency", "4", "--save", saved], { env: { ...process.env, NO_COLOR: "1", WHK_SECRET: "" }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
    while (server.requests.length - before < 50) await new Promise((resolve) => setTimeout(resolve, 20));
    child.kill("SIGINT");
    expect(await exited).toBe(130);
    const sent = Number(/^stopped by Ctrl-C: sent (\d+) of 1000000 to /.exec(stdout)?.[1]);
    expect(sent, stdout).toBeGreaterThanOrEqual(50);
    expect(server.requests.length - before).toBe(sent);
    expect(lines(saved)).toHaveLength(sent);
    // Four in flight at once: the same requests, not necessarily in the order they arrived.
    expect(lines(saved).map((line) => parseRequestFile(line, "saved").body.toString()).sort()).toEqual(server.requests.slice(before).map((request) => request.body.toString()).sort());
  });
});

describe("probe --junit", { timeout: 60_000 }, () => {
  it("writes through /dev/stdout when the shell sent it to a file, instead of replacing that file", async () => {
    const out = at("probe-output.txt");
    const fd = openSync(out, "w");
    const exited = new Promise<number | null>((resolve) => {
      const child = spawn(process.execPath, [WHK_BIN, "probe", "fazz", ...secret, "--to", server.url, "--junit", "/dev/stdout"], { env: { ...process.env, NO_COLOR: "1" }, stdio: ["ignore", fd, "ignore"] });
      child.on("close", resolve);
    });
    closeSync(fd);
    expect([0, 1]).toContain(await exited);
    const text = readFileSync(out, "utf8");
    expect(text).toContain("<testsuites ");
    expect(text).toMatch(/checks (passed|failed) against/);
  });

  it("writes through /dev/null as root, and through a link to the file it names", async () => {
    expect([0, 1]).toContain((await runWhk(["probe", "fazz", ...secret, "--to", server.url, "--junit", "/dev/null"])).code);
    expect(statSync("/dev/null").isCharacterDevice()).toBe(true);
    writeFileSync(at("report.xml"), "old");
    symlinkSync(at("report.xml"), at("report-link.xml"));
    expect([0, 1]).toContain((await runWhk(["probe", "fazz", ...secret, "--to", server.url, "--junit", at("report-link.xml")])).code);
    expect(lstatSync(at("report-link.xml")).isSymbolicLink()).toBe(true);
    expect(readFileSync(at("report.xml"), "utf8")).toContain("<testsuites ");
  });
});
