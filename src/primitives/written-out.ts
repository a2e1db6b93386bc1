const NAMED: Record<string, string> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

/**
 * One character as the escape a reader recognises (`\n`, `\x1b`, `\u202e`): how text someone else
 * controls shows a character that cannot be printed (a terminal) or held (XML) as itself.
 */
export function writtenOut(c: string): string {
  const named = NAMED[c];
  if (named !== undefined) return named;
  const code = c.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
}
