import { replayRequest } from "../../../deliver/replay-request.js";
import { readRequests } from "../../../inputs/read-requests.js";
import { applyFieldOverrides } from "../../../primitives/body-text.js";
import { WhkInputError } from "../../../primitives/errors.js";
import { setHeader } from "../../../primitives/headers.js";
import { assertSafeHeaders } from "../../../primitives/header-text.js";
import { readStdin } from "../../../primitives/read-input.js";
import type { WebhookRequest } from "../../../primitives/webhook-request.js";
import { getProvider } from "../../../providers/index.js";
import { detectProvider } from "../../../verify/detect-provider.js";
import { projectSettingsFor, targetFor } from "../../shared/provider-settings.js";
import { signerFor } from "../../shared/signer.js";
import type { Outgoing } from "../../shared/deliver-outgoing.js";
import type { SendContext } from "./context.js";
import type { ReplaySettings } from "./options.js";

/**
 * `send --from`: every captured request (request files, directories of them, NDJSON, HAR, raw HTTP),
 * read and edited before the first is sent, so a bad input stops the run with nothing on the wire.
 * Without --resign each goes out as captured (plus any --set/--data/--header, the old signature kept:
 * a forgery the receiver should refuse); with --resign the provider signs it again, at the new URL,
 * with a fresh timestamp. Ids are kept either way: a redelivery of the same event, as the provider's
 * own retries are.
 */
export function replayDeliveries(context: SendContext, replay: ReplaySettings): Outgoing[] {
  const { flags } = context;
  const edited = flags.data !== undefined || flags.set !== undefined || flags.headers !== undefined;
  const sources = readRequests(replay.paths, { readStdin: () => readStdin("send --from") });
  const outgoing = sources.map(({ source, request }): Outgoing => {
    const detected = replay.provider ?? detectProvider(request)?.provider;
    const provider = detected !== undefined ? getProvider(detected) : undefined;
    let next = replayRequest(request, targetFor(flags.to, provider?.name));
    for (const [name, value] of Object.entries(flags.headers ?? {})) next = { ...next, headers: setHeader(next.headers, name, value) };
    if (flags.data !== undefined) next = { ...next, body: Buffer.from(flags.data) };
    if (flags.set !== undefined) next = { ...next, body: applyFieldOverrides(next.body, next.headers, flags.set) };
    const subject = { source };
    if (!replay.resign) {
      assertSafeHeaders(next.headers, source);
      const asCaptured: WebhookRequest = next;
      return { subject, provider, sign: () => asCaptured };
    }
    if (provider === undefined) {
      throw new WhkInputError("unknown-sender", `${source}: no provider's headers or body match it, so whk cannot sign it again`, "name the sender with --provider (see `whk list`), or replay it as captured without --resign");
    }
    const sign = signerFor(provider, context.secretOf(provider), projectSettingsFor(provider.name, undefined, undefined).options);
    const unsigned: WebhookRequest = { ...next, provider: provider.name };
    sign(unsigned, new Date()); // a body the scheme cannot sign fails now, before anything is sent
    return { subject, provider, sign: (now) => sign(unsigned, now) };
  });
  if (edited && !replay.resign) {
    process.stderr.write("whk: --set/--data/--header changed the requests and their captured signatures were kept: a receiver should refuse them (add --resign to sign them again)\n");
  }
  return outgoing;
}
