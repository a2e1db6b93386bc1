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
    const open = `    <testcase classname="whk.probe.${escapeXml(probe.fixture)}" name="${escapeXml(`${probe.kind}: ${probe.title}`)}" time="${seconds(durationMs)}"`;
    if (verdict.result === "pass") return `${open}/>`;
    if (verdict.result === "skip") return `${open}>\n      <skipped message="${escapeXml(verdict.why)}"/>\n    </testcase>`;
    return `${open}>\n      <failure type="${escapeXml(probe.kind)}" message="${escapeXml(verdict.why)}">${escapeXml(failureText(row))}</failure>\n    </testcase>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="whk probe" tests="${rows.length}" failures="${failures}" skipped="${skips}" time="${seconds(total)}">`,
    `  <testsuite name="whk probe ${escapeXml(target)}" tests="${rows.length}" failures="${failures}" errors="0" skipped="${skips}" time="${seconds(total)}">`,
    ...cases,
    "  </testsuite>",
    "</testsuites>",
    "",
  ].join("\n");
}
