import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { providerNames, type ProviderName } from "../../src/providers/index.js";
import {
  FLASK_MISSING,
  RECEIVERS_DIR,
  findFlaskPython,
  receiverBlocks,
  receiverCommand,
  receiverLanguages,
  receiverPath,
  receiverSnippet,
  withoutRejections,
  type ReceiverLanguage,
} from "../helpers/receiver-pages.js";
import { limitConcurrency } from "../helpers/limit-concurrency.js";
import { startReceiver } from "../helpers/receiver-process.js";
import { outputOf, runWhk } from "../helpers/run-whk.js";

/**
 * The handlers in docs/receivers/ run as users would run them (node server.js, python3 server.py) and
 * face the real `whk probe`: every check must pass. A broken copy of each (its rejections taken out)
 * must fail, so a probe that passed everything could not hide here.
 */
const python = findFlaskPython();

/** Adyen's HMAC key is hex; the others take any text. */
const aSecretFor = (provider: ProviderName): string => (provider === "adyen" ? randomBytes(32).toString("hex") : `whk_${randomBytes(12).toString("hex")}`);

interface ProbeReport {
  ok: boolean;
  checks: { check: string; fixture: string; pass: boolean; got: string; why: string }[];
}

interface ProbeResult {
  report: ProbeReport;
  /** What whk and the receiver printed: the message of a failed assertion. */
  context: string;
}

interface BrokenVariant {
  what: string;
  mutate(code: string, language: ReceiverLanguage): string | undefined;
  /** The check that must fail against it. */
  fails: string;
}

const rejectionsRemoved: BrokenVariant = { what: "with its rejections taken out", mutate: withoutRejections, fails: "wrong-secret" };

/** SingleView signs nothing: its handler's one duty is the exact acknowledgement. */
const brokenVariants: Partial<Record<ProviderName, BrokenVariant>> = {
  singleview: {
    what: 'answering a plain-text "OK"',
    mutate: (code, language) => {
      const [from, to] = language === "js" ? ['res.json({ status: "OK" })', 'res.send("OK")'] : ['return {"status": "OK"}', 'return "OK"'];
      return code.includes(from) ? code.replace(from, to) : undefined;
    },
    fails: "valid",
  },
};

/**
 * What `whk probe` is pointed at, besides the provider: HitPay's probe forges its v2 event, so its v1 form
 * (another scheme at the same URL) gets a probe of its own.
 */
const extraTargets: Partial<Record<ProviderName, string[]>> = { hitpay: ["hitpay-payment-completed"] };

/** A receiver and a whk process per probe: three probes at a time keep two shared cores usable by the rest of the suite. */
const oneOfThree = limitConcurrency(3);

/**
 * Runs `code` as the provider's receiver and `whk probe <target>` against it for each target; the
 * context says what both printed.
 */
function probe(provider: ProviderName, language: ReceiverLanguage, code: string, targets: readonly string[] = [provider]): Promise<ProbeResult[]> {
  return oneOfThree(() => probeNow(provider, language, code, targets));
}

async function probeNow(provider: ProviderName, language: ReceiverLanguage, code: string, targets: readonly string[]): Promise<ProbeResult[]> {
  const secret = aSecretFor(provider);
  const receiver = await startReceiver(code, { ...receiverCommand(language, python), secret });
  try {
    const results: ProbeResult[] = [];
    for (const target of targets) {
      const run = await runWhk(["probe", target, "--to", `${receiver.origin}${receiverPath(provider)}`, "--secret", secret, "--json", "--wait", "20s"], { timeoutMs: 60_000 });
      const context = `whk probe ${target}: ${outputOf(run)}\n--- receiver\n${receiver.output()}`;
      expect([0, 1], context).toContain(run.code);
      const report = JSON.parse(run.stdout) as ProbeReport;
      expect(run.code === 0, context).toBe(report.ok);
      results.push({ report, context });
    }
    return results;
  } finally {
    await receiver.stop();
  }
}

const failures = (report: ProbeReport) => report.checks.filter((c) => !c.pass).map((c) => `${c.check} (${c.fixture}): got ${c.got}: ${c.why}`);

describe("receiver pages", () => {
  it("a python3 with Flask is installed (the Python receivers need it)", () => {
    expect(python, FLASK_MISSING).toBeDefined();
  });

  it("every bundled provider has a page with one Node and one Python receiver, and no page is left over", () => {
    const pages = readdirSync(RECEIVERS_DIR).filter((name) => name !== "README.md").sort();
    expect(pages).toEqual(providerNames.map((name) => `${name}.md`).sort());
    for (const name of providerNames) {
      const blocks = receiverBlocks(readFileSync(`${RECEIVERS_DIR}${name}.md`, "utf8"));
      expect([blocks.js.length, blocks.python.length], name).toEqual([1, 1]);
      for (const language of receiverLanguages) expect(blocks[language][0], `${name} ${language}`).toContain(`"${receiverPath(name)}"`);
    }
  });

  it("the index links every page, and README links the index", () => {
    const index = readFileSync(`${RECEIVERS_DIR}README.md`, "utf8");
    for (const name of providerNames) expect(index, name).toContain(`](${name}.md)`);
    expect(readFileSync(new URL("../../README.md", import.meta.url), "utf8")).toContain("](docs/receivers/README.md)");
  });
});

describe.concurrent.each(providerNames.flatMap((provider) => receiverLanguages.map((language) => [provider, language] as const)))(
  "the %s %s receiver",
  { timeout: 120_000 },
  (provider, language) => {
    it("passes every whk probe check", async () => {
      const results = await probe(provider, language, receiverSnippet(provider, language), [provider, ...(extraTargets[provider] ?? [])]);
      for (const { report, context } of results) {
        expect(failures(report), context).toEqual([]);
        expect(report.checks.length, context).toBeGreaterThan(0);
      }
    });

    const broken = brokenVariants[provider] ?? rejectionsRemoved;
    it(`fails whk probe ${broken.what}`, async () => {
      const code = broken.mutate(receiverSnippet(provider, language), language);
      expect(code, "the mutation changed nothing: the snippet no longer has what it takes out").toBeDefined();
      for (const { report, context } of await probe(provider, language, code as string)) {
        expect(report.checks.filter((c) => !c.pass).map((c) => c.check), context).toContain(broken.fails);
        expect(report.ok).toBe(false);
      }
    });
  },
);
