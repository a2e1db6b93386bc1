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

/** The text of a failure: what came back, why it fails, what follows, and what whk found about why. */
function failureText({ probe, verdict }: ProbeRow): string {
  const lines = [`got: ${verdict.got}`, `${verdict.why}: ${verdict.consequence}`];
  if (probe.rule !== undefined) lines.push(`documented: "${probe.rule.says}" (${probe.rule.url})`);
  if (verdict.diagnosis !== undefined) lines.push(`diagnosis: ${verdict.diagnosis}`);
  if (verdict.likelyCauses !== undefined) lines.push("likely causes, most likely first:", ...verdict.likelyCauses.map((cause, i) => `${i + 1}. ${cause}`));
  return lines.join("\n");
}

/** A JUnit XML report, one testcase per check (a skipped check is `<skipped>`), as CI systems display them. */
export function junitReport(target: string, rows: readonly ProbeRow[]): string {
  const failures = rows.filter((r) => r.verdict.result === "fail").length;
  const skips = rows.filter((r) => r.verdict.result === "skip").length;
  const seconds = (ms: number) => (ms / 1000).toFixed(3);
  const total = rows.reduce((sum, r) => sum + r.durationMs, 0);
  const cases = rows.map((row) => {
    const { probe, verdict, durationMs } = row;
    const open = `    <testcase classname="whk.probe.${escapeAttribute(probe.fixture)}" name="${escapeAttribute(`${probe.kind}: ${probe.title}`)}" time="${seconds(durationMs)}"`;
    if (verdict.result === "pass") return `${open}/>`;
    if (verdict.result === "skip") return `${open}>\n      <skipped message="${escapeAttribute(verdict.why)}"/>\n    </testcase>`;
    return `${open}>\n      <failure type="${escapeAttribute(probe.kind)}" message="${escapeAttribute(verdict.why)}">${escapeXml(failureText(row))}</failure>\n    </testcase>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="whk probe" tests="${rows.length}" failures="${failures}" skipped="${skips}" time="${seconds(total)}">`,
    `  <testsuite name="whk probe ${escapeAttribute(target)}" tests="${rows.length}" failures="${failures}" errors="0" skipped="${skips}" time="${seconds(total)}">`,
    ...cases,
    "  </testsuite>",
    "</testsuites>",
    "",
  ].join("\n");
}
