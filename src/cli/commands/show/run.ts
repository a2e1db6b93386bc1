import { getFixture } from "../../../fixtures/fixture-catalog.js";
import { prepareFixtureRequest } from "../../../fixtures/prepare-fixture-request.js";
import { parseInstant } from "../../../primitives/time-format.js";
import { getProvider } from "../../../providers/index.js";
import { EXIT_OK } from "../../exit-codes.js";
import { formatRequest, type RequestFormat } from "../../../primitives/format-request.js";
import { parseRequestFlags, prepareOptionsFor, type RequestFlags } from "../../shared/request-flags.js";
import { signingSecret } from "../../shared/secret-flags.js";
import { signerFor } from "../../shared/signer.js";

export interface ShowFlags extends RequestFlags {
  json?: boolean;
  format?: RequestFormat;
}

/** Prints exactly the request `whk send` would make: same render, same headers, same signature. */
export function runShow(fixtureId: string, flags: ShowFlags): number {
  const fixture = getFixture(fixtureId);
  const provider = getProvider(fixture.provider);
  const secret = signingSecret(flags, provider);
  const prepare = prepareOptionsFor(fixture, parseRequestFlags(flags));
  const unsigned = prepareFixtureRequest(prepare);
  const now = flags.timestamp !== undefined ? parseInstant(flags.timestamp, "--timestamp") : new Date();
  const request = signerFor(provider, secret, prepare.options)(unsigned, now);
  process.stdout.write(formatRequest(request, flags.json ? "json" : (flags.format ?? "http")));
  return EXIT_OK;
}
