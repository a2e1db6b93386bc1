import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
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
  // A body whose text cannot be the bytes received, and base64 that is not base64: never sent or judged as something else.
  writeFileSync(at("lone-surrogate.json"), '{"method":"POST","url":"http://x/","headers":{},"body":"{\\"a\\":\\"\\ud800\\"}"}');
  writeFileSync(at("bad-base64.json"), '{"method":"POST","url":"http://x/","headers":{},"bodyBase64":"eyJh%Ig=="}');
  writeFileSync(at("short-base64.json"), '{"method":"POST","url":"http://x/","headers":{},"bodyBase64":"eyJhI"}');
  const harWith = (postData: unknown) => JSON.stringify({ log: { version: "1.2", entries: [{ request: { method: "POST", url: "http://x/", headers: [], postData } }] } });
  writeFileSync(at("bad-base64.har"), harWith({ mimeType: "application/json", text: "not base64!", encoding: "base64" }));
  writeFileSync(at("lone-surrogate.har"), harWith({ mimeType: "application/json", text: "{\"a\":\"\udc00\"}" }));
  mkdirSync(at("empty-dir"));
  writeFileSync(at("zero-secret.config.json"), JSON.stringify({ providers: { fazz: { secret: { file: "/dev/zero" } } } }));
  mkdirSync(at("zero-fixtures"));
  symlinkSync("/dev/zero", at("zero-fixtures/endless.json"));
  // A folder that links back to itself is read once, not forever.
  symlinkSync(".", at("zero-fixtures/loop"));
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
  ["verify: bad --at", () => ["verify", at("no-body.json"), ...secret, "--at", "yesterday"], 2, /--at "yesterday" is not an ISO 8601 date and time/],
  ["verify: --at on February 30", () => ["verify", at("no-body.json"), ...secret, "--at", "2025-02-30T10:00:00Z"], 2, /--at "2025-02-30T10:00:00Z" is not a day: February 2025 has 28 days/],
  ["verify: --at a bare number", () => ["verify", at("no-body.json"), ...secret, "--at", "1747287271"], 2, /--at "1747287271" is a bare number/],
  ["verify: --at without a zone", () => ["verify", at("no-body.json"), ...secret, "--at", "2025-05-15T12:00:00"], 2, /--at "2025-05-15T12:00:00" has no time zone/],
  ["verify: a body with a lone surrogate", () => ["verify", at("lone-surrogate.json"), ...secret], 2, /lone-surrogate\.json: "body" holds a lone surrogate[^\n]*\n {2}hint: [^\n]*"bodyBase64"/],
  ["verify: bodyBase64 that is not base64", () => ["verify", at("bad-base64.json"), ...secret], 2, /bad-base64\.json: "bodyBase64" is not valid base64/],
  ["verify: bodyBase64 cut short", () => ["verify", at("short-base64.json"), ...secret], 2, /short-base64\.json: "bodyBase64" is not valid base64/],
  ["verify: a HAR entry whose base64 is not", () => ["verify", at("bad-base64.har"), ...secret], 2, /bad-base64\.har entry 1 has a "postData\.text" that is not valid base64/],
  ["verify: a HAR entry with a lone surrogate", () => ["verify", at("lone-surrogate.har"), ...secret], 2, /lone-surrogate\.har entry 1 has a "postData\.text" with a lone surrogate[^\n]*\n {2}hint: [^\n]*base64/],
  ["verify: an empty path", () => ["verify", "", ...secret], 2, /^whk: "" is an empty path/],
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
  ["show: --timestamp a bare number", () => ["show", "topremit-va", ...secret, "--timestamp", "1747287271000"], 2, /--timestamp "1747287271000" is a bare number/],
  ["show: an empty --secret (not the test secret)", () => ["show", "fazz-va-dynamic", "--secret", ""], 2, /^whk: --secret "" is empty/],
  ["show: an empty provider flag", () => ["show", "topremit-va", ...secret, "--access-token", ""], 2, /^whk: --access-token "" is empty/],
  ["show: an empty --config (not the current folder)", () => ["show", "fazz-va-dynamic", ...secret, "--config", ""], 2, /^whk: --config "" is empty/],
  ["show: one --set of several names a path the body lacks", () => ["show", "fazz-va-dynamic", ...secret, "--set", "data.id=1", "--set", "nope.deeper=2"], 2, /^whk: --set nope\.deeper=2: the body has no "nope\.deeper"/],
  ["list: an empty --fixtures", () => ["list", "--fixtures", ""], 2, /^whk: --fixtures "" is empty/],
  // send
  ["send: unknown fixture", () => ["send", "topremit-vaa", ...secret], 2, /unknown fixture/],
  ["send: unknown provider", () => ["send", "--provider", "acmepay-unknown", ...secret], 2, /unknown provider/],
  ["send: malformed target", () => ["send", "fazz-va-dynamic", ...secret, "--to", "ftp://x"], 2, /not http or https/],
  ["send: --count -5", () => ["send", "fazz-va-dynamic", ...secret, "--count", "-5"], 2, /--count "-5"/],
  ["send: --count 1.5", () => ["send", "fazz-va-dynamic", ...secret, "--count", "1.5"], 2, /--count "1.5"/],
  ["send: --concurrency 0", () => ["send", "fazz-va-dynamic", ...secret, "--count", "5", "--concurrency", "0"], 2, /--concurrency/],
  ["send: bad --timeout", () => ["send", "fazz-va-dynamic", ...secret, "--timeout", "fast"], 2, /--timeout "fast" is not a duration/],
  ["send: bad --expect-status", () => ["send", "fazz-va-dynamic", ...secret, "--expect-status", "9xx"], 2, /--expect-status/],
  ["send: --timestamp on February 29 of a common year", () => ["send", "topremit-va", ...secret, "--timestamp", "2025-02-29T00:00:00+07:00", "--to", `127.0.0.1:${refusedPort}`], 2, /February 2025 has 28 days/],
  ["send: --from an empty path", () => ["send", "--from", "", "--to", `127.0.0.1:${refusedPort}`], 2, /^whk: --from "" is empty/],
  ["send --from: a HAR entry whose base64 is not", () => ["send", "--from", at("bad-base64.har"), "--to", `127.0.0.1:${refusedPort}`], 2, /entry 1 has a "postData\.text" that is not valid base64/],
  ["send: --save into a missing directory", () => ["send", "fazz-va-dynamic", ...secret, "--save", at("nowhere/x.json")], 2, /does not exist/],
  ["send: a 30 MB body to a closed port", () => ["send", "fazz-va-dynamic", ...secret, "--data", `@${at("30mb-body.json")}`, "--to", `127.0.0.1:${refusedPort}`], 1, /refused/],
  // listen
  ["listen: port out of range", () => ["listen", "--port", "99999"], 2, /--port "99999"/],
  ["listen: bad --max-body", () => ["listen", "--max-body", "lots"], 2, /--max-body "lots" is not a size/],
  ["listen: unknown provider", () => ["listen", "--provider", "acmepay-unknown"], 2, /unknown provider/],
  ["listen: malformed --forward-to", () => ["listen", "--forward-to", "ftp://x"], 2, /not http or https/],
  ["listen: an empty --out (not the current folder)", () => ["listen", "--out", ""], 2, /^whk: --out "" is empty/],
  ["listen: bad --request-timeout", () => ["listen", "--request-timeout", "never"], 2, /not a duration/],
  // probe
  ["probe: unknown subject", () => ["probe", "acmepay-unknown", "--to", ":1", ...secret], 2, /neither a provider nor a fixture/],
  ["probe: no --to", () => ["probe", "fazz", ...secret], 2, /needs the handler's URL/],
  ["probe: unwritable --junit", () => ["probe", "fazz", "--to", ":1", ...secret, "--junit", at("nowhere/report.xml")], 2, /cannot be written/],
  ["probe: an empty --junit", () => ["probe", "fazz", "--to", `127.0.0.1:${refusedPort}`, ...secret, "--junit", ""], 2, /^whk: --junit "" is empty/],
  ["probe: a target that is down", () => ["probe", "fazz", "--to", `127.0.0.1:${refusedPort}`, ...secret], 1, /does not accept connections/],
  // everything else
  ["list: unknown provider", () => ["list", "--provider", "acmepay-unknown"], 2, /unknown provider/],
  ["demo: unknown flag", () => ["demo", "--fast"], 2, /unknown option '--fast'/],
  ["an unknown command", () => ["sned", "fazz-va-dynamic"], 2, /unknown command 'sned'\n  hint: did you mean send\?/],
  // a flag that takes one value, given twice with different ones: none is picked silently
  ["send: --to twice", () => ["send", "fazz-va-dynamic", ...secret, "--to", `127.0.0.1:${refusedPort}`, "--to", "127.0.0.1:9"], 2, /^whk: --to was given twice, with different values\n  hint: give --to once/],
  ["scenario run: --to twice", () => ["scenario", "run", "midtrans-va-settlement", ...secret, "--to", ":1", "--to=:2"], 2, /^whk: --to was given twice, with different values/],
  ["show: a provider flag twice, its values never printed", () => ["show", "topremit-va", ...secret, "--access-token", "tok-first-7c1", "--access-token", "tok-second-9d2"], 2, /^whk: --access-token was given twice, with different values\n  hint: give --access-token once\n$/],
  ["list: the global --config twice", () => ["--config", at("a.json"), "--config", at("b.json"), "list"], 2, /^whk: --config was given twice, with different values/],
];

