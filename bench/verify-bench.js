// Verify throughput: `whk verify <dir>` over 10,000 small signed request files, against a plain Node
// loop (readFileSync + JSON.parse + HMAC-SHA256 + compare) over the same files. Both run as fresh
// processes, so both pay Node's start-up. Goal: whk reaches >= 0.5x the plain loop's files/s.
// Run alone with `npm run build && node bench/verify-bench.js`, or through `npm run bench verify`.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { median, timeOnce, whk } from "./lib.js";

const FILES = 10_000;
const RUNS = 5;
const SECRET = "bench-verify-secret";

// The reference: what any receiver must at least do per file. Headers are looked up case-insensitively.
const PLAIN_LOOP = `
import { createHmac, timingSafeEqual } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
const [dir, secret] = process.argv.slice(1);
let valid = 0;
for (const name of readdirSync(dir).sort()) {
  const file = JSON.parse(readFileSync(join(dir, name), "utf8"));
  let given = "";
  for (const [key, value] of Object.entries(file.headers)) {
    const lower = key.toLowerCase();
    if (lower === "x-signature" || lower === "xfers-signature") given = value;
  }
  const expected = createHmac("sha256", secret).update(Buffer.from(file.body, "utf8")).digest("hex");
  if (given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected))) valid++;
}
if (valid !== ${FILES}) { console.error("plain loop: " + valid + " valid"); process.exit(1); }
`;

/** 10,000 request files, alternating Fazz and Paycombat events (both hex HMAC-SHA256 of the body). */
async function writeRequests(dir) {
  const { prepareFixtureRequest, signRequest, toRequestFile } = await import("../dist/index.js");
  const fixtures = ["fazz-va-dynamic", "paycombat-payin-success"];
  for (let i = 0; i < FILES; i++) {
    const fixture = fixtures[i % fixtures.length];
    const unsigned = prepareFixtureRequest({ fixture, url: "http://127.0.0.1:3000/webhooks/in", seed: i });
    const request = signRequest(unsigned, { provider: unsigned.provider, secret: SECRET });
    writeFileSync(join(dir, `${String(i).padStart(5, "0")}.json`), JSON.stringify(toRequestFile(request)));
  }
}

export async function benchVerify() {
  const dir = mkdtempSync(join(tmpdir(), "whk-bench-verify-"));
  try {
    await writeRequests(dir);
    const whkMs = [];
    const plainMs = [];
    // Interleaved, so a noisy neighbour hurts both alike.
    for (let i = 0; i < RUNS; i++) {
      whkMs.push(timeOnce(process.execPath, [whk, "verify", dir, "--secret", SECRET]));
      plainMs.push(timeOnce(process.execPath, ["--input-type=module", "-e", PLAIN_LOOP, dir, SECRET]));
    }
    const whkFilesPerSecond = FILES / (median(whkMs) / 1000);
    const plainFilesPerSecond = FILES / (median(plainMs) / 1000);
    return { files: FILES, whkMs: median(whkMs), plainMs: median(plainMs), whkFilesPerSecond, plainFilesPerSecond, ratio: whkFilesPerSecond / plainFilesPerSecond };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const r = await benchVerify();
  const n = (x) => Math.round(x).toLocaleString("en-US");
  console.log(`whk verify <dir>:  ${n(r.files)} files in ${n(r.whkMs)} ms = ${n(r.whkFilesPerSecond)} files/s (median of ${RUNS})`);
  console.log(`plain Node loop:   ${n(r.files)} files in ${n(r.plainMs)} ms = ${n(r.plainFilesPerSecond)} files/s (read + JSON.parse + HMAC)`);
  console.log(`ratio: ${r.ratio.toFixed(2)}x of the plain loop's throughput (goal >= 0.5x): ${r.ratio >= 0.5 ? "meets goal" : "MISSES goal"}`);
}
