import { WhkInputError } from "../../../primitives/errors.js";
import { parseTarget } from "../../../primitives/target-url.js";
import { buildRequest, signRequest, type BuildOptions } from "../../../sign/sign-request.js";
import { parseInstant } from "../../../primitives/time-format.js";
import type { WebhookRequest } from "../../../primitives/webhook-request.js";
import { getProvider } from "../../../providers/index.js";
import type { Provider } from "../../../providers/provider.js";
import { parseJsonObject } from "../../../schemes/chaipay-signature.js";
import { EXIT_OK } from "../../exit-codes.js";
import { formatRequest } from "../../shared/format-request.js";
import { readStdin, readUserFile } from "../../../primitives/read-input.js";
import { DEFAULT_TARGET, parseHeaderFlags } from "../../shared/request-flags.js";
import { requireOneSecret, type SecretFlags } from "../../shared/secret-flags.js";

export type SignFormat = "headers" | "http" | "json" | "curl";

export interface SignFlags extends SecretFlags {
  provider: string;
  to?: string;
  json?: boolean;
  format?: SignFormat;
  header?: string[];
  timestamp?: string;
  accessToken?: string;
  partnerId?: string;
  channelId?: string;
}

const TOPREMIT_FLAGS = [
  ["accessToken", "--access-token"],
  ["partnerId", "--partner-id"],
  ["channelId", "--channel-id"],
] as const;

/** Signs an arbitrary body (the file's raw bytes, or stdin) the provider's way and prints the result. */
export function runSign(file: string, flags: SignFlags): number {
  const provider = getProvider(flags.provider);
  const secret = requireOneSecret(flags, provider.scheme.needsSecret, provider.displayName);
  const body = file === "-" ? readStdin("whk sign") : readUserFile(file, "body file");
  const options: BuildOptions = { provider: provider.name, url: parseTarget(flags.to ?? DEFAULT_TARGET), body };
  for (const [key, flag] of TOPREMIT_FLAGS) {
    const value = flags[key];
    if (value === undefined) continue;
    if (provider.name !== "topremit") throw new WhkInputError("flag-not-applicable", `${flag} applies to Topremit only`, `drop ${flag}, or use --provider topremit`);
    options[key] = value;
  }
  if (flags.header && flags.header.length > 0) options.headers = parseHeaderFlags(flags.header);
  if (provider.name === "chaipay" && !parseJsonObject(body)) {
    throw new WhkInputError("bad-body", "a ChaiPay body must be a JSON object: its signature goes in the body's signature_hash field", "pass a JSON object body");
  }
  const now = flags.timestamp !== undefined ? parseInstant(flags.timestamp, "--timestamp") : new Date();
  const unsigned = buildRequest(options);
  const signed = signRequest(unsigned, { provider, now, ...(secret !== undefined ? { secret } : {}) });
  noteWhenUnsigned(provider, unsigned, signed);
  const format = flags.json ? "json" : (flags.format ?? "headers");
  if (format !== "headers") {
    process.stdout.write(formatRequest(signed, format));
    return EXIT_OK;
  }
  process.stdout.write(Object.entries(signed.headers).map(([name, value]) => `${name}: ${value}\n`).join(""));
  if (provider.name === "chaipay") {
    // The signature is inside the body, so the body is part of the answer; its bytes are written as is.
    process.stdout.write("\n");
    process.stdout.write(signed.body);
    if (process.stdout.isTTY) process.stdout.write("\n");
  }
  return EXIT_OK;
}

/** Says so on stderr when nothing was signed: SingleView documents no signature; ChaiPay's refund is unsigned. */
function noteWhenUnsigned(provider: Provider, before: WebhookRequest, after: WebhookRequest): void {
  if (!provider.scheme.needsSecret) {
    process.stderr.write(`whk: note: ${provider.displayName} documents no webhook signature, so there is nothing to sign\n`);
  } else if (provider.name === "chaipay" && after.body.equals(before.body)) {
    process.stderr.write(
      "whk: note: this body has none of the fields that tell which ChaiPay webhook it is (link_ref, channel_key, method_name, channel_order_ref, signature_hash), so it was not signed (the refund webhook carries no signature)\n" +
        '  hint: add "signature_hash": "" to sign it as a subscription-link body, or add the payment fields\n',
    );
  }
}
