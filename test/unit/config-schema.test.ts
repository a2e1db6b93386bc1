import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { checkConfig } from "../../src/config/check-config.js";
import { configSchema } from "../../src/config/config-schema.js";
import { starterConfig } from "../../src/config/starter-config.js";
import { stripJsonComments } from "../../src/primitives/json-comments.js";
import { countIssues, KNOWN_KEYWORDS } from "../../src/primitives/json-schema-check.js";
import { keywordsIn, publishedSchema } from "../helpers/published-schema.js";

// `npm run schemas` regenerates config.schema.json (shipped at the package root) from the zod schema.
const { path: schemaPath, generated, published } = publishedSchema("config.schema.json", configSchema);

const goodConfigs: unknown[] = [
  {},
  { $schema: "./node_modules/whk/config.schema.json", fixtures: ["./webhooks"], providers: { fazz: { secret: { env: "FAZZ_SECRET" }, to: "http://localhost:8080/webhooks/fazz", headers: { "X-Env": "test" } } } },
  { providers: { topremit: { secret: { file: "secret.txt" }, options: { accessToken: "tok" } }, acmepay: { displayName: "AcmePay", signature: { algorithm: "hmac-sha256", message: "{timestamp}.{body}", header: "Acme-Signature", format: "t={timestamp},v1={signature}", timestamp: "unix", toleranceSeconds: 300 }, ack: { status: 200 }, retry: { delaysSeconds: [60, 600] }, secret: "literal" } } },
  { providers: { svix: { signature: { algorithm: "hmac-sha256", key: "base64:whsec_", message: "{header:webhook-id}.{timestamp}.{body}", encoding: "base64", header: "webhook-signature", format: "v1,{signature}", timestamp: "unix", timestampHeader: "webhook-timestamp" } } } },
];

const badConfigs: [unknown, string][] = [
  [{ providers: { acmepay: { signature: { algorithm: "hmac-sha256", header: "X", encoding: "hexadecimal" } } } }, "providers.acmepay.signature.encoding: expected hex, HEX, base64 or base64url"],
  [{ providers: { acmepay: { signature: { algorithm: "sha3", header: "X" } } } }, "providers.acmepay.signature.algorithm: expected hmac-sha1, hmac-sha256, hmac-sha512, sha256, sha512, md5 or token"],
  [{ providers: { fazz: { secret: { vault: "x" } } } }, 'providers.fazz.secret: expected a secret: "literal", {"env": "NAME"} or {"file": "path"}'],
  [{ provider: {} }, "provider: unexpected key (expected $schema, fixtures or providers)"],
  [{ providers: { Fazz: {} } }, "providers.Fazz: is not a valid name here (expected a lower-case provider name)"],
  [{ fixtures: "./webhooks" }, "fixtures: expected array, received string"],
  [{ providers: { acmepay: { secret: "s" } } }, 'providers.acmepay: is not a bundled provider, so it needs a "signature" block'],
  [{ providers: { fazz: { signature: { algorithm: "hmac-sha256", header: "X" } } } }, "providers.fazz.signature: fazz is a bundled provider"],
  [{ providers: { fazz: { options: { clientId: "x" } } } }, 'providers.fazz.options.clientId: fazz has no option "clientId"'],
  [{ providers: { acmepay: { signature: { algorithm: "sha256", header: "X" } } } }, "providers.acmepay.signature.message: a plain sha256 digest is keyed by nothing"],
  [{ providers: { fazz: { to: "ftp://x" } } }, "providers.fazz.to:"],
  [{ providers: { acmepay: { signature: { algorithm: "hmac-sha256", header: "X", key: "base32" } } } }, "providers.acmepay.signature.key: expected utf8, hex, base64 or base64:<prefix>"],
];

describe("config.schema.json, the published schema of whk.config.json", () => {
  it("is generated from the zod schema and up to date (else run `npm run schemas`)", () => {
    expect(readFileSync(schemaPath, "utf8")).toBe(generated);
  });

  it("uses only keywords whk's own validator knows (whk checks configs without zod)", () => {
    expect([...keywordsIn(published)].filter((k) => !KNOWN_KEYWORDS.has(k) && k !== "$schema")).toEqual([]);
  });

  it("agrees with zod on good and bad configs", () => {
    for (const config of [...goodConfigs, ...badConfigs.map(([config]) => config)]) {
      expect(countIssues(published, config) === 0, JSON.stringify(config)).toBe(configSchema.safeParse(config).success);
    }
  });

  it("accepts the starter config `whk init` writes", () => {
    expect(() => checkConfig(JSON.parse(stripJsonComments(starterConfig("fazz"))), "/p/whk.config.json")).not.toThrow();
  });
});

describe("checkConfig: one line naming the file, the JSON path and what was expected", () => {
  it.each(goodConfigs.map((config) => [JSON.stringify(config).slice(0, 60), config]))("accepts %s", (_name, config) => {
    expect(() => checkConfig(config, "/p/whk.config.json")).not.toThrow();
  });

  it.each(badConfigs)("rejects %j", (config, message) => {
    expect(() => checkConfig(config, "/p/whk.config.json")).toThrow(`whk.config.json: ${message}`);
  });
});
