import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { minifyJson } from "../../src/primitives/minify-json.js";
import { parseJsonPath, readJsonText, writeJsonText } from "../../src/primitives/json-text.js";
import { parseRequestFile, toRequestFile } from "../../src/primitives/request-file.js";
import { isWhkInputError } from "../../src/primitives/errors.js";
import { templateScheme } from "../../src/schemes/template/template-scheme.js";
import { snapSymmetric } from "../../src/schemes/snap-symmetric.js";
import { chaipaySignature } from "../../src/providers/chaipay/signature.js";
import { chaipaySignedFields } from "../../src/providers/chaipay/field-string.js";
import type { WebhookRequest } from "../../src/primitives/webhook-request.js";
import { sortedFieldsScheme } from "../../src/schemes/sorted-fields/sorted-fields-scheme.js";

const runs = { numRuns: 200 };
const aSecret = fc.string({ minLength: 1, maxLength: 40 });
const aMoment = new Date("2025-05-15T05:34:31.000Z");
const context = { at: aMoment, toleranceMs: 300_000 };
const request = (body: Uint8Array, headers: Record<string, string> = {}): WebhookRequest => ({
  method: "POST", url: "http://127.0.0.1:3000/cb?x=1", headers, body: Buffer.from(body),
});
/** Replaces byte `index` (mod length) with a different value. */
const changeByte = (bytes: Uint8Array, index: number, delta: number): Buffer => {
  const copy = Buffer.from(bytes);
  const at = index % copy.length;
  copy[at] = ((copy[at] as number) + 1 + (delta % 255)) % 256;
  return copy;
};

describe("hex HMAC-SHA256 of the body (Paycombat, Fazz)", () => {
  const scheme = templateScheme({ algorithm: "hmac-sha256", header: "X-Signature" });
  it("sign then verify always passes, any bytes, any secret", () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), aSecret, (body, secret) => {
      const signed = scheme.sign(request(body), { secret, now: aMoment });
      expect(scheme.verify(signed, secret, context).ok).toBe(true);
    }), runs);
  });
  it("any single-byte change of the body fails", () => {
    fc.assert(fc.property(fc.uint8Array({ minLength: 1, maxLength: 300 }), aSecret, fc.nat(), fc.nat(), (body, secret, index, delta) => {
      const signed = scheme.sign(request(body), { secret, now: aMoment });
      expect(scheme.verify({ ...signed, body: changeByte(body, index, delta) }, secret, context)).toMatchObject({ ok: false, reason: "bad-signature" });
    }), runs);
  });
});

describe("SNAP symmetric (Topremit)", () => {
  const signedSnap = (body: Uint8Array, secret: string) =>
    snapSymmetric.sign(request(body, { Authorization: "Bearer tok" }), { secret, now: aMoment });
  it("sign then verify always passes", () => {
    fc.assert(fc.property(fc.json().map((j) => Buffer.from(j)), aSecret, (body, secret) => {
      expect(snapSymmetric.verify(signedSnap(body, secret), secret, context).ok).toBe(true);
    }), runs);
  });
  it("any single-byte change of a minified body, the path, the token or the timestamp fails", () => {
    fc.assert(fc.property(fc.json({ maxDepth: 3 }), aSecret, fc.nat(), fc.nat(), (json, secret, index, delta) => {
      const body = minifyJson(Buffer.from(json));
      const signed = signedSnap(body, secret);
      const tampered: WebhookRequest[] = [
        { ...signed, body: changeByte(body, index, delta) },
        { ...signed, url: "http://127.0.0.1:3000/cb?x=2" },
        { ...signed, headers: { ...signed.headers, Authorization: "Bearer tol" } },
        { ...signed, headers: { ...signed.headers, "X-TIMESTAMP": changeByte(Buffer.from(signed.headers["X-TIMESTAMP"] ?? ""), index, delta).toString("latin1") } },
      ];
      for (const t of tampered) expect(snapSymmetric.verify(t, secret, context).ok).toBe(false);
    }), runs);
  });
});

describe("ChaiPay signature_hash", () => {
  const aPayment = fc.record({
    amount: fc.oneof(fc.double({ min: 0, max: 1e12, noNaN: true }), fc.string()),
    channel_key: fc.string(), channel_order_ref: fc.string(), country_code: fc.string(), currency: fc.string(),
    merchant_order_ref: fc.string(), method_name: fc.string(), order_ref: fc.string(), status: fc.string(),
  });
  it("sign then verify always passes", () => {
    fc.assert(fc.property(aPayment, aSecret, (fields, secret) => {
      const signed = chaipaySignature.sign(request(Buffer.from(JSON.stringify(fields))), { secret, now: aMoment });
      expect(chaipaySignature.verify(signed, secret, context).ok).toBe(true);
    }), runs);
  });
  it("any change to a signed field fails", () => {
    fc.assert(fc.property(aPayment, aSecret, fc.constantFrom(...chaipaySignedFields.payment.filter((f) => f !== "amount")), (fields, secret, field) => {
      const signed = chaipaySignature.sign(request(Buffer.from(JSON.stringify(fields))), { secret, now: aMoment });
      const body = JSON.parse(signed.body.toString()) as Record<string, string>;
      body[field] = `${body[field]}x`;
      expect(chaipaySignature.verify({ ...signed, body: Buffer.from(JSON.stringify(body)) }, secret, context).ok).toBe(false);
    }), runs);
  });
});

