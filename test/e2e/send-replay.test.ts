import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { acknowledgeAll, startServer, type TestServer } from "../helpers/http-server.js";
import { checkDelivery } from "../helpers/provider-verifiers.js";
import { jsonLines, outputOf, runWhk, stackFrames } from "../helpers/run-whk.js";

const aSecret = "e2e-replay-secret-41c9";

/** A capture as `whk listen` writes it, by hand: odd header spellings, connection headers, a body that is not UTF-8. */
function captureFile(dir: string, name: string, request: Record<string, unknown>): string {
  const path = join(dir, name);
  writeFileSync(path, `${JSON.stringify(request, null, 2)}\n`);
  return path;
}

describe("whk send --from: captured requests delivered again", () => {
  let server: TestServer;
  let dir: string;
  beforeAll(async () => {
    server = await startServer(acknowledgeAll);
    dir = mkdtempSync(join(tmpdir(), "whk-replay-"));
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("replays a capture byte for byte: method, path and query, end-to-end headers, body", async () => {
    // Given a captured PUT with a binary body, a connection-scoped header and the original Host
    const body = Buffer.from([0x7b, 0xff, 0x00, 0x22, 0x7d, 0x0a]);
    const path = captureFile(mkdtempSync(join(dir, "one-")), "capture.json", {
      method: "PUT",
      url: "/hooks/in%2Fbox?b=2&a=1&a=%20",
      headers: { Host: "shop.example", "Content-Length": "6", Connection: "keep-alive, X-Hop", "X-Hop": "drop me", Expect: "100-continue", "X-Custom": "  spaced  value", "Content-Type": "application/octet-stream" },
      bodyBase64: body.toString("base64"),
    });
    const before = server.requests.length;
    // When it is replayed to a bare origin
    const run = await runWhk(["send", "--from", path, "--to", server.url]);
    // Then the receiver saw the same request, and only the connection's headers were left behind
    expect(run.code, outputOf(run)).toBe(0);
    const [received] = server.requests.slice(before);
    expect(received?.method).toBe("PUT");
    expect(received?.url).toBe("/hooks/in%2Fbox?b=2&a=1&a=%20");
    expect(received?.body.equals(body)).toBe(true);
    expect(received?.headers["x-custom"]).toBe("spaced  value"); // leading spaces are not part of a field value on the wire
    expect(received?.headers["content-type"]).toBe("application/octet-stream");
    expect(received?.headers["host"]).toBe(`127.0.0.1:${server.port}`);
    expect(received?.headers["content-length"]).toBe("6");
    expect(received?.headers["x-hop"]).toBeUndefined();
    expect(received?.headers["expect"]).toBeUndefined();
    expect(run.stdout).toContain(`${path} → ${server.url}hooks/in%2Fbox?b=2&a=1&a=%20  HTTP 200 OK`);
  });

  it("replays what send --save and listen wrote, still valid for the provider's own check", async () => {
    // Given fixtures sent once and saved as sent
    const saved = join(dir, "saved/");
    const first = await runWhk(["send", "fazz-va-dynamic", "topremit-va", "chaipay-payment-link", "--secret", aSecret, "--to", `${server.url}orig/path?x=1`, "--save", saved]);
    expect(first.code, outputOf(first)).toBe(0);
    const originals = server.requests.slice(-3);
    // When the directory is replayed to another path
    const run = await runWhk(["send", "--from", saved, "--to", `${server.url}other`, "--json"]);
    // Then the same bytes arrived at the new path (the original query kept), judged by each provider's rule
    expect(run.code, outputOf(run)).toBe(0);
    const replayed = server.requests.slice(-3);
    const deliveries = jsonLines<{ source: string; provider: string; ok: boolean; url: string; expected: string }>(run.stdout);
    expect(deliveries.map((d) => d.provider).sort()).toEqual(["chaipay", "fazz", "topremit"]);
    expect(deliveries.every((d) => d.ok && d.url === `${server.url}other?x=1` && d.source.startsWith(saved))).toBe(true);
    for (const request of replayed) {
      const original = originals.find((o) => o.body.equals(request.body));
      expect(original).toBeDefined();
      expect(request.url).toBe("/other?x=1");
      const { host: _h, ...rest } = request.headers;
      const { host: _o, ...originalRest } = original!.headers;
      expect(rest).toEqual(originalRest);
    }
    // Fazz signs only the body: its replay at another path still passes Fazz's own check
    const fazz = replayed.find((r) => r.headers["xfers-signature"] !== undefined)!;
    expect(checkDelivery("fazz-va-dynamic", fazz, aSecret)).toEqual({ ok: true, signed: true });
  });

  it("--resign signs again at the new URL with a fresh timestamp, keeping body and ids", async () => {
    // Given a Topremit capture signed in 2020 for another path (SNAP signs the path and the timestamp)
    const saved = join(dir, "old.json");
    const first = await runWhk(["send", "topremit-va", "--secret", aSecret, "--timestamp", "2020-01-01T00:00:00Z", "--to", `${server.url}old`, "--save", saved]);
    expect(first.code, outputOf(first)).toBe(0);
    const original = server.requests[server.requests.length - 1]!;
    // When it is replayed as captured, and then re-signed
    const asCaptured = await runWhk(["send", "--from", saved, "--to", `${server.url}new`]);
    const stale = server.requests[server.requests.length - 1]!;
    const resigned = await runWhk(["send", "--from", saved, "--resign", "--secret", aSecret, "--to", `${server.url}new`]);
    const fresh = server.requests[server.requests.length - 1]!;
    // Then the byte-exact replay fails the provider's check at the new path, the re-signed one passes it
    expect(asCaptured.code, outputOf(asCaptured)).toBe(0); // the receiver here acknowledges everything
    expect(checkDelivery("topremit-va", stale, aSecret).ok).toBe(false);
    expect(resigned.code, outputOf(resigned)).toBe(0);
    expect(checkDelivery("topremit-va", fresh, aSecret)).toEqual({ ok: true, signed: true });
    expect(fresh.body.equals(original.body)).toBe(true);
    expect(fresh.headers["x-external-id"]).toBe(original.headers["x-external-id"]);
    expect(fresh.headers["authorization"]).toBe(original.headers["authorization"]);
    expect(fresh.headers["x-timestamp"]).not.toBe(original.headers["x-timestamp"]);
    expect(Math.abs(Date.parse(fresh.headers["x-timestamp"]!) - Date.now())).toBeLessThan(60_000);
  });

  it("--set edits the body: re-signed with --resign, or sent with the old signature and a warning", async () => {
    const saved = join(dir, "fazz.json");
    await runWhk(["send", "fazz-va-dynamic", "--secret", aSecret, "--to", server.url, "--save", saved]);
    const edited = await runWhk(["send", "--from", saved, "--set", "data.attributes.amount:=1", "--to", server.url]);
    const forged = server.requests[server.requests.length - 1]!;
    expect(edited.code, outputOf(edited)).toBe(0);
    expect(edited.stderr).toContain("captured signatures were kept: a receiver should refuse them (add --resign to sign them again)");
    expect((JSON.parse(forged.body.toString()) as { data: { attributes: { amount: number } } }).data.attributes.amount).toBe(1);
    expect(checkDelivery("fazz-va-dynamic", forged, aSecret).ok).toBe(false);

    const resigned = await runWhk(["send", "--from", saved, "--resign", "--secret", aSecret, "--set", "data.attributes.amount:=1", "--to", server.url]);
    const genuine = server.requests[server.requests.length - 1]!;
    expect(resigned.code, outputOf(resigned)).toBe(0);
    expect(resigned.stderr).toBe("");
    expect(genuine.body.equals(forged.body)).toBe(true);
    expect(checkDelivery("fazz-va-dynamic", genuine, aSecret)).toEqual({ ok: true, signed: true });
  });

  it("reads HAR and NDJSON, and judges a request no provider matches by any 2xx", async () => {
    const har = join(dir, "session.har");
    const entry = (text: string) => ({ request: { method: "POST", url: "https://shop.example/cb?from=har", headers: [{ name: "Content-Type", value: "application/json" }, { name: "X-Mine", value: "1" }], postData: { mimeType: "application/json", text } } });
    writeFileSync(har, JSON.stringify({ log: { version: "1.2", entries: [entry('{"n":1}'), entry('{"n":2}')] } }));
    const ndjson = join(dir, "log.ndjson");
    writeFileSync(ndjson, ['{"method":"POST","url":"/nd","headers":{"X-N":"3"},"body":"{\\"n\\":3}"}', '{"method":"POST","url":"/nd","headers":{},"body":"{\\"n\\":4}"}'].join("\n"));
    const before = server.requests.length;
    const run = await runWhk(["send", "--from", har, "--from", ndjson, "--to", server.url, "--json"]);
    expect(run.code, outputOf(run)).toBe(0);
    const received = server.requests.slice(before);
    expect(received.map((r) => `${r.url} ${r.body.toString()}`)).toEqual(['/cb?from=har {"n":1}', '/cb?from=har {"n":2}', '/nd {"n":3}', '/nd {"n":4}']);
    expect(received[0]?.headers["x-mine"]).toBe("1");
    const deliveries = jsonLines<{ source: string; provider: string | null; expected: string }>(run.stdout);
    expect(deliveries.map((d) => d.source)).toEqual([`${har}#1`, `${har}#2`, `${ndjson}:1`, `${ndjson}:2`]);
    expect(deliveries.every((d) => d.provider === null && d.expected === "status 2xx")).toBe(true);
  });

  it("judges each replay by its provider's acknowledgement: a wrong answer is exit 1 with the next step", async () => {
    const saved = join(dir, "sv.json");
    await runWhk(["send", "singleview-payment-status", "--to", server.url, "--save", saved]);
    const refusing = await startServer(() => ({ status: 200, body: "ok" }));
    try {
      const run = await runWhk(["send", "--from", saved, "--to", refusing.url]);
      expect(run.code, outputOf(run)).toBe(1);
      expect(run.stdout).toContain(`✗ ${saved} → ${refusing.url}`);
      expect(run.stdout).toMatch(/SingleView/);
    } finally {
      await refusing.close();
    }
  });

  it("--save writes the requests as replayed, which verify accepts", async () => {
    const saved = join(dir, "p.json");
    await runWhk(["send", "paycombat-payin-success", "--secret", aSecret, "--to", server.url, "--save", saved]);
    const out = join(dir, "replayed/");
    const run = await runWhk(["send", "--from", saved, "--resign", "--secret", aSecret, "--to", server.url, "--save", out]);
    expect(run.code, outputOf(run)).toBe(0);
    const files = readdirSync(out);
    expect(files).toEqual(["paycombat-1.json"]);
    const verified = await runWhk(["verify", join(out, files[0]!), "--secret", aSecret]);
    expect(verified.code, outputOf(verified)).toBe(0);
  });

  it.each([
    [["send", "topremit-va", "--from", "x.json"], "name fixtures or --from, not both"],
    [["send", "--resign", "topremit-va"], "--resign re-signs replayed requests, and no --from names any"],
    [["send", "--from", "x.json", "--count", "5"], "--count cannot be combined with --from"],
    [["send", "--from", "x.json", "--seed", "1"], "--seed cannot be combined with --from"],
    [["send", "--from", "x.json", "--access-token", "t"], "--access-token cannot be combined with --from"],
    [["send", "--from", "x.json", "--timestamp", "2020-01-01T00:00:00Z"], "--timestamp without --resign cannot be combined with --from"],
    [["send", "--from", "/nonexistent/capture.json"], "/nonexistent/capture.json does not exist"],
  ])("refuses %j with exit 2 before sending anything", async (args, message) => {
    const before = server.requests.length;
    const run = await runWhk([...args, "--to", server.url]);
    expect(run.code, outputOf(run)).toBe(2);
    expect(run.stderr).toContain(message);
    expect(stackFrames(run.stderr)).toEqual([]);
    expect(server.requests.length).toBe(before);
  });

  it("--resign on a request no provider matches asks for --provider, and sends nothing", async () => {
    const path = captureFile(dir, "anon.json", { method: "POST", url: "/x", headers: {}, body: "{}" });
    const before = server.requests.length;
    const run = await runWhk(["send", "--from", path, "--resign", "--to", server.url]);
    expect(run.code, outputOf(run)).toBe(2);
    expect(run.stderr).toContain(`${path}: no provider's headers or body match it, so whk cannot sign it again`);
    expect(run.stderr).toContain("--provider");
    expect(server.requests.length).toBe(before);
    const named = await runWhk(["send", "--from", path, "--resign", "--provider", "paycombat", "--secret", aSecret, "--to", server.url]);
    expect(named.code, outputOf(named)).toBe(0);
    expect(checkDelivery("paycombat-x", server.requests[server.requests.length - 1]!, aSecret)).toEqual({ ok: true, signed: true });
  });
});
