import { allFixtures } from "../../core/fixture-catalog.js";
import type { Fixture } from "../../core/fixture.js";
import { getProvider, providers } from "../../providers/index.js";
import { EXIT_OK } from "../exit-codes.js";
import { formatTable } from "../table.js";

export interface ListFlags {
  provider?: string;
  json?: boolean;
}

/** The scheme a fixture is actually sent with: ChaiPay's refund webhook, for one, is unsigned. */
function schemeOf(fixture: Fixture): string {
  const scheme = providers[fixture.provider].scheme;
  const request = { method: "POST", url: "http://localhost/", headers: {}, body: Buffer.from(fixture.body) };
  return scheme.unsignedBecause?.(request) !== undefined ? "none" : scheme.id;
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
  return EXIT_OK;
}
