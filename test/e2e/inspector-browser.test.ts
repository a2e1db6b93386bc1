import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getFixture } from "../../src/fixtures/fixture-catalog.js";
import { prepareFixtureRequest } from "../../src/fixtures/prepare-fixture-request.js";
import { parseHar } from "../../src/inputs/parse-har.js";
import { parseRequests } from "../../src/inputs/parse-requests.js";
import type { WebhookRequest } from "../../src/primitives/webhook-request.js";
import { signRequest } from "../../src/sign/sign-request.js";
import { relayoutJson } from "../../src/primitives/json-rewrites.js";
import { verifyRequest } from "../../src/verify/verify-request.js";
import { launchBrowser, type TestBrowser } from "../helpers/browser.js";
import { startServer, type TestServer } from "../helpers/http-server.js";
import { killListeners, post, spawnListener, type ListenerProcess } from "../helpers/listener-process.js";
import { checkDelivery } from "../helpers/provider-verifiers.js";
import { serveAttackerPage, until, wireStatuses } from "../helpers/cross-origin-page.js";
import { runWhk } from "../helpers/run-whk.js";

const aSecret = "inspector-browser-secret-9e1a";
const scratch = mkdtempSync(join(tmpdir(), "whk-inspector-"));
let listener: ListenerProcess;
let receiver: TestServer;
let browser: TestBrowser;
let page: Page;
let ui: string;
/** What the page said went wrong: a script error, a request refused, a content-policy violation. */
const pageErrors: string[] = [];

function signed(fixture: string, path: string): WebhookRequest {
  return signRequest(prepareFixtureRequest({ fixture, url: `${listener.url}${path}` }), { provider: getFixture(fixture).provider, secret: aSecret });
}

/** Signed, then pretty-printed on the way: what a framework that re-serialises JSON does to a webhook. */
function reformatted(fixture: string, path: string): WebhookRequest {
  const request = signed(fixture, path);
  return { ...request, body: Buffer.from(relayoutJson(request.body.toString("utf8"), "  ")) };
}

const rows = () => page.locator("#rows tr");
const row = (text: string) => rows().filter({ hasText: text });
const panel = () => page.locator("#panel");

beforeAll(async () => {
  receiver = await startServer();
  listener = await spawnListener(["--port", "0", "--json", "--out", join(scratch, "captures"), "--secret", aSecret, "--ui", "--ui-port", "0"]);
  ui = (listener.events()[0] as { ui: string }).ui;
  browser = await launchBrowser();
  await browser.context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: ui.replace(/\/$/, "") });
  page = await browser.context.newPage();
  page.on("console", (message) => void (message.type() === "error" && pageErrors.push(message.text())));
  page.on("pageerror", (error) => void pageErrors.push(error.message));
  await page.goto(ui);
  await page.locator("#live.up").waitFor();
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await listener?.stop();
  killListeners();
  await receiver?.close();
  rmSync(scratch, { recursive: true, force: true });
});

