import { createApi } from "./api.js";
import { showDetail } from "./capture-detail.js";
import { createCaptureList } from "./capture-list.js";
import { showCompare } from "./compare-view.js";
import { el } from "./dom.js";

const $ = (id) => document.getElementById(id);
const api = createApi(document.querySelector('meta[name="whk-token"]').content);
const panel = $("panel");
const live = $("live");

/** Whatever goes wrong in the panel is said there, in one line, like the CLI's `whk:` lines. */
async function inPanel(render) {
  try {
    await render();
  } catch (error) {
    panel.replaceChildren(el("p", { class: "error", text: `${error.message}${error.hint ? ` (${error.hint})` : ""}` }));
  }
  panel.focus();
}

const session = await api.get("/api/session");
const { source } = session;
$("source").textContent = source.kind === "listen" ? `listening on ${source.url}${source.forwardTo ? `, forwarding to ${source.forwardTo}` : ""} · captures in ${source.outDir}` : `captures in ${source.dir}`;

const list = createCaptureList({
  tbody: $("rows"),
  empty: $("empty"),
  providerFilter: $("filter-provider"),
  verdictFilter: $("filter-verdict"),
  search: $("search"),
  onOpen(id) {
    list.setOpen(id);
    void inPanel(() => showDetail(panel, { api, id, session }));
  },
  onSelection(ids) {
    $("selection-count").textContent = ids.length === 0 ? "none selected" : `${ids.length} selected`;
    $("compare").disabled = ids.length !== 2;
    $("compare").title = ids.length === 2 ? "" : "select exactly two captures";
    $("download-selection-requests").disabled = ids.length === 0;
    $("download-selection-har").disabled = ids.length === 0;
  },
});

$("compare").addEventListener("click", () => void inPanel(() => showCompare(panel, { api, ids: list.selection() })));
const downloadSelection = (format) => () => {
  const ids = list.selection().map(encodeURIComponent).join(",");
  void api.download(`/api/export?ids=${ids}&format=${format}`).catch((error) => panel.replaceChildren(el("p", { class: "error", text: error.message })));
};
$("download-selection-requests").addEventListener("click", downloadSelection("request"));
$("download-selection-har").addEventListener("click", downloadSelection("har"));

function noteUnreadable(files) {
  const note = $("unreadable");
  note.hidden = files.length === 0;
  note.textContent = `${files.length} file${files.length === 1 ? " is" : "s are"} not capture files and not shown: ${files.map((f) => f.file.split("/").pop()).join(", ")}`;
}
const unreadable = new Map();

let serverLeftOut = 0;
let kept = 0;
function noteLeftOut() {
  const count = serverLeftOut + list.dropped();
  $("left-out").hidden = count === 0;
  $("left-out").textContent = `${count} older capture${count === 1 ? " is" : "s are"} not shown: the inspector keeps the newest ${kept} (whk verify reads a whole folder).`;
}

api.follow({
  async onOpen() {
    const { captures, unreadable: files, leftOut, limit } = await api.get("/api/captures");
    list.setLimit(limit);
    kept = limit;
    serverLeftOut = leftOut;
    for (const capture of captures) list.add(capture);
    noteLeftOut();
    for (const file of files) unreadable.set(file.file, file);
    noteUnreadable([...unreadable.values()]);
  },
  onEvent(event, data) {
    if (event === "capture") {
      list.add(data);
      noteLeftOut();
      // A file noted as unreadable (still being written) that now reads as a capture.
      for (const file of unreadable.keys()) if (file.endsWith(`/${data.id}`)) unreadable.delete(file);
      noteUnreadable([...unreadable.values()]);
    }
    if (event === "unreadable") {
      unreadable.set(data.file, data);
      noteUnreadable([...unreadable.values()]);
    }
  },
  onState(state) {
    live.textContent = state === "live" ? "● live" : "reconnecting…";
    live.className = `live ${state === "live" ? "up" : "down"}`;
  },
});

document.addEventListener("keydown", (event) => {
  const typing = event.target.closest?.("input, textarea, select");
  if (event.key === "/" && !typing) {
    $("search").focus();
    event.preventDefault();
  } else if (event.key === "Escape" && panel.contains(event.target)) {
    list.focusOpen();
  }
});
