import { byteSize, clockTime, el, verdictBadge } from "./dom.js";

/**
 * The list of captures, newest first: filters by provider and verdict, a text search, a selection (for
 * Compare and downloads), and the keyboard: ↑/↓ move to the same control in the row above or below.
 * A capture that arrives is added at the top without touching the rest, so focus and selection stay.
 */
export function createCaptureList({ tbody, empty, providerFilter, verdictFilter, search, onOpen, onSelection }) {
  const captures = new Map();
  const selected = new Set();
  let openId = null;
  // As many rows as the server keeps; past that the oldest goes, here as there.
  let limit = Infinity;
  let dropped = 0;

  const matches = (capture) => {
    if (providerFilter.value && (capture.provider ?? "unknown") !== providerFilter.value) return false;
    if (verdictFilter.value && capture.verdict !== verdictFilter.value) return false;
    const words = search.value.toLowerCase().split(/\s+/).filter(Boolean);
    return words.every((word) => capture.search.includes(word));
  };

  const toggle = (id, on) => {
    if (on) selected.add(id);
    else selected.delete(id);
    onSelection([...selected]);
  };

  const row = (capture) => {
    const what = `${capture.method} ${capture.path}`;
    const checkbox = el("input", { type: "checkbox", class: "pick", "aria-label": `Select ${what} at ${clockTime(capture.receivedAt)}`, checked: selected.has(capture.id) });
    checkbox.addEventListener("change", () => toggle(capture.id, checkbox.checked));
    const open = el("button", { type: "button", class: "open", title: "Open (Enter)", onclick: () => onOpen(capture.id) }, el("span", { class: "method", text: capture.method }), " ", el("span", { class: "path", text: capture.path }));
    return el(
      "tr",
      { "data-id": capture.id, class: capture.id === openId ? "current" : "" },
      el("td", {}, checkbox),
      el("td", { class: "time", text: clockTime(capture.receivedAt) }),
      el("td", {}, open),
      el("td", { text: capture.provider ?? "unknown" }),
      el("td", {}, verdictBadge(capture.verdict, capture.reason)),
      el("td", { class: "number", text: byteSize(capture.size) }),
      el("td", { class: "number", text: capture.answered ?? "" }),
    );
  };

  const showEmpty = () => {
    empty.hidden = tbody.rows.length > 0;
    empty.textContent = captures.size === 0 ? "No captures yet: send a webhook to the listener and it appears here." : "No capture matches the filters.";
  };

  const addProviderOption = (provider) => {
    const name = provider ?? "unknown";
    if ([...providerFilter.options].some((option) => option.value === name)) return;
    providerFilter.append(el("option", { value: name, text: name }));
  };

  const render = () => {
    tbody.replaceChildren(...[...captures.values()].reverse().filter(matches).map(row));
    showEmpty();
  };

  for (const control of [providerFilter, verdictFilter]) control.addEventListener("change", render);
  search.addEventListener("input", render);
  tbody.addEventListener("keydown", (event) => {
    const here = event.target.closest("tr");
    if (!here) return;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      const next = event.key === "ArrowDown" ? here.nextElementSibling : here.previousElementSibling;
      const kind = event.target.classList.contains("pick") ? ".pick" : ".open";
      next?.querySelector(kind)?.focus();
      event.preventDefault();
    }
  });

  return {
    add(capture) {
      if (captures.has(capture.id)) return;
      captures.set(capture.id, capture);
      addProviderOption(capture.provider);
      if (matches(capture)) tbody.prepend(row(capture));
      while (captures.size > limit) {
        const [oldest] = captures.keys();
        captures.delete(oldest);
        [...tbody.rows].find((tr) => tr.dataset.id === oldest)?.remove();
        dropped++;
      }
      showEmpty();
    },
    setLimit(kept) {
      limit = kept;
    },
    /** Captures let go here since the page loaded. */
    dropped: () => dropped,
    get: (id) => captures.get(id),
    selection: () => [...selected],
    setOpen(id) {
      openId = id;
      for (const tr of tbody.rows) tr.classList.toggle("current", tr.dataset.id === id);
    },
    /** Focus back on the open capture's row (Esc from the panel). */
    focusOpen() {
      const tr = [...tbody.rows].find((r) => r.dataset.id === openId) ?? tbody.rows[0];
      tr?.querySelector(".open")?.focus();
    },
  };
}
