import { el } from "./dom.js";

const MARK = { valid: "✓", invalid: "✗", unsigned: "!", unchecked: "–" };

function kindOf(verdict) {
  if (!verdict) return "unchecked";
  if (verdict.reason === "unsigned-provider") return "unsigned";
  return verdict.ok ? "valid" : "invalid";
}

const FROM = {
  inspector: "verified with whk's secret, as whk verify does",
  receipt: "recorded by whk listen when the request arrived",
};

/**
 * A verdict as `whk verify` prints it: the reason and detail, how the provider was detected, why the
 * signature fails (the explanation's cause, summary and evidence), the string-to-sign when nothing
 * explains it, and schema warnings.
 */
export function verdictView(verdict, from, provider) {
  const kind = kindOf(verdict);
  if (!verdict) {
    const who = provider ? `${provider} requests` : "this request";
    return el("div", { class: "verdict unchecked" }, el("p", {}, el("strong", { text: "Not checked" }), `: whk has no secret for ${who}. Start it with --secret (or configure the provider's secret) to verify and explain.`));
  }
  const lines = [el("p", { class: "verdict-line" }, el("span", { class: `mark ${kind}`, "aria-hidden": "true", text: MARK[kind] }), " ", el("strong", { text: verdict.reason }), `: ${verdict.detail}`)];
  if (verdict.detectedBy) lines.push(el("p", { class: "dim", text: `detected: ${verdict.detectedBy}` }));
  if (verdict.explain) {
    const label = verdict.explain.cause === "no-match" ? "why" : `why (${verdict.explain.cause})`;
    lines.push(el("p", { class: "why" }, el("strong", { text: `${label}: ` }), verdict.explain.summary));
    if (verdict.explain.evidence.length > 0) lines.push(el("ul", { class: "evidence" }, verdict.explain.evidence.map((fact) => el("li", { text: fact }))));
  }
  if (verdict.preimage && verdict.explain?.cause === "no-match") {
    lines.push(el("p", { class: "dim", text: "string-to-sign, to compare with the sender's:" }), el("pre", { class: "code", text: verdict.preimage }));
  }
  for (const warning of verdict.warnings ?? []) lines.push(el("p", { class: "warning", text: `warning: ${warning}` }));
  if (from && FROM[from]) lines.push(el("p", { class: "dim small", text: FROM[from] }));
  return el("div", { class: `verdict ${kind}` }, lines);
}
