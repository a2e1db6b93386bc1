/**
 * The value of a signature header around the signature itself: `{signature}` alone, a prefix such as
 * `sha256={signature}` or `v1,{signature}`, or comma-separated pairs such as
 * `t={timestamp},v1={signature}`. Reading accepts several signatures at once, as providers send during
 * a key rotation: repeated pairs (`v1=a,v1=b`) or space-separated items (`v1,a v1,b`).
 */
export interface HeaderFormat {
  /** The template as given, for messages. */
  text: string;
  write(signature: string, timestamp: string | undefined): string;
  /** The signatures and timestamp in a received value; undefined when the value does not have the format. */
  read(value: string): { signatures: string[]; timestamp?: string } | undefined;
}

const PAIR = /^([^=,]+)=(.*)$/;

export function headerFormat(text: string): HeaderFormat {
  const write = (signature: string, timestamp: string | undefined): string =>
    text.replace("{signature}", signature).replace("{timestamp}", timestamp ?? "");
  const items = text.split(",");
  if (items.length > 1 && items.every((item) => PAIR.test(item))) return { text, write, read: pairReader(items) };
  if (!text.includes("{timestamp}")) return { text, write, read: affixReader(text) };
  return { text, write, read: patternReader(text) };
}

/** `t={timestamp},v1={signature}`: values by key, every repeat of the signature key collected. */
function pairReader(items: readonly string[]): HeaderFormat["read"] {
  const roles = new Map<string, "signature" | "timestamp">();
  for (const item of items) {
    const [, key = "", value = ""] = PAIR.exec(item) ?? [];
    if (value === "{signature}") roles.set(key.trim(), "signature");
    else if (value === "{timestamp}") roles.set(key.trim(), "timestamp");
  }
  return (value) => {
    const signatures: string[] = [];
    let timestamp: string | undefined;
    for (const item of value.split(",")) {
      const pair = PAIR.exec(item.trim());
      if (!pair) continue;
      const role = roles.get((pair[1] as string).trim());
      if (role === "signature" && pair[2] !== "") signatures.push(pair[2] as string);
      if (role === "timestamp") timestamp ??= pair[2] as string;
    }
    if (signatures.length === 0) return undefined;
    return timestamp !== undefined ? { signatures, timestamp } : { signatures };
  };
}

/** `sha256={signature}`, `v1,{signature}`, `{signature}`: each space-separated item inside prefix and suffix. */
function affixReader(text: string): HeaderFormat["read"] {
  const [prefix = "", suffix = ""] = text.split("{signature}");
  return (value) => {
    const trimmed = value.trim();
    // A bare signature is the whole value: a static token may well contain spaces.
    const items = prefix === "" && suffix === "" ? [trimmed] : trimmed.split(/\s+/);
    const signatures = items
      .filter((item) => item.length > prefix.length + suffix.length && item.startsWith(prefix) && item.endsWith(suffix))
      .map((item) => item.slice(prefix.length, item.length - suffix.length));
    return signatures.length > 0 ? { signatures } : undefined;
  };
}

/** Any other layout with both placeholders (`{timestamp}.{signature}`): one match of the whole value. */
function patternReader(text: string): HeaderFormat["read"] {
  const escaped = text.replace(/[.*+?^$()|[\]\\]/g, "\\$&");
  const order = [...text.matchAll(/\{(signature|timestamp)\}/g)].map((m) => m[1]);
  const pattern = new RegExp(`^${escaped.replace("{signature}", "(.+?)").replace("{timestamp}", "(.+?)")}$`);
  return (value) => {
    const match = pattern.exec(value.trim());
    if (!match) return undefined;
    const signature = match[order.indexOf("signature") + 1] as string;
    const timestamp = match[order.indexOf("timestamp") + 1];
    return timestamp !== undefined ? { signatures: [signature], timestamp } : { signatures: [signature] };
  };
}
