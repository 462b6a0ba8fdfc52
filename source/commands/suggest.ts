/** The nearest of `candidates` to a mistyped `word`, when one is near enough to be what was meant. */
export function suggest(word: string, candidates: Iterable<string>): string | undefined {
  const typed = word.toLowerCase();
  let best: string | undefined;
  let bestScore = Infinity;
  for (const candidate of candidates) {
    const lower = candidate.toLowerCase();
    if (lower === typed) return candidate;
    let score = editDistance(typed, lower);
    // A prefix of a long name ("describe-task-def") is as good as one typo.
    if (typed.length >= 3 && lower.startsWith(typed)) score = Math.min(score, 1);
    if (score < bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  const allowed = Math.max(2, Math.floor(typed.length / 3));
  return bestScore <= allowed ? best : undefined;
}

/** "; did you mean X?" or nothing: the tail of an error message. */
export function didYouMean(word: string, candidates: Iterable<string>, render: (s: string) => string = (s) => s): string {
  const match = suggest(word, candidates);
  return match === undefined ? '' : `; did you mean ${render(match)}?`;
}

/** Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours. */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[] = new Array(rows * cols).fill(0);
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(d[(i - 1) * cols + j]! + 1, d[i * cols + j - 1]! + 1, d[(i - 1) * cols + j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, d[(i - 2) * cols + j - 2]! + 1);
      }
      d[i * cols + j] = value;
    }
  }
  return d[rows * cols - 1]!;
}
