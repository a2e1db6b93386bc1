import { spawn, spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { curlCommand } from "../../src/primitives/curl-command.js";
import type { WebhookRequest } from "../../src/primitives/webhook-request.js";
import { startServer } from "../helpers/http-server.js";

const scratch = mkdtempSync(join(tmpdir(), "whk-curl-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A curl stand-in that records its arguments (one file each, bytes as received) and its standard input. */
const fakeBin = join(scratch, "bin");
mkdirSync(fakeBin);
writeFileSync(join(fakeBin, "curl"), '#!/bin/sh\ni=0\nfor a in "$@"; do i=$((i+1)); printf \'%s\' "$a" > "$OUT/arg$(printf %02d $i)"; done\ncat > "$OUT/stdin"\n');
chmodSync(join(fakeBin, "curl"), 0o755);

// Everything a shell could take for its own: quotes, $, backticks, backslashes, printf's %, a newline at
// the end, CR, NUL, bytes that are not UTF-8, and an @ that curl would read as a file name.
const hostileBody = Buffer.concat([
  Buffer.from(`@/etc/passwd {"q":"it's \\"quoted\\"","cmd":"$(id) \`id\` $HOME %s %b \\n \\0101 \\c","tab":"\t"}\r\n`, "utf8"),
  Buffer.from([0x00, 0xff, 0xfe, 0xc3, 0x28, 0x30, 0x31]),
  Buffer.from("\ncafé 日本\n\n", "utf8"),
]);
const hostile: WebhookRequest = {
  method: "POST",
  url: "http://127.0.0.1:9/hook?a=1&b='2'",
  headers: {
    "Content-Type": "application/json",
    "X-Quote": `it's "$HOME" \`id\` \\ %s`,
    "X-Latin1": "caf\u00e9\tdone",
    "X-Signature": "abc+/=",
  },
  body: hostileBody,
};

function runIn(shell: string, script: string): { args: Buffer[]; stdin: Buffer } {
  const out = mkdtempSync(join(scratch, `${shell}-`));
  const file = join(out, "command.sh");
  writeFileSync(file, script);
  const result = spawnSync(shell, [file], { env: { ...process.env, PATH: `${fakeBin}:${process.env["PATH"] ?? ""}`, OUT: out } });
  expect(result.stderr.toString()).toBe("");
  expect(result.status).toBe(0);
  const args = readdirSync(out).filter((name) => name.startsWith("arg")).sort().map((name) => readFileSync(join(out, name)));
  return { args, stdin: readFileSync(join(out, "stdin")) };
}

describe("--format curl: a command any POSIX shell runs byte-exact", () => {
  it.each(["bash", "dash"])("under %s, curl gets the exact body on stdin and the exact header bytes", (shell) => {
    const { args, stdin } = runIn(shell, curlCommand(hostile));
    expect(stdin.equals(hostileBody)).toBe(true);
    const text = args.map((arg) => arg.toString("latin1"));
    expect(text.slice(0, 4)).toEqual(["-sS", "-X", "POST", "http://127.0.0.1:9/hook?a=1&b='2'"]);
    const headers = text.filter((_, i) => text[i - 1] === "-H");
    expect(headers).toEqual(Object.entries(hostile.headers).map(([name, value]) => `${name}: ${value}`));
    expect(text.slice(-2)).toEqual(["--data-binary", "@-"]);
  });

  it("never passes the body as an argument, so a body starting with @ is never a file name", () => {
    const command = curlCommand({ ...hostile, body: Buffer.from("@/etc/passwd") });
    expect(command).toContain("--data-binary @-\n");
    expect(command).not.toMatch(/--data-binary '@/);
    expect(runIn("dash", command).stdin.toString()).toBe("@/etc/passwd");
  });

  it("an empty body is sent empty", () => {
    expect(runIn("dash", curlCommand({ ...hostile, body: Buffer.alloc(0) })).stdin.length).toBe(0);
  });

  it("a header character that is not one byte is an input error, not a wrong byte", () => {
    expect(() => curlCommand({ ...hostile, headers: { "X-Price": "10 €" } })).toThrow(/X-Price holds U\+20AC, which is not one byte/);
  });

  const curlInstalled = spawnSync("curl", ["--version"]).status === 0;
  it.skipIf(!curlInstalled)("real curl delivers the same bytes a receiver records", async () => {
    const server = await startServer();
    try {
      const command = curlCommand({ ...hostile, url: `${server.url}hook?a=1&b='2'` });
      // Not spawnSync: the server answers from this process's event loop.
      const status = await new Promise<number | null>((resolve) => spawn("bash", ["-c", command], { stdio: "ignore" }).on("close", resolve));
      expect(status).toBe(0);
      const received = server.requests[0];
      expect(received?.url).toBe("/hook?a=1&b='2'");
      expect(received?.body.equals(hostileBody)).toBe(true);
      expect(received?.headers["x-quote"]).toBe(hostile.headers["X-Quote"]);
      expect(received?.headers["x-latin1"]).toBe(hostile.headers["X-Latin1"]);
    } finally {
      await server.close();
    }
  });
});
