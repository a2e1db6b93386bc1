import type { Acknowledgement } from "./provider.js";

const json = { "Content-Type": "application/json" };

/** The provider counts HTTP 200 as delivered, whatever the body. */
export function http200(responseBody: string, summary = "HTTP 200"): Acknowledgement {
  return {
    summary,
    response: { status: 200, headers: json, body: responseBody },
    judge: (answer) => (answer.status === 200 ? { ok: true } : { ok: false, why: `expected HTTP 200, got ${answer.status}` }),
    status: { description: "status 200", matches: (status) => status === 200 },
  };
}

/** The provider counts a JSON body `{"status":"OK"}` as delivered. */
export function jsonStatusOk(): Acknowledgement {
  return {
    summary: 'JSON {"status":"OK"}',
    response: { status: 200, headers: json, body: '{"status":"OK"}' },
    judge(answer) {
      if (answer.status < 200 || answer.status > 299) return { ok: false, why: `expected a 2xx answer with {"status":"OK"}, got HTTP ${answer.status}` };
      let parsed: unknown;
      try {
        parsed = JSON.parse(answer.body);
      } catch {
        return { ok: false, why: `expected JSON {"status":"OK"}, got a body that is not JSON` };
      }
      const status = parsed !== null && typeof parsed === "object" ? (parsed as Record<string, unknown>)["status"] : undefined;
      return status === "OK" ? { ok: true } : { ok: false, why: `expected JSON {"status":"OK"}, got status ${JSON.stringify(status ?? null)}` };
    },
  };
}
