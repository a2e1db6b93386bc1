import { inputFiles } from "../../../inputs/read-requests.js";
import { parseDuration } from "../../../primitives/duration.js";
import { WhkInputError } from "../../../primitives/errors.js";
import { parseInstant } from "../../../primitives/time-format.js";
import { isAbsoluteUrl } from "../../../primitives/url-parts.js";
import type { VerifyOptions } from "../../../verify/verify-request.js";
import { getProvider } from "../../../providers/index.js";
import { EXIT_CHECK_FAILED, EXIT_OK, EXIT_USAGE } from "../../exit-codes.js";
import { readStdin } from "../../../primitives/read-input.js";
import { secretsFor, type SecretFlags } from "../../shared/secret-flags.js";
import { batchText, emptyBatch, verifyInto, type RenderOptions } from "./batch.js";

export interface VerifyFlags extends SecretFlags {
  provider?: string;
  tolerance?: string;
  at?: string;
  url?: string;
  path?: string;
  json?: boolean;
  showPreimage?: boolean;
  failuresOnly?: boolean;
  strict?: boolean;
}

/** `--url` (an absolute URL) or `--path` (a path, on each request's own origin): where to verify the requests as received. */
function receivedAt(flags: VerifyFlags): string | undefined {
  if (flags.url !== undefined && flags.path !== undefined) throw new WhkInputError("bad-flags", "--url and --path both say where the request was received", "pass one: --url for a whole URL, --path for the path alone");
  if (flags.url !== undefined && !(/^https?:/i.test(flags.url) && isAbsoluteUrl(flags.url))) {
    throw new WhkInputError("bad-url", `--url "${flags.url}" is not an absolute http(s) URL`, "write the URL the sender was given, e.g. --url https://shop.example/api/webhooks/in; for the path alone, use --path /api/webhooks/in");
  }
  if (flags.path !== undefined && !flags.path.startsWith("/")) throw new WhkInputError("bad-path", `--path "${flags.path}" does not start with /`, "write the path the sender signed, e.g. --path /api/webhooks/in (a query after ? replaces the captured one)");
  return flags.url ?? flags.path;
}

/**
 * Verifies captured requests and prints one verdict per request. Requests are judged one file at a time
 * and dropped, keeping only the rendered lines, so a batch of thousands stays fast. A request that
 * cannot be read is one line and the rest are still judged; when none can be, that is the input error.
 * Exit 0 when none is invalid (providers that document no signature, and other traffic in a recording,
 * do not fail), 1 when one is, 2 when one could not be read.
 */
export function runVerify(paths: readonly string[], flags: VerifyFlags): number {
  // Worked out when a request first needs them, then once per provider, not once per request.
  const known = new Map<string, readonly string[]>();
  const secretsOnce = (provider: string): readonly string[] => {
    let secrets = known.get(provider);
    if (secrets === undefined) known.set(provider, (secrets = secretsFor(flags, provider)));
    return secrets;
  };
  const options: VerifyOptions = { secretsFor: secretsOnce };
  if (flags.provider !== undefined) options.provider = getProvider(flags.provider).name;
  if (flags.tolerance !== undefined) options.toleranceMs = parseDuration(flags.tolerance, "--tolerance");
  if (flags.at !== undefined) options.now = parseInstant(flags.at, "--at");
  const url = receivedAt(flags);
  if (url !== undefined) options.url = url;
  if (flags.showPreimage) options.includePreimage = true;
  const render: RenderOptions = { json: flags.json === true, showPreimage: flags.showPreimage === true, failuresOnly: flags.failuresOnly === true, strict: flags.strict === true };
  const batch = emptyBatch();
  verifyInto(batch, inputFiles(paths), options, render, { readStdin: () => readStdin("whk verify") });
  if (batch.firstUnreadable !== undefined && batch.counts.unreadable === batch.total) throw batch.firstUnreadable.error;
  process.stdout.write(batchText(batch, render));
  if (batch.counts.unreadable > 0) return EXIT_USAGE;
  return batch.counts.invalid > 0 ? EXIT_CHECK_FAILED : EXIT_OK;
}
