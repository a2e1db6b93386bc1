import { buildRequest } from "../../../sign/sign-request.js";
import { readStdin, readUserFile } from "../../../primitives/read-input.js";
import { parseInstant } from "../../../primitives/time-format.js";
import type { WebhookRequest } from "../../../primitives/webhook-request.js";
import { getProvider } from "../../../providers/index.js";
import type { Provider } from "../../../providers/provider.js";
import { schemeFor } from "../../../schemes/scheme.js";
import { EXIT_OK } from "../../exit-codes.js";
import { formatRequest } from "../../../primitives/format-request.js";
import { providerOptionValues } from "../../shared/provider-flags.js";
import { projectSettingsFor, targetFor } from "../../shared/provider-settings.js";
import { parseHeaderFlags } from "../../shared/request-flags.js";
import { signingSecret, type SecretFlags } from "../../shared/secret-flags.js";
import { signerFor } from "../../shared/signer.js";

export type SignFormat = "headers" | "http" | "json" | "curl";

export interface SignFlags extends SecretFlags {
  provider: string;
  to?: string;
  json?: boolean;
  format?: SignFormat;
  header?: string[];
  timestamp?: string;
  /** Providers' declared flags (--access-token ...), by commander's attribute name. */
  [providerFlag: string]: unknown;
}

/** Signs an arbitrary body (the file's raw bytes, or stdin) the provider's way and prints the result. */
export function runSign(file: string, flags: SignFlags): number {
  const provider = getProvider(flags.provider);
  const body = file === "-" ? readStdin("whk sign") : readUserFile(file, "body file");
  const given = providerOptionValues(flags, provider);
  const settings = projectSettingsFor(provider.name, flags.header && flags.header.length > 0 ? parseHeaderFlags(flags.header) : undefined, Object.keys(given).length > 0 ? given : undefined);
  const unsigned = buildRequest({ provider, url: targetFor(flags.to, provider.name), body, ...settings });
  const secret = signingSecret(flags, provider);
  const now = flags.timestamp !== undefined ? parseInstant(flags.timestamp, "--timestamp") : new Date();
  const signed = signerFor(provider, secret, settings.options)(unsigned, now);
  noteWhenUnsigned(provider, unsigned);
  const format = flags.json ? "json" : (flags.format ?? "headers");
  if (format !== "headers") {
    process.stdout.write(formatRequest(signed, format));
    return EXIT_OK;
  }
  process.stdout.write(Object.entries(signed.headers).map(([name, value]) => `${name}: ${value}\n`).join(""));
  const where = schemeFor(provider.scheme, signed).signatureIn;
  if (where !== undefined && "bodyField" in where) {
    // The signature is inside the body, so the body is part of the answer; its bytes are written as is.
    process.stdout.write("\n");
    process.stdout.write(signed.body);
    if (process.stdout.isTTY) process.stdout.write("\n");
  }
  return EXIT_OK;
}

/** Says so on stderr when nothing was signed: a provider that documents no signature, or a body its scheme leaves unsigned. */
function noteWhenUnsigned(provider: Provider, request: WebhookRequest): void {
  if (!provider.scheme.needsSecret) {
    process.stderr.write(`whk: note: ${provider.displayName} documents no webhook signature, so there is nothing to sign\n`);
    return;
  }
  const why = provider.scheme.unsignedBecause?.(request);
  if (why !== undefined) process.stderr.write(`whk: note: this body was not signed: ${why}\n`);
}
