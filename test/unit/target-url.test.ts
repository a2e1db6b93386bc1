import { describe, expect, it } from "vitest";
import { parseTarget } from "../../src/primitives/target-url.js";

describe("send targets", () => {
  it.each([
    ["localhost", "http://localhost:4400/"],
    ["localhost:8080", "http://localhost:8080/"],
    ["127.0.0.1:8080/hooks/topremit?x=1", "http://127.0.0.1:8080/hooks/topremit?x=1"],
    [":4000", "http://localhost:4000/"],
    [":4000/cb", "http://localhost:4000/cb"],
    ["4000", "http://localhost:4000/"],
    ["https://merchant.example/webhooks", "https://merchant.example/webhooks"],
    ["http://[::1]:9000/x", "http://[::1]:9000/x"],
    ["[::1]", "http://[::1]:4400/"],
    ["[::1]:7000", "http://[::1]:7000/"],
    ["[::1]:7000/hooks?x=1", "http://[::1]:7000/hooks?x=1"],
    ["http://example.com", "http://example.com/"],
  ])("%s -> %s", (target, url) => {
    expect(parseTarget(target)).toBe(url);
  });

  it("keeps the path and query verbatim (Topremit signs them)", () => {
    expect(parseTarget("http://h:1/a%2Fb/./c?q=a b")).toBe("http://h:1/a%2Fb/./c?q=a b");
  });

  it.each(["", "ftp://x/", "http://", "localhost:abc", "http://user:pass@example.com:8080/x"])("rejects %j", (target) => {
    expect(() => parseTarget(target)).toThrow();
  });

  it("says a port is out of range", () => {
    expect(() => parseTarget("localhost:70000")).toThrow('"localhost:70000" has port "70000", outside 1-65535');
  });
});
