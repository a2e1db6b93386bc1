import { allProviders } from "../../../providers/index.js";
import { colors, type Colors } from "../../shared/colors.js";
import { jsonLine, terminalSafe, terminalSafeJson } from "../../shared/terminal-text.js";
import type { VerifyResult } from "../../../verify/verify-request.js";

export interface VerifyOutputOptions {
  showPreimage: boolean;
}

/**
 * `--json`: NDJSON, one object per request in input order, with stable keys (source, ok, verdict, provider,
 * detectedBy, reason, detail, secretIndex?, explain?, preimage?, warnings). No summary line: count them.
 */
export function verifyJsonLine(source: string, result: VerifyResult): string {
  const { ok, verdict, provider, detectedBy, reason, detail, secretIndex, explain, preimage, warnings } = result;
  const ordered = {
    source,
    ok,
    verdict,
    provider: provider ?? null,
    detectedBy: detectedBy ?? null,
    reason,
    detail,
    ...(secretIndex !== undefined ? { secretIndex } : {}),
    ...(explain !== undefined ? { explain } : {}),
    ...(preimage !== undefined ? { preimage } : {}),
    warnings,
  };
  return jsonLine(ordered);
}

const PREIMAGE_PREVIEW = 240;

/** Colour only when the terminal takes it (colors.ts); plain styles are the identity, so 10,000 lines cost nothing. */
const paint = (style: Colors[keyof Colors], text: string): string => style(text);

function mark(result: VerifyResult): string {
  if (result.reason === "unsigned-provider") return paint(colors.yellow, "!");
  return result.ok ? paint(colors.green, "✓") : paint(colors.red, "✗");
}

/**
 * Human output: one line per request (mark, source, provider, reason: detail), then indented lines for
 * what a reader needs next: how the provider was detected (always for one request, else on failure),
 * why the signature failed, the string-to-sign, schema warnings.
 */
export function verifyHumanLines(source: string, result: VerifyResult, verbose: boolean, options: VerifyOutputOptions): string {
  const reason = paint(result.ok && result.reason === "valid-signature" ? colors.green : result.ok ? colors.yellow : colors.red, result.reason);
  // A capture's source name, detail and evidence quote what its sender chose: written out, never obeyed.
  const lines = [`${mark(result)} ${terminalSafe(source)}  ${result.provider ?? "unknown"}  ${reason}: ${terminalSafe(result.detail)}`];
  if (result.detectedBy !== undefined && (verbose || !result.ok)) lines.push(paint(colors.dim, `    detected: ${result.detectedBy}`));
  if (result.reason === "unknown-provider") lines.push(paint(colors.dim, `    hint: pass --provider <name> (${allProviders().map((p) => p.name).join(", ")})`));
  const explain = result.explain;
  if (explain) {
    const label = explain.cause === "no-match" ? "why" : `why (${explain.cause})`;
    lines.push(`    ${label}: ${terminalSafe(explain.summary)}`);
    for (const fact of explain.evidence) lines.push(paint(colors.dim, `      ${terminalSafe(fact)}`));
  }
  if (result.preimage !== undefined && (options.showPreimage || explain?.cause === "no-match")) {
    // Unasked, a long one (a whole body, for the body-HMAC providers) is cut: --show-preimage prints it all.
    const shown = options.showPreimage || result.preimage.length <= PREIMAGE_PREVIEW ? result.preimage : result.preimage.slice(0, PREIMAGE_PREVIEW);
    const cut = shown.length < result.preimage.length ? ` ... (cut; --show-preimage prints all of it)` : "";
    lines.push(`    string-to-sign (${Buffer.byteLength(result.preimage)} bytes): ${terminalSafeJson(JSON.stringify(shown))}${cut}`);
  }
  for (const warning of result.warnings) lines.push(paint(colors.yellow, `    warning: ${terminalSafe(warning)}`));
  return `${lines.join("\n")}\n`;
}

export interface VerifyTally {
  valid: number;
  invalid: number;
  unsigned: number;
}

/** Adds one result to the tally: unsigned providers are counted apart, and do not fail. */
export function count(counts: VerifyTally, result: VerifyResult): void {
  if (result.reason === "unsigned-provider") counts.unsigned++;
  else if (result.ok) counts.valid++;
  else counts.invalid++;
}

export function summaryLine(counts: VerifyTally, total: number): string {
  const invalid = counts.invalid > 0 ? paint(colors.red, `${counts.invalid} invalid`) : `${counts.invalid} invalid`;
  return `${total} requests: ${counts.valid} valid, ${invalid}, ${counts.unsigned} unsigned\n`;
}
