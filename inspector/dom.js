// Building blocks for the page. Everything a capture carries (paths, headers, bodies) is whatever
// anyone posted to the listener, so it only ever becomes text nodes, never markup.

/** An element with attributes (`text` for its text, `on<event>` for listeners) and children (strings are text). */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = String(value);
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child !== undefined && child !== null && child !== false) node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

export function button(text, onclick, props = {}) {
  return el("button", { type: "button", onclick, ...props }, text);
}

/** `14:03:27.412`, local time, as `whk listen` prints it. */
export function clockTime(iso) {
  if (!iso) return "";
  const date = new Date(iso);
  const pad = (n, width = 2) => String(n).padStart(width, "0");
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`;
}

/** `512 B`, `1.5 KiB`, `2.0 MiB`. */
export function byteSize(bytes) {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

const VERDICT_TEXT = { valid: "valid", invalid: "invalid", unsigned: "unsigned", unchecked: "not checked" };

/** The verdict badge of a list row or a heading: `valid`, `invalid bad-signature`, `unsigned`, `not checked`. */
export function verdictBadge(kind, reason) {
  const text = kind === "invalid" && reason ? `invalid ${reason}` : VERDICT_TEXT[kind] ?? kind;
  return el("span", { class: `badge ${kind}` }, text);
}

/** A labelled section of the panel. */
export function section(title, ...children) {
  return el("section", { class: "block" }, el("h3", { text: title }), ...children);
}

/** A two-column table of name/value pairs (headers), in the order given. */
export function pairTable(pairs, caption) {
  const rows = pairs.map(([name, value]) => el("tr", {}, el("th", { scope: "row", text: name }), el("td", { text: value })));
  return el("table", { class: "pairs" }, el("caption", { class: "visually-hidden", text: caption }), el("tbody", {}, rows));
}
