import { el, pairTable, section } from "./dom.js";
import { verdictView } from "./verdict-view.js";

let forms = 0;

/**
 * Edit and replay: the capture's method, headers and body to change, the provider whose scheme re-signs
 * it with whk's secret (or the signature kept as it is, to see a forgery refused), and a URL to send it
 * to. The answer comes back judged as the provider would judge it.
 */
export function replayForm({ api, detail, session }) {
  const n = ++forms;
  const field = (label, control) => el("label", { class: "field" }, el("span", { text: label }), control);
  const url = el("input", { type: "text", name: "url", value: detail.replay.url, spellcheck: "false", required: true });
  const method = el("input", { type: "text", name: "method", value: detail.request.method, size: 8, spellcheck: "false" });
  const provider = el("select", { name: "provider" }, el("option", { value: "", text: "(none)" }), session.providers.map((p) => el("option", { value: p.name, text: p.displayName, selected: p.name === detail.replay.provider })));
  const resign = el("input", { type: "radio", name: `signature-${n}`, value: "resign", checked: true });
  const keep = el("input", { type: "radio", name: `signature-${n}`, value: "keep" });
  const secretNote = el("p", { class: "dim small" });
  const headers = el("textarea", { name: "headers", rows: 8, class: "code", spellcheck: "false", text: detail.replay.headers.map(([name, value]) => `${name}: ${value}`).join("\n") });
  const binary = detail.body.kind === "binary";
  const body = el("textarea", { name: "body", rows: 10, class: "code", spellcheck: "false", readonly: binary, text: binary ? "(not UTF-8: sent as captured)" : (detail.body.text ?? "") });
  const submit = el("button", { type: "submit", class: "primary" }, "Replay");
  const result = el("div", { class: "replay-result", role: "status" });

  const describeSecret = () => {
    const chosen = session.providers.find((p) => p.name === provider.value);
    if (!chosen) secretNote.textContent = "Choose a provider to re-sign with its scheme.";
    else if (!chosen.signs) secretNote.textContent = `${chosen.displayName} documents no signature: nothing to sign.`;
    else secretNote.textContent = chosen.resignWith ? `Re-signed with ${chosen.resignWith}; the secret never leaves whk.` : `whk has no secret for ${chosen.displayName}: start it with --secret.`;
  };
  provider.addEventListener("change", describeSecret);
  describeSecret();

  const form = el(
    "form",
    { class: "replay", "aria-label": "Edit and replay" },
    el("h3", { text: "Edit and replay" }),
    el("div", { class: "row" }, field("Method", method), field("Send to", url)),
    el("fieldset", {}, el("legend", { text: "Signature" }), field("Provider", provider),
      el("label", { class: "choice" }, resign, " Re-sign with the provider's scheme"),
      el("label", { class: "choice" }, keep, " Keep the signature as it is (test a forgery)"), secretNote),
    field("Headers (one Name: value a line; Host, Content-Length and connection headers are set for the new target)", headers),
    field("Body", body),
    el("div", { class: "actions" }, submit),
    result,
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    submit.disabled = true;
    result.replaceChildren(el("p", { class: "dim", text: "Sending…" }));
    try {
      const payload = { method: method.value, url: url.value, provider: provider.value, resign: resign.checked, headers: headerPairs(headers.value) };
      if (binary) payload.bodyBase64 = detail.body.base64;
      else payload.body = body.value;
      result.replaceChildren(outcomeView(await api.post("/api/replay", payload), session));
    } catch (error) {
      result.replaceChildren(el("p", { class: "error", text: `${error.message}${error.hint ? ` (${error.hint})` : ""}` }));
    } finally {
      submit.disabled = false;
    }
  });
  return form;
}

function headerPairs(text) {
  return text.split("\n").filter((line) => line.trim() !== "").map((line, index) => {
    const colon = line.indexOf(":");
    if (colon <= 0) throw new Error(`header line ${index + 1} is not "Name: value"`);
    return [line.slice(0, colon).trim(), line.slice(colon + 1).trim()];
  });
}

function outcomeView(outcome, session) {
  const { sent, signature, delivery, acknowledged, verdict } = outcome;
  const named = (name) => session.providers.find((p) => p.name === name)?.displayName ?? name;
  const how = signature.action === "re-signed" ? `re-signed with ${named(signature.provider)}'s scheme and ${signature.secretFrom}` : signature.action === "kept" ? "the signature kept as it was" : signature.detail;
  const parts = [el("p", {}, el("strong", { text: `Sent ${sent.method} ${sent.url}` }), `, ${how}.`)];
  if (!delivery.ok) parts.push(el("p", { class: "error", text: `Not delivered (${delivery.fault}): ${delivery.message}` }));
  else {
    parts.push(el("p", { class: "answer" }, el("strong", { text: `Answer: HTTP ${delivery.status}` }), ` in ${Math.round(delivery.latencyMs)} ms`));
    if (acknowledged) {
      const who = named(acknowledged.provider);
      const text = acknowledged.ok ? `${who} would count it as delivered (${acknowledged.rule}).` : `${who} would not count it as delivered: ${acknowledged.why}.`;
      parts.push(el("p", { class: `ack ${acknowledged.ok ? "valid" : "invalid"}`, text: `${acknowledged.ok ? "✓ Acknowledged" : "✗ Not acknowledged"}: ${text}` }));
    }
    if (delivery.body !== "") parts.push(el("pre", { class: "code", text: `${delivery.body}${delivery.bodyTruncated ? "\n… (cut)" : ""}` }));
  }
  parts.push(section("The request sent, as whk verifies it", verdictView(verdict, null, signature.provider ?? null)));
  parts.push(section("Headers sent", pairTable(sent.headers, "Headers sent")));
  return el("div", { class: "outcome" }, parts);
}
