/**
 * What keeps a document from being well-formed XML 1.0, as far as a JUnit report can go wrong: a
 * character XML cannot hold, markup characters in text or attributes, an unknown entity, `]]>` in
 * text, tags that do not nest. Written here rather than taken from a parser package, so the check is
 * the spec's words and nothing more lenient.
 */
export function xmlProblems(xml: string): string[] {
  const problems: string[] = [];
  const badChar = /[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/u.exec(xml);
  if (badChar !== null) problems.push(`U+${(badChar[0].codePointAt(0) ?? 0).toString(16)} at ${badChar.index}`);
  const entity = /&(?!(?:lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);)/;
  const open: string[] = [];
  const token = /<\?xml[^?]*\?>|<\/([A-Za-z][\w.-]*)\s*>|<([A-Za-z][\w.-]*)((?:\s+[\w.:-]+="[^"<]*")*)\s*(\/?)>|([^<]+)|(<)/gy;
  for (let match = token.exec(xml); match !== null; match = token.exec(xml)) {
    const [, close, name, attributes = "", selfClosing, text, stray] = match;
    if (stray !== undefined) problems.push(`a "<" that starts no tag at ${match.index}`);
    if (text !== undefined && (entity.test(text) || text.includes("]]>"))) problems.push(`text with a bare "&" or "]]>" at ${match.index}`);
    if (entity.test(attributes)) problems.push(`an attribute with a bare "&" at ${match.index}`);
    if (name !== undefined && selfClosing === "") open.push(name);
    if (close !== undefined && open.pop() !== close) problems.push(`</${close}> closes nothing open at ${match.index}`);
  }
  if (open.length > 0) problems.push(`unclosed: ${open.join(", ")}`);
  return problems;
}
