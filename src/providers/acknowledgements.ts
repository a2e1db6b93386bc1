import type { Acknowledgement } from "./provider.js";
import { jsonPreview } from "../primitives/serialize-json.js";

const json = { "Content-Type": "application/json" };
const text = { "Content-Type": "text/plain" };

/** The provider counts HTTP 200 as delivered, whatever the body. */
export function http200(responseBody: string, summary = "HTTP 200"): Acknowledgement {
  return {
    summary,
    response: { status: 200, headers: json, body: responseBody },
    judge: (answer) => (answer.status === 200 ? { ok: true } : { ok: false, why: `expected HTTP 200, got ${answer.status}` }),
    status: { description: "status 200", matches: (status) => status === 200 },
  };
}

/** The provider counts any 2xx as delivered, whatever the body; `whk listen` answers 200 with `responseBody`. */
export function http2xx(responseBody: string, summary = "any HTTP 2xx"): Acknowledgement {
  return {
    summary,
    response: { status: 200, headers: json, body: responseBody },
    judge: (answer) => (answer.status >= 200 && answer.status <= 299 ? { ok: true } : { ok: false, why: `expected a 2xx answer, got HTTP ${answer.status}` }),
  };
}

/**
 * The provider counts a 2xx JSON body whose top-level `field` is `value` as delivered (`{"status":"OK"}`,
 * `{"success": true}`): judged as JSON, so key order and spacing do not matter.
 */
export function jsonFieldAck(field: string, value: string | boolean): Acknowledgement {
  const expected = JSON.stringify({ [field]: value });
  return {
    summary: `JSON ${expected}`,
    response: { status: 200, headers: json, body: expected },
    judge(answer) {
      if (answer.status < 200 || answer.status > 299) return { ok: false, why: `expected a 2xx answer with ${expected}, got HTTP ${answer.status}` };
      let parsed: unknown;
      try {
        parsed = JSON.parse(answer.body);
      } catch {
        return { ok: false, why: `expected JSON ${expected}, got a body that is not JSON` };
      }
      const got = parsed !== null && typeof parsed === "object" ? (parsed as Record<string, unknown>)[field] : undefined;
      return got === value ? { ok: true } : { ok: false, why: `expected JSON ${expected}, got ${field} ${jsonPreview(got ?? null, 200)}` };
    },
  };
}

/**
 * The provider documents its answer as HTTP 200 with a JSON object (`application/json`), optionally with
 * a string `field` in it (`{"status": "..."}`, say): a plain-text `OK` or an empty body is not that
 * answer. Judged as JSON, so spacing and key order do not matter; `whk listen` answers `responseBody`.
 */
export function http200JsonObject(responseBody: string, summary: string, field?: string): Acknowledgement {
  const wanted = field === undefined ? "a JSON object" : `a JSON object with a string "${field}"`;
  return {
    summary,
    response: { status: 200, headers: json, body: responseBody },
    judge(answer) {
      if (answer.status !== 200) return { ok: false, why: `expected HTTP 200 with ${wanted}, got ${answer.status}` };
      let parsed: unknown;
      try {
        parsed = JSON.parse(answer.body);
      } catch {
        return { ok: false, why: `expected ${wanted}, got ${answer.body === "" ? "an empty body" : `a body that is not JSON: ${JSON.stringify(answer.body.slice(0, 40))}`}` };
      }
      if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) return { ok: false, why: `expected ${wanted}, got JSON ${JSON.stringify(parsed)?.slice(0, 40)}` };
      if (field !== undefined && typeof (parsed as Record<string, unknown>)[field] !== "string") return { ok: false, why: `expected ${wanted}, got ${JSON.stringify(parsed).slice(0, 60)}` };
      return { ok: true };
    },
    status: { description: "status 200", matches: (status) => status === 200 },
  };
}

/** The provider counts a JSON body `{"status":"OK"}` as delivered. */
export function jsonStatusOk(): Acknowledgement {
  return jsonFieldAck("status", "OK");
}

/** The provider counts any 2xx as delivered; `listen` answers 200 with `responseBody` (what its docs show). */
export function any2xx(responseBody: string, summary: string, headers = text): Acknowledgement {
  return {
    summary,
    response: { status: 200, headers, body: responseBody },
    judge: (answer) => (answer.status >= 200 && answer.status <= 299 ? { ok: true } : { ok: false, why: `expected a 2xx answer, got HTTP ${answer.status}` }),
  };
}

/** The provider counts HTTP 200 whose body is exactly `word` (surrounding whitespace aside) as delivered. */
export function http200Text(word: string): Acknowledgement {
  return {
    summary: `HTTP 200 with the body ${word}`,
    response: { status: 200, headers: text, body: word },
    judge(answer) {
      if (answer.status !== 200) return { ok: false, why: `expected HTTP 200 with the body ${word}, got HTTP ${answer.status}` };
      return answer.body.trim() === word ? { ok: true } : { ok: false, why: `expected the body ${word}, got ${JSON.stringify(answer.body.slice(0, 60))}` };
    },
  };
}

/** The provider counts a status in a range with a JSON body as delivered (any JSON: `listen` answers `{}`). */
export function statusRangeWithJson(low: number, high: number): Acknowledgement {
  return {
    summary: `HTTP ${low}-${high} with a JSON body`,
    response: { status: 200, headers: json, body: "{}" },
    judge(answer) {
      if (answer.status < low || answer.status > high) return { ok: false, why: `expected HTTP ${low}-${high} with a JSON body, got HTTP ${answer.status}` };
      try {
        JSON.parse(answer.body);
        return { ok: true };
      } catch {
        return { ok: false, why: `expected a JSON body, got ${JSON.stringify(answer.body.slice(0, 60))}` };
      }
    },
  };
}
