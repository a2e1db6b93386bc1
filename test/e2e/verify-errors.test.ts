import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { aSecret, requestFileText, run, signedFixture, stackFrames } from "../helpers/verify-cli.js";

const scratch = mkdtempSync(join(tmpdir(), "whk-verify-errors-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const write = (name: string, text: string): string => {
  const path = join(scratch, name);
  writeFileSync(path, text);
  return path;
};

describe("whk verify: unreadable or malformed input exits 2 with one clear line, no stack trace", () => {
  const cases: [string, () => string[], RegExp][] = [
    ["a missing file", () => [join(scratch, "nope.json")], /^whk: \S+nope\.json does not exist$/],
    ["bad JSON", () => [write("bad.json", '{"method": "POST",')], /^whk: \S+bad\.json is not valid JSON: /],
    ["a request without a body", () => [write("nobody.json", '{"method":"POST","url":"http://x/","headers":{}}')], /^whk: \S+nobody\.json has no "body" or "bodyBase64"$/],
    ["an empty file", () => [write("empty.json", "")], /^whk: \S+empty\.json is empty$/],
    ["a HAR without entries", () => [write("empty.har", '{"log":{"version":"1.2","entries":[]}}')], /^whk: \S+empty\.har has no entries$/],
    ["an NDJSON file whose only line is bad", () => [write("log.ndjson", "not json\n")], /^whk: \S+log\.ndjson line 1 is not valid JSON: /],
    ["a truncated raw HTTP capture", () => [write("cut.http", "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 99\r\n\r\n{}")], /^whk: \S+cut\.http is truncated: Content-Length says 99 bytes, 2 follow$/],
    ["a receivedAt that is no day (Date.parse would read March 2)", () => [write("feb30.json", requestFileText({ ...signedFixture("topremit-va"), receivedAt: "2026-02-30T10:00:00Z" }))], /^whk: \S+feb30\.json: "receivedAt" "2026-02-30T10:00:00Z" is not a day: February 2026 has 28 days$/],
    ["a receivedAt that is a bare number", () => [write("epoch.json", requestFileText({ ...signedFixture("topremit-va"), receivedAt: "1700000000" }))], /^whk: \S+epoch\.json: "receivedAt" "1700000000" is a bare number/],
    ["a good file next to a bad one (nothing is printed before the error)", () => [write("ok.json", requestFileText(signedFixture("fazz-va-dynamic"))), join(scratch, "missing.json")], /does not exist$/],
  ];

  it.each(cases)("%s", (_name, paths, message) => {
    const { code, stdout, stderr } = run(["verify", ...paths(), "--secret", aSecret]);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    const lines = stderr.trimEnd().split("\n");
    expect(lines[0]).toMatch(message);
    expect(lines.slice(1).every((line) => line.startsWith("  hint: "))).toBe(true);
    expect(lines.length).toBeLessThanOrEqual(2);
    expect(stackFrames(stderr)).toEqual([]);
  });

  it("a signed request without any secret is a usage error (2), with a hint", () => {
    const { code, stderr } = run(["verify", write("fazz.json", requestFileText(signedFixture("fazz-va-dynamic")))]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^whk: Fazz \(Xfers\) requests are signed, and no secret was given\n {2}hint: /);
  });

  it("bad flags: an unknown --provider, a bad --tolerance or --at", () => {
    const file = write("f.json", requestFileText(signedFixture("fazz-va-dynamic")));
    expect(run(["verify", file, "--secret", aSecret, "--provider", "acmepay-unknown"]).stderr).toMatch(/^whk: unknown provider "acmepay-unknown"/);
    expect(run(["verify", file, "--secret", aSecret, "--tolerance", "soon"]).code).toBe(2);
    expect(run(["verify", file, "--secret", aSecret, "--at", "yesterday"]).code).toBe(2);
  });
});
