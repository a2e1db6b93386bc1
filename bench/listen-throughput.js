// `whk listen` capture rate under autocannon, against a bare node:http server that only answers.
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { autocannon, startBareReceiver, startChild, stopChild, whk } from "./lib.js";

export async function benchListen({ seconds = 5, connections = 50 } = {}) {
  const { prepareFixtureRequest, signRequest } = await import("../dist/index.js");
  const out = mkdtempSync(join(tmpdir(), "whk-bench-listen-"));
  const bare = await startBareReceiver();
  const listener = await startChild([whk, "listen", "--port", "0", "--json", "--out", out, "--secret", "bench-secret"], { readyPattern: /"type":"ready"/ });
  listener.lines.on("line", () => {});
  try {
    const listenUrl = JSON.parse(listener.line).url;
    const sample = signRequest(prepareFixtureRequest({ fixture: "fazz-va-dynamic", url: listenUrl }), { provider: "fazz", secret: "bench-secret" });
    const shot = (url, s) => autocannon({ url, seconds: s, connections, body: sample.body.toString(), headers: sample.headers });
    shot(bare.url, 1);
    const reference = shot(bare.url, seconds);
    const captured = shot(listenUrl, seconds);
    await stopChild(listener.child, "SIGINT");
    const files = readdirSync(out).filter((name) => name.endsWith(".json")).length;
    return {
      seconds,
      connections,
      bare: reference.requestsPerSecond,
      listen: captured.requestsPerSecond,
      ratio: captured.requestsPerSecond / reference.requestsPerSecond,
      sent: captured.completed,
      captured: files,
      non2xx: captured.non2xx,
    };
  } finally {
    await stopChild(listener.child);
    await stopChild(bare.child);
    rmSync(out, { recursive: true, force: true });
  }
}
