import { headersFromPairs, type Headers } from "../primitives/headers.js";

/** Headers as they arrived, from Node's `rawHeaders` ([name, value, name, value ...]): case, order and repeats kept. */
export function headersFromRaw(raw: readonly string[]): Headers {
  return headersFromPairs(rawPairs(raw));
}

function* rawPairs(raw: readonly string[]): Generator<[string, string]> {
  for (let i = 0; i + 1 < raw.length; i += 2) yield [raw[i] ?? "", raw[i + 1] ?? ""];
}
