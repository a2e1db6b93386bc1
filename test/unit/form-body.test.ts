import { describe, expect, it } from "vitest";
import type { Fixture } from "../../src/fixtures/fixture.js";
import { prepareFixtureRequest } from "../../src/fixtures/prepare-fixture-request.js";
import { renderFixtureBody } from "../../src/fixtures/render-fixture.js";
import { readBodyField, removeBodyField, writeBodyField } from "../../src/primitives/body-field.js";
import { formDecode, formEncode, formFields, writeFormField } from "../../src/primitives/form-body.js";
import { seededRandom } from "../../src/primitives/random.js";
import type { WebhookRequest } from "../../src/primitives/webhook-request.js";
import { parseBody } from "../../src/verify/check-event-schema.js";

const form = { "Content-Type": "application/x-www-form-urlencoded" };
const aFormBody = "merchantCode=D0001&amount=150000&merchantOrderId=ORD+1%2F2&productDetail=&resultCode=00";
const aFormRequest = (body = aFormBody): WebhookRequest => ({ method: "POST", url: "http://h/cb", headers: form, body: Buffer.from(body) });

describe("form bodies, read and edited in place", () => {
  it("decodes fields in order, `+` as a space, empty values kept", () => {
    expect(formFields(aFormBody).map((f) => [f.name, f.value])).toEqual([
      ["merchantCode", "D0001"], ["amount", "150000"], ["merchantOrderId", "ORD 1/2"], ["productDetail", ""], ["resultCode", "00"],
    ]);
    expect(formDecode("a%2Bb+c%ZZ")).toBe("a+b c%ZZ");
  });

  it("writes one field and keeps every other byte, the sender's own encoding included", () => {
    expect(writeFormField(aFormBody, "resultCode", "01")).toBe(aFormBody.replace("resultCode=00", "resultCode=01"));
    expect(writeFormField(aFormBody, "signature", "a+b/c=")).toBe(`${aFormBody}&signature=a%2Bb%2Fc%3D`);
    expect(formEncode("a b~*!")).toBe("a+b%7E*%21");
  });

  it("reads, writes and removes a request's field the same way JSON fields are", () => {
    expect(readBodyField(aFormRequest(), "merchantOrderId")).toBe("ORD 1/2");
    expect(writeBodyField(aFormRequest(), "amount", "1").toString()).toBe(aFormBody.replace("amount=150000", "amount=1"));
    expect(removeBodyField(aFormRequest(), "productDetail").toString()).toBe(aFormBody.replace("&productDetail=", ""));
  });

  it("parses to an object of strings for schema checks and detection", () => {
    expect(parseBody(aFormRequest())).toEqual({ isJson: true, json: { merchantCode: "D0001", amount: "150000", merchantOrderId: "ORD 1/2", productDetail: "", resultCode: "00" } });
  });
});

describe("a form fixture", () => {
  const aFormFixture: Fixture = {
    id: "acme-paid", provider: "fazz", event: "paid", title: "Paid", description: "A form callback.", schema: "x",
    provenance: { method: "inferred", source: "a test", notes: "a form fixture" },
    dynamic: [{ path: "merchantOrderId", generate: "alnum", length: 8, prefix: "ORD-" }, { path: "amount", generate: "digits", length: 5 }],
    headers: form,
    body: aFormBody,
  };

  it("gets fresh ids written as form values, the rest of the body byte for byte", () => {
    const body = renderFixtureBody(aFormFixture, { random: seededRandom(1), now: new Date(0) });
    const fields = Object.fromEntries(formFields(body).map((f) => [f.name, f.value]));
    expect(fields["merchantOrderId"]).toMatch(/^ORD-[A-Za-z0-9]{8}$/);
    expect(fields["amount"]).toMatch(/^\d{5}$/);
    expect(body.startsWith("merchantCode=D0001&amount=")).toBe(true);
    expect(body.endsWith("&productDetail=&resultCode=00")).toBe(true);
  });

  it("carries its headers, and --set edits a form field", () => {
    const request = prepareFixtureRequest({ fixture: aFormFixture, url: "http://h/cb", seed: 3, set: [{ path: "resultCode", json: '"01"' }] });
    expect(request.headers["Content-Type"]).toBe("application/x-www-form-urlencoded");
    expect(request.body.toString()).toMatch(/&resultCode=01$/);
  });
});
