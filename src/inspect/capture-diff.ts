import type { WebhookRequest } from "../primitives/webhook-request.js";
import { bodyLines, bodyView } from "./body-view.js";
import { lineDiff, type DiffLine } from "./line-diff.js";

export type FieldChange = "same" | "changed" | "only-a" | "only-b";

/** One header (or the method, or the URL) side by side. */
export interface FieldDiff {
  name: string;
  a: string | null;
  b: string | null;
  change: FieldChange;
}

export interface CaptureDiff {
  request: FieldDiff[];
  headers: FieldDiff[];
  body: {
    /** Byte for byte the same. */
    identical: boolean;
    sizes: [number, number];
    /** Different bytes, same lines once laid out: a re-formatting, which breaks a signature over the bytes. */
    layoutOnly: boolean;
    lines: DiffLine[];
  };
}

/**
 * Two requests compared: method and URL, headers matched by name whatever their case (in A's order, then
 * B's own), and the bodies line by line in their pretty form (JSON laid out, form fields one a line).
 */
export function diffRequests(a: WebhookRequest, b: WebhookRequest): CaptureDiff {
  const linesA = bodyLines(bodyView(a));
  const linesB = bodyLines(bodyView(b));
  const lines = lineDiff(linesA, linesB);
  const identical = a.body.equals(b.body);
  return {
    request: [field("method", a.method, b.method), field("url", a.url, b.url)],
    headers: diffHeaders(a.headers, b.headers),
    body: { identical, sizes: [a.body.length, b.body.length], layoutOnly: !identical && lines.every((line) => line.op === "same"), lines },
  };
}

function diffHeaders(a: Record<string, string>, b: Record<string, string>): FieldDiff[] {
  const inB = new Map(Object.entries(b).map(([name, value]) => [name.toLowerCase(), { name, value }]));
  const rows: FieldDiff[] = [];
  for (const [name, value] of Object.entries(a)) {
    const other = inB.get(name.toLowerCase());
    inB.delete(name.toLowerCase());
    rows.push(field(name, value, other?.value ?? null));
  }
  for (const { name, value } of inB.values()) rows.push(field(name, null, value));
  return rows;
}

function field(name: string, a: string | null, b: string | null): FieldDiff {
  const change: FieldChange = a === null ? "only-b" : b === null ? "only-a" : a === b ? "same" : "changed";
  return { name, a, b, change };
}
