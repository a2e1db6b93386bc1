import { byteSize, clockTime, el, section, verdictBadge } from "./dom.js";

const CHANGE_TEXT = { same: "same", changed: "differs", "only-a": "only in A", "only-b": "only in B" };

/** Two captures side by side: method and URL, headers by name, and the bodies line by line. */
export async function showCompare(panel, { api, ids }) {
  const [a, b] = ids;
  const { a: first, b: second, diff } = await api.get(`/api/compare?a=${encodeURIComponent(a)}&b=${encodeURIComponent(b)}`);
  const who = (label, capture) => el("li", {}, el("strong", { text: `${label}: ` }), `${clockTime(capture.receivedAt)} ${capture.method} ${capture.path} · ${capture.provider ?? "unknown"} · `, verdictBadge(capture.verdict, capture.reason));
  const differing = diff.headers.filter((row) => row.change !== "same").length;
  panel.replaceChildren(
    el("h2", { text: "Compare" }),
    el("ul", { class: "compared" }, who("A", first), who("B", second)),
    section("Request", fieldTable(diff.request, "Method and URL")),
    section(`Headers (${differing === 0 ? "all the same" : `${differing} differ`})`, fieldTable(diff.headers, "Headers of A and B")),
    section("Body", el("p", { class: "dim", text: bodySummary(diff.body) }), linesView(diff.body.lines)),
  );
}

function fieldTable(rows, caption) {
  return el(
    "table",
    { class: "diff-table" },
    el("caption", { class: "visually-hidden", text: caption }),
    el("thead", {}, el("tr", {}, ["Name", "A", "B", "Change"].map((title) => el("th", { scope: "col", text: title })))),
    el("tbody", {}, rows.map((row) => el("tr", { class: row.change }, el("th", { scope: "row", text: row.name }), el("td", { text: row.a ?? "—" }), el("td", { text: row.b ?? "—" }), el("td", { text: CHANGE_TEXT[row.change] })))),
  );
}

function bodySummary(body) {
  const [sizeA, sizeB] = body.sizes.map(byteSize);
  if (body.identical) return `Byte for byte the same (${sizeA}).`;
  if (body.layoutOnly) return `Same content laid out differently (A ${sizeA}, B ${sizeB}): a signature over the bytes tells them apart.`;
  const changed = body.lines.filter((line) => line.op !== "same").length;
  return `${changed} line${changed === 1 ? "" : "s"} differ (A ${sizeA}, B ${sizeB}); JSON is compared laid out, form fields one a line.`;
}

function linesView(lines) {
  const mark = { same: "  ", removed: "- ", added: "+ " };
  const label = { same: "", removed: "only in A", added: "only in B" };
  return el("pre", { class: "code diff", "aria-label": "Body differences, - for A, + for B" }, lines.map((line) => el("span", { class: `line ${line.op}`, title: label[line.op] }, `${mark[line.op]}${line.text}\n`)));
}
