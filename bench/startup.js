// Start-up: `whk --help`, `whk list` and `whk verify <file>` against bare `node -e 0`, side by side.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { median, timeOnce, whk } from "./lib.js";

const RUNS = 21;

export async function benchStartup() {
  const dir = mkdtempSync(join(tmpdir(), "whk-bench-startup-"));
  try {
    const { prepareFixtureRequest, signRequest, toRequestFile } = await import("../dist/index.js");
    const request = signRequest(prepareFixtureRequest({ fixture: "fazz-va-dynamic", url: "http://127.0.0.1:3000/" }), { provider: "fazz", secret: "bench-secret" });
    const file = join(dir, "request.json");
    writeFileSync(file, JSON.stringify(toRequestFile(request)));
    const commands = {
      "node -e 0": ["-e", "0"],
      "whk --help": [whk, "--help"],
      "whk list": [whk, "list"],
      "whk verify <file>": [whk, "verify", file, "--secret", "bench-secret"],
    };
    const samples = Object.fromEntries(Object.keys(commands).map((name) => [name, []]));
    // Interleaved, so a noisy neighbour hurts every command alike.
    for (let i = 0; i < RUNS; i++) {
      for (const [name, args] of Object.entries(commands)) samples[name].push(timeOnce(process.execPath, args));
    }
    const base = median(samples["node -e 0"]);
    return Object.entries(samples).map(([name, values]) => {
      const ms = median(values);
      const goal = name === "whk --help" ? 1.5 : name === "whk verify <file>" ? 2 : undefined;
      return { name, medianMs: ms, ratio: ms / base, goal };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
