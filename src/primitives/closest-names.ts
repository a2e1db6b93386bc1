/**
 * The names most like a mistyped one, best first: what "did you mean" offers. Ranked by edit distance
 * (a transposition counts as one edit, as people type), with a name that contains the input, or is
 * contained in it, counted close too; never alphabetical.
 */
export function closestNames(input: string, names: Iterable<string>, limit = 3): string[] {
  const wanted = input.toLowerCase();
  const scored: { name: string; score: number }[] = [];
  for (const name of names) {
    const lower = name.toLowerCase();
    const distance = editDistance(wanted, lower);
    const contains = lower.includes(wanted) || wanted.includes(lower);
    // Close enough to be a typo of it: a third of the longer name at most, or one contains the other.
    if (!contains && distance > Math.max(2, Math.floor(Math.max(wanted.length, lower.length) / 3))) continue;
    scored.push({ name, score: contains ? Math.min(distance, Math.abs(lower.length - wanted.length) / 2) : distance });
  }
  return scored.sort((a, b) => a.score - b.score || a.name.length - b.name.length).slice(0, limit).map((s) => s.name);
}

/** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps. */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[] = new Array<number>(rows * cols).fill(0);
  const at = (i: number, j: number): number => d[i * cols + j] as number;
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, at(i - 2, j - 2) + 1);
      d[i * cols + j] = best;
    }
  }
  return at(a.length, b.length);
}
