/**
 * Form-encodes fields exactly as Go's `url.Values.Encode()` does: keys sorted, `key=value` joined by
 * `&`, space as `+`, `A-Z a-z 0-9 - _ . ~` kept, every other byte `%XX` upper case over UTF-8.
 * Field-signing schemes sign such strings (each provider's folder cites its page). Node's URLSearchParams
 * differs (it keeps `*` and escapes `~`), so it must not be used here.
 */
export function goQueryEscape(value: string): string {
  let out = "";
  for (const byte of Buffer.from(value, "utf8")) {
    if (
      (byte >= 0x30 && byte <= 0x39) ||
      (byte >= 0x41 && byte <= 0x5a) ||
      (byte >= 0x61 && byte <= 0x7a) ||
      byte === 0x2d || byte === 0x5f || byte === 0x2e || byte === 0x7e
    ) {
      out += String.fromCharCode(byte);
    } else if (byte === 0x20) {
      out += "+";
    } else {
      out += `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
    }
  }
  return out;
}

export function goFormEncode(fields: Readonly<Record<string, string>>): string {
  return Object.keys(fields)
    .sort()
    .map((key) => `${goQueryEscape(key)}=${goQueryEscape(fields[key] ?? "")}`)
    .join("&");
}
