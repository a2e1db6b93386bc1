import { randomBytes } from "node:crypto";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createDispatcher, deliver, type DeliveryResult } from "../deliver/deliver.js";
import { allFixtures } from "../fixtures/fixture-catalog.js";
import type { Fixture } from "../fixtures/fixture.js";
import { startCaptureServer } from "../listen/capture-server.js";
import { prepareFixtureRequest } from "../fixtures/prepare-fixture-request.js";
import { parseRequestFile } from "../primitives/request-file.js";
import { signRequest } from "../sign/sign-request.js";
import { verifyRequest } from "../verify/verify-request.js";
import { relativeUrl } from "../primitives/url-parts.js";
import type { WebhookRequest } from "../primitives/webhook-request.js";
import { getProvider } from "../providers/index.js";

/** One fixture's trip: sent, captured, read back, verified, acknowledged. */
export interface DemoRow {
  fixture: string;
  provider: string;
  /** The listener's HTTP status, or null when the delivery got no answer. */
  status: number | null;
  /** "byte-exact", or what went wrong with the capture file. */
  captured: string;
  /** "yes", "unsigned (none documented)", or "no: <reason>". */
  signature: string;
  /** "yes", or "no: <why>" per the provider's acknowledgement rule. */
  ack: string;
  pass: boolean;
}

export interface DemoReport {
  rows: DemoRow[];
  /** Where the captures were written (deleted after the run unless `keep`). */
  capturesDir: string;
  kept: boolean;
}

/**
 * The whole loop in-process: a capture server on 127.0.0.1 with a fresh random secret (never shown), every
 * fixture signed and delivered to its own path, every capture file read back, verified and compared
 * with the bytes sent, every answer judged by the provider's acknowledgement rule.
 */
export async function runDemo(options: { keep?: boolean; fixtures?: readonly Fixture[] } = {}): Promise<DemoReport> {
  // Hex: it is a valid key for every scheme, including those that hex-decode the secret into the HMAC key.
  const secret = randomBytes(32).toString("hex");
  const capturesDir = await mkdtemp(join(tmpdir(), "whk-demo-"));
  const dispatcher = await createDispatcher({ timeoutMs: 10_000 });
  try {
    const server = await startCaptureServer({ port: 0, host: "127.0.0.1", outDir: capturesDir, secrets: [secret] });
    const fixtures = options.fixtures ?? allFixtures();
    let sent: { fixture: Fixture; request: WebhookRequest; result: DeliveryResult }[];
    try {
      sent = await Promise.all(
        fixtures.map(async (fixture) => {
          const unsigned = prepareFixtureRequest({ fixture, url: `${server.url}demo/${fixture.id}` });
          const request = signRequest(unsigned, { provider: fixture.provider, secret, now: new Date() });
          return { fixture, request, result: await deliver(request, { dispatcher }) };
        }),
      );
    } finally {
      await server.close();
    }
    const captures = await readCaptures(capturesDir);
    const rows = sent.map(({ fixture, request, result }) => rowOf(fixture, request, result, captures.get(relativeUrl(request.url)), secret));
    return { rows, capturesDir, kept: options.keep === true };
  } finally {
    await dispatcher.close();
    if (options.keep !== true) await rm(capturesDir, { recursive: true, force: true });
  }
}

/** Capture files by the path they were sent to (each fixture has its own). */
async function readCaptures(dir: string): Promise<Map<string, WebhookRequest>> {
  const byPath = new Map<string, WebhookRequest>();
  for (const name of (await readdir(dir)).filter((n) => n.endsWith(".json"))) {
    const request = parseRequestFile(await readFile(join(dir, name), "utf8"), name);
    byPath.set(relativeUrl(request.url), request);
  }
  return byPath;
}

function rowOf(fixture: Fixture, sent: WebhookRequest, result: DeliveryResult, capture: WebhookRequest | undefined, secret: string): DemoRow {
  const provider = getProvider(fixture.provider);
  const row: DemoRow = { fixture: fixture.id, provider: fixture.provider, status: result.ok ? result.status : null, captured: "missing", signature: "not checked", ack: result.ok ? "" : `no: ${result.message}`, pass: false };
  if (result.ok) {
    const judged = provider.ack.judge({ status: result.status, headers: result.headers, body: result.body });
    row.ack = judged.ok ? "yes" : `no: ${judged.why}`;
  }
  if (capture !== undefined) {
    row.captured = capture.body.equals(sent.body) ? "byte-exact" : "body differs";
    const verdict = verifyRequest(capture, { secret });
    row.signature = verdict.reason === "valid-signature" ? "yes" : verdict.reason === "unsigned-provider" ? "unsigned (none documented)" : `no: ${verdict.reason}`;
  }
  row.pass = row.captured === "byte-exact" && (row.signature === "yes" || row.signature.startsWith("unsigned")) && row.ack === "yes";
  return row;
}
