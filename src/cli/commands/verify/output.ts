import type { UnreadableRequest } from "../../../inputs/sourced-request.js";
import { allProviders } from "../../../providers/index.js";
import { colors, type Colors } from "../../shared/colors.js";
import { jsonLine, terminalSafe, terminalSafeJson } from "../../shared/terminal-text.js";
import type { VerifyResult } from "../../../verify/verify-request.js";

export interface VerifyOutputOptions {
  showPreimage: boolean;
}

/**
 * `--json`: NDJSON, one object per request in input order, with stable keys (source, ok, verdict, provider,
 * detectedBy, reason, detail, secretIndex?, explain?, preimage?, timestampJudgedAgainst?, pathMismatch?,
 * hint?, warnings). `verdict` is "skipped" for a request of a HAR or raw dump that no provider claims.
 * No summary line: count them.
 */
export function verifyJsonLine(source: string, result: VerifyResult, skipped: boolean): string {
  const { ok, verdict, provider, detectedBy, reason, detail, secretIndex, explain, preimage, timestampJudgedAgainst, pathMismatch, warnings } = result;
  const hint = hintFor(result, skipped);
  const ordered = {
    source,
    ok,
    verdict: skipped ? "skipped" : verdict,
    provider: provider ?? null,
    detectedBy: detectedBy ?? null,
    reason,
    detail,
    ...(secretIndex !== undefined ? { secretIndex } : {}),
    ...(explain !== undefined ? { explain } : {}),
    ...(preimage !== undefined ? { preimage } : {}),
    ...(timestampJudgedAgainst !== undefined ? { timestampJudgedAgainst } : {}),
    ...(pathMismatch !== undefined ? { pathMismatch } : {}),
    ...(hint !== undefined ? { hint } : {}),
    warnings,
  };
  return jsonLine(ordered);
}

/** `--json` for a request that could not be read: its place, and why. */
export function unreadableJsonLine({ source, error }: UnreadableRequest): string {
  return `${JSON.stringify({ source, ok: false, verdict: "unreadable", reason: "unreadable-input", detail: error.message, ...(error.hint !== undefined ? { hint: error.hint } : {}) })}\n`;
}

/** A request of a recording (HAR, raw dump) that no provider claims: named by its request line, not a failure. */
export function skippedHumanLines(source: string, requestLine: string, result: VerifyResult): string {
  const line = requestLine.length > 100 ? `${requestLine.slice(0, 97)}...` : requestLine;
  return `${paint(colors.dim, `- ${source}  skipped: ${line}: ${result.detail}`)}\n${paint(colors.dim, `    hint: ${hintFor(result, true) ?? ""}`)}\n`;
}

/** One line for a request that could not be read, with what to do, as the rest of the batch goes on. */
export function unreadableHumanLines({ source, error }: UnreadableRequest): string {
  const lines = [`${paint(colors.red, "✗")} ${source}  ${paint(colors.red, "unreadable")}: ${error.message}`];
  if (error.hint !== undefined) lines.push(paint(colors.dim, `    hint: ${error.hint}`));
  return `${lines.join("\n")}\n`;
}

const PROVIDER_HINT = (): string => `pass --provider <name> (${allProviders().map((p) => p.name).join(", ")})`;

/** What to do next, when the verdict suggests something: which provider, or the instant to judge a timestamp at. */
function hintFor(result: VerifyResult, skipped: boolean): string | undefined {
  if (result.reason === "unknown-provider") return skipped ? `other traffic of the recording; --strict counts it as invalid, or ${PROVIDER_HINT()}` : PROVIDER_HINT();
  if (result.timestampJudgedAgainst === "now" && result.reason === "timestamp-out-of-tolerance") {
    return "this capture has no receipt time (a raw HTTP dump, or a request file without receivedAt), so its signed timestamp was judged against now: pass --at <the instant it was received>";
  }
  return undefined;
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
  const first = `${mark(result)} ${terminalSafe(source)}  ${result.provider ?? "unknown"}  ${reason}: ${terminalSafe(result.detail)}`;
  const hint = hintFor(result, false);
  // The usual line of a batch: a request that verified, with nothing more to say.
  if (result.ok && !verbose && hint === undefined && result.warnings.length === 0 && result.preimage === undefined && result.explain === undefined) return `${first}\n`;
  const lines = [first];
  if (result.detectedBy !== undefined && (verbose || !result.ok)) lines.push(paint(colors.dim, `    detected: ${result.detectedBy}`));
  if (hint !== undefined) lines.push(paint(colors.dim, `    hint: ${hint}`));
  else if (verbose && result.timestampJudgedAgainst === "now") lines.push(paint(colors.dim, "    note: no receipt time in this capture, so the signed timestamp was judged against now (--at sets another instant)"));
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
  /** Requests of a HAR file or raw dump that no provider claims (other traffic): not failures, unless --strict. */
  skipped: number;
  /** Requests that could not be read: each is one line, and the rest of the batch is still judged. */
  unreadable: number;
}

/** Adds one result to the tally: unsigned providers and skipped traffic are counted apart, and do not fail. */
export function count(counts: VerifyTally, result: VerifyResult, skipped: boolean): void {
  if (skipped) counts.skipped++;
  else if (result.reason === "unsigned-provider") counts.unsigned++;
  else if (result.ok) counts.valid++;
  else counts.invalid++;
}

export function summaryLine(counts: VerifyTally, total: number): string {
  const invalid = counts.invalid > 0 ? paint(colors.red, `${counts.invalid} invalid`) : `${counts.invalid} invalid`;
  const skipped = counts.skipped > 0 ? `, ${counts.skipped} skipped (no known provider; --strict fails them)` : "";
  const unreadable = counts.unreadable > 0 ? `, ${paint(colors.red, `${counts.unreadable} unreadable`)}` : "";
  return `${total} requests: ${counts.valid} valid, ${invalid}, ${counts.unsigned} unsigned${skipped}${unreadable}\n`;
}
