// `whk listen --secret` capture rate under autocannon, against a bare node:http server that only
// answers: interleaved rounds (bare, then whk, then bare ...), so a noisy neighbour hurts both alike.
// Every request whk answered must be a capture file on disk, and none may be lost (no errors, no non-2xx,
// as many files as requests the listener received).
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { autocannon, median, startBareReceiver, startChild, stopChild, whk } from "./lib.js";

const ROUNDS = 3;

export async function benchListen({ seconds = 4, connections = 50 } = {}) {
  const { prepareFixtureRequest, signRequest } = await import("../dist/index.js");
  const out = mkdtempSync(join(tmpdir(), "whk-bench-listen-"));
  const bare = await startBareReceiver();
  const listener = await startChild([whk, "listen", "--port", "0", "--json", "--out", out, "--secret", "bench-secret"], { readyPattern: /"type":"ready"/ });
  let summary;
  listener.lines.on("line", (line) => {
    if (line.includes('"type":"summary"')) summary = JSON.parse(line);
  });
  try {
    const listenUrl = JSON.parse(listener.line).url;
    const sample = signRequest(prepareFixtureRequest({ fixture: "fazz-va-dynamic", url: listenUrl }), { provider: "fazz", secret: "bench-secret" });
    const shot = (url, s) => autocannon({ url, seconds: s, connections, body: sample.body.toString(), headers: sample.headers });
    // Warm both up so neither pays for its JIT in a measured round.
    shot(bare.url, 1);
    const warm = shot(listenUrl, 1);
    const bareRates = [];
    const listenRates = [];
    let sent = warm.completed;
    let lost = warm.errors + warm.non2xx;
    for (let round = 0; round < ROUNDS; round++) {
      bareRates.push(shot(bare.url, seconds).requestsPerSecond);
      const run = shot(listenUrl, seconds);
      listenRates.push(run.requestsPerSecond);
      sent += run.completed;
      lost += run.errors + run.non2xx;
    }
    await stopChild(listener.child, "SIGINT");
    const files = readdirSync(out).filter((name) => name.endsWith(".json")).length;
    const bareRate = median(bareRates);
    const listenRate = median(listenRates);
    return {
      seconds,
      connections,
      rounds: ROUNDS,
      bare: bareRate,
      listen: listenRate,
      ratio: listenRate / bareRate,
      goal: 0.25,
      sent,
      captured: files,
      received: summary?.received,
      lost: lost + (summary?.errors ?? 0) + Math.max(0, (summary?.received ?? files) - files),
    };
  } finally {
    await stopChild(listener.child);
    await stopChild(bare.child);
    rmSync(out, { recursive: true, force: true });
  }
}
