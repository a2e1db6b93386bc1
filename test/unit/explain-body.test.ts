import { describe, expect, it } from "vitest";
import { buildRequest, signRequest } from "../../src/sign/sign-request.js";
import { verifyRequest } from "../../src/verify/verify-request.js";
import { sortedKeysJson } from "../../src/primitives/json-rewrites.js";
import type { WebhookRequest } from "../../src/primitives/webhook-request.js";
import type { ProviderName } from "../../src/providers/index.js";

// Each test makes one real mistake: sign some bytes, deliver other bytes, and expects verify to name it.
const aSecret = "whk-explain-secret-5d1e";
const anInstant = new Date("2025-05-15T05:34:31.000Z");
const aPayload = { id: "contract_12345678", amount: 10.5, currency: "IDR", payer: { name: "Café Ünïcode" }, status: "completed" };
const compact = JSON.stringify(aPayload);

/** Signs `signedBody` the provider's way, then delivers `deliveredBody` with the same headers. */
function deliveredAfterSigning(provider: ProviderName, signedBody: string | Buffer, deliveredBody: string | Buffer): WebhookRequest {
  const unsigned = buildRequest({ provider, url: "http://127.0.0.1:3000/webhooks/in", body: signedBody, options: { accessToken: "tok-1" } });
  const signed = signRequest(unsigned, { provider, secret: aSecret, now: anInstant });
  return { ...signed, body: typeof deliveredBody === "string" ? Buffer.from(deliveredBody, "utf8") : deliveredBody };
}

const explain = (request: WebhookRequest) => verifyRequest(request, { secret: aSecret, now: anInstant });

