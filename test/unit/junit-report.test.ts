import { describe, expect, it } from "vitest";
import { junitReport, type ProbeRow } from "../../src/probe/junit-report.js";
import type { ProbeCase } from "../../src/probe/probe-case.js";
import { xmlProblems } from "../helpers/xml-well-formed.js";

/** A failed check whose answer (what `got` and `why` quote) is whatever a handler sent. */
function failedWith(answer: string): ProbeRow {
  const probe = { id: "fazz-va/valid", kind: "valid", provider: "fazz", fixture: "fazz-va", title: "a genuine delivery", requests: [], expect: "accept", ifItFails: "" } as unknown as ProbeCase;
  return { probe, verdict: { result: "fail", got: `500 ${answer}`, why: `answered ${answer}`, consequence: "retries" }, durationMs: 1 };
}

const answers: [name: string, answer: string, shown: string][] = [
  ["terminal controls", "\u001b[2J\u0007", "\\x1b[2J\\x07"],
  ["NUL", "a\u0000b", "a\\x00b"],
  ["the end of a CDATA section", "]]><x/>", "]]&gt;&lt;x/&gt;"],
  ["a lone high surrogate", "a\ud800b", "a\\ud800b"],
  ["a lone low surrogate", "a\udc00b", "a\\udc00b"],
  ["U+FFFE and U+FFFF", "\ufffe\uffff", "\\ufffe\\uffff"],
  ["markup and quotes", `<a href="x">&amp;'`, "&lt;a href=&quot;x&quot;&gt;&amp;amp;&apos;"],
];

describe("junitReport, whatever the handler answered", () => {
  it.each(answers)("%s: well-formed, and the answer written out", (_name, answer, shown) => {
    const xml = junitReport("http://127.0.0.1:1/", [failedWith(answer)]);
    expect(xmlProblems(xml)).toEqual([]);
    expect(xml).toContain(`message="answered ${shown}"`);
  });

  it("keeps an attribute's line breaks and tabs as character references, and a pair of surrogates as itself", () => {
    const xml = junitReport("http://127.0.0.1:1/", [failedWith("a\r\n\tb 😀")]);
    expect(xmlProblems(xml)).toEqual([]);
    expect(xml).toContain('message="answered a&#13;&#10;&#9;b 😀"');
    expect(xml).toContain("got: 500 a&#13;\n\tb 😀");
  });

  it("the check that well-formedness is tested with finds each kind of problem", () => {
    expect(xmlProblems("<a>\u0001</a>")).toHaveLength(1);
    expect(xmlProblems("<a>x & y</a>")).toHaveLength(1);
    expect(xmlProblems("<a>]]></a>")).toHaveLength(1);
    expect(xmlProblems('<a b="<"/>')).not.toEqual([]);
    expect(xmlProblems("<a><b></a>")).not.toEqual([]);
    expect(xmlProblems("<a>\ud800</a>")).toHaveLength(1);
  });
});
