import { formatDuration } from "../../../primitives/duration.js";
import { allFixtures } from "../../../fixtures/fixture-catalog.js";
import type { Fixture } from "../../../fixtures/fixture.js";
import { getProvider } from "../../../providers/index.js";
import type { Provider } from "../../../providers/provider.js";
import { EXIT_OK } from "../../exit-codes.js";
import { formatTable } from "../../shared/table.js";

export interface ListFlags {
  provider?: string;
  json?: boolean;
}

/** The scheme a fixture is actually sent with: some events of a signing provider go unsigned (a refund webhook, say). */
function schemeOf(fixture: Fixture): string {
  const scheme = getProvider(fixture.provider).scheme;
  const request = { method: "POST", url: "http://localhost/", headers: {}, body: Buffer.from(fixture.body) };
  return scheme.unsignedBecause?.(request) !== undefined ? "none" : scheme.id;
}

/** Under a one-provider listing: how it signs, what it expects back and how soon, how it retries, where its docs are. */
function providerFacts(provider: Provider): string {
  const lines = [
    "",
    `${provider.displayName} (${provider.region})`,
    `  signature: ${provider.scheme.summary}`,
    `  expects:   ${provider.ack.summary}`,
    `  timeout:   ${provider.deliveryTimeout !== undefined ? `${formatDuration(provider.deliveryTimeout.ms)}: ${provider.deliveryTimeout.rule}` : "none documented"}`,
    `  retries:   ${provider.retry.summary}${provider.retry.documented ? `; then ${provider.retry.afterLastFailure}` : ""}`,
    ...(provider.docs.length > 0 ? ["  docs:", ...provider.docs.map((doc) => `    ${doc.title}: ${doc.url}`)] : []),
  ];
  return `${lines.join("\n")}\n`;
}

export function runList(flags: ListFlags): number {
  const provider = flags.provider !== undefined ? getProvider(flags.provider).name : undefined;
  const fixtures = allFixtures().filter((f) => provider === undefined || f.provider === provider);
  if (flags.json) {
    const rows = fixtures.map((f) => ({
      id: f.id,
      provider: f.provider,
      event: f.event,
      title: f.title,
      scheme: schemeOf(f),
      provenance: f.provenance.method,
      source: f.provenance.source,
      ...(f.provenance.url !== undefined ? { url: f.provenance.url } : {}),
    }));
    process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
    return EXIT_OK;
  }
  const rows = fixtures.map((f) => [f.id, f.provider, f.title, schemeOf(f), f.provenance.method]);
  process.stdout.write(formatTable(["ID", "PROVIDER", "EVENT", "SIGNATURE", "PROVENANCE"], rows));
  if (provider !== undefined) process.stdout.write(providerFacts(getProvider(provider)));
  return EXIT_OK;
}
