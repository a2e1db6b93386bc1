import { colors } from "../../shared/colors.js";
import { formatByteSize } from "../../../primitives/byte-size.js";
import type { CaptureEvent, CaptureRecord, CaptureStats, ErrorEvent, RequestEvent } from "../../../listen/capture-record.js";
import { terminalSafe, terminalSafeJson } from "../../shared/terminal-text.js";
import type { CaptureServer } from "../../../listen/capture-server.js";
import { relativeUrl } from "../../../primitives/url-parts.js";
import { createPacer, type LinesMode, type Outcome } from "./pacer.js";

export interface ReadyInfo {
  verifying: boolean;
  secretCount: number;
  /** Providers verified with their configured secrets (when no secret is given for every provider). */
  configured: readonly string[];
  forwardTo: string | undefined;
  count: number | undefined;
  /** The inspector's URL (--ui). */
  ui: string | undefined;
}

export interface ListenOutput {
  ready(server: CaptureServer, info: ReadyInfo): void;
  event(event: CaptureEvent): void;
  summary(stats: CaptureStats, outDir: string): void;
  /** Standard output was closed (its reader went away): nothing more is written to it. */
  detach(): void;
}

/**
 * Everything `whk listen` prints. Human mode: a header, one line per request, a summary, all on stdout
 * (warnings on stderr). `--json`: NDJSON on stdout, a "ready" line first so scripts know when to send.
 */
export function createListenOutput(json: boolean, lines: LinesMode = "auto", out: NodeJS.WritableStream = process.stdout, err: NodeJS.WritableStream = process.stderr): ListenOutput {
  // Lines are written together once per turn of the event loop: under load, one write for many requests.
  let pending: string[] = [];
  let detached = false;
  const flushLines = (): void => {
    const text = pending.join("");
    pending = [];
    if (!detached && text !== "") out.write(text);
  };
  const line = (text: string): void => {
    if (pending.push(`${text}\n`) === 1) setImmediate(flushLines);
  };
  const pacer = createPacer(lines, line);
  const timer = json ? undefined : setInterval(() => pacer.flush(), 1000).unref();
  return {
    ready(server, info) {
      if (server.recovered > 0) {
        const many = server.recovered > 1;
        err.write(`whk: ${server.recovered} request${many ? "s" : ""} that an earlier listener stored but did not finish (it stopped) ${many ? "are now capture files" : "is now a capture file"} in ${server.outDir}, marked "recovered"\n`);
      }
      if (json) {
        line(JSON.stringify({ type: "ready", url: server.url, outDir: server.outDir, verifying: info.verifying || info.configured.length > 0, forwardTo: info.forwardTo ?? null, ...(info.ui !== undefined ? { ui: info.ui } : {}) }));
        flushLines();
        return;
      }
      // One write, so a reader of the first line sees the whole header with it.
      const header = [`whk listen: ${colors.bold(server.url)}  captures in ${server.outDir}`];
      if (info.verifying) header.push(`  verifying signatures with ${info.secretCount === 1 ? "the secret given" : `${info.secretCount} secrets (any match passes)`}`);
      else if (info.configured.length > 0) header.push(`  verifying ${info.configured.join(", ")} with the configured secrets; other providers' requests are not checked, and acknowledged`);
      else header.push(colors.yellow("  signatures are not checked (no --secret): every request is acknowledged"));
      if (info.forwardTo !== undefined) header.push(`  forwarding every request to ${info.forwardTo} and answering with its response`);
      if (info.ui !== undefined) header.push(`  inspector: ${colors.bold(info.ui)} (open it in a browser: live list, explanations, compare, edit, re-sign and replay)`);
      header.push(info.count !== undefined ? `  stops after ${info.count} request${info.count === 1 ? "" : "s"} (or Ctrl-C)` : "  Ctrl-C to stop");
      line(header.join("\n"));
      flushLines();
    },
    event(event) {
      if (json) line(terminalSafeJson(JSON.stringify(event.type === "request" ? requestJson(event) : event)));
      else pacer.take(outcomeOf(event), event.type === "request" ? requestLine(event) : errorLine(event));
    },
    summary(stats, outDir) {
      clearInterval(timer);
      pacer.flush();
      if (json) line(JSON.stringify({ type: "summary", ...stats, outDir }));
      else {
        const parts = [`received ${stats.received}`, `valid ${stats.valid}`, `invalid ${stats.invalid}`, `unsigned ${stats.unsigned}`];
        if (stats.unchecked > 0) parts.push(`not checked ${stats.unchecked}`);
        parts.push(`errors ${stats.errors}`);
        line(`whk listen stopped: ${parts.join(", ")}; ${stats.captured} captured in ${outDir}`);
      }
      flushLines();
    },
    detach() {
      detached = true;
      pending = [];
    },
  };
}

/** The NDJSON event: the request file fields, the verdict (null when unchecked), the capture path. */
function requestJson(event: RequestEvent): Record<string, unknown> {
  const { verdict, ...record } = event.record;
  return { type: "request", seq: event.seq, ...record, verdict: verdict ?? null, file: event.file, answered: event.answered, size: event.size };
}

const clockTime = (iso: string): string => {
  const date = new Date(iso);
  const pad = (n: number, width = 2) => String(n).padStart(width, "0");
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`;
};

function outcomeOf(event: CaptureEvent): Outcome {
  if (event.type === "error" || event.record.inspectError !== undefined) return "error";
  const verdict = event.record.verdict;
  return verdict === undefined ? "not checked" : verdict.verdict;
}

function verdictText(record: CaptureRecord): string {
  const verdict = record.verdict;
  if (record.inspectError !== undefined) return colors.red(`NOT INSPECTED (whk fault: ${terminalSafe(record.inspectError)}; stored)`);
  if (verdict === undefined) return colors.dim("not checked");
  if (verdict.reason === "valid-signature") return colors.green("valid");
  if (verdict.reason === "unsigned-provider") return colors.yellow("unsigned (none documented)");
  return colors.red(`INVALID ${verdict.reason}`);
}

function requestLine(event: RequestEvent): string {
  const { record } = event;
  const parts = [clockTime(record.receivedAt), terminalSafe(record.method), terminalSafe(relativeUrl(record.url)), record.detectedProvider ?? "unknown", verdictText(record), formatByteSize(event.size)];
  if (record.forwardError !== undefined) parts.push(colors.red(`-> ${event.answered}: the app cannot be reached: ${terminalSafe(record.forwardError.detail)}`));
  else parts.push(`-> ${event.answered}${record.response !== undefined ? " from the app" : ""}`);
  return parts.join("  ");
}

function errorLine(event: ErrorEvent): string {
  const what = event.kind === "aborted" && !event.detail.startsWith("not captured") ? `not captured: ${event.detail}` : event.detail;
  const request = event.method === "" ? ["(no request line)"] : [terminalSafe(event.method), terminalSafe(relativeUrl(event.url))];
  return [clockTime(event.receivedAt), ...request, colors.red(terminalSafe(what))].join("  ");
}
