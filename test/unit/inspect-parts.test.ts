import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseHar } from "../../src/inputs/parse-har.js";
import { parseRequests } from "../../src/inputs/parse-requests.js";
import { bodyView } from "../../src/inspect/body-view.js";
import { captureEntryFromRecord } from "../../src/inspect/capture-entry.js";
import { followCaptureFolder } from "../../src/inspect/capture-folder.js";
import { createCaptureStore } from "../../src/inspect/capture-store.js";
import { diffRequests } from "../../src/inspect/capture-diff.js";
import { exportCaptures } from "../../src/inspect/capture-export.js";
import { defaultReplayUrl } from "../../src/inspect/inspector-source.js";
import { lineDiff } from "../../src/inspect/line-diff.js";
import { parseReplayInput } from "../../src/inspect/replay-input.js";
import type { WebhookRequest } from "../../src/primitives/webhook-request.js";
import { replayRequest } from "../../src/deliver/replay-request.js";

const aRequest = (body: string | Buffer, headers: Record<string, string> = { "Content-Type": "application/json" }): WebhookRequest => ({
  method: "POST",
  url: "http://127.0.0.1:3000/webhooks/fazz?env=test",
  headers,
  body: Buffer.isBuffer(body) ? body : Buffer.from(body, "utf8"),
  receivedAt: "2025-05-15T05:34:31.000Z",
});

describe("the inspector's pieces", () => {
  it("lays JSON out for the pretty view without touching a token, and lists a form's fields decoded", () => {
    expect(bodyView(aRequest('{"amount":10.50,"name":"A\\u00e9"}'))).toEqual({ kind: "json", text: '{"amount":10.50,"name":"A\\u00e9"}', pretty: '{\n  "amount": 10.50,\n  "name": "A\\u00e9"\n}' });
    expect(bodyView(aRequest("a=1&b=x+y%2Fz", { "content-type": "application/x-www-form-urlencoded" }))).toMatchObject({ kind: "form", fields: [["a", "1"], ["b", "x y/z"]] });
    expect(bodyView(aRequest(Buffer.from([0xff, 0x00])))).toMatchObject({ kind: "binary", size: 2, base64: "/wA=" });
    expect(bodyView(aRequest(""))).toEqual({ kind: "empty" });
  });

  it("diffs lines by their longest common subsequence", () => {
    expect(lineDiff(["a", "b", "c", "d"], ["a", "c", "x", "d"])).toEqual([
      { op: "same", text: "a" },
      { op: "removed", text: "b" },
      { op: "same", text: "c" },
      { op: "added", text: "x" },
      { op: "same", text: "d" },
    ]);
  });

  it("compares two requests: headers by name whatever their case, a re-formatted body as layout only", () => {
    const a = aRequest('{"id":1,"amount":"10.00"}', { "Content-Type": "application/json", "X-Signature": "aa", "X-Only-A": "1" });
    const b = aRequest('{\n  "id": 1,\n  "amount": "10.00"\n}', { "content-type": "application/json", "x-signature": "bb", "X-Only-B": "2" });
    const diff = diffRequests(a, b);
    expect(diff.headers.map((row) => [row.name, row.change])).toEqual([["Content-Type", "same"], ["X-Signature", "changed"], ["X-Only-A", "only-a"], ["X-Only-B", "only-b"]]);
    expect(diff.body).toMatchObject({ identical: false, layoutOnly: true });
    const changed = diffRequests(a, aRequest('{"id":1,"amount":"99.00"}'));
    expect(changed.body.lines.filter((line) => line.op !== "same")).toEqual([{ op: "removed", text: '  "amount": "10.00"' }, { op: "added", text: '  "amount": "99.00"' }]);
  });

  it("drops the headers that described the original connection before a replay or a curl command", () => {
    const headers = { Host: "127.0.0.1:3000", Connection: "keep-alive, X-Hop", "X-Hop": "1", "Content-Length": "12", Expect: "100-continue", "Content-Type": "application/json", "X-Signature": "ab" };
    expect(replayRequest(aRequest("{}", headers), "http://127.0.0.1:3000/").headers).toEqual({ "Content-Type": "application/json", "X-Signature": "ab" });
  });

  it("exports request files and HAR that whk verify reads back byte for byte", () => {
    const text = captureEntryFromRecord("/captures/1-fazz.json", { method: "POST", url: "http://127.0.0.1:3000/a?x=1", headers: { "X-A": "1" }, body: '{"a":1}', receivedAt: "2025-05-15T05:34:31.000Z", answered: 200 });
    const binary = captureEntryFromRecord("/captures/2-unknown.json", { method: "POST", url: "http://127.0.0.1:3000/b", headers: {}, bodyBase64: "/wA=" });
    const har = exportCaptures([text, binary], "har");
    expect(har.name).toBe("whk-captures-2.har");
    const fromHar = parseHar(JSON.parse(har.text), har.name).map((r) => r.request);
    expect(fromHar.map((r) => [r.url, r.body.toString("hex"), r.headers])).toEqual([["http://127.0.0.1:3000/a?x=1", Buffer.from('{"a":1}').toString("hex"), { "X-A": "1" }], ["http://127.0.0.1:3000/b", "ff00", {}]]);
    const ndjson = exportCaptures([text, binary], "request");
    expect(parseRequests(Buffer.from(ndjson.text), ndjson.name).map((r) => r.request.body.toString("hex"))).toEqual([Buffer.from('{"a":1}').toString("hex"), "ff00"]);
    const one = exportCaptures([text], "request");
    expect(one.name).toBe("1-fazz.json");
    expect(JSON.parse(one.text)).toEqual({ method: "POST", url: "http://127.0.0.1:3000/a?x=1", headers: { "X-A": "1" }, body: '{"a":1}', receivedAt: "2025-05-15T05:34:31.000Z" });
  });

  it("replays to the forward target, else the listener, at the capture's own path; a folder's capture to its own URL", () => {
    const request = aRequest("{}");
    expect(defaultReplayUrl({ kind: "listen", url: "http://127.0.0.1:3000/", outDir: "/x" }, request)).toBe("http://127.0.0.1:3000/webhooks/fazz?env=test");
    expect(defaultReplayUrl({ kind: "listen", url: "http://127.0.0.1:3000/", outDir: "/x", forwardTo: "http://localhost:8080" }, request)).toBe("http://localhost:8080/webhooks/fazz?env=test");
    expect(defaultReplayUrl({ kind: "folder", dir: "/x" }, request)).toBe(request.url);
  });

  it("refuses a replay form that would break the message, with one line and a hint", () => {
    const form = { method: "post", url: ":3000/hooks", provider: "fazz", resign: true, headers: [["X-A", "1"]], body: "{}" };
    expect(parseReplayInput(form)).toMatchObject({ method: "POST", url: "http://localhost:3000/hooks", provider: "fazz", resign: true, headers: [["X-A", "1"]] });
    expect(() => parseReplayInput({ ...form, headers: [["X-A", "1\r\nX-Injected: 1"]] })).toThrow(/not a single line/);
    expect(() => parseReplayInput({ ...form, headers: [["Bad Name", "1"]] })).toThrow(/not a header name/);
    expect(() => parseReplayInput({ ...form, method: "PO ST" })).toThrow(/not an HTTP method/);
    expect(() => parseReplayInput({ ...form, url: "ftp://x" })).toThrow(/not http or https/);
    expect(() => parseReplayInput({ ...form, provider: "" })).toThrow(/re-signing needs a provider/);
  });
});

