/**
 * JSON with comments (`//` and `/* *\/`, as tsconfig.json and many tools' configs allow), made plain
 * JSON by blanking the comments out: every other character keeps its place, so a parse error still
 * points at the right line and column.
 */
export function stripJsonComments(text: string): string {
  let out = "";
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (c === '"') {
      const start = i++;
      while (i < text.length && text[i] !== '"') i += text[i] === "\\" ? 2 : 1;
      out += text.slice(start, ++i);
    } else if (c === "/" && text[i + 1] === "/") {
      while (i < text.length && text[i] !== "\n") out += text[i++] === "\t" ? "\t" : " ";
    } else if (c === "/" && text[i + 1] === "*") {
      const end = text.indexOf("*/", i + 2);
      const stop = end < 0 ? text.length : end + 2;
      for (; i < stop; i++) out += /\s/.test(text[i] as string) ? text[i] : " ";
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

/** "line 5, column 3" for a character offset, for parse errors people can find. */
export function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, Math.max(0, offset));
  const line = before.split("\n").length;
  return `line ${line}, column ${offset - before.lastIndexOf("\n")}`;
}
