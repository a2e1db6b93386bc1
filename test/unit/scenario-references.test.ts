import { describe, expect, it } from "vitest";
import { parseTemplate, resolveJson, resolveText, type Reference } from "../../src/scenario/references.js";

/** What an earlier step's body holds, as JSON text by path: a stand-in for a rendered step. */
const aPaidStep: Record<string, string> = {
  order_id: '"bca-va-123456"',
  gross_amount: '"100000.00"',
  amount: "100.50",
  refund_chargeback_id: "202502070943231234",
  amount_object: '{"value":1130,"currency":"EUR"}',
};
const lookup = (reference: Reference): string => {
  const json = reference.part === "body" ? aPaidStep[reference.path] : JSON.stringify(`header ${reference.path}`);
  if (json === undefined) throw new Error(`no ${reference.path}`);
  return json;
};

describe("references between scenario steps", () => {
  it("splits text into literals and references", () => {
    expect(parseTemplate("order ${steps.paid.body.order_id}, token ${steps.paid.headers.X-EXTERNAL-ID}!")).toEqual([
      { literal: "order " },
      { reference: { text: "${steps.paid.body.order_id}", step: "paid", part: "body", path: "order_id" } },
      { literal: ", token " },
      { reference: { text: "${steps.paid.headers.X-EXTERNAL-ID}", step: "paid", part: "headers", path: "X-EXTERNAL-ID" } },
      { literal: "!" },
    ]);
  });

  it("reads $${ as a literal ${ and plain text as one literal", () => {
    expect(parseTemplate("cost $${steps.paid.body.amount}")).toEqual([{ literal: "cost ${steps.paid.body.amount}" }]);
    expect(parseTemplate("")).toEqual([{ literal: "" }]);
  });

  it.each([
    ["${steps.paid.body.order_id", "opens a reference and never closes it"],
    ["${paid.body.order_id}", '"${paid.body.order_id}" is not a reference'],
    ["${steps.paid.order_id}", '"${steps.paid.order_id}" is not a reference'],
    ["${steps.paid.query.a}", '"${steps.paid.query.a}" is not a reference'],
  ])("refuses %s", (text, message) => {
    expect(() => parseTemplate(text)).toThrow(message);
  });

  it("keeps a whole reference's JSON type and exact spelling (a string, 100.50, an id past 2^53, an object)", () => {
    expect(resolveJson("${steps.paid.body.order_id}", lookup)).toBe('"bca-va-123456"');
    expect(resolveJson("${steps.paid.body.amount}", lookup)).toBe("100.50");
    expect(resolveJson("${steps.paid.body.refund_chargeback_id}", lookup)).toBe("202502070943231234");
    expect(resolveJson("${steps.paid.body.amount_object}", lookup)).toBe('{"value":1130,"currency":"EUR"}');
  });

  it("splices references into longer text as text, and resolves inside objects and arrays", () => {
    expect(resolveJson("refund of ${steps.paid.body.order_id} (${steps.paid.body.amount})", lookup)).toBe('"refund of bca-va-123456 (100.50)"');
    expect(resolveJson({ ref: "${steps.paid.body.order_id}", n: 2, list: ["${steps.paid.body.amount}", true, null] }, lookup)).toBe('{"ref":"bca-va-123456","n":2,"list":[100.50,true,null]}');
    expect(resolveText("v1 ${steps.paid.headers.X-Id}", lookup)).toBe("v1 header X-Id");
  });

  it("refuses to splice an object into text", () => {
    expect(() => resolveJson("amount: ${steps.paid.body.amount_object}", lookup)).toThrow("names an object or array, which cannot be spliced into text");
  });
});