describe.each<ProviderName>(["paycombat", "fazz"])("explain: the body changed after signing (%s)", (provider) => {
  it("body-reformatted: pretty-printed by JSON.stringify(x, null, 2) after signing", () => {
    const result = explain(deliveredAfterSigning(provider, compact, JSON.stringify(aPayload, null, 2)));
    expect(result.reason).toBe("bad-signature");
    expect(result.explain?.cause).toBe("body-reformatted");
    expect(result.explain?.summary).toContain("before your framework pretty-printed it");
    expect(result.explain?.summary).toContain("2-space indentation added");
    expect(result.explain?.evidence).toEqual([expect.stringMatching(/^received body: \d+ bytes, 2-space indentation$/), expect.stringMatching(/^signed body: \d+ bytes, compact$/)]);
  });

  it.each([
    ["2-space indentation", JSON.stringify(aPayload, null, 2)],
    ["4-space indentation", JSON.stringify(aPayload, null, 4)],
    ["spaces after : and ,", compact.replace(/([,:])(?=["{\d])/g, "$1 ")],
  ])("body-reformatted: signed with %s, delivered compact", (layout, signedBody) => {
    const result = explain(deliveredAfterSigning(provider, signedBody, compact));
    expect(result.explain?.cause).toBe("body-reformatted");
    expect(result.explain?.summary).toContain(`signed with ${layout}, received compacted`);
  });

  it("body-key-order: the signer signed the keys sorted and sent them in its own order", () => {
    const result = explain(deliveredAfterSigning(provider, sortedKeysJson(aPayload), compact));
    expect(result.explain?.cause).toBe("body-key-order");
  });

  it("body-trailing-newline: a newline appended after signing, or lost on the way", () => {
    expect(explain(deliveredAfterSigning(provider, compact, `${compact}\n`)).explain?.summary).toMatch(/without its trailing newline/);
    expect(explain(deliveredAfterSigning(provider, `${compact}\n`, compact)).explain?.summary).toMatch(/with a trailing newline/);
    expect(explain(deliveredAfterSigning(provider, compact, `${compact}\r\n`)).explain?.cause).toBe("body-trailing-newline");
  });

  it("body-line-endings: LF converted to CRLF after signing, and back", () => {
    const lf = JSON.stringify(aPayload, null, 2);
    const crlf = lf.replace(/\n/g, "\r\n");
    expect(explain(deliveredAfterSigning(provider, lf, crlf)).explain).toMatchObject({ cause: "body-line-endings", summary: expect.stringContaining("LF line endings") });
    expect(explain(deliveredAfterSigning(provider, crlf, lf)).explain).toMatchObject({ cause: "body-line-endings", summary: expect.stringContaining("CRLF line endings") });
  });

  it("body-bom: a byte-order mark added after signing, or signed and not sent", () => {
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(compact)]);
    expect(explain(deliveredAfterSigning(provider, compact, withBom)).explain).toMatchObject({ cause: "body-bom", summary: expect.stringContaining("without its UTF-8 byte-order mark") });
    expect(explain(deliveredAfterSigning(provider, withBom, compact)).explain).toMatchObject({ cause: "body-bom", summary: expect.stringContaining("with a UTF-8 byte-order mark") });
  });

  it("body-unicode-escapes: \\uXXXX vs raw UTF-8, both ways, and Go's HTML escaping", () => {
    const escaped = compact.replace(/[^\u0000-\u007f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
    expect(explain(deliveredAfterSigning(provider, compact, escaped)).explain?.summary).toContain("written as raw UTF-8");
    expect(explain(deliveredAfterSigning(provider, escaped, compact)).explain?.summary).toContain("non-ASCII characters escaped as \\uXXXX");
    const html = '{"note":"<b>a & b</b>"}';
    const goEscaped = '{"note":"\\u003cb\\u003ea \\u0026 b\\u003c/b\\u003e"}';
    expect(explain(deliveredAfterSigning(provider, goEscaped, html)).explain).toMatchObject({ cause: "body-unicode-escapes", summary: expect.stringContaining("Go's encoding/json") });
    expect(explain(deliveredAfterSigning(provider, html, goEscaped)).explain?.cause).toBe("body-unicode-escapes");
  });

  it("body-numbers-reformatted: 10.50 -> 10.5 and 100.0 -> 100 after signing, and the reverse", () => {
    const signed = '{"amount":10.50,"fee":100.0,"count":3}';
    const parsedAndBack = JSON.stringify(JSON.parse(signed));
    const trailingZeros = explain(deliveredAfterSigning(provider, '{"amount":10.50}', '{"amount":10.5}'));
    expect(trailingZeros.explain).toMatchObject({ cause: "body-numbers-reformatted", evidence: expect.arrayContaining(["first difference: 10.5 received, 10.50 signed"]) });
    expect(explain(deliveredAfterSigning(provider, '{"fee":100.0}', '{"fee":100}')).explain?.cause).toBe("body-numbers-reformatted");
    expect(explain(deliveredAfterSigning(provider, parsedAndBack, signed)).explain).toMatchObject({ cause: "body-numbers-reformatted", summary: expect.stringContaining("10.50 -> 10.5") });
  });
});

describe("explain: Topremit hashes the minified body", () => {
  it("does not blame layout (minify removes it) but does catch key order, escapes and numbers", () => {
    expect(explain(deliveredAfterSigning("topremit", compact, JSON.stringify(aPayload, null, 2))).reason).toBe("valid-signature");
    expect(explain(deliveredAfterSigning("topremit", sortedKeysJson(aPayload), compact)).explain?.cause).toBe("body-key-order");
    expect(explain(deliveredAfterSigning("topremit", '{"amount":10.50}', '{"amount":10.5}')).explain?.cause).toBe("body-numbers-reformatted");
    const escaped = compact.replace("é", "\\u00e9");
    expect(explain(deliveredAfterSigning("topremit", compact, escaped)).explain?.cause).toBe("body-unicode-escapes");
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(compact)]);
    expect(explain(deliveredAfterSigning("topremit", compact, withBom)).explain?.cause).toBe("body-bom");
  });
});

describe("explain: nothing explains it", () => {
  it.each<ProviderName>(["paycombat", "fazz", "topremit"])("%s: a tampered value is no-match, with the string-to-sign", (provider) => {
    const result = explain(deliveredAfterSigning(provider, compact, compact.replace("10.5", "99.5")));
    expect(result.explain?.cause).toBe("no-match");
    expect(result.explain?.tried).toBeGreaterThan(5);
    expect(result.preimage).toBeDefined();
  });
});
