import generated from "../providers/event-schemas.json" with { type: "json" };
import { bodyKindOf, parseBodyObject } from "../primitives/body-text.js";
import { collectIssues, matches, type JsonSchema, type SchemaIssue } from "../primitives/json-schema-check.js";
import type { WebhookRequest } from "../primitives/webhook-request.js";

/**
 * The event schemas as JSON Schema, generated from the zod ones (`npm run schemas`), so `whk verify`
 * does not load zod at all. test/unit/event-schemas-json.test.ts keeps the two in step.
 */
const eventJsonSchemas = generated as Record<string, { provider: string; description: string; jsonSchema: JsonSchema }>;

const lastMatch = new Map<string, string>();

/**
 * A body parsed once, for detection and the schema check alike: JSON parsed, or a form's fields as an
 * object (event schemas describe both the same way).
 */
export type ParsedBody = { isJson: true; json: unknown } | { isJson: false };

export function parseBody(request: Pick<WebhookRequest, "headers" | "body"> | Uint8Array): ParsedBody {
  const body = request instanceof Uint8Array ? request : request.body;
  const text = Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString("utf8");
  if (!(request instanceof Uint8Array) && bodyKindOf(request.headers) === "form") return { isJson: true, json: parseBodyObject("form", text) };
  try {
    return { isJson: true, json: JSON.parse(text) };
  } catch {
    return { isJson: false };
  }
}

/**
 * Checks a body against every documented event schema of its provider. A body that fits none is a
 * warning, never a failure: providers add fields and events faster than docs do.
 */
export function checkEventSchema(provider: string, body: Pick<WebhookRequest, "headers" | "body"> | Uint8Array | ParsedBody): string[] {
  const parsed = "isJson" in body ? body : parseBody(body);
  if (!parsed.isJson) return ["the body is not valid JSON"];
  const json = parsed.json;
  // A batch is mostly one event kind: try the schema that matched last first.
  const recent = lastMatch.get(provider);
  const recentSchema = recent !== undefined ? eventJsonSchemas[recent] : undefined;
  if (recentSchema !== undefined && matches(recentSchema.jsonSchema, json)) return [];
  const candidates = Object.entries(eventJsonSchemas).filter(([, entry]) => entry.provider === provider);
  for (const [name, entry] of candidates) {
    if (matches(entry.jsonSchema, json)) {
      lastMatch.set(provider, name);
      return [];
    }
  }
  // A misfit: only now work out every schema's issues, to name the closest one.
  let closest: { name: string; issues: SchemaIssue[] } | undefined;
  for (const [name, entry] of candidates) {
    const issues: SchemaIssue[] = [];
    collectIssues(entry.jsonSchema, json, "", issues);
    if (!closest || issues.length < closest.issues.length) closest = { name, issues };
  }
  if (!closest) return [];
  const first = closest.issues[0] as SchemaIssue;
  return [`the body fits no documented ${provider} event (closest: ${closest.name}, ${first.path}: ${first.message})`];
}
