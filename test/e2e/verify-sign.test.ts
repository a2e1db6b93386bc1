import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseRequestFile } from "../../src/primitives/request-file.js";
import type { ProviderName } from "../../src/providers/index.js";
import { aSecret, run, scratchDir, signedFixture, stackFrames } from "../helpers/verify-cli.js";

const { dir: scratch, write: bodyFile } = scratchDir("whk-sign-");

/** An arbitrary body per provider (the fixture bodies, so schema checks pass too). */
const bodies: Record<ProviderName, string> = {
  paycombat: signedFixture("paycombat-payout-success").body.toString(),
  fazz: signedFixture("fazz-va-dynamic").body.toString(),
  topremit: signedFixture("topremit-va").body.toString(),
  singleview: signedFixture("singleview-payment-status").body.toString(),
  chaipay: signedFixture("chaipay-payin").body.toString().replace(/"signature_hash":"[^"]*"/, '"signature_hash":""'),
  midtrans: signedFixture("midtrans-gopay-settlement").body.toString(),
  xendit: signedFixture("xendit-invoice-paid").body.toString(),
  doku: signedFixture("doku-va-bca").body.toString(),
  "doku-snap": signedFixture("doku-snap-va-payment").body.toString(),
  tripay: signedFixture("tripay-payment-paid").body.toString(),
  duitku: signedFixture("duitku-payment-success").body.toString(),
  paymongo: signedFixture("paymongo-payment-paid").body.toString(),
  // The v2 event webhook: `whk sign` sends the provider's JSON Content-Type (a v1 form needs --header).
  hitpay: signedFixture("hitpay-charge-created").body.toString(),
  billplz: signedFixture("billplz-bill-paid").body.toString(),
  ipay88: signedFixture("ipay88-payment-success").body.toString(),
  "2c2p": signedFixture("2c2p-payment-success").body.toString(),
  adyen: signedFixture("adyen-authorisation").body.toString(),
  stripe: signedFixture("stripe-payment-intent-succeeded").body.toString(),
  razorpay: signedFixture("razorpay-order-paid").body.toString(),
};

/** Providers that write the signature into the body: the signed body differs from the input there. */
const signsInTheBody = new Set<ProviderName>(["chaipay", "midtrans", "duitku", "billplz", "ipay88", "2c2p", "adyen"]);

describe("whk sign, then whk verify, for every provider", () => {
  it.each(Object.keys(bodies) as ProviderName[])("%s: sign --json, verify the saved request", (provider) => {
    const signed = run(["sign", bodyFile(`${provider}.json`, bodies[provider]), "--provider", provider, "--secret", aSecret, "--to", "http://127.0.0.1:3000/webhooks/in", "--json"]);
    expect(signed.code).toBe(0);
    const saved = bodyFile(`${provider}-request.json`, signed.stdout);
    const verified = run(["verify", saved, "--secret", aSecret]);
    expect(verified.code).toBe(0);
    expect(verified.stdout).toContain(provider === "singleview" ? "unsigned-provider" : "valid-signature");
    if (!signsInTheBody.has(provider)) expect(parseRequestFile(signed.stdout, "x").body.toString()).toBe(bodies[provider]);
  });
});

describe("whk sign output", () => {
  it("default: only the headers, one per line (Fazz's documented sample key and body)", () => {
    const { code, stdout } = run(["sign", bodyFile("fazz-doc.json", '{"id":"contract_12345678"}'), "--provider", "fazz", "--secret", "ss_5572cf13d099"]);
    expect(code).toBe(0);
    expect(stdout).toBe("Content-Type: application/json\nXfers-Signature: 6b79486fadb4b37c3020f47a868de02d953c96609041015c0e1dd415fc9f29b2\n");
  });

  it("signs the raw bytes: a trailing newline in the file is part of the body", () => {
    const withNewline = run(["sign", bodyFile("nl.json", '{"id":"contract_12345678"}\n'), "--provider", "fazz", "--secret", "ss_5572cf13d099"]);
    expect(withNewline.stdout).not.toContain("6b79486fadb4b37c");
  });

  it("Topremit: the flags shape the headers and the string-to-sign", () => {
    const args = ["sign", bodyFile("tr.json", bodies.topremit), "--provider", "topremit", "--secret", aSecret, "--to", "https://shop.example/webhooks/topremit"];
    const { code, stdout } = run([...args, "--access-token", "tok-77", "--partner-id", "partner-1", "--channel-id", "12345", "--timestamp", "2025-05-15T05:34:31Z"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Content-Type: application\/json\nAuthorization: Bearer tok-77\nCHANNEL-ID: 12345\nX-PARTNER-ID: partner-1\nX-EXTERNAL-ID: \d{20}\nX-TIMESTAMP: 2025-05-15T12:34:31\+07:00\nX-SIGNATURE: [A-Za-z0-9+/]{86}==\n$/);
    const json = run([...args, "--access-token", "tok-77", "--json"]);
    const verified = run(["verify", "-", "--secret", aSecret, "--show-preimage"], json.stdout);
    expect(verified.code).toBe(0);
    expect(verified.stdout).toContain('"POST:/webhooks/topremit:tok-77:');
  });

  it("ChaiPay: the signature goes in the body, so the signed body follows the headers", () => {
    const { code, stdout } = run(["sign", bodyFile("cp.json", bodies.chaipay), "--provider", "chaipay", "--secret", aSecret]);
    expect(code).toBe(0);
    const [headers, body] = stdout.split("\n\n");
    expect(headers).toBe("Content-Type: application/json");
    expect(body).toMatch(/"signature_hash":"[A-Za-z0-9+/]{43}="/);
  });

  it("--format curl and stdin (-)", () => {
    const { code, stdout } = run(["sign", "-", "--provider", "paycombat", "--secret", aSecret, "--format", "curl"], '{"id":1}');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^printf '%b' '\{"id":1\}' \|\n {2}curl -sS -X POST 'http:\/\/localhost:4400\/' \\\n {2}-H 'Content-Type: application\/json' \\\n {2}-H 'X-Signature: [0-9a-f]{64}' \\\n {2}--data-binary @-\n$/);
  });

  it("SingleView: nothing to sign, said on stderr; the headers still print", () => {
    const { code, stdout, stderr } = run(["sign", bodyFile("sv.json", bodies.singleview), "--provider", "singleview"]);
    expect(code).toBe(0);
    expect(stdout).toBe("Content-Type: application/json\n");
    expect(stderr).toContain("SingleView documents no webhook signature");
  });

  it.each([
    ["no --provider", ["sign", "-"], /required option '--provider <name>'/],
    ["an unknown provider", ["sign", "-", "--provider", "acmepay-unknown", "--secret", "s"], /unknown provider "acmepay-unknown"/],
    ["two secrets", ["sign", "-", "--provider", "fazz", "--secret", "a", "--secret", "b"], /signing uses one secret/],
    ["a missing body file", ["sign", join(scratch, "nope.json"), "--provider", "fazz", "--secret", "s"], /body file \S+nope\.json does not exist/],
    ["a Topremit flag for another provider", ["sign", "-", "--provider", "fazz", "--secret", "s", "--access-token", "t"], /--access-token applies to Topremit, DOKU \(SNAP\) only/],
    ["a ChaiPay body that is not a JSON object", ["sign", "-", "--provider", "chaipay", "--secret", "s"], /a ChaiPay body must be a JSON object/],
  ])("%s is a usage error (2), one line, no stack trace", (_name, args, message) => {
    const { code, stdout, stderr } = run(args as string[], "[1,2]");
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toMatch(message);
    expect(stackFrames(stderr)).toEqual([]);
  });
});