describe("the inspector's store", () => {
  it("keeps the newest captures up to its limit and counts the ones let go", () => {
    const store = createCaptureStore(2);
    for (const n of [1, 2, 3]) store.add(captureEntryFromRecord(`/c/${n}.json`, { method: "POST", url: "http://x/", headers: {}, body: String(n) }));
    expect(store.list().map((entry) => entry.id)).toEqual(["2.json", "3.json"]);
    expect([store.get("1.json"), store.leftOut()]).toEqual([undefined, 1]);
  });
});

describe("following a capture folder", () => {
  it("reads only the newest files a store keeps, then the ones written later", async () => {
    const dir = mkdtempSync(join(tmpdir(), "whk-follow-"));
    const write = (n: number) => writeFileSync(join(dir, `${n}.json`), JSON.stringify({ method: "POST", url: "http://x/", headers: {}, body: String(n) }));
    [1, 2, 3].forEach(write);
    const store = createCaptureStore(2);
    const follower = await followCaptureFolder(dir, store);
    try {
      expect([store.list().map((entry) => entry.id), store.leftOut()]).toEqual([["2.json", "3.json"], 1]);
      write(4);
      for (let waited = 0; waited < 10_000 && store.get("4.json") === undefined; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
      expect([store.list().map((entry) => entry.id), store.leftOut()]).toEqual([["3.json", "4.json"], 2]);
    } finally {
      follower.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
