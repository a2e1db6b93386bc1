// `whk send --count 20000 --concurrency 50` against autocannon sending the same 20,000 requests over 50
// connections, both aimed at the same bare receiver. Both are timed the same way, as whole processes
// from spawn to exit (start-up and JIT warm-up included on both sides), because autocannon ends a
// request-count run on a one-second sample tick and so cannot time a sub-second run itself.
import { spawnSync } from "node:child_process";
import { autocannon, autocannonBin, median, startBareReceiver, stopChild, whk } from "./lib.js";

const RUNS = 3;

function wallSeconds(args) {
  const started = process.hrtime.bigint();
  const run = spawnSync(process.execPath, args, { encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (run.status !== 0) throw new Error(`${args.slice(0, 3).join(" ")} failed (${run.status}): ${run.stderr.slice(0, 500)}`);
  return { seconds, stdout: run.stdout };
}

export async function benchSend({ count = 20_000, concurrency = 50 } = {}) {
  const { prepareFixtureRequest, signRequest } = await import("../dist/index.js");
  const receiver = await startBareReceiver();
  try {
    const sample = signRequest(prepareFixtureRequest({ fixture: "fazz-va-dynamic", url: receiver.url }), { provider: "fazz", secret: "bench-secret" });
    const body = sample.body.toString();
    const headerArgs = Object.entries(sample.headers).flatMap(([name, value]) => ["-H", `${name}=${value}`]);
    // Warm the receiver up once so neither side pays for its JIT.
    autocannon({ url: receiver.url, seconds: 1, connections: concurrency, body, headers: sample.headers });
    const reference = [];
    const ours = [];
    let inRun = 0;
    for (let i = 0; i < RUNS; i++) {
      reference.push(wallSeconds([autocannonBin, "--json", "-a", String(count), "-c", String(concurrency), "-m", "POST", "-b", body, ...headerArgs, receiver.url]).seconds);
      // The command as a user runs it: its summary, not --json's line per delivery (autocannon prints no such lines either).
      const run = wallSeconds([whk, "send", "fazz-va-dynamic", "--to", receiver.url, "--secret", "bench-secret", "--count", String(count), "--concurrency", String(concurrency)]);
      ours.push(run.seconds);
      const succeeded = Number(/: ([\d,]+) succeeded/.exec(run.stdout)?.[1]?.replace(/,/g, ""));
      if (succeeded !== count) throw new Error(`whk send: ${succeeded} of ${count} succeeded:\n${run.stdout}`);
      inRun = Number(/([\d,.]+) req\/s at concurrency/.exec(run.stdout)?.[1]?.replace(/,/g, ""));
    }
    const autocannonRate = count / median(reference);
    const whkRate = count / median(ours);
    const steady = autocannon({ url: receiver.url, seconds: 5, connections: concurrency, body, headers: sample.headers });
    return {
      count,
      concurrency,
      autocannon: autocannonRate,
      whk: whkRate,
      ratio: whkRate / autocannonRate,
      goal: 0.8,
      whkInRun: inRun,
      autocannonSteady: steady.requestsPerSecond,
    };
  } finally {
    await stopChild(receiver.child);
  }
}
