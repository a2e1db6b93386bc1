/** A short description of how a body is laid out, for explain evidence: "412 bytes, 2-space indentation". */
export function describeBody(body: Uint8Array): string {
  const text = Buffer.from(body).toString("utf8");
  const traits: string[] = [layoutOf(text)];
  if (text.startsWith("\uFEFF")) traits.push("starts with a byte-order mark");
  if (text.includes("\r\n")) traits.push("CRLF line endings");
  if (/\r?\n$/.test(text)) traits.push("ends with a newline");
  return `${body.length} bytes, ${traits.join(", ")}`;
}

/** "compact", "2-space indentation", "tab indentation", or "spaces after : and ,". */
export function layoutOf(text: string): string {
  const indented = /\n([ \t]+)\S/.exec(text);
  if (indented) {
    const indent = indented[1] as string;
    return indent.startsWith("\t") ? "tab indentation" : `${indent.length}-space indentation`;
  }
  if (/\n\s*\S/.test(text.trim())) return "several lines";
  if (/[,:] (?=["{[\-\dtfn])/.test(text.replace(/"(?:[^"\\]|\\.)*"/g, '""'))) return "spaces after : and ,";
  return "compact";
}
