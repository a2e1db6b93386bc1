import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDispatcher, deliver, loadUndiciAgent } from "../../src/deliver/deliver.js";
import { faultOf } from "../../src/deliver/delivery-fault.js";
import type { WebhookRequest } from "../../src/primitives/webhook-request.js";
import { closedPort } from "../helpers/http-server.js";

const aRequest = (url: string): WebhookRequest => ({ method: "POST", url, headers: { "Content-Type": "application/json", "X-Trace": "t1" }, body: Buffer.from('{"a":1}') });

describe("deliver: one attempt, answers and faults as values", () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        if (req.url === "/big") return void res.end("x".repeat(200_000));
        res.setHeader("Set-Cookie", ["a=1", "b=2"]);
        res.writeHead(202, { "content-type": "text/plain", "x-echo-trace": String(req.headers["x-trace"]) });
        res.end(`${req.method} ${req.url} ${Buffer.concat(chunks).toString()}`);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("sends the exact bytes, path and headers, and returns the answer", async () => {
    const dispatcher = await createDispatcher({ timeoutMs: 2000 });
    const result = await deliver(aRequest(`${base}/hooks/in?x=1`), { dispatcher });
    await dispatcher.close();
    expect(result).toMatchObject({ ok: true, status: 202, body: 'POST /hooks/in?x=1 {"a":1}', bodyTruncated: false });
    if (!result.ok) throw new Error("unreachable");
    expect(result.headers["x-echo-trace"]).toBe("t1");
    expect(result.headers["set-cookie"]).toBe("a=1, b=2");
    expect(result.latencyMs).toBeGreaterThan(0);
  });

  it("keeps at most maxBodyBytes of a large answer", async () => {
    const result = await deliver(aRequest(`${base}/big`), { maxBodyBytes: 1000 });
    expect(result).toMatchObject({ ok: true, status: 200, bodyTruncated: true });
    if (result.ok) expect(result.body.length).toBe(1000);
  });

  it("reports a refused connection as a fault, never a throw", async () => {
    const port = await closedPort();
    const result = await deliver(aRequest(`http://127.0.0.1:${port}/`));
    expect(result).toMatchObject({ ok: false, fault: "refused", code: "ECONNREFUSED" });
    if (!result.ok) expect(result.message).toBe(`connection refused by 127.0.0.1:${port}: nothing is listening there (ECONNREFUSED)`);
  });

  it("reports a header undici refuses as a fault too", async () => {
    const bad = { ...aRequest(`${base}/`), headers: { "X-Bad": "a\nb" } };
    expect(await deliver(bad)).toMatchObject({ ok: false, fault: "error" });
  });
});

describe("faultOf", () => {
  const coded = (code: string, message = code) => Object.assign(new Error(message), { code });
  it.each([
    [coded("ECONNREFUSED"), "refused"],
    [coded("ENOTFOUND"), "dns"],
    [coded("EAI_AGAIN"), "dns"],
    [coded("UND_ERR_HEADERS_TIMEOUT"), "timeout"],
    [coded("UND_ERR_CONNECT_TIMEOUT"), "timeout"],
    [coded("ECONNRESET"), "reset"],
    [coded("UND_ERR_SOCKET"), "reset"],
    [coded("DEPTH_ZERO_SELF_SIGNED_CERT"), "tls"],
    [coded("ERR_TLS_CERT_ALTNAME_INVALID"), "tls"],
    [coded("HPE_INVALID_CONSTANT"), "protocol"],
    [coded("EHOSTUNREACH"), "unreachable"],
    [new Error("something else"), "error"],
  ] as const)("%s -> %s", (error, fault) => {
    expect(faultOf(error).fault).toBe(fault);
  });

  it("looks through causes and AggregateError attempts (IPv6 then IPv4)", () => {
    const aggregate = new AggregateError([coded("ECONNREFUSED"), coded("ECONNREFUSED")], "all attempts failed");
    expect(faultOf(aggregate).fault).toBe("refused");
    const wrapped = Object.assign(new Error("other side closed"), { code: "UND_ERR_SOCKET", cause: coded("ETIMEDOUT") });
    expect(faultOf(wrapped).fault).toBe("timeout");
  });
});

describe("the HTTP client", () => {
  it("is undici's own Agent, loaded without the rest of undici", async () => {
    expect(await loadUndiciAgent()).toBe((await import("undici")).Agent);
  });
});
