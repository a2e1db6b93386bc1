import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { prepareFixtureRequest, signRequest, startCaptureServer, parseRequestFile, type CaptureEvent } from "../../src/index.js";

const scratch = mkdtempSync(join(tmpdir(), "whk-capture-server-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function send(url: string, headers: Record<string, string>, body: Buffer): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const outgoing = request({ host: target.hostname, port: target.port, path: target.pathname + target.search, method: "POST", headers }, (answer) => {
      let text = "";
      answer.setEncoding("utf8");
      answer.on("data", (chunk: string) => (text += chunk));
      answer.on("end", () => resolve({ status: answer.statusCode ?? 0, body: text }));
    });
    outgoing.on("error", reject);
    outgoing.end(body);
  });
}

describe("startCaptureServer (library)", () => {
  it("stamps receivedAt from the injected clock, judges Topremit's timestamp against it, and reports events", async () => {
    // Given a capture server whose clock says 2025-05-15T05:34:31Z, and a Topremit callback signed then
    const aClock = new Date("2025-05-15T05:34:31.000Z");
    const events: CaptureEvent[] = [];
    const server = await startCaptureServer({ port: 0, outDir: join(scratch, "lib"), secrets: ["lib-secret"], clock: () => aClock, onEvent: (e) => events.push(e) });
    const signed = signRequest(prepareFixtureRequest({ fixture: "topremit-va", url: `${server.url}cb`, seed: 7 }), { provider: "topremit", secret: "lib-secret", now: aClock });

    // When it arrives, and again signed an hour earlier
    const fresh = await send(signed.url, signed.headers, signed.body);
    const stale = signRequest(prepareFixtureRequest({ fixture: "topremit-va", url: `${server.url}cb`, seed: 8 }), { provider: "topremit", secret: "lib-secret", now: new Date(aClock.getTime() - 3_600_000) });
    const late = await send(stale.url, stale.headers, stale.body);
    const stats = await server.close();

    // Then the first is acknowledged, the stale one refused, and both are on disk with their verdicts
    expect(fresh).toEqual({ status: 200, body: "{}" });
    expect(late.status).toBe(401);
    expect(JSON.parse(late.body)).toMatchObject({ reason: "timestamp-out-of-tolerance" });
    expect(stats).toMatchObject({ received: 2, captured: 2, valid: 1, invalid: 1 });
    const [first, second] = events;
    expect(first?.type === "request" && first.record.receivedAt).toBe("2025-05-15T05:34:31.000Z");
    expect(first?.type === "request" && first.file).toMatch(/20250515T053431000Z-000001-topremit\.json$/);
    const saved = JSON.parse(readFileSync(second?.type === "request" ? second.file : "", "utf8")) as { verdict: { reason: string } };
    expect(saved.verdict.reason).toBe("timestamp-out-of-tolerance");
    expect(parseRequestFile(readFileSync(first?.type === "request" ? first.file : "", "utf8"), "capture").body.equals(signed.body)).toBe(true);
  });

  it("acknowledges SingleView (unsigned by its docs) with {\"status\":\"OK\"} and a warning verdict", async () => {
    const events: CaptureEvent[] = [];
    const server = await startCaptureServer({ port: 0, outDir: join(scratch, "sv"), secrets: ["s"], onEvent: (e) => events.push(e) });
    const request = prepareFixtureRequest({ fixture: "singleview-payment-charge", url: `${server.url}sv` });

    const answer = await send(request.url, request.headers, request.body);
    const stats = await server.close();

    expect(answer).toEqual({ status: 200, body: '{"status":"OK"}' });
    expect(stats).toMatchObject({ unsigned: 1, valid: 0, invalid: 0 });
    expect(events[0]?.type === "request" && events[0].record.verdict).toMatchObject({ ok: false, verdict: "unsigned", reason: "unsigned-provider", provider: "singleview" });
  });
});
