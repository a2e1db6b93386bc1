import type { ProbeCase } from "./probe-case.js";
import type { ProbeVerdict } from "./judge-probe.js";

const escapeXml = (text: string): string =>
  text.replace(/[<>&"']/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" })[c] as string)
    // XML 1.0 forbids most control characters, even escaped.
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, "");

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
    const open = `    <testcase classname="whk.probe.${escapeXml(probe.fixture)}" name="${escapeXml(`${probe.kind}: ${probe.title}`)}" time="${seconds(durationMs)}"`;
    if (verdict.pass) return `${open}/>`;
    const rule = probe.rule !== undefined ? `\ndocumented: "${probe.rule.says}" (${probe.rule.url})` : "";
    return `${open}>\n      <failure type="${escapeXml(probe.kind)}" message="${escapeXml(verdict.why)}">${escapeXml(`got: ${verdict.got}\n${verdict.why}: ${verdict.consequence}${rule}`)}</failure>\n    </testcase>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="whk probe" tests="${rows.length}" failures="${failures}" time="${seconds(total)}">`,
    `  <testsuite name="whk probe ${escapeXml(target)}" tests="${rows.length}" failures="${failures}" errors="0" skipped="0" time="${seconds(total)}">`,
    ...cases,
    "  </testsuite>",
    "</testsuites>",
    "",
  ].join("\n");
}
