import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { toRequestFile } from "../../src/primitives/request-file.js";
import type { WebhookRequest } from "../../src/primitives/webhook-request.js";
import { aSecret, anInstant, requestFileText, run, signedFixture, scratchDir } from "../helpers/verify-cli.js";

const { dir: scratch, write } = scratchDir("whk-verify-inputs-");

/** The request as `nc -l` would capture it: request line, headers, blank line, body. */
function rawHttp(request: WebhookRequest, eol: string, chunked = false): Buffer {
  const url = new URL(request.url);
  const lines = [`${request.method} ${url.pathname}${url.search} HTTP/1.1`, `Host: ${url.host}`];
  for (const [name, value] of Object.entries(request.headers)) lines.push(`${name}: ${value}`);
  if (!chunked) {
    lines.push(`Content-Length: ${request.body.length}`);
    return Buffer.concat([Buffer.from(lines.join(eol) + eol + eol, "latin1"), request.body]);
  }
  lines.push("Transfer-Encoding: chunked");
  const half = Math.floor(request.body.length / 2);
  const chunk = (bytes: Buffer) => Buffer.concat([Buffer.from(`${bytes.length.toString(16)}\r\n`), bytes, Buffer.from("\r\n")]);
  return Buffer.concat([Buffer.from(lines.join(eol) + eol + eol, "latin1"), chunk(request.body.subarray(0, half)), chunk(request.body.subarray(half)), Buffer.from("0\r\n\r\n")]);
}

const verify = (args: string[], input?: string | Buffer) => run(["verify", ...args, "--secret", aSecret, "--at", anInstant], input);
const verdicts = (stdout: string) => stdout.split("\n").filter((line) => /^[✓✗!] /.test(line));

describe("whk verify reads every input format", () => {
  const topremit = signedFixture("topremit-va", "http://shop.example:8080/webhooks/topremit?env=test");
  const fazz = signedFixture("fazz-va-dynamic");

  it("a request file", () => {
    expect(verify([write("one.json", requestFileText(topremit))]).code).toBe(0);
  });

  it("stdin (-)", () => {
    const { code, stdout } = verify(["-"], requestFileText(fazz));
    expect(code).toBe(0);
    expect(stdout).toMatch(/^✓ stdin {2}fazz {2}valid-signature/);
  });

  it("NDJSON as `whk listen --json` writes it: ready, error and summary lines skipped", () => {
    const line = (request: WebhookRequest, seq: number) => JSON.stringify({ type: "request", seq, ...toRequestFile(request), verdict: null, file: `c${seq}.json` });
    const text = [JSON.stringify({ type: "ready", url: "http://127.0.0.1:3000" }), line(topremit, 1), JSON.stringify({ type: "error", seq: 2 }), line(fazz, 3), JSON.stringify({ type: "summary", received: 3 })].join("\n");
    const file = write("log.ndjson", `${text}\n`);
    const { code, stdout } = verify([file]);
    expect(code).toBe(0);
    expect(verdicts(stdout).map((l) => l.split("  ")[0])).toEqual([`✓ ${file}:2`, `✓ ${file}:4`]);
  });

  it("a HAR file: every entry, base64 postData honoured", () => {
    const entry = (request: WebhookRequest, base64: boolean) => ({
      startedDateTime: anInstant,
      request: {
        method: request.method,
        url: request.url,
        headers: Object.entries(request.headers).map(([name, value]) => ({ name, value })),
        postData: base64 ? { mimeType: "application/json", text: request.body.toString("base64"), encoding: "base64" } : { mimeType: "application/json", text: request.body.toString("utf8") },
      },
    });
    const file = write("trace.har", JSON.stringify({ log: { version: "1.2", entries: [entry(topremit, false), entry(fazz, true)] } }));
    const { code, stdout } = verify([file]);
    expect(code).toBe(0);
    expect(verdicts(stdout).map((l) => l.split("  ").slice(0, 2).join(" "))).toEqual([`✓ ${file}#1 topremit`, `✓ ${file}#2 fazz`]);
  });

  it.each([
    ["CRLF", "\r\n", false],
    ["bare LF", "\n", false],
    ["chunked", "\r\n", true],
  ])("raw HTTP with %s (the URL from Host + path; Topremit signs the path)", (_name, eol, chunked) => {
    const { code, stdout } = verify([write(`capture-${chunked ? "chunked" : eol.length}.http`, rawHttp(topremit, eol as string, chunked as boolean))]);
    expect(stdout).toContain("topremit  valid-signature");
    expect(code).toBe(0);
  });

  it("a directory (sorted, dotfiles skipped) and several paths", () => {
    const dir = join(scratch, "captures");
    mkdirSync(dir);
    writeFileSync(join(dir, "b.json"), requestFileText(fazz));
    writeFileSync(join(dir, "a.http"), rawHttp(fazz, "\r\n"));
    writeFileSync(join(dir, ".DS_Store"), "junk");
    const extra = write("extra.json", requestFileText(topremit));
    const { code, stdout } = verify([dir, extra]);
    expect(code).toBe(0);
    expect(verdicts(stdout).map((l) => l.split("  ")[0])).toEqual([`✓ ${join(dir, "a.http")}`, `✓ ${join(dir, "b.json")}`, `✓ ${extra}`]);
    expect(stdout).toMatch(/3 requests: 3 valid, 0 invalid, 0 unsigned\n$/);
  });
});

describe("what whk prints, whk reads", () => {
  it.each(["fazz-va-dynamic", "topremit-va", "chaipay-payin"])("`whk show %s` piped into `whk verify -` is valid", (id) => {
    const shown = run(["show", id, "--secret", aSecret]);
    const verified = run(["verify", "-", "--secret", aSecret], shown.stdout);
    expect(verified.code, verified.stderr).toBe(0);
    expect(verified.stdout).toMatch(/^✓ stdin {2}\w+ {2}valid-signature/);
  });

  it("an input that never ends (/dev/zero) is one clear line and exit 2, not a hang", () => {
    const result = run(["verify", "/dev/zero", "--secret", aSecret]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe("whk: /dev/zero is larger than 320 MiB\n  hint: whk reads inputs whole: give it a smaller file\n");
  });
});
