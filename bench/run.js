// `npm run bench`: start-up, send throughput, verify throughput and listen capture rate, each measured
// side by side with a reference in the same run on this machine. Not part of `npm test`.
import { cpus, totalmem } from "node:os";
import { fmt } from "./lib.js";
import { benchStartup } from "./startup.js";
import { benchSend } from "./send-throughput.js";
import { benchListen } from "./listen-throughput.js";
import { benchVerify } from "./verify-bench.js";

const only = process.argv.slice(2);
const wanted = (name) => only.length === 0 || only.includes(name);
const verdict = (ratio, goal, higherIsBetter) =>
  goal === undefined ? "" : (higherIsBetter ? ratio >= goal : ratio <= goal) ? `meets goal (${higherIsBetter ? ">=" : "<="} ${goal}x)` : `MISSES goal (${higherIsBetter ? ">=" : "<="} ${goal}x)`;

const lines = [];
const say = (line = "") => {
  lines.push(line);
  console.log(line);
};

say(`Machine: ${cpus().length} x ${cpus()[0]?.model.trim() ?? "cpu"}, ${fmt(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`);
say();
say("| measure | whk | reference | ratio | goal |");
say("| --- | --- | --- | --- | --- |");

if (wanted("startup")) {
  const rows = await benchStartup();
  const base = rows.find((r) => r.name === "node -e 0");
  for (const row of rows.filter((r) => r !== base)) {
    say(`| start-up \`${row.name}\` (median) | ${fmt(row.medianMs, 1)} ms | \`node -e 0\` ${fmt(base.medianMs, 1)} ms | ${fmt(row.ratio, 2)}x | ${verdict(row.ratio, row.goal, false)} |`);
  }
}
if (wanted("send")) {
  const r = await benchSend();
  say(`| \`send --count ${fmt(r.count)} --concurrency ${r.concurrency}\`, whole process | ${fmt(r.whk)} req/s (${fmt(r.whkInRun)} once running) | autocannon \`-a ${fmt(r.count)} -c ${r.concurrency}\`, whole process: ${fmt(r.autocannon)} req/s (${fmt(r.autocannonSteady)} over 5 s) | ${fmt(r.ratio, 2)}x | ${verdict(r.ratio, r.goal, true)} |`);
}
if (wanted("verify")) {
  const r = await benchVerify();
  say(`| \`verify\` ${fmt(r.files)} request files | ${fmt(r.whkFilesPerSecond)} files/s | plain read + HMAC loop ${fmt(r.plainFilesPerSecond)} files/s | ${fmt(r.ratio, 2)}x | ${verdict(r.ratio, 0.5, true)} |`);
}
if (wanted("listen")) {
  const r = await benchListen();
  say(`| \`listen --secret\` capture rate (autocannon, ${r.connections} connections, median of ${r.rounds} interleaved ${r.seconds} s rounds) | ${fmt(r.listen)} req/s; ${fmt(r.sent)} answered, ${fmt(r.captured)} files, ${fmt(r.lost)} lost | bare node:http that only answers ${fmt(r.bare)} req/s | ${fmt(r.ratio, 2)}x | ${r.lost === 0 ? verdict(r.ratio, r.goal, true) : "MISSES goal (requests lost)"} |`);
}
