import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import { connect, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { allFixtures, getFixture } from "../../src/fixtures/fixture-catalog.js";
import { prepareFixtureRequest } from "../../src/fixtures/prepare-fixture-request.js";
import { parseRequestFile } from "../../src/primitives/request-file.js";
import { signRequest } from "../../src/sign/sign-request.js";
import { verifyRequest } from "../../src/verify/verify-request.js";
import { killListeners, post, spawnListener, whk } from "../helpers/listener-process.js";
import { secretFifo } from "../helpers/secret-fifo.js";

/** Hex, so it is a key for every scheme (some hex-decode the secret). */
const aSecret = "3b9f1e7c5a2d4068";
const scratch = mkdtempSync(join(tmpdir(), "whk-listen-"));
afterAll(() => {
  killListeners();
  rmSync(scratch, { recursive: true, force: true });
});
let dirs = 0;
const freshDir = (): string => join(scratch, `out-${++dirs}`);

const captureFiles = (dir: string): string[] => readdirSync(dir).filter((name) => name.endsWith(".json")).sort().map((name) => join(dir, name));
const readCapture = (path: string) => ({ request: parseRequestFile(readFileSync(path, "utf8"), path), json: JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown> });

function runWhk(args: string[], cwd = scratch) {
  const result = spawnSync(process.execPath, [whk, ...args], { cwd, encoding: "utf8", env: { ...process.env, WHK_SECRET: "", NO_COLOR: "1" } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function signedFixture(id: string, url: string, secret = aSecret) {
  return signRequest(prepareFixtureRequest({ fixture: id, url }), { provider: getFixture(id).provider, secret });
}

describe("whk listen: send -> listen -> verify", () => {
  it("captures every fixture byte-exact, acknowledges it, and `whk verify` accepts every capture", async () => {
    // Given a listener with the secret, stopping after one request per fixture
    const out = freshDir();
    const sent = join(scratch, "sent/");
    const fixtures = allFixtures().map((f) => f.id);
    const listener = await spawnListener(["--port", "0", "--json", "--out", out, "--secret", aSecret, "--count", String(fixtures.length)]);

    // When `whk send` delivers every fixture to it
    const send = runWhk(["send", ...fixtures, "--secret", aSecret, "--to", `${listener.url}webhooks/e2e?run=1`, "--save", sent]);
    expect(await listener.exited).toBe(0);

    // Then every delivery was acknowledged the provider's way, and every body sent was captured byte for byte
    expect(send.stderr).toBe("");
    expect(send.code).toBe(0);
    const sentBodies = captureFiles(sent).map((p) => readCapture(p).request.body.toString("hex")).sort();
    const captured = captureFiles(out).map((p) => readCapture(p).request);
    expect(sentBodies).toHaveLength(fixtures.length);
    expect(captured.map((r) => r.body.toString("hex")).sort()).toEqual(sentBodies);
    for (const request of captured) {
      expect(request.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/webhooks\/e2e\?run=1$/);
      // Valid, or unsigned where the provider documents no signature (its own verdict, never "ok").
      expect(verifyRequest(request, { secret: aSecret }).verdict).not.toBe("invalid");
    }

    // And the NDJSON stream says the same: ready, one valid (or unsigned) request per fixture, a summary
    const events = listener.events();
    expect(events[0]).toMatchObject({ type: "ready", verifying: true });
    const requests = events.filter((e) => e["type"] === "request");
    expect(requests).toHaveLength(fixtures.length);
    expect(requests.every((e) => (e["verdict"] as { verdict: string }).verdict !== "invalid" && e["answered"] === 200)).toBe(true);
    const unsigned = (JSON.parse(runWhk(["list", "--json"]).stdout) as { scheme: string }[]).filter((row) => row.scheme === "none").length;
    const total = fixtures.length;
    expect(events.at(-1)).toMatchObject({ type: "summary", received: total, captured: total, valid: total - unsigned, unsigned, invalid: 0, errors: 0 });
    // A static token is the secret itself, on the wire: the capture records keep it in its own header (they
    // are the request, byte for byte) and nowhere else.
    expect(listener.stdout().replaceAll(`"x-callback-token":"${aSecret}"`, "")).not.toContain(aSecret);

    // And `whk verify` reads both the capture directory and the NDJSON stream back
    const ndjson = join(scratch, "listen.ndjson");
    writeFileSync(ndjson, listener.stdout());
    expect(runWhk(["verify", out, "--secret", aSecret]).code).toBe(0);
    expect(runWhk(["verify", ndjson, "--secret", aSecret]).code).toBe(0);
  });

  it("answers a bad signature 401 with the reason, and still captures it, marked invalid", async () => {
    const out = freshDir();
    const listener = await spawnListener(["--port", "0", "--json", "--out", out, "--secret", aSecret, "--count", "1"]);
    const forged = signedFixture("paycombat-payout-success", `${listener.url}cb`, "not-the-secret");

    const answer = await post(forged);

    expect(answer.status).toBe(401);
    expect(JSON.parse(answer.body.toString())).toMatchObject({ error: "invalid-signature", reason: "bad-signature" });
    expect(await listener.exited).toBe(0);
    const [file] = captureFiles(out);
    const { request, json } = readCapture(file as string);
    expect(request.body.equals(forged.body)).toBe(true);
    expect(json["verdict"]).toMatchObject({ ok: false, reason: "bad-signature", provider: "paycombat" });
    expect(file).toMatch(/-000001-paycombat\.json$/);
    expect(listener.events().at(-1)).toMatchObject({ type: "summary", invalid: 1, valid: 0 });
  });

  it("reads --secret-file once for every provider: a FIFO, which holds the secret for one read only", async () => {
    const fifo = secretFifo(scratch, aSecret);
    const listener = await spawnListener(["--port", "0", "--out", freshDir(), "--secret-file", fifo.path]);
    fifo.stop();
    const fazz = await post(signedFixture("fazz-va-dynamic", `${listener.url}fazz`));
    const paycombat = await post(signedFixture("paycombat-payin-success", `${listener.url}pc`));
    expect([fazz.status, paycombat.status]).toEqual([200, 200]);
    expect(await listener.stop("SIGINT")).toBe(0);
    expect(listener.stdout()).toMatch(/whk listen stopped: received 2, valid 2, invalid 0/);
  });

  it("without a secret acknowledges everything the provider's way and says signatures are not checked", async () => {
    const out = freshDir();
    const listener = await spawnListener(["--port", "0", "--out", out]);

    const singleview = await post(signedFixture("singleview-payment-status", `${listener.url}sv`));
    const topremit = await post(signedFixture("topremit-va", `${listener.url}tp`));
    const unknown = await post({ method: "PUT", url: `${listener.url}any/path?x=1`, headers: { "X-Thing": "1" }, body: Buffer.from([0xff, 0x00, 0x7b]) });

    expect([singleview.status, singleview.body.toString()]).toEqual([200, '{"status":"OK"}']);
    expect([topremit.status, topremit.body.toString()]).toEqual([200, "{}"]);
    expect([unknown.status, unknown.body.toString()]).toEqual([200, "{}"]);
    expect(await listener.stop("SIGINT")).toBe(0);
    expect(listener.stdout()).toMatch(/signatures are not checked \(no --secret\): every request is acknowledged/);
    expect(listener.stdout()).toMatch(/PUT {2}\/any\/path\?x=1 {2}unknown {2}not checked {2}3 B {2}-> 200/);
    expect(listener.stdout()).toMatch(/whk listen stopped: received 3, valid 0, invalid 0, unsigned 0, not checked 3, errors 0; 3 captured/);
    const binary = captureFiles(out).map(readCapture).find((c) => c.request.method === "PUT");
    expect(binary?.json["bodyBase64"]).toBe("/wB7");
    expect(binary?.request.headers["X-Thing"]).toBe("1");
  });
});

describe("whk listen --forward-to", () => {
  async function startApp(): Promise<{ server: Server; url: string; seen: { method: string; url: string; headers: IncomingHttpHeaders; raw: string[]; body: Buffer }[] }> {
    const seen: { method: string; url: string; headers: IncomingHttpHeaders; raw: string[]; body: Buffer }[] = [];
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        seen.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, raw: req.rawHeaders, body: Buffer.concat(chunks) });
        res.writeHead(202, { "Content-Type": "application/json", "X-App": "seen" }).end('{"received":true}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
  }

  it("relays the request unchanged, returns the app's answer to the sender, and records both", async () => {
    const app = await startApp();
    const out = freshDir();
    const listener = await spawnListener(["--port", "0", "--json", "--out", out, "--secret", aSecret, "--forward-to", app.url, "--count", "1"]);
    const request = signedFixture("topremit-va", `${listener.url}webhooks/topremit?env=test`);

    const answer = await post(request);

    expect(answer.status).toBe(202);
    expect(answer.headers["x-app"]).toBe("seen");
    expect(answer.body.toString()).toBe('{"received":true}');
    expect(await listener.exited).toBe(0);
    app.server.close();
    const [relayed] = app.seen;
    expect(relayed?.url).toBe("/webhooks/topremit?env=test");
    expect(relayed?.body.equals(request.body)).toBe(true);
    expect(relayed?.headers["x-signature"]).toBe(request.headers["X-SIGNATURE"]);
    expect(relayed?.headers.host).toBe(new URL(app.url).host);
    expect(relayed?.raw).toContain("X-EXTERNAL-ID");
    const { json } = readCapture(captureFiles(out)[0] as string);
    expect(json["response"]).toMatchObject({ status: 202, body: '{"received":true}', headers: { "X-App": "seen" } });
    expect(json["verdict"]).toMatchObject({ ok: true, reason: "valid-signature" });
  });

  it("answers 502 with a reason when the app is down, and says so", async () => {
    const app = await startApp();
    const downUrl = app.url;
    await new Promise((resolve) => app.server.close(resolve));
    const listener = await spawnListener(["--port", "0", "--out", freshDir(), "--forward-to", `${downUrl}/hooks`, "--count", "1"]);

    const answer = await post(signedFixture("fazz-va-dynamic", `${listener.url}cb`));

    expect(answer.status).toBe(502);
    expect(JSON.parse(answer.body.toString())).toMatchObject({ error: "forward-failed", reason: "connection-refused" });
    expect(await listener.exited).toBe(0);
    expect(listener.stdout()).toMatch(/-> 502: the app cannot be reached: nothing is listening on http:\/\/127\.0\.0\.1:\d+ \(connection refused\)/);
    expect(listener.stdout()).toMatch(/errors 1;/);
  });
});

describe("whk listen faults", () => {
  it("exits 2 with a hint when the port is taken", async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    const port = (blocker.address() as AddressInfo).port;
    const result = runWhk(["listen", "--port", String(port)]);
    blocker.close();
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(`whk: port ${port} on 127.0.0.1 is already in use\n  hint: is that your app? then record in front of it: --port 0 --forward-to http://localhost:${port}; else choose another --port, or --port 0 for a free one\n`);
    expect(existsSync(join(scratch, ".whk-captures"))).toBe(false);
  });

  it("answers 413 past --max-body, captures nothing for it, and keeps serving", async () => {
    const out = freshDir();
    const listener = await spawnListener(["--port", "0", "--out", out, "--max-body", "1kb"]);

    const tooBig = await post({ method: "POST", url: `${listener.url}big`, headers: { "Content-Type": "application/json" }, body: Buffer.alloc(1025, 0x61) });
    const justRight = await post({ method: "POST", url: `${listener.url}ok`, headers: {}, body: Buffer.alloc(1024, 0x61) });

    expect(tooBig.status).toBe(413);
    expect(JSON.parse(tooBig.body.toString())).toMatchObject({ error: "body-too-large", limit: 1024 });
    expect(justRight.status).toBe(200);
    expect(await listener.stop()).toBe(0);
    expect(listener.stdout()).toMatch(/POST {2}\/big {2}body over the 1 KiB limit \(--max-body\): answered 413/);
    expect(captureFiles(out)).toHaveLength(1);
  });

  it("answers 503 (never an acknowledgement) when the capture cannot be written", async () => {
    // The directory is replaced by a regular file while listening: ENOTDIR even for root, whom chmod would not stop.
    const out = freshDir();
    const listener = await spawnListener(["--port", "0", "--out", out, "--secret", aSecret]);
    rmSync(out, { recursive: true, force: true });
    writeFileSync(out, "");

    const answer = await post(signedFixture("fazz-disbursement", `${listener.url}cb`));

    expect(answer.status).toBe(503);
    expect(JSON.parse(answer.body.toString())).toMatchObject({ error: "capture-failed" });
    expect(await listener.stop("SIGTERM")).toBe(0);
    expect(listener.stdout()).toMatch(/cannot write to .* \((ENOTDIR: not a directory|EEXIST: file already exists)\): answered 503/);
    expect(listener.stdout()).toMatch(/received 1, valid 0, invalid 0, unsigned 0, errors 1; 0 captured/);
  });

  it("gives up on a request that does not arrive whole within --request-timeout, and says so", async () => {
    const listener = await spawnListener(["--port", "0", "--out", freshDir(), "--request-timeout", "1s"]);
    const { port } = new URL(listener.url);
    const aStalledSender = connect(Number(port), "127.0.0.1", () => aStalledSender.write("POST /slow HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nabc"));
    let answer = "";
    aStalledSender.on("data", (chunk: Buffer) => (answer += chunk.toString()));

    await new Promise((resolve) => aStalledSender.on("close", resolve));

    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(await listener.stop()).toBe(0);
    expect(listener.stdout()).toMatch(/POST {2}\/slow {2}not captured: the connection closed after 3 of 100 body bytes/);
  });

  it("rejects bad flags with exit 2", () => {
    expect(runWhk(["listen", "--max-body", "lots"])).toMatchObject({ code: 2, stderr: expect.stringMatching(/^whk: --max-body "lots" is not a size\n {2}hint:/) });
    expect(runWhk(["listen", "--port", "70000"])).toMatchObject({ code: 2, stderr: expect.stringMatching(/--port "70000" must be a whole number from 0 to 65535/) });
    expect(runWhk(["listen", "--provider", "acmepay-unknown"])).toMatchObject({ code: 2 });
  });
});
