/** How listen prints requests: a line each, a line of counts per second, or each until they come too fast. */
export type LinesMode = "each" | "counts" | "auto";

/** What a request came to, for the counts line. */
export type Outcome = "valid" | "invalid" | "unsigned" | "not checked" | "error";

export interface Pacer {
  /** One request's line, and what it came to. */
  take(outcome: Outcome, line: string): void;
  /** Prints counts not yet printed; listen calls it on a timer (every second) and when it stops. */
  flush(): void;
}

const ORDER: readonly Outcome[] = ["valid", "invalid", "unsigned", "not checked", "error"];

/**
 * Paces listen's output for people: a line per request while they can read them; past `perSecond`
 * requests within one second (or always, in "counts" mode), one line per second with counts by outcome
 * instead. "auto" goes back to lines after a second at a readable rate. The captures are all written
 * either way: this is only what is printed.
 */
export function createPacer(mode: LinesMode, write: (line: string) => void, clock: () => number = Date.now, perSecond = 20): Pacer {
  let second = -1;
  let inThisSecond = 0;
  let counting = mode === "counts";
  const counts = new Map<Outcome, number>();
  const flush = (): void => {
    if (counts.size === 0) return;
    const total = [...counts.values()].reduce((a, b) => a + b, 0);
    const parts = ORDER.filter((o) => counts.has(o)).map((o) => `${counts.get(o)} ${o}`);
    write(`${new Date(clock()).toTimeString().slice(0, 8)}  ${total} request${total === 1 ? "" : "s"}: ${parts.join(", ")}`);
    counts.clear();
  };
  return {
    take(outcome, line) {
      const now = Math.floor(clock() / 1000);
      if (now !== second) {
        if (mode === "auto" && counting && inThisSecond <= perSecond) {
          flush();
          counting = false;
        }
        second = now;
        inThisSecond = 0;
      }
      inThisSecond++;
      if (mode === "auto" && !counting && inThisSecond > perSecond) counting = true;
      if (!counting) return write(line);
      counts.set(outcome, (counts.get(outcome) ?? 0) + 1);
    },
    flush,
  };
}
