import type { ProbeCase } from "./probe-case.js";
import type { ProbeVerdict } from "./judge-probe.js";
import { writtenOut } from "../primitives/written-out.js";
import { LONE_SURROGATE } from "../primitives/body-bytes.js";

/**
 * What XML 1.0 cannot hold even as a character reference: C0 controls but tab and line breaks, lone
 * surrogates, U+FFFE and U+FFFF. A handler's answer can hold any of them, so each is written out as
 * text (`\x1b`, `\ud800`): the report stays well-formed and still shows what was answered.
 */
const NOT_XML = new RegExp(`[\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\ufffe\\uffff]|${LONE_SURROGATE.source}`, "g");

/** Markup characters as entities (`]]>` included, as `]]&gt;`), and CR kept as CR (a parser turns a raw one into LF). */
const ENTITIES: Record<string, string> = { "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;", "\r": "&#13;" };
/** In an attribute, line feeds and tabs too: a parser turns raw ones into spaces. */
const ATTRIBUTE_ENTITIES: Record<string, string> = { ...ENTITIES, "\n": "&#10;", "\t": "&#9;" };

const escapeXml = (text: string): string => text.replace(NOT_XML, writtenOut).replace(/[<>&"'\r]/g, (c) => ENTITIES[c] as string);
const escapeAttribute = (text: string): string => text.replace(NOT_XML, writtenOut).replace(/[<>&"'\r\n\t]/g, (c) => ATTRIBUTE_ENTITIES[c] as string);

export interface ProbeRow {
  probe: ProbeCase;
  verdict: ProbeVerdict;
  durationMs: number;
}

/** A JUnit XML report, one testcase per check, as CI systems display them. */
export function junitReport(target: string, rows: readonly ProbeRow[]): string {
  const failures = rows.filter((r) => !r.verdict.pass).length;
  const seconds = (ms: number) => (ms / 1000).toFixed(3);
  const total = rows.reduce((sum, r) => sum + r.durationMs, 0);
  const cases = rows.map(({ probe, verdict, durationMs }) => {
    const open = `    <testcase classname="whk.probe.${escapeAttribute(probe.fixture)}" name="${escapeAttribute(`${probe.kind}: ${probe.title}`)}" time="${seconds(durationMs)}"`;
    if (verdict.pass) return `${open}/>`;
    const rule = probe.rule !== undefined ? `\ndocumented: "${probe.rule.says}" (${probe.rule.url})` : "";
    return `${open}>\n      <failure type="${escapeAttribute(probe.kind)}" message="${escapeAttribute(verdict.why)}">${escapeXml(`got: ${verdict.got}\n${verdict.why}: ${verdict.consequence}${rule}`)}</failure>\n    </testcase>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="whk probe" tests="${rows.length}" failures="${failures}" time="${seconds(total)}">`,
    `  <testsuite name="whk probe ${escapeAttribute(target)}" tests="${rows.length}" failures="${failures}" errors="0" skipped="0" time="${seconds(total)}">`,
    ...cases,
    "  </testsuite>",
    "</testsuites>",
    "",
  ].join("\n");
}
