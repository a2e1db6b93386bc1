import { fixturesOf, getFixture } from "../../../fixtures/fixture-catalog.js";
import type { Fixture } from "../../../fixtures/fixture.js";
import { WhkInputError } from "../../../primitives/errors.js";
import { buildProbeCases } from "../../../probe/probe-cases.js";
import { buildLifecycleCases, lifecycleScenario } from "../../../probe/lifecycle-cases.js";
import { junitReport } from "../../../probe/junit-report.js";
import { runProbe } from "../../../probe/run-probe.js";
import { parseDuration } from "../../../primitives/duration.js";
import { DEFAULT_TOLERANCE_MS } from "../../../verify/verify-request.js";
import { waitForTarget } from "../../../deliver/wait-for-target.js";
import { createDispatcher, deliver } from "../../../deliver/deliver.js";
import { allProviders, findProvider, getProvider } from "../../../providers/index.js";
import type { Provider } from "../../../providers/provider.js";
import { EXIT_CHECK_FAILED, EXIT_OK } from "../../exit-codes.js";
import { renderProbeRows, renderProbeRules, renderProbeSummary, schemeCaveat } from "./output.js";
import { checkSaveDirectory, createSaveDirectory, probeSaver } from "./save.js";
import { providerEntry } from "../../../config/project.js";
import { project } from "../../shared/project.js";
import { projectSettingsFor, targetFor } from "../../shared/provider-settings.js";
import { jsonLine } from "../../shared/terminal-text.js";
import { requireOneSecret, type SecretFlags } from "../../shared/secret-flags.js";
import { assertWritableDirectoryOf, writeFileAtomic } from "../../../primitives/write-file-atomic.js";

export interface ProbeFlags extends SecretFlags {
  to?: string;
  tolerance?: string;
  timeout?: string;
  wait?: string | boolean;
  json?: boolean;
  junit?: string;
  save?: string;
  insecure?: boolean;
  scenario?: string;
}

const DEFAULT_WAIT_MS = 30_000;

/** Every event of a provider, or the one fixture named (`single`: then no lifecycle checks). */
function fixturesToProbe(subject: string): { provider: Provider; fixtures: readonly Fixture[]; single?: true } {
  const named = findProvider(subject);
  if (named !== undefined) {
    const fixtures = fixturesOf(named.name);
    if (fixtures.length === 0) throw new WhkInputError("no-fixture", `${named.displayName} has no fixtures to probe with`, "add one to its fixture folder, or name a fixture id from `whk list`");
    return { provider: named, fixtures };
  }
  try {
    const fixture = getFixture(subject);
    return { provider: getProvider(fixture.provider), fixtures: [fixture], single: true };
  } catch {
    const names = allProviders().map((p) => p.name).join(", ");
    throw new WhkInputError("unknown-subject", `"${subject}" is neither a provider nor a fixture`, `name a provider (${names}) or a fixture id from \`whk list\``);
  }
}

