/**
 * A small validator for the JSON Schema subset that zod's `z.toJSONSchema` emits for whk's event
 * schemas. `whk verify` checks bodies with it instead of loading zod (~50 ms of start-up per process);
 * test/unit/event-schemas-json.test.ts keeps the generated schemas in step with the zod ones and checks
 * both give the same verdicts. A keyword this file does not know fails that test, never silently passes.
 */
import { serializeJson } from "./serialize-json.js";

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
  /** Words for what the value should be; a failed anyOf/oneOf says "expected <description>". */
  description?: string;
}

export const KNOWN_KEYWORDS = new Set([
  "type", "properties", "required", "additionalProperties", "propertyNames", "items", "enum", "const", "anyOf", "oneOf",
  "allOf", "pattern", "minLength", "maxLength", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "format",
  "description",
]);

/** "a, b or c": how a person lists the allowed values. */
function either(values: readonly unknown[]): string {
  const words = values.map((v) => (typeof v === "string" ? v : JSON.stringify(v)));
  return words.length <= 1 ? (words[0] ?? "") : `${words.slice(0, -1).join(", ")} or ${words[words.length - 1]}`;
}

export interface SchemaIssue {
  path: string;
  message: string;
}

const patterns = new Map<string, RegExp>();
const typeOf = (value: unknown): string =>
  value === null ? "null" : Array.isArray(value) ? "array" : Number.isInteger(value) ? "integer" : typeof value;
/** `a` is the schema's (small) value; `b` the body's, which may be nested arbitrarily deep: compared without recursion. */
const sameJson = (a: unknown, b: unknown): boolean => {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return false;
  const expected = serializeJson(a) as string;
  return serializeJson(b, { maxLength: expected.length }) === expected;
};

type Check = (value: unknown) => boolean;

/** What a JSON Schema type accepts, as one test (an integer is a number too). */
function typeCheck(type: string): Check {
  switch (type) {
    case "string":
      return (v) => typeof v === "string";
    case "number":
      return (v) => typeof v === "number";
    case "integer":
      return (v) => Number.isInteger(v);
    case "boolean":
      return (v) => typeof v === "boolean";
    case "null":
      return (v) => v === null;
    case "array":
      return (v) => Array.isArray(v);
    case "object":
      return (v) => v !== null && typeof v === "object" && !Array.isArray(v);
    default:
      return (v) => typeOf(v) === type;
  }
}

/** Appends the value's problems to `out`, stopping once `out` holds `limit` of them. */
export function collectIssues(schema: JsonSchema, value: unknown, path: string, out: SchemaIssue[], limit = 50): void {
  const add = (message: string, at = path) => {
    if (out.length < limit) out.push({ path: at || "(root)", message });
  };
  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? schema.type : [schema.type];
    if (!types.some((t) => typeCheck(t)(value))) return add(`expected ${types.join(" or ")}, received ${typeOf(value)}`);
  }
  if (schema.const !== undefined && !sameJson(schema.const, value)) add(`expected ${JSON.stringify(schema.const)}`);
  if (schema.enum !== undefined && !schema.enum.some((option) => sameJson(option, value))) {
    add(`expected ${either(schema.enum)}`);
  }
  for (const group of [schema.anyOf, schema.oneOf]) {
    if (group !== undefined && !group.some((option) => countIssues(option, value, path) === 0)) add(`expected ${schema.description ?? "one of the allowed shapes"}`);
  }
  for (const part of schema.allOf ?? []) collectIssues(part, value, path, out, limit);
  if (typeof value === "string") {
    if (schema.minLength !== undefined && [...value].length < schema.minLength) add(`shorter than ${schema.minLength} characters`);
    if (schema.maxLength !== undefined && [...value].length > schema.maxLength) add(`longer than ${schema.maxLength} characters`);
    if (schema.pattern !== undefined && !regexFor(schema.pattern).test(value)) add(schema.description !== undefined ? `expected ${schema.description}` : `does not match ${schema.pattern}`);
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
      if (schema.propertyNames !== undefined && countIssues(schema.propertyNames, key) > 0) {
        add(`is not a valid name here (expected ${schema.propertyNames.description ?? schema.propertyNames.pattern ?? "another name"})`, at);
        continue;
      }
      const own = schema.properties?.[key];
      if (own !== undefined) collectIssues(own, field, at, out, limit);
      else if (schema.additionalProperties === false) add(`unexpected key (expected ${either(Object.keys(schema.properties ?? {}))})`, at);
      else if (typeof schema.additionalProperties === "object") collectIssues(schema.additionalProperties, field, at, out, limit);
    }
  }
}

