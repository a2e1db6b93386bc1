import { colors } from "../../shared/colors.js";
import { runDemo } from "../../../demo/run-demo.js";
import { EXIT_CHECK_FAILED, EXIT_OK } from "../../exit-codes.js";
import { formatTable } from "../../shared/table.js";

export interface DemoFlags {
  json?: boolean;
  keep?: boolean;
}

/** Sends every fixture to an in-process `listen`, verifies every capture; exit 0 only if all pass. */
export async function runDemoCommand(flags: DemoFlags): Promise<number> {
  const report = await runDemo({ keep: flags.keep === true });
  const passed = report.rows.filter((r) => r.pass).length;
  if (flags.json) {
    process.stdout.write(`${JSON.stringify(report.rows, null, 2)}\n`);
  } else {
    const rows = report.rows.map((r) => [r.pass ? "pass" : "FAIL", r.fixture, r.provider, r.status === null ? "-" : String(r.status), r.captured, r.signature, r.ack]);
    process.stdout.write(formatTable(["RESULT", "FIXTURE", "PROVIDER", "STATUS", "CAPTURED", "SIGNATURE VERIFIED", "ACK AS EXPECTED"], rows));
    const total = report.rows.length;
    process.stdout.write(
      passed === total
        ? colors.green(`all ${total} fixtures passed: signed, sent to whk listen, captured byte-exact, verified, acknowledged\n`)
        : colors.red(`${total - passed} of ${total} fixtures failed\n`),
    );
  }
  if (report.kept) process.stderr.write(`captures kept in ${report.capturesDir}\n`);
  return passed === report.rows.length ? EXIT_OK : EXIT_CHECK_FAILED;
}