/** `whk probe <provider|fixture>`: does the handler accept the real thing and reject forgeries? */
export async function runProbeCommand(subject: string, flags: ProbeFlags): Promise<number> {
  const { provider, fixtures, single } = fixturesToProbe(subject);
  if (single && flags.scenario !== undefined) throw new WhkInputError("scenario-with-fixture", `--scenario plays a lifecycle, and ${subject} is one fixture`, `probe the provider instead: whk probe ${provider.name} --scenario ${flags.scenario}`);
  const scenario = single ? undefined : lifecycleScenario(provider, flags.scenario);
  const configured = providerEntry(project(), provider.name)?.to;
  if (flags.to === undefined && configured === undefined) {
    throw new WhkInputError("missing-target", "whk probe needs the handler's URL", `pass --to, e.g. --to http://127.0.0.1:3000/webhooks/${provider.name}, or set "to" for ${provider.name} in whk.config.json`);
  }
  const url = targetFor(flags.to, provider.name);
  const secret = requireOneSecret(flags, provider);
  const toleranceMs = flags.tolerance !== undefined ? parseDuration(flags.tolerance, "--tolerance") : DEFAULT_TOLERANCE_MS;
  const timeoutMs = flags.timeout !== undefined ? parseDuration(flags.timeout, "--timeout") : 10_000;
  // A report that cannot be written is a usage error, found before any request is sent.
  if (flags.junit !== undefined) assertWritableDirectoryOf(flags.junit, "--junit");
  if (flags.save !== undefined) checkSaveDirectory(flags.save);

  // Without --wait, one quick connection attempt: a target that is down is one clear line, not a table of failures.
  const waitMs = flags.wait === undefined || flags.wait === false ? 0 : flags.wait === true ? DEFAULT_WAIT_MS : parseDuration(flags.wait, "--wait");
  if (!(await waitForTarget(url, { waitMs, attemptTimeoutMs: timeoutMs }))) {
    const why = waitMs > 0 ? `did not accept connections within ${waitMs / 1000}s` : "does not accept connections";
    const hint = waitMs > 0 ? "check that the app is starting, or raise --wait" : "start the app first, or pass --wait 30s to wait for it";
    process.stderr.write(`whk: ${url} ${why}\n  hint: ${hint}\n`);
    return EXIT_CHECK_FAILED;
  }

  if (flags.save !== undefined) createSaveDirectory(flags.save);
  const settings = projectSettingsFor(provider.name, undefined, undefined);
  const now = new Date();
  const { cases: checks, notes } = buildProbeCases({ fixtures, url, secret, now, toleranceMs, timeoutMs, settings });
  const cases = [...checks, ...(scenario !== undefined ? buildLifecycleCases({ scenario, url, secret, now, settings }) : [])];
  const dispatcher = await createDispatcher({ timeoutMs, ...(flags.insecure ? { insecure: true } : {}) });
  try {
    const rows = await runProbe(
      cases,
      async (request, deadlineMs) => {
        const result = await deliver(request, { dispatcher, timeoutMs: deadlineMs ?? timeoutMs });
        return result.ok
          ? { answer: { status: result.status, headers: result.headers, body: result.body }, elapsedMs: result.latencyMs }
          : { fault: result.message, timedOut: result.fault === "timeout", elapsedMs: result.latencyMs };
      },
      flags.save !== undefined ? { onDelivery: probeSaver(flags.save, secret) } : {},
    );
    const failed = rows.filter((r) => r.verdict.result === "fail").length;
    const skippedRows = rows.filter((r) => r.verdict.result === "skip").length;
    const caveat = schemeCaveat(provider);
    if (flags.junit !== undefined) writeFileAtomic(flags.junit, junitReport(url, rows), "--junit");
    if (flags.json) {
      const checks = rows.map(({ probe, verdict, durationMs }) => ({
        id: probe.id, check: probe.kind, fixture: probe.fixture, title: probe.title, expect: probe.expect,
        result: verdict.result, pass: verdict.result === "pass", got: verdict.got, why: verdict.why || undefined, consequence: verdict.consequence || undefined,
        diagnosis: verdict.diagnosis, likelyCauses: verdict.likelyCauses, rule: probe.rule, durationMs: Math.round(durationMs),
      }));
      const passed = rows.length - failed - skippedRows;
      process.stdout.write(jsonLine({ ok: failed === 0, target: url, provider: provider.name, passed, failed, skipped: skippedRows, caveat, notes, checks }));
    } else {
      process.stdout.write(renderProbeRows(rows));
      process.stdout.write(renderProbeRules(rows, provider));
      if (caveat) process.stdout.write(`\nnote: ${caveat}\n`);
      for (const note of notes) process.stdout.write(`note: ${note}\n`);
      if (flags.save !== undefined) process.stdout.write(`saved every request and answer in ${flags.save} (whk verify ${flags.save} re-checks them)\n`);
      process.stdout.write(`\n${renderProbeSummary(rows, url)}`);
    }
    return failed === 0 ? EXIT_OK : EXIT_CHECK_FAILED;
  } finally {
    await dispatcher.close();
  }
}