function regexFor(pattern: string): RegExp {
  let regex = patterns.get(pattern);
  if (!regex) patterns.set(pattern, (regex = new RegExp(pattern, "u")));
  return regex;
}

const compiled = new WeakMap<JsonSchema, Check>();

/**
 * Whether the value fits: the same rules as `collectIssues`, answered without building a single issue
 * or path string. Each schema is compiled once into a tree of closures that test only the keywords it
 * has: `whk verify` calls this once per request, and the issues are only worked out for a misfit.
 */
export function matches(schema: JsonSchema, value: unknown): boolean {
  let check = compiled.get(schema);
  if (!check) compiled.set(schema, (check = compile(schema)));
  return check(value);
}

function compile(schema: JsonSchema): Check {
  const checks: Check[] = [];
  if (schema.type !== undefined) {
    const types = (Array.isArray(schema.type) ? schema.type : [schema.type]).map(typeCheck);
    checks.push(types.length === 1 ? (types[0] as Check) : (v) => types.some((type) => type(v)));
  }
  if (schema.const !== undefined) checks.push((v) => sameJson(schema.const, v));
  if (schema.enum !== undefined) {
    const options = schema.enum;
    // An enum of strings, numbers, booleans and null (as every event schema's is) is one look-up.
    const primitives = options.every((option) => option === null || typeof option !== "object") ? new Set(options) : undefined;
    checks.push(primitives !== undefined ? (v) => primitives.has(v) : (v) => options.some((option) => sameJson(option, v)));
  }
  for (const group of [schema.anyOf, schema.oneOf]) {
    if (group === undefined) continue;
    const alternatives = group.map(compile);
    checks.push((v) => alternatives.some((alternative) => alternative(v)));
  }
  if (schema.allOf !== undefined) {
    const parts = schema.allOf.map(compile);
    checks.push((v) => parts.every((part) => part(v)));
  }
  const { minLength, maxLength, pattern, minimum, maximum, exclusiveMinimum, exclusiveMaximum } = schema;
  if (minLength !== undefined || maxLength !== undefined || pattern !== undefined) {
    const regex = pattern !== undefined ? regexFor(pattern) : undefined;
    checks.push((v) => {
      if (typeof v !== "string") return true;
      if (minLength !== undefined || maxLength !== undefined) {
        const length = [...v].length;
        if ((minLength !== undefined && length < minLength) || (maxLength !== undefined && length > maxLength)) return false;
      }
      return regex === undefined || regex.test(v);
    });
  }
  if (minimum !== undefined || maximum !== undefined || exclusiveMinimum !== undefined || exclusiveMaximum !== undefined) {
    checks.push((v) =>
      typeof v !== "number" ||
      !((minimum !== undefined && v < minimum) || (maximum !== undefined && v > maximum) ||
        (exclusiveMinimum !== undefined && v <= exclusiveMinimum) || (exclusiveMaximum !== undefined && v >= exclusiveMaximum)),
    );
  }
  if (schema.items !== undefined) {
    const item = compile(schema.items);
    checks.push((v) => !Array.isArray(v) || v.every(item));
  }
  if (schema.required !== undefined || schema.properties !== undefined || schema.additionalProperties !== undefined || schema.propertyNames !== undefined) {
    const required = schema.required ?? [];
    const nameCheck = schema.propertyNames !== undefined ? compile(schema.propertyNames) : undefined;
    const properties = new Map(Object.entries(schema.properties ?? {}).map(([key, sub]) => [key, compile(sub)]));
    const extra = schema.additionalProperties;
    const extraCheck = typeof extra === "object" ? compile(extra) : undefined;
    checks.push((v) => {
      if (v === null || typeof v !== "object" || Array.isArray(v)) return true;
      const record = v as Record<string, unknown>;
      for (const key of required) if (!(key in record)) return false;
      for (const key in record) {
        if (nameCheck !== undefined && !nameCheck(key)) return false;
        const own = properties.get(key);
        if (own !== undefined) {
          if (!own(record[key])) return false;
        } else if (extra === false || (extraCheck !== undefined && !extraCheck(record[key]))) return false;
      }
      return true;
    });
  }
  if (checks.length === 1) return checks[0] as Check;
  return (v) => {
    for (const check of checks) if (!check(v)) return false;
    return true;
  };
}

export function countIssues(schema: JsonSchema, value: unknown, path = ""): number {
  const out: SchemaIssue[] = [];
  collectIssues(schema, value, path, out);
  return out.length;
}
