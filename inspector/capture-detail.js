import { button, byteSize, clockTime, el, pairTable, section, verdictBadge } from "./dom.js";
import { bodyBlock } from "./body-block.js";
import { replayForm } from "./replay-form.js";
import { verdictView } from "./verdict-view.js";

/**
 * One capture in the panel: what arrived (headers in the order received, the body raw and pretty), the
 * verdict with `whk verify`'s explanation, the string-to-sign on demand, and what to do with it: edit
 * and replay, copy as curl, download.
 */
export async function showDetail(panel, { api, id, session }) {
  const path = `/api/captures/${encodeURIComponent(id)}`;
  const detail = await api.get(path);
  const { summary, request } = detail;
  const status = el("p", { class: "status", role: "status" });
  const extra = el("div", { class: "extra" });
  const say = (text, kind = "") => Object.assign(status, { textContent: text, className: `status ${kind}` });
  const guard = (action) => async () => {
    try {
      await action();
    } catch (error) {
      say(`${error.message}${error.hint ? ` (${error.hint})` : ""}`, "error");
    }
  };

  const copyCurl = guard(async () => {
    const { curl } = await api.get(`${path}/curl`);
    const box = el("textarea", { class: "code", readonly: true, rows: 8, "aria-label": "curl command", text: curl });
    extra.replaceChildren(section("curl", box));
    say(await copyText(curl, box));
  });
  const download = (format) => guard(async () => say(`Saved ${await api.download(`/api/export?ids=${encodeURIComponent(id)}&format=${format}`)}`));
  const openReplay = () => {
    extra.replaceChildren(replayForm({ api, detail, session }));
    extra.querySelector("textarea, input")?.focus();
  };

  const preimage = el("div", { class: "preimage" });
  const showPreimage = guard(async () => {
    const answer = await api.get(`${path}/preimage`);
    preimage.replaceChildren(el("p", { class: "dim", text: answer.note }), answer.preimage !== null ? el("pre", { class: "code", text: answer.preimage }) : "");
  });

  panel.replaceChildren(
    el("h2", {}, el("span", { class: "method", text: request.method }), " ", summary.path),
    el("p", { class: "meta" }, clockTime(summary.receivedAt), " · ", summary.provider ?? "unknown provider", " · ", verdictBadge(summary.verdict, summary.reason), " · ", byteSize(summary.size), summary.answered !== null ? ` · answered ${summary.answered}` : ""),
    el("p", { class: "dim small" }, "file: ", el("code", { text: detail.file })),
    el("div", { class: "actions" }, button("Edit and replay", openReplay), button("Copy as curl", copyCurl), button("Download request file", download("request")), button("Download HAR", download("har"))),
    status,
    extra,
    section("Verdict", verdictView(detail.verdict, detail.verdictFrom, summary.provider), button("Show string-to-sign", showPreimage), preimage),
    section("Headers, in the order received", pairTable(request.headers, "Request headers")),
    section("Body", bodyBlock(detail.body)),
    detail.response ? section(`The app's answer: ${detail.response.status}`, pairTable(Object.entries(detail.response.headers), "Answer headers"), el("pre", { class: "code", text: detail.response.body ?? `(base64) ${detail.response.bodyBase64}` })) : "",
    detail.forwardError ? section("Forwarding failed", el("p", { class: "error", text: detail.forwardError.detail })) : "",
  );
}

/** Puts the text on the clipboard; where the clipboard is out of reach, selects it for Ctrl-C. */
async function copyText(text, box) {
  try {
    await navigator.clipboard.writeText(text);
    return "Copied the curl command to the clipboard.";
  } catch {
    box.focus();
    box.select();
    return document.execCommand("copy") ? "Copied the curl command to the clipboard." : "The clipboard is not available here: the command is selected, press Ctrl-C.";
  }
}