describe("the inspector in Chromium", { timeout: 60_000 }, () => {
  it("lists captures live as they arrive, with filters and a search", async () => {
    await post(signed("fazz-va-dynamic", "hooks/fazz"));
    await post(reformatted("paycombat-payin-success", "hooks/paycombat"));

    await row("paycombat").waitFor();
    await row("fazz").waitFor();
    expect(await rows().first().innerText()).toMatch(/POST \/hooks\/paycombat\s+paycombat\s+invalid bad-signature\s+[\d.]+ KiB\s+401/);
    expect(await row("fazz").innerText()).toMatch(/POST \/hooks\/fazz\s+fazz\s+valid\s+.*200/);

    await page.getByLabel("Verdict").selectOption("invalid");
    await rows().filter({ hasText: "fazz" }).waitFor({ state: "detached" });
    expect(await rows().count()).toBe(1);
    await page.getByLabel("Verdict").selectOption("");
    await page.getByLabel("Search").fill("xfers-signature");
    expect(await rows().count()).toBe(1);
    expect(await rows().first().innerText()).toContain("fazz");
    await page.getByLabel("Search").fill("");
    expect(await rows().count()).toBe(2);
  });

  it("explains an invalid capture exactly as whk verify does, and shows the string-to-sign on demand", async () => {
    await row("paycombat").getByRole("button", { name: /hooks\/paycombat/ }).click();
    const why = panel().locator(".why");
    await why.waitFor();

    const file = listener.events().find((e) => e["type"] === "request" && String(e["url"]).endsWith("/hooks/paycombat"))?.["file"] as string;
    const cli = await runWhk(["verify", file, "--secret", aSecret, "--json"]);
    const explain = (JSON.parse(cli.stdout) as { explain: { cause: string; summary: string } }).explain;
    expect(explain.cause).toBe("body-reformatted");
    expect(await why.innerText()).toBe(`why (body-reformatted): ${explain.summary}`);

    await panel().getByRole("button", { name: "Show string-to-sign" }).click();
    await panel().locator(".preimage pre").waitFor();
    expect(await panel().locator(".preimage").innerText()).toMatch(/what Paycombat signs for this request/);
  });

  it("compares two captures: headers by name and the bodies line by line", async () => {
    await row("fazz").getByRole("checkbox").check();
    await row("paycombat").getByRole("checkbox").check();
    await page.getByRole("button", { name: "Compare", exact: true }).click();

    await panel().getByRole("heading", { name: "Compare" }).waitFor();
    const headers = panel().locator(".diff-table").nth(1);
    // A is the capture ticked first.
    expect(await headers.locator("tr", { hasText: "Xfers-Signature" }).innerText()).toMatch(/only in A$/);
    expect(await headers.locator("tr", { hasText: "X-Signature" }).innerText()).toMatch(/only in B$/);
    expect(await panel().locator(".diff .line.removed").count()).toBeGreaterThan(0);
    expect(await panel().locator(".diff .line.added").count()).toBeGreaterThan(0);
  });

  it("edits a capture, re-signs it with the listener's secret and replays it: the receiver gets a valid signature", async () => {
    await row("fazz").getByRole("button", { name: /hooks\/fazz/ }).click();
    await panel().getByRole("button", { name: "Edit and replay" }).click();
    const form = panel().getByRole("form", { name: "Edit and replay" });
    await form.getByLabel("Send to").fill(`${receiver.url}replayed`);
    const body = form.getByLabel("Body");
    const edited = (await body.inputValue()).replace('"amount":"0.01"', '"amount":"250.00"');
    await body.fill(edited);
    await form.getByRole("button", { name: "Replay" }).click();

    await form.getByText("✓ Acknowledged").waitFor();
    expect(receiver.requests).toHaveLength(1);
    const delivered = receiver.requests[0]!;
    expect([delivered.url, delivered.body.toString()]).toEqual(["/replayed", edited]);
    expect(checkDelivery("fazz-va-dynamic", delivered, aSecret)).toEqual({ ok: true, signed: true });
    expect(await form.innerText()).toMatch(/re-signed with Fazz \(Xfers\)'s scheme and the secret given to whk/);
  });

  it("replays an edit with the signature kept (a forgery) to the listener itself: refused, and captured", async () => {
    await panel().getByRole("button", { name: "Edit and replay" }).click();
    const form = panel().getByRole("form", { name: "Edit and replay" });
    expect(await form.getByLabel("Send to").inputValue()).toBe(`${listener.url}hooks/fazz`);
    const body = form.getByLabel("Body");
    await body.fill((await body.inputValue()).replace('"amount":"0.01"', '"amount":"999.00"'));
    await form.getByLabel("Keep the signature as it is (test a forgery)").check();
    await form.getByRole("button", { name: "Replay" }).click();

    await form.getByText("✗ Not acknowledged").waitFor();
    expect(await form.locator(".answer").innerText()).toMatch(/^Answer: HTTP 401/);
    await rows().nth(2).waitFor();
    expect(await rows().first().innerText()).toMatch(/POST \/hooks\/fazz\s+fazz\s+invalid bad-signature/);
  });

  it("copies a capture as curl: on the clipboard, with its signature and never the secret", async () => {
    await row("paycombat").getByRole("button", { name: /hooks\/paycombat/ }).click();
    await panel().getByRole("button", { name: "Copy as curl" }).click();
    await panel().getByText("Copied the curl command to the clipboard.").waitFor();

    const copied = String(await page.evaluate("navigator.clipboard.readText()"));
    expect(copied).toMatch(/^printf '%b' '.*' \|\n  curl -sS -X POST 'http:\/\/127\.0\.0\.1:\d+\/hooks\/paycombat'/s);
    expect(copied).toMatch(/-H 'X-Signature: [0-9a-f]{64}'/);
    expect(copied).not.toMatch(/-H '(host|connection|content-length):/i);
    expect(copied).not.toContain(aSecret);
    expect(await panel().getByLabel("curl command").inputValue()).toBe(copied);
  });

  it("downloads a capture as HAR, and the selection as request files, that verify reads back", async () => {
    const [download] = await Promise.all([page.waitForEvent("download"), panel().getByRole("button", { name: "Download HAR" }).click()]);
    const har = JSON.parse(readFileSync(await download.path(), "utf8")) as unknown;
    const [entry] = parseHar(har, download.suggestedFilename());
    expect(download.suggestedFilename()).toMatch(/-paycombat\.har$/);
    expect(verifyRequest(entry!.request, { secret: aSecret })).toMatchObject({ ok: false, explain: { cause: "body-reformatted" } });

    // The two ticked for Compare: fazz (valid) and paycombat (re-formatted).
    const [selection] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download selection as request files" }).click()]);
    const requests = parseRequests(readFileSync(await selection.path()), selection.suggestedFilename()).map((r) => r.request);
    expect(selection.suggestedFilename()).toBe("whk-captures-2.ndjson");
    expect(requests.map((request) => verifyRequest(request, { secret: aSecret }).reason)).toEqual(["valid-signature", "bad-signature"]);
  });

  it("works by keyboard: / searches, Tab and ↑ ↓ reach the rows, Enter opens, Esc comes back", async () => {
    await page.keyboard.press("/");
    expect(await page.evaluate("document.activeElement.id")).toBe("search");
    await page.keyboard.type("hooks/fazz");
    await rows().filter({ hasText: "paycombat" }).waitFor({ state: "detached" });
    for (let i = 0; i < 10 && !(await page.evaluate("document.activeElement.classList.contains('open')")); i++) await page.keyboard.press("Tab");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Enter");

    await panel().getByRole("heading", { name: "POST /hooks/fazz" }).waitFor();
    expect(await panel().locator(".meta").innerText()).toMatch(/valid/);
    await page.keyboard.press("Escape");
    expect(await page.evaluate("document.activeElement.closest('tr').classList.contains('current')")).toBe(true);
    await page.keyboard.press("Shift+Tab");
    const ticked = await page.evaluate("document.activeElement.checked");
    await page.keyboard.press("Space");
    expect(await page.evaluate("document.activeElement.checked")).toBe(!ticked);
    await page.getByLabel("Search").fill("");
    // And through all of the above the page met no script error, refused call or content-policy violation.
    expect(pageErrors).toEqual([]);
  });

  it("refuses another origin's page: its replay and its reads get 403, the page learns nothing, nothing is sent", async () => {
    const before = receiver.requests.length;
    const attacker = await serveAttackerPage(ui, `${receiver.url}from-attacker`);
    const evil = await browser.context.newPage();
    // The browser hides a refused cross-origin answer from the page, so the statuses are read off the wire (DevTools protocol).
    const statuses = await wireStatuses(evil, new URL(ui).host);
    await evil.goto(attacker.url);
    // Polled on a timer: a page in the background gets no animation frames.
    const outcomes = await evil.waitForFunction("window.done", undefined, { polling: 100 }).then((handle) => handle.jsonValue());
    const answered = await until(() => (statuses.size >= 3 && [...statuses.values()].every((s) => s !== undefined) ? [...statuses.values()] : undefined));
    await evil.close();
    await attacker.close();

    // A simple (no-cors) POST, a POST with a guessed token (its preflight), a read: each answered 403, none readable.
    expect(answered).toEqual([403, 403, 403]);
    expect(outcomes).toEqual(["rejected", "rejected", "rejected"]);
    expect(receiver.requests.length).toBe(before);
  });
});

// `npm run screenshot` (WHK_UPDATE_SCREENSHOT=1) takes README's picture: a listener of its own with a few
// deliveries, one of them re-formatted after signing, and that one open.
describe.runIf(process.env["WHK_UPDATE_SCREENSHOT"] === "1")("docs/inspector.png", { timeout: 60_000 }, () => {
  it("shows a failed capture explained beside valid ones", async () => {
    const shown = await spawnListener(["--port", "0", "--json", "--out", join(scratch, "screenshot"), "--secret", aSecret, "--ui", "--ui-port", "0"]);
    const at = (fixture: string, path: string) => signRequest(prepareFixtureRequest({ fixture, url: `${shown.url}${path}` }), { provider: getFixture(fixture).provider, secret: aSecret });
    for (const request of [at("topremit-va", "webhooks/topremit"), at("fazz-va-dynamic", "webhooks/fazz"), at("singleview-payment-status", "webhooks/singleview"), at("chaipay-payin", "webhooks/chaipay")]) await post(request);
    const failed = at("paycombat-payin-success", "webhooks/paycombat");
    await post({ ...failed, body: Buffer.from(relayoutJson(failed.body.toString("utf8"), "  ")) });
    const view = await browser.context.newPage();
    await view.goto((shown.events()[0] as { ui: string }).ui);
    await view.locator("#rows tr").nth(4).waitFor();
    await view.locator("#rows tr").filter({ hasText: "paycombat" }).getByRole("button").click();
    await view.locator("#panel .why").waitFor();
    await view.screenshot({ path: fileURLToPath(new URL("../../docs/inspector.png", import.meta.url)) });
    await view.close();
    expect(await shown.stop()).toBe(0);
  });
});