describe("JSON text tools", () => {
  const whitespace = fc.constantFrom(" ", "\n", "\t", "\r\n", "  ");
  it("minify undoes any whitespace added between tokens", () => {
    fc.assert(fc.property(fc.json(), fc.array(whitespace, { minLength: 1, maxLength: 50 }), (json, spaces) => {
      let i = 0;
      const spaced = json.replace(/([,:[\]{}])(?=(?:[^"\\]|\\.|"(?:[^"\\]|\\.)*")*$)/g, (token) => `${token}${spaces[i++ % spaces.length]}`);
      expect(minifyJson(Buffer.from(spaced)).toString()).toBe(json);
    }), runs);
  });
  it("writing a top-level key then reading it gives the value back, the rest unchanged", () => {
    fc.assert(fc.property(fc.dictionary(fc.string({ minLength: 1 }), fc.jsonValue()), fc.string({ minLength: 1 }), fc.jsonValue(), (object, key, value) => {
      const text = JSON.stringify(object, null, 2);
      const edited = writeJsonText(text, [key], JSON.stringify(value));
      expect(readJsonText(edited, [key])).toBe(JSON.stringify(value));
      expect(JSON.parse(edited)).toEqual({ ...JSON.parse(text), [key]: JSON.parse(JSON.stringify(value)) });
    }), runs);
  });
  it("dotted paths never crash on any text", () => {
    fc.assert(fc.property(fc.string(), fc.string(), (text, path) => {
      try {
        readJsonText(text, parseJsonPath(path));
      } catch (error) {
        expect(isWhkInputError(error)).toBe(true);
      }
    }), runs);
  });
});

describe("sorted-fields form callbacks (HitPay v1, Billplz)", () => {
  const schemes = [
    sortedFieldsScheme({ signatureField: "hmac", order: "key", separator: "" }),
    sortedFieldsScheme({ signatureField: "x_signature", order: "item-ignoring-case", separator: "|" }),
  ];
  const aForm = fc.uniqueArray(fc.tuple(fc.stringMatching(/^[a-z_]{1,8}$/), fc.string({ maxLength: 12 })), { minLength: 1, maxLength: 8, selector: ([name]) => name })
    .map((pairs) => pairs.filter(([name]) => name !== "hmac" && name !== "x_signature"))
    .filter((pairs) => pairs.length > 0);
  const formRequest = (pairs: [string, string][]): WebhookRequest =>
    request(Buffer.from(new URLSearchParams(pairs).toString()), { "Content-Type": "application/x-www-form-urlencoded" });

  it("sign then verify always passes, whatever the fields, empty values included", () => {
    fc.assert(fc.property(aForm, aSecret, fc.nat(1), (pairs, secret, which) => {
      const scheme = schemes[which]!;
      expect(scheme.verify(scheme.sign(formRequest(pairs), { secret, now: aMoment }), secret, context).ok).toBe(true);
    }), runs);
  });

  it("any changed value fails; re-encoding the form (%20 for +) does not", () => {
    fc.assert(fc.property(aForm, aSecret, fc.nat(1), fc.nat(), (pairs, secret, which, pick) => {
      const scheme = schemes[which]!;
      const signed = scheme.sign(formRequest(pairs), { secret, now: aMoment });
      const at = pick % pairs.length;
      const changed = pairs.map(([name, value], i): [string, string] => [name, i === at ? `${value}x` : value]);
      const signature = new URLSearchParams(signed.body.toString()).get(which === 0 ? "hmac" : "x_signature") ?? "";
      const tampered = formRequest([...changed, [which === 0 ? "hmac" : "x_signature", signature]]);
      expect(scheme.verify(tampered, secret, context)).toMatchObject({ ok: false, reason: "bad-signature" });
      const reEncoded = { ...signed, body: Buffer.from(signed.body.toString().replace(/\+/g, "%20")) };
      expect(scheme.verify(reEncoded, secret, context).ok).toBe(true);
    }), runs);
  });
});

describe("request file parser", () => {
  it("round-trips any bytes", () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), fc.dictionary(fc.string({ minLength: 1 }), fc.string()), (body, headers) => {
      const back = parseRequestFile(JSON.stringify(toRequestFile({ method: "POST", url: "http://x/", headers, body: Buffer.from(body) })), "p");
      expect(back.body.equals(Buffer.from(body))).toBe(true);
      expect(back.headers).toEqual(headers);
    }), runs);
  });
  it("throws nothing but whk's own input error", () => {
    fc.assert(fc.property(fc.oneof(fc.string(), fc.json(), fc.jsonValue().map((v) => JSON.stringify(v))), (text) => {
      try {
        parseRequestFile(text, "p");
      } catch (error) {
        expect(isWhkInputError(error)).toBe(true);
      }
    }), runs);
  });
});
