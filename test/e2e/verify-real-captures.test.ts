import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { toRequestFile } from "../../src/primitives/request-file.js";
import type { WebhookRequest } from "../../src/primitives/webhook-request.js";
import { jsonLines } from "../helpers/run-whk.js";
import { aSecret, anInstant, requestFileText, run, signedFixture, stackFrames, scratchDir } from "../helpers/verify-cli.js";

const { dir: scratch, write } = scratchDir("whk-verify-real-");

/** A raw HTTP/1.1 capture of a request, as nc -l or a proxy dump records it: no receipt time anywhere. */
function rawHttp(request: WebhookRequest): Buffer {
  const url = new URL(request.url);
  const head = [`${request.method} ${url.pathname}${url.search} HTTP/1.1`, `Host: ${url.host}`, ...Object.entries(request.headers).map(([k, v]) => `${k}: ${v}`), `Content-Length: ${request.body.length}`];
  return Buffer.concat([Buffer.from(`${head.join("\r\n")}\r\n\r\n`, "latin1"), request.body]);
}

interface Line { source: string; ok: boolean; verdict: string; reason: string; detail: string; hint?: string; timestampJudgedAgainst?: string; pathMismatch?: { signedPath: string; capturedPath: string } }

describe("whk verify on real captures", () => {
  it("a capture with no receipt time says its timestamp was judged against now, and how to pass --at", () => {
    // Signed (as every test fixture) at anInstant, long ago: a raw capture has nothing else to judge it by.
    const path = write("topremit.http", rawHttp(signedFixture("topremit-va")));
    const stale = run(["verify", path, "--secret", aSecret]);
    expect(stale.code).toBe(1);
    expect(stale.stdout).toMatch(/timestamp-out-of-tolerance/);
    expect(stale.stdout).toMatch(/hint: this capture has no receipt time .* judged against now: pass --at <the instant it was received>/);
    const [json] = jsonLines<Line>(run(["verify", path, "--secret", aSecret, "--json"]).stdout);
    expect(json).toMatchObject({ reason: "timestamp-out-of-tolerance", timestampJudgedAgainst: "now", hint: expect.stringMatching(/--at/) });
    const atReceipt = run(["verify", path, "--secret", aSecret, "--at", anInstant, "--json"]);
    expect(atReceipt.code).toBe(0);
    expect(jsonLines<Line>(atReceipt.stdout)[0]).toMatchObject({ ok: true, timestampJudgedAgainst: "given" });
  });

  it("a capture with a receipt time is judged against it, with no hint", () => {
    const request = { ...signedFixture("topremit-va"), receivedAt: anInstant };
    const [json] = jsonLines<Line>(run(["verify", write("received.json", requestFileText(request)), "--secret", aSecret, "--json"]).stdout);
    expect(json).toMatchObject({ ok: true, timestampJudgedAgainst: "receivedAt" });
    expect(json?.hint).toBeUndefined();
  });

  describe("--url and --path: the URL the sender was given, when a proxy strips a prefix", () => {
    // Signed for the public URL, captured behind a proxy that strips /api.
    const signed = signedFixture("topremit-va", "https://shop.example/api/webhooks/topremit?env=test");
    const captured = write("stripped.json", JSON.stringify({ ...toRequestFile(signed), url: "http://127.0.0.1:3000/webhooks/topremit?env=test", receivedAt: anInstant }));

    it("as captured, the headline names the path among the likely causes", () => {
      const { code, stdout } = run(["verify", captured, "--secret", aSecret]);
      expect(code).toBe(1);
      expect(stdout).toMatch(/why: no common mistake explains it .*most likely the secret is not the one Topremit signs with, the sender signed another path than the one captured .*--url/);
    });

    it.each([
      ["--url", "https://shop.example/api/webhooks/topremit?env=test"],
      ["--url", "https://shop.example/api/webhooks/topremit"],
      ["--path", "/api/webhooks/topremit"],
    ])("%s %s: valid, and the headline names the path mismatch", (flag, value) => {
      const { code, stdout } = run(["verify", captured, "--secret", aSecret, flag, value]);
      expect(code).toBe(0);
      expect(stdout.split("\n")[0]).toMatch(/^✓ .*valid-signature: .*path mismatch: signed for \/api\/webhooks\/topremit\?env=test, captured at \/webhooks\/topremit\?env=test/);
      const [json] = jsonLines<Line>(run(["verify", captured, "--secret", aSecret, flag, value, "--json"]).stdout);
      expect(json?.pathMismatch).toEqual({ signedPath: "/api/webhooks/topremit?env=test", capturedPath: "/webhooks/topremit?env=test" });
    });

    it("a --path the sender did not sign fails, and says the captured path verifies when it does", () => {
      const direct = write("direct.json", JSON.stringify({ ...toRequestFile(signedFixture("topremit-va")), receivedAt: anInstant }));
      const { code, stdout } = run(["verify", direct, "--secret", aSecret, "--path", "/api/webhooks/in"]);
      expect(code).toBe(1);
      expect(stdout).toMatch(/bad-signature: .*it verifies at the captured path \/webhooks\/in: the sender signed the path your app received, not \/api\/webhooks\/in/);
    });

    it("a provider that signs no path gives the same verdict anywhere", () => {
      const fazz = write("fazz.json", requestFileText(signedFixture("fazz-va-dynamic")));
      const [json] = jsonLines<Line>(run(["verify", fazz, "--secret", aSecret, "--path", "/elsewhere", "--json"]).stdout);
      expect(json).toMatchObject({ ok: true });
      expect(json?.pathMismatch).toBeUndefined();
    });

    it.each([
      [["--url", "shop.example/api"], /--url "shop.example\/api" is not an absolute http\(s\) URL/],
      [["--path", "api/webhooks"], /--path "api\/webhooks" does not start with \//],
      [["--url", "https://a.example/x", "--path", "/y"], /--url and --path both say/],
    ])("%j is a usage error", (flags, message) => {
      const { code, stdout, stderr } = run(["verify", captured, "--secret", aSecret, ...flags]);
      expect(code).toBe(2);
      expect(stdout).toBe("");
      expect(stderr).toMatch(message);
    });
  });

  describe("recordings with other traffic", () => {
    const webhook = signedFixture("fazz-va-dynamic");
    const har = write("session.har", JSON.stringify({
      log: {
        version: "1.2",
        entries: [
          { startedDateTime: anInstant, request: { method: "GET", url: "http://localhost:3000/", headers: [{ name: "Accept", value: "text/html" }] } },
          { startedDateTime: anInstant, request: { method: "POST", url: webhook.url, headers: Object.entries(webhook.headers).map(([name, value]) => ({ name, value })), postData: { mimeType: "application/json", text: webhook.body.toString() } } },
          { startedDateTime: anInstant, request: { method: "GET", url: "http://localhost:3000/app.js", headers: [] } },
        ],
      },
    }));

    it("a HAR's requests from no known provider are skipped and counted, and the batch passes", () => {
      const { code, stdout } = run(["verify", har, "--secret", aSecret]);
      expect(code).toBe(0);
      expect(stdout).toMatch(/^- \S+session\.har#1 {2}skipped: GET http:\/\/localhost:3000\/: /m);
      expect(stdout).toMatch(/^✓ \S+session\.har#2 {2}fazz/m);
      expect(stdout).toMatch(/3 requests: 1 valid, 0 invalid, 0 unsigned, 2 skipped \(no known provider; --strict fails them\)\n$/);
      expect(jsonLines<Line>(run(["verify", har, "--secret", aSecret, "--json"]).stdout).map((l) => l.verdict)).toEqual(["skipped", "valid", "skipped"]);
    });

    it("--strict fails them", () => {
      const { code, stdout } = run(["verify", har, "--secret", aSecret, "--strict"]);
      expect(code).toBe(1);
      expect(stdout).toMatch(/3 requests: 1 valid, 2 invalid, 0 unsigned\n$/);
    });

    it("a raw dump's unknown request is skipped too, but a request file from no known provider still fails", () => {
      const unknown = { method: "POST", url: "http://127.0.0.1:3000/hook", headers: { "Content-Type": "application/json" }, body: Buffer.from('{"hello":"world"}') };
      expect(run(["verify", write("other.http", rawHttp(unknown)), write("fazz.http", rawHttp(webhook)), "--secret", aSecret]).code).toBe(0);
      expect(run(["verify", write("other.json", requestFileText(unknown)), "--secret", aSecret]).code).toBe(1);
    });
  });

  describe("one unreadable request is one line, and the rest are still judged", () => {
    const good = requestFileText(signedFixture("fazz-va-dynamic"));

    it("a truncated chunked capture in a directory", () => {
      const dir = join(scratch, "captures");
      mkdirSync(dir);
      writeFileSync(join(dir, "1.json"), good);
      writeFileSync(join(dir, "2.http"), "POST /cb HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nXfers-Signature: ab\r\n\r\n10\r\n{\"id\":\"abc\"");
      writeFileSync(join(dir, "3.json"), good);
      const { code, stdout, stderr } = run(["verify", dir, "--secret", aSecret]);
      expect(code).toBe(2);
      expect(stderr).toBe("");
      expect(stdout).toMatch(/^✓ \S+1\.json/m);
      expect(stdout).toMatch(/^✗ \S+2\.http {2}unreadable: \S+2\.http is truncated: a chunk of 16 bytes has 11 left\n {4}hint: capture the whole request again$/m);
      expect(stdout).toMatch(/^✓ \S+3\.json/m);
      expect(stdout).toMatch(/3 requests: 2 valid, 0 invalid, 0 unsigned, 1 unreadable\n$/);
      expect(stackFrames(stdout + stderr)).toEqual([]);
    });

    it("a bad NDJSON line, a bad HAR entry, a bad item of a JSON array", () => {
      const ndjson = write("log.ndjson", `${good}\n{"method":"POST","url":"http://x/","hea\n${good}\n`);
      const harFile = write("partial.har", JSON.stringify({ log: { entries: [{ request: { method: "POST" } }, { request: { method: "GET", url: "http://x/" } }] } }));
      const array = write("array.json", `[${good},{"method":"POST"}]`);
      const lines = jsonLines<Line>(run(["verify", ndjson, harFile, array, "--secret", aSecret, "--json"]).stdout);
      expect(lines.map((l) => [l.source.replace(scratch, ""), l.verdict])).toEqual([
        ["/log.ndjson:1", "valid"], ["/log.ndjson:2", "unreadable"], ["/log.ndjson:3", "valid"],
        ["/partial.har#1", "unreadable"], ["/partial.har#2", "skipped"],
        ["/array.json[0]", "valid"], ["/array.json[1]", "unreadable"],
      ]);
      expect(lines[1]?.detail).toMatch(/log\.ndjson line 2 is not valid JSON/);
    });

    it("raw requests one after another: the good ones before a cut-off one are judged", () => {
      const first = rawHttp(signedFixture("fazz-va-dynamic"));
      const cut = Buffer.from("POST /cb HTTP/1.1\r\nHost: x\r\nContent-Length: 500\r\n\r\n{}");
      const { code, stdout } = run(["verify", write("two.http", Buffer.concat([first, cut])), "--secret", aSecret]);
      expect(code).toBe(2);
      expect(stdout).toMatch(/^✓ \S+two\.http#1 {2}fazz/m);
      expect(stdout).toMatch(/^✗ \S+two\.http#2 {2}unreadable: \S+two\.http request 2 is truncated: Content-Length says 500 bytes, 2 follow/m);
    });
  });
});
