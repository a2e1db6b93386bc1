import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";
import { runWhkSync, type WhkRun } from "./run-whk.js";
import { prepareFixtureRequest } from "../../src/fixtures/prepare-fixture-request.js";
import { toRequestFile } from "../../src/primitives/request-file.js";
import { signRequest } from "../../src/sign/sign-request.js";
import type { WebhookRequest } from "../../src/primitives/webhook-request.js";

/** Shared by the verify e2e tests: run the real bin/whk.js, and make signed requests to feed it. */

export type Run = WhkRun;

/** A temporary directory for one test file, removed after its tests, and a way to write files into it. */
export function scratchDir(prefix: string): { dir: string; write(name: string, data: string | Buffer): string } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return {
    dir,
    write(name, data) {
      const path = join(dir, name);
      writeFileSync(path, data);
      return path;
    },
  };
}

export const run = (args: string[], input?: string | Buffer, env: Record<string, string> = {}): Run =>
  runWhkSync(args, { env, ...(input !== undefined ? { input } : {}) });

/** Hex, so it is a key for every scheme (some hex-decode the secret). */
export const aSecret = "e2e0c3d8a17f5b92";
/** Every fixture is signed as of this instant, and verified with --at it. */
export const anInstant = "2025-05-15T05:34:31.000Z";

export function signedFixture(id: string, url = "http://127.0.0.1:3000/webhooks/in"): WebhookRequest {
  const unsigned = prepareFixtureRequest({ fixture: id, url, seed: 3 });
  return signRequest(unsigned, { provider: unsigned.provider as never, secret: aSecret, now: new Date(anInstant) });
}

export const requestFileText = (request: WebhookRequest): string => JSON.stringify(toRequestFile(request));

export { stackFrames } from "./run-whk.js";
