import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseRequestFile } from "../../src/primitives/request-file.js";
import { verifyRequest } from "../../src/verify/verify-request.js";
import { startServer, type TestServer } from "../helpers/http-server.js";
import { killListeners, spawnListener } from "../helpers/listener-process.js";
import { outputOf, runWhk, runWhkSync, stackFrames } from "../helpers/run-whk.js";

/** A project folder of the test's own, with a whk.config.json (and, for some tests, more). */
const root = mkdtempSync(join(tmpdir(), "whk-config-"));
const project = (name: string, config: unknown, extra: Record<string, string> = {}): string => {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "whk.config.json"), typeof config === "string" ? config : JSON.stringify(config, null, 2));
  for (const [file, text] of Object.entries(extra)) {
    mkdirSync(join(dir, file, ".."), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  return dir;
};
const fazzSecretOf = (stdout: string, secret: string): boolean => verifyRequest(parseRequestFile(stdout, "show"), { secret }).ok;

afterAll(() => {
  killListeners();
  rmSync(root, { recursive: true, force: true });
});

describe("the first run needs no flags", () => {
  it("`whk send topremit-va --to <listen>` signs with the default test secret, says so once, and listen acknowledges it", async () => {
    const listener = await spawnListener(["--port", "0", "--json", "--count", "2", "--out", join(root, "first-run")]);
    const sent = await runWhk(["send", "topremit-va", "fazz-va-dynamic", "--to", listener.url], { cwd: root });
    expect(sent.code, outputOf(sent)).toBe(0);
    expect(sent.stderr).toBe("whk: signed with the default test secret whk-test-secret; pass --secret, set WHK_SECRET or configure it\n");
    expect(await listener.exited).toBe(0);
    // The captures verify with the default secret: it was really used, not skipped.
    const verified = runWhkSync(["verify", join(root, "first-run"), "--secret", "whk-test-secret"]);
    expect(verified.stdout).toContain("2 requests: 2 valid, 0 invalid, 0 unsigned");
  });

  it("verify and probe still require a real secret", () => {
    const dir = project("no-secret", {});
    const verify = runWhkSync(["verify", "-", "--provider", "fazz"], { cwd: dir, input: '{"method":"POST","url":"http://h/","headers":{},"body":"{}"}' });
    expect(verify).toMatchObject({ code: 2, stderr: expect.stringContaining("no secret was given") });
    const probe = runWhkSync(["probe", "fazz", "--to", ":1"], { cwd: dir });
    expect(probe).toMatchObject({ code: 2, stderr: expect.stringContaining("or configure it in whk.config.json") });
  });
});

describe("a project config", () => {
  let server: TestServer;
  let dir: string;
  beforeAll(async () => {
    server = await startServer();
    dir = project("shop", {
      $schema: "./node_modules/whk/config.schema.json",
      fixtures: ["./webhooks"],
      providers: {
        fazz: { secret: { env: "FAZZ_SECRET" }, to: `${server.url}webhooks/fazz`, headers: { "X-Env": "test" } },
        topremit: { secret: { file: "topremit.secret" }, options: { channelId: "77001" } },
      },
    }, {
      "topremit.secret": "from-a-file\n",
      "webhooks/fazz-custom.json": JSON.stringify({ id: "fazz-custom-paid", provider: "fazz", event: "custom-paid", body: { data: { id: "x1", status: "completed" } } }),
    });
  });
  afterAll(() => server.close());

  it("is found from a folder below it, and its secret, target, headers and options are used", async () => {
    mkdirSync(join(dir, "src", "deep"), { recursive: true });
    const sent = await runWhk(["send", "fazz-custom-paid"], { cwd: join(dir, "src", "deep"), env: { FAZZ_SECRET: "fz-secret" } });
    expect(sent.code, outputOf(sent)).toBe(0);
    const received = server.requests.at(-1);
    expect(received?.url).toBe("/webhooks/fazz");
    expect(received?.headers["x-env"]).toBe("test");
    expect(received?.body.toString()).toBe('{"data":{"id":"x1","status":"completed"}}');
    const shown = runWhkSync(["show", "topremit-va", "--json"], { cwd: dir });
    expect(JSON.parse(shown.stdout).headers["CHANNEL-ID"]).toBe("77001");
    expect(fazzSecretOf(shown.stdout, "from-a-file")).toBe(true);
  });

  it("takes secrets in order: --secret, then WHK_SECRET_<PROVIDER>, then WHK_SECRET, then the config, then the default test secret", () => {
    const show = (env: Record<string, string>, extra: string[] = []) => runWhkSync(["show", "fazz-va-dynamic", "--json", ...extra], { cwd: dir, env }).stdout;
    expect(fazzSecretOf(show({ FAZZ_SECRET: "configured" }), "configured")).toBe(true);
    expect(fazzSecretOf(show({ FAZZ_SECRET: "configured", WHK_SECRET: "from-env" }), "from-env")).toBe(true);
    expect(fazzSecretOf(show({ FAZZ_SECRET: "configured", WHK_SECRET: "from-env", WHK_SECRET_FAZZ: "fazz-own" }), "fazz-own")).toBe(true);
    expect(fazzSecretOf(show({ FAZZ_SECRET: "configured", WHK_SECRET: "from-env", WHK_SECRET_FAZZ: "fazz-own" }, ["--secret", "from-flag"]), "from-flag")).toBe(true);
    expect(fazzSecretOf(runWhkSync(["show", "fazz-va-dynamic", "--json"], { cwd: root }).stdout, "whk-test-secret")).toBe(true);
  });

  it("a configured env var that is not set is an input error naming where it is configured", () => {
    expect(runWhkSync(["show", "fazz-va-dynamic"], { cwd: dir })).toMatchObject({
      code: 2,
      stderr: "whk: whk.config.json: providers.fazz.secret: the environment variable FAZZ_SECRET is not set\n  hint: set FAZZ_SECRET, or pass --secret\n",
    });
  });

  it("--config and WHK_CONFIG name it from anywhere", () => {
    const file = join(dir, "whk.config.json");
    for (const run of [runWhkSync(["list", "--config", file]), runWhkSync(["list"], { env: { WHK_CONFIG: file } })]) {
      expect(run.code).toBe(0);
      expect(run.stdout).toContain("fazz-custom-paid");
    }
    expect(runWhkSync(["list", "--config", join(dir, "nope.json")])).toMatchObject({ code: 2, stderr: expect.stringContaining("--config") });
  });

  it("`whk config` shows every secret by its source, never its value", () => {
    const shown = runWhkSync(["config"], { cwd: dir, env: { FAZZ_SECRET: "fz-secret" } });
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain("secret: env FAZZ_SECRET (set)");
    expect(shown.stdout).toContain("secret: file topremit.secret (exists)");
    expect(shown.stdout).toMatch(/webhooks\s+1 fixture/);
    expect(shown.stdout).not.toContain("fz-secret");
    expect(shown.stdout).not.toContain("from-a-file");
    const json = JSON.parse(runWhkSync(["config", "--json"], { cwd: dir }).stdout);
    expect(json.providers.fazz).toMatchObject({ kind: "bundled", secret: "env FAZZ_SECRET (not set)", to: `${server.url}webhooks/fazz` });
  });

  it("`whk config` names every source an unconfigured secret can come from, the provider's own variable included", () => {
    const shown = runWhkSync(["config"], { cwd: project("no-secret", { providers: { "doku-snap": { to: "http://127.0.0.1:9/snap" } } }) });
    expect(shown.stdout).toContain("secret: none configured (--secret, WHK_SECRET_DOKU_SNAP, WHK_SECRET, else the test secret whk-test-secret when signing)");
  });
});

describe("mistakes in a config are one clear line and exit 2", () => {
  it.each([
    ["a wrong encoding", { providers: { acme: { signature: { algorithm: "hmac-sha256", header: "X-Sig", encoding: "hexa" } } } }, "whk.config.json: providers.acme.signature.encoding: expected hex, HEX, base64 or base64url"],
    ["a provider with no signature", { providers: { acme: { secret: "s" } } }, 'whk.config.json: providers.acme: is not a bundled provider, so it needs a "signature" block to define it'],
    ["a misspelt key", { provders: {} }, "whk.config.json: provders: unexpected key (expected $schema, fixtures or providers)"],
    ["broken JSON", "{\n  // a comment is fine\n  \"providers\": {,}\n}", "whk.config.json is not valid JSON at line 3, column 17"],
    ["a fixture folder that is not there", { fixtures: ["./nowhere"] }, "fixture folder"],
  ])("%s", (name, config, message) => {
    const run = runWhkSync(["list"], { cwd: project(`bad-${name.replace(/\W+/g, "-")}`, config) });
    expect(run.code, outputOf(run)).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stderr.split("\n").filter((l) => l !== "")).toHaveLength(2);
    expect(stackFrames(run.stderr)).toEqual([]);
  });

  it("a project fixture with a bundled fixture's id names both files", () => {
    const dir = project("clash", { fixtures: ["hooks"] }, { "hooks/mine.json": JSON.stringify({ id: "fazz-va-dynamic", provider: "fazz", event: "va-dynamic", body: "{}" }) });
    const run = runWhkSync(["list"], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/fixture id "fazz-va-dynamic" in hooks\/mine\.json is a bundled fixture's \(\S+fixtures\/fazz\/va-dynamic\.json\)/);
  });
});

describe("whk init", () => {
  it("writes a commented config that works as it is, and never overwrites one", () => {
    const dir = join(root, "fresh");
    mkdirSync(dir);
    expect(runWhkSync(["init"], { cwd: dir })).toMatchObject({ code: 0, stdout: expect.stringContaining("wrote whk.config.json") });
    const written = readFileSync(join(dir, "whk.config.json"), "utf8");
    expect(written).toContain('"$schema": "./node_modules/whk/config.schema.json"');
    expect(written).toMatch(/^\s*\/\/ /m);
    expect(runWhkSync(["config"], { cwd: dir })).toMatchObject({ code: 0, stdout: expect.stringContaining(`config file: ${join(dir, "whk.config.json")}`) });
    writeFileSync(join(dir, "whk.config.json"), "{}");
    expect(runWhkSync(["init"], { cwd: dir })).toMatchObject({ code: 2, stderr: expect.stringContaining("whk.config.json already exists here: whk init never overwrites a config") });
    expect(readFileSync(join(dir, "whk.config.json"), "utf8")).toBe("{}");
  });

  it("a whk.config.mjs with defineConfig from whk is read like the JSON one", () => {
    const dir = join(root, "module");
    mkdirSync(dir);
    const lib = new URL("../../dist/index.js", import.meta.url).href;
    writeFileSync(join(dir, "whk.config.mjs"), `import { defineConfig } from ${JSON.stringify(lib)};\nexport default defineConfig({ providers: { fazz: { secret: "from-module" } } });\n`);
    expect(fazzSecretOf(runWhkSync(["show", "fazz-va-dynamic", "--json"], { cwd: dir }).stdout, "from-module")).toBe(true);
  });
});
