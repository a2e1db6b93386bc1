import { createHash, createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { defineProvider } from "../../src/providers/index.js";
import type { Provider } from "../../src/providers/provider.js";
import { templateScheme } from "../../src/schemes/template/template-scheme.js";
import { http200 } from "../../src/providers/acknowledgements.js";
import type { WebhookRequest } from "../../src/primitives/webhook-request.js";
import { verifyRequest } from "../../src/verify/verify-request.js";

// Form bodies, one real mistake per test: the signer signs one spelling, the receiver gets another, and
// verify names the difference. Field-signing (Duitku's MD5 of fields) and byte-signing schemes alike.
const aKey = "form-explain-key-77";
const form = { "Content-Type": "application/x-www-form-urlencoded" };
const md5 = (text: string): string => createHash("md5").update(text).digest("hex");

/** A Duitku callback whose merchantOrderId travels as `wireOrderId` and was signed as `signedOrderId`. */
function aDuitkuCallback(wireOrderId: string, signedOrderId: string): WebhookRequest {
  const signature = md5(`D0001` + `10000` + signedOrderId + aKey);
  const body = `merchantCode=D0001&amount=10000&merchantOrderId=${wireOrderId}&resultCode=00&reference=D0001ABC&signature=${signature}`;
  return { method: "POST", url: "http://127.0.0.1:3000/cb", headers: form, body: Buffer.from(body), provider: "duitku" };
}

const explainOf = (request: WebhookRequest) => verifyRequest(request, { secret: aKey }).explain;

describe("explain: a signed form field encoded differently", () => {
  it("the signer signed the value as it travels, still percent-encoded", () => {
    const explanation = explainOf(aDuitkuCallback("INV+001%2FA", "INV+001%2FA"));
    expect(explanation).toMatchObject({ cause: "field-encoding", evidence: ["merchantOrderId in the body: INV+001%2FA", "merchantOrderId decoded: INV 001/A", "merchantOrderId signed: INV+001%2FA"] });
    expect(explanation?.summary).toContain("as it travels in the body");
  });

  it("the signer encoded spaces as + where the form carries %20", () => {
    const explanation = explainOf(aDuitkuCallback("INV%20001", "INV+001"));
    expect(explanation?.cause).toBe("field-encoding");
    expect(explanation?.summary).toContain("spaces as +");
  });

  it("the signer encoded spaces as %20 where the form carries +", () => {
    const explanation = explainOf(aDuitkuCallback("INV+001+B", "INV%20001%20B"));
    expect(explanation?.cause).toBe("field-encoding");
    expect(explanation?.summary).toContain("spaces as %20");
  });

  it("the signer decoded + as a plus, not a space", () => {
    const explanation = explainOf(aDuitkuCallback("A+B%2FC", "A+B/C"));
    expect(explanation?.cause).toBe("field-encoding");
    expect(explanation?.summary).toContain("+ kept as a plus");
  });

  it("a correctly signed decoded value needs no explaining", () => {
    expect(verifyRequest(aDuitkuCallback("INV+001%2FA", "INV 001/A"), { secret: aKey }).ok).toBe(true);
  });
});

describe("explain: a form body whose bytes changed (an HMAC over the raw form)", () => {
  const formhook = {
    name: "formhook",
    displayName: "Formhook",
    region: "test",
    scheme: templateScheme({ algorithm: "hmac-sha256", header: "X-Formhook-Signature" }),
    prepareHeaders: () => form,
    detect: () => undefined,
    ack: http200(""),
    retry: { documented: false, summary: "none", delaysMs: [], afterLastFailure: "none" },
    docs: [{ title: "test", url: "https://example.com" }],
  } satisfies Provider;
  defineProvider(formhook);

  const delivered = (signedBody: string, wireBody: string): WebhookRequest => ({
    method: "POST",
    url: "http://127.0.0.1:3000/cb",
    headers: { ...form, "X-Formhook-Signature": createHmac("sha256", aKey).update(signedBody).digest("hex") },
    body: Buffer.from(wireBody),
    provider: "formhook",
  });

  it.each([
    ["spaces re-encoded from %20 to +", "name=Budi%20Santoso&city=Jakarta", "name=Budi+Santoso&city=Jakarta", "body-form-encoding", "spaces written %20 where it arrived with +"],
    ["spaces re-encoded from + to %20", "name=Budi+Santoso&city=Jakarta", "name=Budi%20Santoso&city=Jakarta", "body-form-encoding", "spaces written + where it arrived with %20"],
    ["empty fields dropped before signing", "amount=10000&status=paid", "amount=10000&note=&status=paid&memo=", "body-empty-fields", "without its empty fields (note, memo)"],
  ])("%s", (_name, signedBody, wireBody, cause, summary) => {
    const result = verifyRequest(delivered(signedBody, wireBody), { secret: aKey });
    expect(result.explain?.cause).toBe(cause);
    expect(result.explain?.summary).toContain(summary);
  });

  it("percent-escapes in another case are named", () => {
    const result = verifyRequest(delivered("email=a%2fb&x=1", "email=a%2Fb&x=1"), { secret: aKey });
    expect(result.explain).toMatchObject({ cause: "body-form-encoding", summary: expect.stringContaining("lower case") });
  });
});
