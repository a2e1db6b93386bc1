import type { LoadProgress } from "../../../deliver/load-run.js";

export interface ProgressLine {
  stop(): void;
}

/**
 * A spinner with live counts on stderr during a load test, only when stderr is a terminal: stdout stays
 * clean data. ora is imported here, lazily, so nothing else pays for it. It redraws on a timer, never
 * per request.
 */
export async function startProgress(total: number, progress: LoadProgress): Promise<ProgressLine | undefined> {
  // A terminal that reports no width (a bare pty) would send ora's line clearing into a loop: no progress there.
  if (!process.stderr.isTTY || !(process.stderr.columns > 0)) return undefined;
  const { default: ora } = await import("ora");
  const text = (): string => `sending ${progress.done}/${total}  (${progress.succeeded} ok, ${progress.failed} failed)`;
  // discardStdin off: stdin may already have been read for --data -, and nothing should touch it now.
  const spinner = ora({ stream: process.stderr, text: text(), discardStdin: false }).start();
  const timer = setInterval(() => {
    spinner.text = text();
  }, 100);
  return {
    stop() {
      clearInterval(timer);
      spinner.stop();
    },
  };
}
