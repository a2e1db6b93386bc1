import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { Agent, createServer } from "node:http";
import { connect, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { killListeners, post, spawnListener, whk } from "../helpers/listener-process.js";

// Requests crafted to break a receiver, sent to a real `whk listen`: every one is stored byte-exact and
// answered as documented, or (when the HTTP parser refuses it) leaves an error event and a count.

const aSecret = "listen-hostile-secret";
const scratch = mkdtempSync(join(tmpdir(), "whk-listen-hostile-"));
afterAll(() => {
  killListeners();
  rmSync(scratch, { recursive: true, force: true });
});
let dirs = 0;
const freshDir = (): string => join(scratch, `out-${++dirs}`);
const captures = (dir: string): Record<string, unknown>[] =>
  readdirSync(dir).filter((name) => name.endsWith(".json")).sort().map((name) => JSON.parse(readFileSync(join(dir, name), "utf8")) as Record<string, unknown>);
const bodyOf = (capture: Record<string, unknown>): Buffer =>
  typeof capture["bodyBase64"] === "string" ? Buffer.from(capture["bodyBase64"], "base64") : Buffer.from(capture["body"] as string, "utf8");

function runWhk(args: string[]) {
  const result = spawnSync(process.execPath, [whk, ...args], { cwd: scratch, encoding: "utf8", timeout: 20_000, env: { ...process.env, WHK_SECRET: "", NO_COLOR: "1" } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Writes raw bytes on a fresh connection and resolves with what came back before it closed. */
function rawExchange(url: string, bytes: Buffer): Promise<string> {
  const { port } = new URL(url);
  return new Promise((resolve) => {
    let answer = "";
    const socket = connect(Number(port), "127.0.0.1", () => socket.write(bytes));
    socket.on("data", (chunk: Buffer) => (answer += chunk.toString("latin1")));
    socket.on("error", () => undefined);
    socket.on("close", () => resolve(answer));
  });
}

describe("whk listen stores what is crafted to break it, then answers", () => {
  it("a body nested 100,000 levels deep, a large one and invalid UTF-8: stored byte-exact, answered 401", async () => {
    const out = freshDir();
    const listener = await spawnListener(["--port", "0", "--json", "--out", out, "--secret", aSecret, "--max-body", "16mb"]);
    const bodies = {
      deep: Buffer.from(`${'{"a":'.repeat(100_000)}1${"}".repeat(100_000)}`),
      deepArray: Buffer.from(`${"[".repeat(100_000)}${"]".repeat(100_000)}`),
      large: Buffer.from(`{"data":"${"x".repeat(4 * 1024 * 1024)}"}`),
      notUtf8: Buffer.from([0x7b, 0xff, 0xfe, 0xc3, 0x28, 0x7d]),
    };
    for (const [name, body] of Object.entries(bodies)) {
      const answer = await post({ method: "POST", url: `${listener.url}${name}`, headers: { "Content-Type": "application/json", "Xfers-Signature": "0".repeat(64) }, body });
      expect(answer.status, name).toBe(401);
      expect(JSON.parse(answer.body.toString()), name).toMatchObject({ error: "invalid-signature", reason: "bad-signature" });
    }
    expect(await listener.stop()).toBe(0);
    const stored = captures(out);
    expect(stored.map((capture) => new URL(capture["url"] as string).pathname)).toEqual(["/deep", "/deepArray", "/large", "/notUtf8"]);
    stored.forEach((capture, index) => {
      expect(bodyOf(capture).equals(Object.values(bodies)[index] as Buffer)).toBe(true);
      expect(capture["verdict"]).toMatchObject({ ok: false, reason: "bad-signature" });
    });
    expect(listener.events().at(-1)).toMatchObject({ type: "summary", received: 4, captured: 4, invalid: 4, errors: 0 });
  });

  it("what the HTTP parser refuses (too many headers, no Host, garbage) is answered and reported, never silent", async () => {
    const out = freshDir();
    const listener = await spawnListener(["--port", "0", "--json", "--out", out]);
    const manyHeaders = Array.from({ length: 3000 }, (_, i) => `X-Header-${i}: ${"v".repeat(8)}\r\n`).join("");
    const answers = [
      await rawExchange(listener.url, Buffer.from(`POST /too-many HTTP/1.1\r\nHost: x\r\n${manyHeaders}Content-Length: 0\r\n\r\n`)),
      await rawExchange(listener.url, Buffer.from("POST /no-host HTTP/1.1\r\nContent-Length: 2\r\n\r\nhi")),
      await rawExchange(listener.url, Buffer.from("NOT HTTP AT ALL\r\n\r\n")),
    ];
    expect(answers.map((answer) => answer.split("\r\n")[0])).toEqual(["HTTP/1.1 431 Request Header Fields Too Large", "HTTP/1.1 400 Bad Request", "HTTP/1.1 400 Bad Request"]);
    expect(await listener.stop()).toBe(0);
    const errors = listener.events().filter((event) => event["type"] === "error");
    expect(errors).toEqual([
      expect.objectContaining({ kind: "rejected", method: "POST", url: "/too-many", answered: 431, detail: expect.stringMatching(/headers are larger than/) }),
      expect.objectContaining({ kind: "rejected", method: "POST", answered: 400, detail: expect.stringMatching(/no Host header/) }),
      expect.objectContaining({ kind: "rejected", answered: 400 }),
    ]);
    expect(listener.events().at(-1)).toMatchObject({ type: "summary", received: 3, captured: 0, errors: 3 });
  });

  it("keeps every one of 2,500 small headers (Node alone keeps 2,000 and drops the rest)", async () => {
    const out = freshDir();
    const listener = await spawnListener(["--port", "0", "--out", out]);
    const headers = Array.from({ length: 2500 }, (_, i) => `h${i}:${i % 10}\r\n`).join("");
    const answer = await rawExchange(listener.url, Buffer.from(`POST /many HTTP/1.1\r\nHost: x\r\nConnection: close\r\n${headers}Content-Length: 0\r\n\r\n`));
    expect(answer).toMatch(/^HTTP\/1\.1 200 /);
    expect(await listener.stop()).toBe(0);
    const [capture] = captures(out);
    expect(Object.keys(capture?.["headers"] as object)).toHaveLength(2500 + 3);
  });
});

describe("whk listen --forward-to bounds what the app answers", () => {
  it("cuts off an app that trickles its answer past --request-timeout (504), and one that answers past --max-body (502)", async () => {
    const app = createServer((req, res) => {
      res.writeHead(200, { "Content-Type": "text/plain" });
      if (req.url === "/trickle") {
        const drip = setInterval(() => res.write("."), 100);
        res.on("close", () => clearInterval(drip));
      } else res.end("x".repeat(4096));
    });
    await new Promise<void>((resolve) => app.listen(0, "127.0.0.1", resolve));
    const out = freshDir();
    const listener = await spawnListener(["--port", "0", "--json", "--out", out, "--forward-to", `http://127.0.0.1:${(app.address() as AddressInfo).port}`, "--request-timeout", "1s", "--max-body", "1kb"]);
    const trickled = await post({ method: "POST", url: `${listener.url}trickle`, headers: {}, body: Buffer.from("{}") });
    const flooded = await post({ method: "POST", url: `${listener.url}flood`, headers: {}, body: Buffer.from("{}") });
    expect([trickled.status, flooded.status]).toEqual([504, 502]);
    expect(JSON.parse(flooded.body.toString())).toMatchObject({ error: "forward-failed", reason: "answer-too-large" });
    expect(await listener.stop()).toBe(0);
    expect(captures(out).map((capture) => capture["forwardError"])).toEqual([
      { reason: "timeout", detail: expect.stringMatching(/did not answer within 1000 ms/) },
      { reason: "answer-too-large", detail: expect.stringMatching(/more than 1024 bytes/) },
    ]);
    app.closeAllConnections();
    app.close();
  });
});

describe("whk listen refuses what cannot work, at start, in one line", () => {
  const refused = (args: string[], message: RegExp) => {
    const run = runWhk(["listen", ...(args.includes("--port") ? [] : ["--port", "0"]), ...args]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).toMatch(/^whk: [^\n]+\n {2}hint: [^\n]+\n$/);
  };

  it("an --out that is a file, or that cannot be created", () => {
    const aFile = join(scratch, "a-file");
    writeFileSync(aFile, "");
    refused(["--out", aFile], /^whk: the capture directory .*a-file is not a directory/);
    refused(["--out", join(aFile, "below")], /is not a directory/);
    refused(["--out", "/proc/whk-captures"], /^whk: the capture directory \/proc\/whk-captures cannot be written to \(E[A-Z]+/);
  });

  it("an empty --host", () => {
    refused(["--host", ""], /^whk: --host "" is empty/);
  });

  it("a --forward-to that is the listener itself (a request loop), creating nothing", () => {
    const out = freshDir();
    refused(["--port", "47311", "--out", out, "--forward-to", "http://localhost:47311"], /^whk: --forward-to http:\/\/localhost:47311\/ is this listener itself/);
    refused(["--port", "47312", "--host", "0.0.0.0", "--out", out, "--forward-to", "127.0.0.9:47312"], /is this listener itself/);
    expect(existsSync(out)).toBe(false);
  });

  it("a second listener on an --out already in use; a lock its listener left behind is taken over", async () => {
    const out = freshDir();
    const first = await spawnListener(["--port", "0", "--out", out]);
    refused(["--out", out], new RegExp(`is in use by another whk listen \\(pid ${first.child.pid}\\)`));
    expect(await first.stop()).toBe(0);
    expect(readdirSync(out).filter((name) => name.startsWith("."))).toEqual([]);

    const gone = spawnSync(process.execPath, ["-e", "0"]).pid;
    writeFileSync(join(out, ".whk-listen.lock"), `${gone}\n`);
    const second = await spawnListener(["--port", "0", "--out", out]);
    expect(await second.stop()).toBe(0);
  });
});

describe("whk listen keeps what it was given when it dies or loses its output", () => {
  it("a request stored in the journal of a listener killed mid-request becomes a capture file at the next start", async () => {
    // An app that never answers holds the request in flight while the listener is killed (kill -9).
    let relayed = false;
    const app = createServer(() => (relayed = true));
    await new Promise<void>((resolve) => app.listen(0, "127.0.0.1", resolve));
    const out = freshDir();
    const listener = await spawnListener(["--port", "0", "--json", "--out", out, "--forward-to", `http://127.0.0.1:${(app.address() as AddressInfo).port}`]);
    const body = Buffer.from('{"id":"evt_1","amount":100}');
    void post({ method: "POST", url: `${listener.url}paid`, headers: { "Content-Type": "application/json" }, body }).catch(() => undefined);
    await waitFor(() => relayed);
    listener.child.kill("SIGKILL");
    await listener.exited;
    expect(captures(out)).toEqual([]);

    const next = await spawnListener(["--port", "0", "--out", out]);
    expect(await next.stop()).toBe(0);
    expect(next.stderr()).toMatch(/1 request that an earlier listener stored but did not finish \(it stopped\) is now a capture file in .*, marked "recovered"/);
    const [recovered] = captures(out);
    expect(bodyOf(recovered as Record<string, unknown>).equals(body)).toBe(true);
    expect(recovered).toMatchObject({ method: "POST", recovered: expect.stringMatching(/stopped before it finished/) });
    app.closeAllConnections();
    app.close();
  });

  it("every request answered before a kill -9 is a capture file, with its verdict, once the next listener starts", async () => {
    const out = freshDir();
    const listener = await spawnListener(["--port", "0", "--out", out, "--secret", aSecret]);
    const bodies = Array.from({ length: 300 }, (_, i) => Buffer.from(`{"id":"evt_${i}","amount":${i}}`));
    const agent = new Agent({ keepAlive: true, maxSockets: 50 });
    const answers = await Promise.all(bodies.map((body, i) => post({ method: "POST", url: `${listener.url}paid/${i}`, headers: { "Content-Type": "application/json", "Xfers-Signature": "0".repeat(64) }, body }, agent)));
    listener.child.kill("SIGKILL");
    agent.destroy();
    await listener.exited;
    expect(answers.map((answer) => answer.status)).toEqual(bodies.map(() => 401));

    const next = await spawnListener(["--port", "0", "--out", out]);
    expect(await next.stop()).toBe(0);
    const stored = captures(out);
    expect(stored).toHaveLength(300);
    for (const capture of stored) {
      const i = Number(new URL(capture["url"] as string).pathname.split("/").pop());
      expect(bodyOf(capture).equals(bodies[i] as Buffer), `request ${i}`).toBe(true);
      expect(capture, `request ${i}`).toMatchObject({ answered: 401, verdict: { reason: "bad-signature" } });
    }
  });

  it("a closed stdout pipe stops the lines, not the capturing, and says so on stderr", async () => {
    const out = freshDir();
    const child = spawn(process.execPath, [whk, "listen", "--port", "0", "--json", "--out", out], { env: { ...process.env, WHK_SECRET: "" } });
    let err = "";
    child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
    const url = await new Promise<string>((resolve) => child.stdout.once("data", (chunk: Buffer) => resolve((JSON.parse(chunk.toString().split("\n")[0] as string) as { url: string }).url)));
    child.stdout.destroy();
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push((await post({ method: "POST", url: `${url}after-${i}`, headers: {}, body: Buffer.from(`{"n":${i}}`) })).status);
    await waitFor(() => err.includes("standard output was closed"));
    expect(answers).toEqual([200, 200, 200]);
    expect(err).toMatch(/^whk: standard output was closed; still capturing every request to .* \(Ctrl-C to stop\)\n$/);
    child.kill("SIGINT");
    await new Promise((resolve) => child.on("close", resolve));
    expect(captures(out)).toHaveLength(3);
  });
});

async function waitFor(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 20));
}

