import { randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { Agent } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseRequestFile } from "../../src/primitives/request-file.js";
import { relativeUrl } from "../../src/primitives/url-parts.js";
import { killListeners, post, spawnListener, type Answer } from "../helpers/listener-process.js";

const scratch = mkdtempSync(join(tmpdir(), "whk-listen-load-"));
afterAll(() => {
  killListeners();
  rmSync(scratch, { recursive: true, force: true });
});

/** Every capture in a directory, by the path it was sent to. Throws on a half-written file. */
function capturesByPath(dir: string): Map<string, { body: Buffer; headers: Record<string, string> }> {
  const byPath = new Map<string, { body: Buffer; headers: Record<string, string> }>();
  for (const name of readdirSync(dir)) {
    expect(name).toMatch(/^\d{8}T\d{9}Z-\d{6}-unknown\.json$/);
    const request = parseRequestFile(readFileSync(join(dir, name), "utf8"), name);
    byPath.set(relativeUrl(request.url), { body: request.body, headers: request.headers });
  }
  return byPath;
}

/** Bodies of assorted sizes; every fifth is not valid UTF-8, so it travels as bodyBase64. */
const aBody = (i: number): Buffer => (i % 5 === 0 ? Buffer.concat([Buffer.from([0xff, 0xfe]), randomBytes(i % 700)]) : Buffer.from(JSON.stringify({ i, pad: randomBytes(i % 1500).toString("base64") })));

describe("whk listen under load", () => {
  it("captures 2,000 concurrent requests, every one byte-exact", async () => {
    const out = join(scratch, "load");
    const listener = await spawnListener(["--port", "0", "--json", "--out", out]);
    const agent = new Agent({ keepAlive: true, maxSockets: 100 });
    const bodies = Array.from({ length: 2000 }, (_, i) => aBody(i));

    const answers = await Promise.all(bodies.map((body, i) => post({ method: "POST", url: `${listener.url}load/${i}`, headers: { "X-Load-Id": String(i) }, body }, agent)));
    agent.destroy();

    expect(answers.filter((a) => a.status !== 200)).toEqual([]);
    expect(await listener.stop()).toBe(0);
    const captures = capturesByPath(out);
    expect(captures.size).toBe(2000);
    bodies.forEach((body, i) => {
      const capture = captures.get(`/load/${i}`);
      expect(capture?.body.equals(body), `request ${i}`).toBe(true);
      expect(capture?.headers["X-Load-Id"]).toBe(String(i));
    });
    const events = listener.events();
    expect(events.filter((e) => e["type"] === "request")).toHaveLength(2000);
    expect(events.at(-1)).toMatchObject({ type: "summary", received: 2000, captured: 2000, unchecked: 2000, errors: 0 });
  });

  it("loses nothing it acknowledged when SIGINT arrives mid-load", async () => {
    const out = join(scratch, "sigint");
    const listener = await spawnListener(["--port", "0", "--out", out]);
    const agent = new Agent({ keepAlive: true, maxSockets: 100 });
    const bodies = Array.from({ length: 2000 }, (_, i) => aBody(i));
    let answered = 0;

    const results = await Promise.all(
      bodies.map((body, i) =>
        post({ method: "POST", url: `${listener.url}sigint/${i}`, headers: {}, body }, agent).then(
          (answer: Answer) => {
            if (++answered === 300) listener.child.kill("SIGINT");
            return answer.status;
          },
          () => 0,
        ),
      ),
    );
    agent.destroy();

    expect(await listener.exited).toBe(0);
    expect(listener.stdout()).toMatch(/whk listen stopped: received \d+, valid 0, invalid 0, unsigned 0, not checked \d+, errors \d+; \d+ captured/);
    const acknowledged = results.flatMap((status, i) => (status >= 200 && status < 300 ? [i] : []));
    expect(acknowledged.length).toBeGreaterThanOrEqual(300);
    const captures = capturesByPath(out);
    for (const i of acknowledged) expect(captures.get(`/sigint/${i}`)?.body.equals(bodies[i] as Buffer), `request ${i}`).toBe(true);
    // Nothing else was refused for a wrong reason: only "stopping" (503) or a closed connection.
    expect(results.every((status) => status === 200 || status === 503 || status === 0)).toBe(true);
  });
});
