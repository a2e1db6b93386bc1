import { inputFiles } from "../../../inputs/read-requests.js";
import { parseDuration } from "../../../primitives/duration.js";
import { parseInstant } from "../../../primitives/time-format.js";
import type { VerifyOptions } from "../../../verify/verify-request.js";
import { getProvider } from "../../../providers/index.js";
import { EXIT_CHECK_FAILED, EXIT_OK } from "../../exit-codes.js";
import { readStdin } from "../../../primitives/read-input.js";
import { secretsFor, type SecretFlags } from "../../shared/secret-flags.js";
import { batchText, emptyBatch, verifyInto, type RenderOptions } from "./batch.js";

export interface VerifyFlags extends SecretFlags {
  provider?: string;
  tolerance?: string;
  at?: string;
  json?: boolean;
  showPreimage?: boolean;
  failuresOnly?: boolean;
}

/**
 * Verifies captured requests and prints one verdict per request. Nothing is printed until every input
 * was read, so a bad one stops the run with exit 2 and no partial output. Requests are judged one file
 * at a time and dropped, keeping only the rendered lines, so a batch of thousands stays fast.
 * Exit 0 when none is invalid (providers that document no signature do not fail), 1 otherwise.
 */
export function runVerify(paths: readonly string[], flags: VerifyFlags): number {
  const options: VerifyOptions = { secretsFor: (provider) => secretsFor(flags, provider) };
  if (flags.provider !== undefined) options.provider = getProvider(flags.provider).name;
  if (flags.tolerance !== undefined) options.toleranceMs = parseDuration(flags.tolerance, "--tolerance");
  if (flags.at !== undefined) options.now = parseInstant(flags.at, "--at");
  if (flags.showPreimage) options.includePreimage = true;
  const render: RenderOptions = { json: flags.json === true, showPreimage: flags.showPreimage === true, failuresOnly: flags.failuresOnly === true };
  const batch = emptyBatch();
  verifyInto(batch, inputFiles(paths), options, render, { readStdin: () => readStdin("whk verify") });
  process.stdout.write(batchText(batch, render));
  return batch.counts.invalid > 0 ? EXIT_CHECK_FAILED : EXIT_OK;
}
