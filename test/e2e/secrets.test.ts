import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { killListeners, post, spawnListener, type ListenerProcess } from "../helpers/listener-process.js";
import { runWhk, type WhkRun } from "../helpers/run-whk.js";
import { prepareFixtureRequest } from "../../src/fixtures/prepare-fixture-request.js";
import { signRequest } from "../../src/sign/sign-request.js";
import { toRequestFile } from "../../src/primitives/request-file.js";

// A secret no output may ever contain: run every command with it, then look everywhere whk writes.
const canary = "Canary-S3cret-7f1e-do-not-print";
const dir = mkdtempSync(join(tmpdir(), "whk-secrets-"));
const at = (name: string) => join(dir, name);
const outputs: { what: string; text: string }[] = [];
const record = (what: string, run: WhkRun) => outputs.push({ what: `${what} (exit ${run.code})`, text: run.stdout + run.stderr });

/** Every file under `path`, read as text. */
function filesUnder(path: string): { what: string; text: string }[] {
  if (!statSync(path).isDirectory()) return [{ what: path, text: readFileSync(path, "latin1") }];
  return readdirSync(path).flatMap((name) => filesUnder(join(path, name)));
}

let listener: ListenerProcess;

beforeAll(async () => {
  listener = await spawnListener(["--port", "0", "--json", "--out", at("captures"), "--secret", canary]);
});
afterAll(() => {
  killListeners();
  rmSync(dir, { recursive: true, force: true });
});

describe("the secret never leaks", () => {
  it("from show and sign, in every format", async () => {
    writeFileSync(at("body.json"), '{"data":{"id":"x"}}');
    for (const format of ["http", "json", "curl"]) {
      record(`show --format ${format}`, await runWhk(["show", "topremit-va", "--secret", canary, "--format", format]));
      record(`sign --format ${format}`, await runWhk(["sign", at("body.json"), "--provider", "chaipay", "--secret", canary, "--format", format]));
    }
    record("show via WHK_SECRET", await runWhk(["show", "fazz-va-dynamic", "--json"], { env: { WHK_SECRET: canary } }));
  });

  it("from send, its --json lines and its saved requests", async () => {
    record("send", await runWhk(["send", "fazz-va-dynamic", "topremit-qris", "--to", listener.url, "--secret", canary, "--save", `${at("saved")}/`]));
    record("send --json", await runWhk(["send", "--provider", "chaipay", "--to", listener.url, "--secret", canary, "--json"]));
    record("send with a wrong secret", await runWhk(["send", "paycombat-payin-success", "--to", listener.url, "--secret", `${canary}-old`]));
    record("send --count", await runWhk(["send", "fazz-disbursement", "--to", listener.url, "--secret", canary, "--count", "20", "--json"]));
    outputs.push(...filesUnder(at("saved")));
  });

  it("from verify, even when explaining a near-miss secret or printing the string-to-sign", async () => {
    const request = signRequest(prepareFixtureRequest({ fixture: "topremit-va", url: "http://127.0.0.1:3000/cb" }), { provider: "topremit", secret: canary });
    writeFileSync(at("request.json"), JSON.stringify(toRequestFile(request)));
    for (const secret of [canary, ` ${canary}\n`, `"${canary}"`, "another-secret"]) {
      record(`verify --secret ${JSON.stringify(secret)}`, await runWhk(["verify", at("request.json"), "--secret", secret, "--show-preimage"]));
      record(`verify --json --secret ${JSON.stringify(secret)}`, await runWhk(["verify", at("request.json"), "--secret", "x", "--secret", secret, "--json"]));
    }
  });

  it("from probe, its JSON and its JUnit report", async () => {
    record("probe", await runWhk(["probe", "topremit", "--to", listener.url, "--secret", canary]));
    record("probe --json", await runWhk(["probe", "chaipay", "--to", listener.url, "--secret", canary, "--json", "--junit", at("probe.xml")]));
    outputs.push(...filesUnder(at("probe.xml")));
  });

  it("from listen: its answers, its output and its captures", async () => {
    const forged = signRequest(prepareFixtureRequest({ fixture: "fazz-va-unlimited", url: listener.url }), { provider: "fazz", secret: "forger" });
    const answer = await post(forged);
    expect(answer.status).toBe(401);
    outputs.push({ what: "listen's 401 body", text: answer.body.toString() });
    expect(await listener.stop("SIGINT")).toBe(0);
    outputs.push({ what: "listen stdout", text: listener.stdout() }, { what: "listen stderr", text: listener.stderr() });
    outputs.push(...filesUnder(at("captures")));
  });

  it("anywhere: nothing above contains it", () => {
    expect(outputs.length).toBeGreaterThan(40);
    const leaks = outputs.filter(({ text }) => text.includes(canary)).map(({ what }) => what);
    expect(leaks).toEqual([]);
  });
});
