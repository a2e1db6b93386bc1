import { el, pairTable } from "./dom.js";

/**
 * A body, raw or pretty: JSON laid out (every token as received), form fields decoded one a line.
 * Raw is the bytes exactly as they arrived, which is what a signature covers.
 */
export function bodyBlock(body) {
  if (body.kind === "empty") return el("p", { class: "dim", text: "(empty body)" });
  if (body.kind === "binary") return el("div", {}, el("p", { class: "dim", text: `${body.size} bytes, not UTF-8; base64:` }), el("pre", { class: "code", text: body.base64 }));
  const raw = el("pre", { class: "code", text: body.text });
  if (body.kind === "text") return raw;
  const pretty = body.kind === "json" ? el("pre", { class: "code", text: body.pretty }) : pairTable(body.fields, "Form fields");
  const view = el("div", { class: "body-view" }, pretty);
  const toggles = [];
  const show = (which) => {
    view.replaceChildren(which === "raw" ? raw : pretty);
    for (const toggle of toggles) toggle.setAttribute("aria-pressed", String(toggle.dataset.view === which));
  };
  for (const [which, label] of [["pretty", body.kind === "json" ? "Pretty" : "Fields"], ["raw", "Raw"]]) {
    toggles.push(el("button", { type: "button", class: "toggle", "data-view": which, "aria-pressed": String(which === "pretty"), onclick: () => show(which) }, label));
  }
  return el("div", {}, el("div", { class: "toggles", role: "group", "aria-label": "Body view" }, toggles), view);
}
