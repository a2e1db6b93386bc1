import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closedPort } from "../helpers/http-server.js";
import { outputOf, runWhk, stackFrames } from "../helpers/run-whk.js";

// Every command and flag that takes input, fed what users get wrong. Each answer: the right exit code
// (2 for input, 1 where a check legitimately failed), one clear `whk:` line plus a hint, never a stack.

const dir = mkdtempSync(join(tmpdir(), "whk-bad-input-"));
const at = (name: string) => join(dir, name);
let refusedPort = 0;

beforeAll(async () => {
  refusedPort = await closedPort();
  writeFileSync(at("empty.json"), "");
  writeFileSync(at("bad.json"), '{"method": "POST",');
  writeFileSync(at("array-of-numbers.json"), "[1, 2]");
  writeFileSync(at("no-body.json"), '{"method":"POST","url":"http://x/","headers":{}}');
  writeFileSync(at("headers-list.json"), '{"method":"POST","url":"http://x/","headers":["a"],"body":""}');
  writeFileSync(at("not-utf8.json"), Buffer.concat([Buffer.from('{"method":"POST","url":"http://x/","headers":{},"body":"'), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]));
  writeFileSync(at("garbage.bin"), Buffer.from([0x00, 0xff, 0x13, 0x37, 0x42]));
  writeFileSync(at("har-without-entries.har"), '{"log":{"version":"1.2","entries":[]}}');
  mkdirSync(at("empty-dir"));
  const thirtyMb = `{"data":"${"a".repeat(30 * 1024 * 1024)}"}`;
  writeFileSync(at("30mb-body.json"), thirtyMb);
  writeFileSync(at("30mb-request.json"), JSON.stringify({ method: "POST", url: "http://x/", headers: { "Xfers-Signature": "0".repeat(64) }, body: thirtyMb }));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const secret = ["--secret", "bad-input-secret"];

type Case = [name: string, args: () => string[], code: 1 | 2, message: RegExp];

const cases: Case[] = [
  // verify
  ["verify: missing file", () => ["verify", at("missing.json"), ...secret], 2, /missing\.json does not exist/],
  ["verify: empty directory", () => ["verify", at("empty-dir"), ...secret], 2, /has no files/],
  ["verify: empty file", () => ["verify", at("empty.json"), ...secret], 2, /is empty/],
  ["verify: invalid JSON", () => ["verify", at("bad.json"), ...secret], 2, /is not valid JSON/],
  ["verify: JSON of the wrong shape", () => ["verify", at("array-of-numbers.json"), ...secret], 2, /is not a request file: expected an object/],
  ["verify: headers of the wrong shape", () => ["verify", at("headers-list.json"), ...secret], 2, /expected an object of header names/],
  ["verify: a request without a body", () => ["verify", at("no-body.json"), ...secret], 2, /has no "body" or "bodyBase64"/],
  ["verify: invalid UTF-8", () => ["verify", at("not-utf8.json"), ...secret], 2, /is not valid UTF-8 text/],
  ["verify: binary garbage", () => ["verify", at("garbage.bin"), ...secret], 2, /is not valid UTF-8 text/],
  ["verify: HAR without entries", () => ["verify", at("har-without-entries.har"), ...secret], 2, /entries/],
  // A regression: explaining a 30 MB body once overflowed V8's regex stack.
  ["verify: a 30 MB body, signature wrong", () => ["verify", at("30mb-request.json"), ...secret, "--provider", "fazz"], 1, /bad-signature/],
  ["verify: no secret", () => ["verify", at("30mb-request.json"), "--provider", "fazz"], 2, /no secret was given/],
  ["verify: unknown provider", () => ["verify", at("no-body.json"), ...secret, "--provider", "acmepay-unknown"], 2, /unknown provider "acmepay-unknown"/],
  ["verify: bad --tolerance", () => ["verify", at("no-body.json"), ...secret, "--tolerance", "soon"], 2, /--tolerance "soon" is not a duration/],
  ["verify: bad --at", () => ["verify", at("no-body.json"), ...secret, "--at", "yesterday"], 2, /--at "yesterday" is not a date/],
  ["verify: no path", () => ["verify", ...secret], 2, /missing required argument/],
  // sign
  ["sign: missing file", () => ["sign", at("missing.json"), "--provider", "fazz", ...secret], 2, /does not exist/],
  ["sign: a directory", () => ["sign", at("empty-dir"), "--provider", "fazz", ...secret], 2, /is a directory/],
  ["sign: no --provider", () => ["sign", at("bad.json"), ...secret], 2, /--provider/],
  ["sign: unknown provider", () => ["sign", at("bad.json"), "--provider", "acmepay-unknown", ...secret], 2, /unknown provider "acmepay-unknown"/],
  ["sign: a flag another provider declares", () => ["sign", at("bad.json"), "--provider", "fazz", "--access-token", "t"], 2, /--access-token applies to Topremit\b.* only/],
  ["sign: ChaiPay body that is not JSON", () => ["sign", at("bad.json"), "--provider", "chaipay", ...secret], 2, /must be a JSON object/],
  ["sign: malformed --to", () => ["sign", at("bad.json"), "--provider", "fazz", ...secret, "--to", "http://"], 2, /is not a URL/],
  // show
  ["show: unknown fixture", () => ["show", "fazz-va", ...secret], 2, /unknown fixture "fazz-va"/],
  ["show: port out of range", () => ["show", "fazz-va-dynamic", ...secret, "--to", "localhost:70000"], 2, /outside 1-65535/],
  ["show: --set into a missing object", () => ["show", "fazz-va-dynamic", ...secret, "--set", "nope.deeper=1"], 2, /no "nope.deeper"/],
  ["show: --data directory", () => ["show", "fazz-va-dynamic", ...secret, "--data", `@${at("empty-dir")}`], 2, /is a directory/],
  ["show: --seed out of range", () => ["show", "fazz-va-dynamic", ...secret, "--seed", "-1"], 2, /not a whole number/],
  // send
  ["send: unknown fixture", () => ["send", "topremit-vaa", ...secret], 2, /unknown fixture/],
  ["send: unknown provider", () => ["send", "--provider", "acmepay-unknown", ...secret], 2, /unknown provider/],
  ["send: malformed target", () => ["send", "fazz-va-dynamic", ...secret, "--to", "ftp://x"], 2, /not http or https/],
  ["send: --count -5", () => ["send", "fazz-va-dynamic", ...secret, "--count", "-5"], 2, /--count "-5"/],
  ["send: --count 1.5", () => ["send", "fazz-va-dynamic", ...secret, "--count", "1.5"], 2, /--count "1.5"/],
  ["send: --concurrency 0", () => ["send", "fazz-va-dynamic", ...secret, "--count", "5", "--concurrency", "0"], 2, /--concurrency/],
  ["send: bad --timeout", () => ["send", "fazz-va-dynamic", ...secret, "--timeout", "fast"], 2, /--timeout "fast" is not a duration/],
  ["send: bad --expect-status", () => ["send", "fazz-va-dynamic", ...secret, "--expect-status", "9xx"], 2, /--expect-status/],
  ["send: --save into a missing directory", () => ["send", "fazz-va-dynamic", ...secret, "--save", at("nowhere/x.json")], 2, /does not exist/],
  ["send: a 30 MB body to a closed port", () => ["send", "fazz-va-dynamic", ...secret, "--data", `@${at("30mb-body.json")}`, "--to", `127.0.0.1:${refusedPort}`], 1, /refused/],
  // listen
  ["listen: port out of range", () => ["listen", "--port", "99999"], 2, /--port "99999"/],
  ["listen: bad --max-body", () => ["listen", "--max-body", "lots"], 2, /--max-body "lots" is not a size/],
  ["listen: unknown provider", () => ["listen", "--provider", "acmepay-unknown"], 2, /unknown provider/],
  ["listen: malformed --forward-to", () => ["listen", "--forward-to", "ftp://x"], 2, /not http or https/],
  ["listen: bad --request-timeout", () => ["listen", "--request-timeout", "never"], 2, /not a duration/],
  // probe
  ["probe: unknown subject", () => ["probe", "acmepay-unknown", "--to", ":1", ...secret], 2, /neither a provider nor a fixture/],
  ["probe: no --to", () => ["probe", "fazz", ...secret], 2, /needs the handler's URL/],
  ["probe: unwritable --junit", () => ["probe", "fazz", "--to", ":1", ...secret, "--junit", at("nowhere/report.xml")], 2, /cannot be written/],
  ["probe: a target that is down", () => ["probe", "fazz", "--to", `127.0.0.1:${refusedPort}`, ...secret], 1, /does not accept connections/],
  // everything else
  ["list: unknown provider", () => ["list", "--provider", "acmepay-unknown"], 2, /unknown provider/],
  ["demo: unknown flag", () => ["demo", "--fast"], 2, /unknown option '--fast'/],
  ["an unknown command", () => ["sned", "fazz-va-dynamic"], 2, /unknown command 'sned'\n  hint: did you mean send\?/],
];

// The cases run at once (50 processes, two of them 30 MB bodies) on two cores: the test's timeout is the
// runner's own 60 s, not the suite's 30 s default, or a busy machine fails the 30 MB cases on time alone.
describe.concurrent("bad input, every command", { timeout: 60_000 }, () => {
  it.each(cases)("%s", async (_name, args, code, message) => {
    const run = await runWhk(args(), { timeoutMs: 60_000 });
    expect(run.code, outputOf(run)).toBe(code);
    const said = code === 2 ? run.stderr : `${run.stdout}${run.stderr}`;
    expect(said, outputOf(run)).toMatch(message);
    if (code === 2) expect(run.stderr, outputOf(run)).toMatch(/^whk: [^\n]+\n {2}hint: [^\n]+\n$/);
    expect(stackFrames(run.stdout + run.stderr), outputOf(run)).toEqual([]);
  });
});
