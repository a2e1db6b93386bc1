/**
 * Removes whitespace outside JSON strings and keeps every other byte (key order, number spelling,
 * escapes), like Go's json.Compact. This is the `minify` of the SNAP BI string-to-sign (each provider
 * that signs SNAP cites its page in its folder). It works on bytes:
 * UTF-8 continuation bytes never equal the ASCII quote, backslash or whitespace, so no decoding is
 * needed, and bytes that are not UTF-8 pass through untouched. Invalid JSON is minified the same way,
 * not rejected: a signer must hash what it sends.
 */
export function minifyJson(body: Uint8Array): Buffer {
  const out = Buffer.allocUnsafe(body.length);
  let length = 0;
  let inString = false;
  for (let i = 0; i < body.length; i++) {
    const c = body[i] as number;
    if (inString) {
      out[length++] = c;
      if (c === 0x5c && i + 1 < body.length) out[length++] = body[++i] as number;
      else if (c === 0x22) inString = false;
    } else if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) {
      continue;
    } else {
      if (c === 0x22) inString = true;
      out[length++] = c;
    }
  }
  return out.subarray(0, length);
}