describe("a flag given twice", () => {
  it("with the same value is no conflict", async () => {
    const run = await runWhk(["show", "fazz-va-dynamic", ...secret, "--to", ":4455", "--to", ":4455"]);
    expect(run.code, outputOf(run)).toBe(0);
    expect(run.stdout).toMatch(/^POST http:\/\/localhost:4455\//);
  });
});

// /dev/zero as any input: an endless one. Every reader stops at its limit, one line, exit 2, in seconds.
type EndlessCase = [name: string, args: () => string[], stdinFrom: string | undefined, message: RegExp];
const endless: EndlessCase[] = [
  ["verify: a request file", () => ["verify", "/dev/zero", ...secret], undefined, /^whk: \/dev\/zero is larger than 320 MiB/],
  ["verify: standard input", () => ["verify", "-", ...secret], "/dev/zero", /^whk: whk verify "-": standard input holds more than 320 MiB/],
  ["sign: the body file", () => ["sign", "/dev/zero", "--provider", "fazz", ...secret], undefined, /^whk: body file \/dev\/zero is larger than 320 MiB/],
  ["sign: the body on standard input", () => ["sign", "-", "--provider", "fazz", ...secret], "/dev/zero", /standard input holds more than 320 MiB/],
  ["show: --data @file", () => ["show", "fazz-va-dynamic", ...secret, "--data", "@/dev/zero"], undefined, /^whk: --data file \/dev\/zero is larger than 320 MiB/],
  ["send: --data - (standard input)", () => ["send", "fazz-va-dynamic", ...secret, "--data", "-", "--to", "127.0.0.1:9"], "/dev/zero", /^whk: --data "-": standard input holds more than 320 MiB/],
  ["send: --from", () => ["send", "--from", "/dev/zero", "--to", "127.0.0.1:9"], undefined, /^whk: \/dev\/zero is larger than 320 MiB/],
  ["show: --secret-file", () => ["show", "fazz-va-dynamic", "--secret-file", "/dev/zero"], undefined, /^whk: --secret-file \/dev\/zero is larger than 1 MiB/],
  ["show: --config", () => ["show", "fazz-va-dynamic", ...secret, "--config", "/dev/zero"], undefined, /^whk: config file \/dev\/zero is larger than 16 MiB/],
  ["show: a secret file the config names", () => ["show", "fazz-va-dynamic", "--config", at("zero-secret.config.json")], undefined, /secret file \/dev\/zero is larger than 1 MiB/],
  ["list: a fixture file that is /dev/zero", () => ["list", "--fixtures", at("zero-fixtures")], undefined, /^whk: fixture file .*endless\.json is larger than 320 MiB/],
];

// One at a time: each holds up to 320 MiB before it gives up.
describe("an endless input, every reader", () => {
  it.each(endless)("%s", async (_name, args, stdinFrom, message) => {
    const run = await runWhk(args(), { timeoutMs: 60_000, ...(stdinFrom !== undefined ? { stdinFrom } : {}) });
    expect(run.code, outputOf(run)).toBe(2);
    expect(run.stderr, outputOf(run)).toMatch(message);
    expect(run.stderr, outputOf(run)).toMatch(/^whk: [^\n]+\n {2}hint: [^\n]+\n$/);
  });
});

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
