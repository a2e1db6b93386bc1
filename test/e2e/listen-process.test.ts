import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { whk } from "../helpers/listener-process.js";

/**
 * npm runs a bin through /bin/sh (npx whk listen: npm -> sh -> whk). These tests build that chain with a
 * shell that stays whk's parent (`& wait`), then kill the shell the way `kill %1` on `npx whk listen &`
 * ends up doing, and watch what whk does.
 */
interface Chain {
  shell: ChildProcessWithoutNullStreams;
  pid: number;
  url: string;
  stdout(): string;
  closed: Promise<void>;
}

const scratch = mkdtempSync(join(tmpdir(), "whk-listen-process-"));
const strays: number[] = [];
afterAll(() => {
  for (const pid of strays) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
  rmSync(scratch, { recursive: true, force: true });
});

function startChain(env: Record<string, string | undefined>, out: string): Promise<Chain> {
  const script = `"${process.execPath}" "${whk}" listen --port 0 --json --out "${out}" & echo "pid $!"; wait`;
  const shell = spawn("/bin/sh", ["-c", script], { env: { ...env, PATH: process.env["PATH"], NO_COLOR: "1" } });
  let text = "";
  shell.stdout.setEncoding("utf8");
  const closed = new Promise<void>((resolve) => shell.on("close", () => resolve()));
  return new Promise((resolve, reject) => {
    shell.stdout.on("data", (chunk: string) => {
      text += chunk;
      const pid = /^pid (\d+)$/m.exec(text)?.[1];
      const url = /"type":"ready","url":"([^"]+)"/.exec(text)?.[1];
      if (pid !== undefined && url !== undefined) {
        strays.push(Number(pid));
        resolve({ shell, pid: Number(pid), url, stdout: () => text, closed });
      }
    });
    shell.on("close", () => reject(new Error(`the chain ended before whk was ready:\n${text}`)));
  });
}

/** Resolves once the process no longer exists (the test's own timeout catches one that never goes). */
async function gone(pid: number): Promise<void> {
  for (;;) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const answers = async (url: string): Promise<number> => (await fetch(url, { method: "POST", body: "{}" })).status;

describe("whk listen's process", () => {
  it("started by npm (npx whk listen), stops with its summary when npm's shell is killed", async () => {
    const chain = await startChain({ npm_lifecycle_event: "npx", npm_command: "exec" }, join(scratch, "npx"));
    expect(await answers(chain.url)).toBe(200);
    chain.shell.kill("SIGKILL");
    // whk holds the shell's stdout pipe: it closes when whk has exited
    await chain.closed;
    const summary = chain.stdout().split("\n").filter((line) => line.startsWith("{")).map((line) => JSON.parse(line) as Record<string, unknown>).at(-1);
    expect(summary).toMatchObject({ type: "summary", received: 1, captured: 1 });
    await gone(chain.pid);
  });

  it("started outside npm (nohup whk listen &), keeps listening when its parent goes away", async () => {
    const chain = await startChain({ npm_lifecycle_event: undefined, npm_command: undefined }, join(scratch, "plain"));
    chain.shell.kill("SIGKILL");
    // several of the watcher's check intervals later, still answering
    await new Promise((resolve) => setTimeout(resolve, 1600));
    expect(await answers(chain.url)).toBe(200);
    process.kill(chain.pid, "SIGTERM");
    await chain.closed;
    expect(chain.stdout()).toContain('"type":"summary"');
  });
});
