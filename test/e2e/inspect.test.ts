import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { prepareFixtureRequest } from "../../src/fixtures/prepare-fixture-request.js";
import { toRequestFile } from "../../src/primitives/request-file.js";
import { signRequest } from "../../src/sign/sign-request.js";
import { pageApi, pageToken } from "../helpers/inspector-client.js";
import { killListeners, spawnListener, whk } from "../helpers/listener-process.js";
import { runWhk, stackFrames } from "../helpers/run-whk.js";

const aSecret = "inspect-e2e-secret-77d0";
const scratch = mkdtempSync(join(tmpdir(), "whk-inspect-"));
const running = new Set<ReturnType<typeof spawn>>();
afterAll(() => {
  for (const child of running) child.kill("SIGKILL");
  killListeners();
  rmSync(scratch, { recursive: true, force: true });
});

/** A capture file as whk listen writes it: temp file, then rename, so a follower never reads half of it. */
function writeCapture(dir: string, name: string, secret: string): void {
  const request = signRequest(prepareFixtureRequest({ fixture: "fazz-va-dynamic", url: "http://127.0.0.1:3000/hooks" }), { provider: "fazz", secret });
  writeFileSync(join(dir, `.${name}.tmp`), JSON.stringify({ ...toRequestFile(request), receivedAt: new Date().toISOString(), detectedProvider: "fazz", answered: 200 }));
  renameSync(join(dir, `.${name}.tmp`), join(dir, name));
}

/** Runs `whk inspect ... --json` and resolves with its ready line. */
function spawnInspect(args: string[]): Promise<{ ready: Record<string, unknown>; stop(): Promise<number | null> }> {
  const child = spawn(process.execPath, [whk, "inspect", ...args], { env: { ...process.env, WHK_SECRET: "", NO_COLOR: "1" } });
  running.add(child);
  const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
  let out = "";
  return new Promise((resolve, reject) => {
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      out += chunk;
      if (out.includes("\n")) resolve({ ready: JSON.parse(out.split("\n")[0] as string) as Record<string, unknown>, stop: () => (child.kill("SIGINT"), exited) });
    });
    void exited.then((code) => reject(new Error(`whk inspect exited (${code}) before it was ready`)));
  });
}

async function until<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
  for (let waited = 0; waited < 20_000; waited += 100) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`gave up waiting for ${what}`);
}

describe("whk inspect", () => {
  it("serves a capture folder, verifies with the secret, and follows files written while it runs", async () => {
    const dir = join(scratch, "captures");
    mkdirSync(dir);
    writeCapture(dir, "20250101T000000000Z-000001-fazz.json", aSecret);
    const inspect = await spawnInspect([dir, "--port", "0", "--json", "--secret", aSecret]);
    expect(inspect.ready).toMatchObject({ type: "ready", dir, captures: 1, verifying: true });
    const ui = inspect.ready["ui"] as string;
    const api = pageApi(ui, await pageToken(ui));

    writeCapture(dir, "20250101T000001000Z-000002-fazz.json", "another-secret");
    writeFileSync(join(dir, "notes.json"), "{ not json");
    type Listing = { captures: { id: string; verdict: string; reason: string }[]; unreadable: { file: string }[] };
    const listing = await until("the new files", async () => {
      const now = await api.get<Listing>("/api/captures");
      return now.captures.length === 2 && now.unreadable.length === 1 ? now : undefined;
    });

    expect(listing.captures.map((c) => [c.verdict, c.reason])).toEqual([["valid", "valid-signature"], ["invalid", "bad-signature"]]);
    expect(listing.unreadable[0]?.file).toBe(join(dir, "notes.json"));
    expect(await inspect.stop()).toBe(0);
  });

  it("a folder that is not there, or not a folder, is one line and a hint, exit 2", async () => {
    const missing = await runWhk(["inspect", join(scratch, "nowhere"), "--port", "0"]);
    expect([missing.code, missing.stdout, stackFrames(missing.stderr)]).toEqual([2, "", []]);
    expect(missing.stderr).toMatch(/^whk: .*nowhere does not exist\n {2}hint: start `whk listen` first/);
    const file = join(scratch, "file.json");
    writeFileSync(file, "{}");
    const notFolder = await runWhk(["inspect", file, "--port", "0"]);
    expect([notFolder.code, notFolder.stderr]).toEqual([2, expect.stringMatching(/^whk: .*file\.json is not a folder\n {2}hint: /)]);
  });
});

describe("whk listen --ui", () => {
  it("puts the inspector's URL in the ready event; without --ui there is none", async () => {
    const withUi = await spawnListener(["--port", "0", "--json", "--out", join(scratch, "ui"), "--ui", "--ui-port", "0"]);
    const ready = withUi.events()[0] as Record<string, unknown>;
    expect(ready["ui"]).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(await pageToken(ready["ui"] as string)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await withUi.stop()).toBe(0);

    const plain = await spawnListener(["--port", "0", "--json", "--out", join(scratch, "plain")]);
    expect(plain.events()[0]).not.toHaveProperty("ui");
    expect(await plain.stop()).toBe(0);
  });

  it("an inspector port already in use is an input error naming --ui-port; the listener does not stay up", async () => {
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, "127.0.0.1", resolve));
    const port = (busy.address() as { port: number }).port;
    const result = await runWhk(["listen", "--port", "0", "--out", join(scratch, "busy"), "--ui-port", String(port)]);
    busy.close();
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`whk: the inspector's port ${port} on 127.0.0.1 is already in use\n  hint: stop the other process, choose another --ui-port, or use --ui-port 0 to pick a free one\n`);
  });
});
