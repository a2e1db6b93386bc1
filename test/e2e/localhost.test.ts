import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { localhostLookup } from "../../src/primitives/localhost-lookup.js";
import { killListeners, post, spawnListener } from "../helpers/listener-process.js";
import { outputOf, runWhk } from "../helpers/run-whk.js";

// `localhost` is the loopback, both of it: a receiver listening on ::1 alone is reached as one on
// 127.0.0.1 is, whatever /etc/hosts says (many name localhost 127.0.0.1 only).

const scratch = mkdtempSync(join(tmpdir(), "whk-localhost-"));
const secret = ["--secret", "localhost-secret"];
let receiver: Server;
let port = 0;
let received = 0;

beforeAll(async () => {
  receiver = createServer((request, response) => {
    received++;
    request.resume();
    request.on("end", () => response.writeHead(200, { "content-type": "application/json" }).end('{"status":"OK"}'));
  });
  await new Promise<void>((resolve) => receiver.listen(0, "::1", resolve));
  port = (receiver.address() as AddressInfo).port;
});
afterAll(async () => {
  killListeners();
  await new Promise((resolve) => receiver.close(resolve));
  rmSync(scratch, { recursive: true, force: true });
});

describe("a receiver on ::1 only, as localhost", { timeout: 60_000 }, () => {
  const commands: [name: string, args: () => string[]][] = [
    ["send", () => ["send", "fazz-va-dynamic", ...secret, "--to", `localhost:${port}`]],
    ["send --count", () => ["send", "fazz-va-dynamic", ...secret, "--to", `localhost:${port}`, "--count", "3"]],
    ["probe (its wait for the target, then the checks)", () => ["probe", "paycombat", ...secret, "--to", `localhost:${port}`, "--wait", "5s"]],
    ["scenario run", () => ["scenario", "run", "paycombat-va-payin", ...secret, "--to", `http://localhost:${port}/`]],
  ];

  it.each(commands)("%s reaches it", async (_name, args) => {
    const before = received;
    const run = await runWhk(args(), { timeoutMs: 60_000 });
    expect(run.stdout + run.stderr, outputOf(run)).not.toMatch(/refused|does not accept connections/);
    expect(received).toBeGreaterThan(before);
  });

  it("listen --forward-to relays to it", async () => {
    const listener = await spawnListener(["--port", "0", "--json", "--out", join(scratch, "out"), "--forward-to", `localhost:${port}`, "--count", "1"]);
    const answer = await post({ method: "POST", url: `${listener.url}hook`, headers: { "content-type": "application/json" }, body: Buffer.from("{}") });
    expect(answer.status).toBe(200);
    expect(answer.body.toString()).toBe('{"status":"OK"}');
    expect(await listener.exited).toBe(0);
  });
});

describe("localhostLookup", () => {
  const lookup = (host: string, options: { all?: boolean; family?: number }) =>
    new Promise<unknown>((resolve, reject) => localhostLookup(host, options as { all: true }, (error, address, family) => (error ? reject(error) : resolve(options.all ? address : [address, family]))));

  it("gives both loopback addresses for localhost and names under it, in any case", async () => {
    for (const host of ["localhost", "LOCALHOST", "localhost.", "app.localhost"]) {
      expect(await lookup(host, { all: true })).toEqual([{ address: "127.0.0.1", family: 4 }, { address: "::1", family: 6 }]);
    }
    expect(await lookup("localhost", { family: 6 })).toEqual(["::1", 6]);
    expect(await lookup("localhost", {})).toEqual(["127.0.0.1", 4]);
  });

  it("leaves other names to the resolver", async () => {
    expect(await lookup("127.0.0.1", { all: true })).toEqual([{ address: "127.0.0.1", family: 4 }]);
  });
});
