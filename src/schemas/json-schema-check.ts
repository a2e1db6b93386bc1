/**
 * A small validator for the JSON Schema subset that zod's `z.toJSONSchema` emits for whk's event
 * schemas. `whk verify` checks bodies with it instead of loading zod (~50 ms of start-up per process);
 * test/unit/event-schemas-json.test.ts keeps the generated schemas in step with the zod ones and checks
 * both give the same verdicts. A keyword this file does not know fails that test, never silently passes.
 */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  propertyNames?: JsonSchema;
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  format?: string;
}

export const KNOWN_KEYWORDS = new Set([
  "type", "properties", "required", "additionalProperties", "propertyNames", "items", "enum", "const", "anyOf", "oneOf",
  "allOf", "pattern", "minLength", "maxLength", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "format",
]);

export interface SchemaIssue {
  path: string;
  message: string;
}

const patterns = new Map<string, RegExp>();
const typeOf = (value: unknown): string =>
  value === null ? "null" : Array.isArray(value) ? "array" : Number.isInteger(value) ? "integer" : typeof value;
const sameJson = (a: unknown, b: unknown): boolean => a === b || (typeof a === "object" && typeof b === "object" && JSON.stringify(a) === JSON.stringify(b));

function typeMatches(expected: string, value: unknown): boolean {
  const actual = typeOf(value);
  return expected === actual || (expected === "number" && actual === "integer");
}

/** Appends the value's problems to `out`, stopping once `out` holds `limit` of them. */
export function collectIssues(schema: JsonSchema, value: unknown, path: string, out: SchemaIssue[], limit = 50): void {
  const add = (message: string, at = path) => {
    if (out.length < limit) out.push({ path: at || "(root)", message });
  };
  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? schema.type : [schema.type];
    if (!types.some((t) => typeMatches(t, value))) return add(`expected ${types.join(" or ")}, received ${typeOf(value)}`);
  }
  if (schema.const !== undefined && !sameJson(schema.const, value)) add(`expected ${JSON.stringify(schema.const)}`);
  if (schema.enum !== undefined && !schema.enum.some((option) => sameJson(option, value))) {
    add(`expected one of ${schema.enum.map((o) => JSON.stringify(o)).join(", ")}`);
  }
  for (const group of [schema.anyOf, schema.oneOf]) {
    if (group !== undefined && !group.some((option) => countIssues(option, value, path) === 0)) add("matches none of the allowed shapes");
  }
  for (const part of schema.allOf ?? []) collectIssues(part, value, path, out, limit);
  if (typeof value === "string") {
    if (schema.minLength !== undefined && [...value].length < schema.minLength) add(`shorter than ${schema.minLength} characters`);
    if (schema.maxLength !== undefined && [...value].length > schema.maxLength) add(`longer than ${schema.maxLength} characters`);
    if (schema.pattern !== undefined && !regexFor(schema.pattern).test(value)) add(`does not match ${schema.pattern}`);
  }
  if (typeof value === "number") {
    if (schema.minimum !== undefined && value < schema.minimum) add(`below ${schema.minimum}`);
    if (schema.maximum !== undefined && value > schema.maximum) add(`above ${schema.maximum}`);
    if (schema.exclusiveMinimum !== undefined && value <= schema.exclusiveMinimum) add(`not above ${schema.exclusiveMinimum}`);
    if (schema.exclusiveMaximum !== undefined && value >= schema.exclusiveMaximum) add(`not below ${schema.exclusiveMaximum}`);
  }
  if (Array.isArray(value) && schema.items !== undefined) {
    value.forEach((item, index) => collectIssues(schema.items as JsonSchema, item, path ? `${path}.${index}` : String(index), out, limit));
  }
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    const record = value as Record<string, unknown>;
    for (const key of schema.required ?? []) if (!(key in record)) add("required", path ? `${path}.${key}` : key);
    for (const [key, field] of Object.entries(record)) {
      const at = path ? `${path}.${key}` : key;
      const own = schema.properties?.[key];
      if (own !== undefined) collectIssues(own, field, at, out, limit);
      else if (schema.additionalProperties === false) add("unexpected key", at);
      else if (typeof schema.additionalProperties === "object") collectIssues(schema.additionalProperties, field, at, out, limit);
    }
  }
}

function regexFor(pattern: string): RegExp {
  let regex = patterns.get(pattern);
  if (!regex) patterns.set(pattern, (regex = new RegExp(pattern, "u")));
  return regex;
}

/**
 * Whether the value fits: the same rules as `collectIssues`, answered without building a single issue
 * or path string. `whk verify` calls this once per request; the issues are only worked out for a misfit.
 */
export function matches(schema: JsonSchema, value: unknown): boolean {
  if (schema.type !== undefined) {
    if (typeof schema.type === "string" ? !typeMatches(schema.type, value) : !schema.type.some((t) => typeMatches(t, value))) return false;
  }
  if (schema.const !== undefined && !sameJson(schema.const, value)) return false;
  if (schema.enum !== undefined && !schema.enum.some((option) => sameJson(option, value))) return false;
  if (schema.anyOf !== undefined && !schema.anyOf.some((option) => matches(option, value))) return false;
  if (schema.oneOf !== undefined && !schema.oneOf.some((option) => matches(option, value))) return false;
  if (schema.allOf !== undefined && !schema.allOf.every((part) => matches(part, value))) return false;
  if (typeof value === "string") {
    if (schema.minLength !== undefined && [...value].length < schema.minLength) return false;
    if (schema.maxLength !== undefined && [...value].length > schema.maxLength) return false;
    if (schema.pattern !== undefined && !regexFor(schema.pattern).test(value)) return false;
  } else if (typeof value === "number") {
    if (schema.minimum !== undefined && value < schema.minimum) return false;
    if (schema.maximum !== undefined && value > schema.maximum) return false;
    if (schema.exclusiveMinimum !== undefined && value <= schema.exclusiveMinimum) return false;
    if (schema.exclusiveMaximum !== undefined && value >= schema.exclusiveMaximum) return false;
  } else if (Array.isArray(value)) {
    if (schema.items !== undefined) for (const item of value) if (!matches(schema.items, item)) return false;
  } else if (value !== null && typeof value === "object") {
    const record = value as Record<string, unknown>;
    if (schema.required !== undefined) for (const key of schema.required) if (!(key in record)) return false;
    for (const key in record) {
      const own = schema.properties?.[key];
      if (own !== undefined) {
        if (!matches(own, record[key])) return false;
      } else if (schema.additionalProperties === false) return false;
      else if (typeof schema.additionalProperties === "object" && !matches(schema.additionalProperties, record[key])) return false;
    }
  }
  return true;
}

export function countIssues(schema: JsonSchema, value: unknown, path = ""): number {
  const out: SchemaIssue[] = [];
  collectIssues(schema, value, path, out);
  return out.length;
}
