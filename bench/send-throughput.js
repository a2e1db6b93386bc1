// `whk send --count 20000 --concurrency 50` against autocannon, both aimed at the same bare receiver.
import { spawnSync } from "node:child_process";
import { autocannon, startBareReceiver, stopChild, whk } from "./lib.js";

export async function benchSend({ count = 20_000, concurrency = 50 } = {}) {
  const { prepareFixtureRequest, signRequest } = await import("../dist/index.js");
  const receiver = await startBareReceiver();
  try {
    const sample = signRequest(prepareFixtureRequest({ fixture: "fazz-va-dynamic", url: receiver.url }), { provider: "fazz", secret: "bench-secret" });
    // Warm the receiver up once so neither side pays for its JIT.
    autocannon({ url: receiver.url, amount: 2_000, connections: concurrency, body: sample.body.toString(), headers: sample.headers });
    const reference = autocannon({ url: receiver.url, amount: count, connections: concurrency, body: sample.body.toString(), headers: sample.headers });
    const started = process.hrtime.bigint();
    const run = spawnSync(process.execPath, [whk, "send", "fazz-va-dynamic", "--to", receiver.url, "--secret", "bench-secret", "--count", String(count), "--concurrency", String(concurrency), "--json"], {
      encoding: "utf8",
      maxBuffer: 256 * 1024 * 1024,
    });
    const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (run.status !== 0) throw new Error(`whk send failed (${run.status}): ${run.stderr.slice(0, 500)}`);
    const summary = run.stdout.trim().split("\n").map((line) => JSON.parse(line)).find((event) => event.type === "summary") ?? {};
    const whkRate = typeof summary.requestsPerSecond === "number" ? summary.requestsPerSecond : count / wallSeconds;
    return {
      count,
      concurrency,
      autocannon: reference.requestsPerSecond,
      whk: whkRate,
      whkWallRate: count / wallSeconds,
      ratio: whkRate / reference.requestsPerSecond,
      goal: 0.5,
      succeeded: summary.succeeded,
    };
  } finally {
    await stopChild(receiver.child);
  }
}
