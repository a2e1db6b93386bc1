import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prepareFixtureRequest } from "../../src/fixtures/prepare-fixture-request.js";
import { captureEntryFromRecord } from "../../src/inspect/capture-entry.js";
import { createCaptureStore } from "../../src/inspect/capture-store.js";
import { startInspector, type Inspector } from "../../src/inspect/inspector-server.js";
import { toRequestFile } from "../../src/primitives/request-file.js";
import { signRequest } from "../../src/sign/sign-request.js";
import { call, pageApi, pageToken, type Reply } from "../helpers/inspector-client.js";
import { startServer, type TestServer } from "../helpers/http-server.js";
import { checkDelivery } from "../helpers/provider-verifiers.js";

const aSecret = "inspector-guard-secret-51c2";
const captureId = "20250515T053431000Z-000001-fazz.json";
let receiver: TestServer;
let inspector: Inspector;
let ui: string;
let token: string;

beforeAll(async () => {
  receiver = await startServer();
  const store = createCaptureStore();
  const request = signRequest(prepareFixtureRequest({ fixture: "fazz-va-dynamic", url: "http://127.0.0.1:3000/hooks/fazz" }), { provider: "fazz", secret: aSecret });
  store.add(captureEntryFromRecord(`/captures/${captureId}`, { ...toRequestFile(request), receivedAt: new Date().toISOString(), detectedProvider: "fazz", answered: 200 }));
  inspector = await startInspector({ store, source: { kind: "folder", dir: "/captures" }, port: 0, secrets: [aSecret] });
  ui = inspector.url;
  token = await pageToken(ui);
});
afterAll(async () => {
  await inspector.close();
  await receiver.close();
});

const origin = () => ui.replace(/\/$/, "");
const replayForm = () => ({ method: "POST", url: `${receiver.url}forged`, provider: "fazz", resign: true, headers: [["Content-Type", "application/json"]], body: '{"forged":true}' });

describe("the inspector answers only the page it served", () => {
  it("serves the page on loopback with its token, a strict content policy and no framing", async () => {
    const page = await call(ui);
    expect(ui).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(page.status).toBe(200);
    expect(page.headers["content-security-policy"]).toMatch(/default-src 'none'; script-src 'self'.*frame-ancestors 'none'/);
    expect(page.headers["x-frame-options"]).toBe("DENY");
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect((await call(`${origin()}/assets/app.js`)).headers["content-type"]).toMatch(/^text\/javascript/);
    expect((await call(`${origin()}/assets/../package.json`)).status).toBe(404);
  });

  it.each<[string, Record<string, string>, RegExp]>([
    ["no token", { "Content-Type": "application/json" }, /token is missing or wrong/],
    ["a wrong token", { "X-Whk-Token": "A".repeat(43), "Content-Type": "application/json" }, /token is missing or wrong/],
    ["a foreign Origin", { Origin: "http://evil.example", "Content-Type": "application/json" }, /requests from http:\/\/evil\.example are refused/],
    ["a page of another port", { Origin: "http://127.0.0.1:1", "Content-Type": "application/json" }, /requests from http:\/\/127\.0\.0\.1:1 are refused/],
    ["a cross-site fetch", { "Sec-Fetch-Site": "cross-site", "Content-Type": "application/json" }, /a cross-site request is refused/],
    ["a rebound DNS name (foreign Host)", { Host: "evil.example", "Content-Type": "application/json" }, /Host "evil\.example" is not this inspector/],
    ["a form post (text/plain)", { "Content-Type": "text/plain" }, /a POST must be JSON/],
  ])("refuses a replay with %s: 403, and nothing is sent", async (name, headers, why) => {
    // Every case but the token ones carries the right token: the other checks must hold on their own.
    const sent = name.includes("token") ? headers : { "X-Whk-Token": token, ...headers };
    const reply = await call(`${origin()}/api/replay`, { method: "POST", headers: sent, body: JSON.stringify(replayForm()) });
    expect(reply.status).toBe(403);
    expect(JSON.parse(reply.text).message).toMatch(why);
    expect(reply.headers["access-control-allow-origin"]).toBeUndefined();
    expect(receiver.requests).toHaveLength(0);
  });

  it("grants no CORS preflight, and refuses reads without the token or from a foreign Host", async () => {
    const preflight = await call(`${origin()}/api/replay`, { method: "OPTIONS", headers: { Origin: "http://evil.example", "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "x-whk-token,content-type" } });
    expect(preflight.status).toBe(403);
    expect(preflight.headers["access-control-allow-origin"]).toBeUndefined();
    expect((await call(`${origin()}/api/captures`)).status).toBe(403);
    expect((await call(`${origin()}/api/events`)).status).toBe(403);
    expect((await call(ui, { headers: { Host: `attacker.example:${inspector.port}` } })).status).toBe(403);
  });

  it("replays for the page: re-signed with the secret, delivered, judged by the provider's ack", async () => {
    const reply = await pageApi(ui, token).post("/api/replay", replayForm());
    expect(reply.status).toBe(200);
    const outcome = JSON.parse(reply.text) as { signature: { action: string; secretFrom: string }; acknowledged: { ok: boolean }; verdict: { ok: boolean } };
    expect(outcome).toMatchObject({ signature: { action: "re-signed", secretFrom: "the secret given to whk" }, acknowledged: { ok: true }, verdict: { ok: true } });
    expect(receiver.requests).toHaveLength(1);
    expect(receiver.requests[0]?.body.toString()).toBe('{"forged":true}');
    expect(checkDelivery("fazz-va-dynamic", receiver.requests[0]!, aSecret)).toEqual({ ok: true, signed: true });
  });

  it("never lets the secret reach the browser: page, API answers, curl, downloads, replay", async () => {
    const api = pageApi(ui, token);
    const id = encodeURIComponent(captureId);
    const texts: string[] = [(await call(ui)).text];
    for (const path of ["/api/session", "/api/captures", `/api/captures/${id}`, `/api/captures/${id}/preimage`, `/api/captures/${id}/curl`, `/api/compare?a=${id}&b=${id}`]) texts.push(JSON.stringify(await api.get(path)));
    for (const format of ["request", "har"]) texts.push((await call(`${origin()}/api/export?ids=${id}&format=${format}`, { headers: { "X-Whk-Token": token } })).text);
    const replies: Reply[] = [await api.post("/api/replay", replayForm()), await api.post("/api/replay", { ...replayForm(), resign: false })];
    texts.push(...replies.map((r) => r.text));
    expect(texts.filter((text) => text.includes(aSecret))).toEqual([]);
    expect(texts.join("\n")).toContain("curl -sS -X POST");
  });
});
