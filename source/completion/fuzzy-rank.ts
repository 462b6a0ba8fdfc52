// Ranks candidate names against what was typed, fast enough to re-rank 10,000 names on every
// keystroke. A candidate matches when the typed letters appear in it in order (fuzzy) or
// start it (prefix mode). Exact matches rank first, then prefixes, then other fuzzy matches;
// among those, letters on word starts and in runs score higher (fzf's scoring). Equal scores go
// in alphabetical order (digits by value: web:2 before web:10), so that a menu is easy to scan:
// in prefix mode, where every match scores alike, the menu is alphabetical.

export type MatchMode = 'fuzzy' | 'prefix';

/** A name prepared once (lower-cased, and its sort key) for many queries. */
export interface MatchTarget {
  readonly text: string;
  readonly lower: string;
  /** Orders equal matches: lower-cased, with runs of digits padded so that they compare by value. */
  readonly order: string;
}

export function matchTarget(text: string): MatchTarget {
  const lower = text.toLowerCase();
  return { text, lower, order: /\d/.test(lower) ? lower.replace(/\d+/g, (digits) => digits.padStart(12, '0')) : lower };
}

/** The order of names in a menu: alphabetical, ignoring case, digits by value. */
export function compareNames(a: string, b: string): number {
  const x = matchTarget(a).order;
  const y = matchTarget(b).order;
  return x < y ? -1 : x > y ? 1 : a < b ? -1 : a > b ? 1 : 0;
}

export interface Ranked<T> {
  item: T;
  score: number;
  /** Indexes of the matched characters in the item's text, ascending. */
  positions: number[];
}

export interface RankResult<T> {
  ranked: Ranked<T>[];
  /** How many items matched in all (ranked holds at most `limit`). */
  total: number;
}

export interface RankOptions {
  mode?: MatchMode;
  limit?: number;
}

const TIER_EXACT = 3;
const TIER_PREFIX = 2;
const TIER_FUZZY = 1;
const MATCH = 16;
const BOUNDARY = 10;
const FIRST_CHARACTER = 6;
const CONSECUTIVE = 8;
const GAP_START = 3;
const GAP_EXTENSION = 1;

/**
 * Ranks `items` by how well their text matches `query`, equal scores alphabetically; with an
 * empty query, all items in their order (which the caller chose: required parameters first...).
 */
export function rankItems<T>(
  items: readonly T[],
  targetOf: (item: T) => MatchTarget,
  query: string,
  options: RankOptions = {},
): RankResult<T> {
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  if (query === '') {
    return { ranked: items.slice(0, limit).map((item) => ({ item, score: 0, positions: [] })), total: items.length };
  }
  const q = query.toLowerCase();
  const mode = options.mode ?? 'fuzzy';
  if (scores.length < items.length) scores = new Float64Array(items.length * 2);
  const matched: number[] = [];
  orders = new Array<string>(items.length);
  for (let i = 0; i < items.length; i++) {
    const target = targetOf(items[i]!);
    const score = scoreTarget(q, target, mode, undefined);
    if (score === undefined) continue;
    scores[i] = score;
    orders[i] = target.order;
    matched.push(i);
  }
  const ranked = bestFirst(matched, limit).map((i) => {
    const positions: number[] = [];
    scoreTarget(q, targetOf(items[i]!), mode, positions);
    return { item: items[i]!, score: scores[i]!, positions };
  });
  return { ranked, total: matched.length };
}

// Scores and sort keys of the items being ranked, by item index; the scores' array is reused between calls.
let scores = new Float64Array(1024);
let orders: string[] = [];

/** Higher score first, then alphabetical, then the earlier item. */
function ranksAbove(a: number, b: number): boolean {
  if (scores[a] !== scores[b]) return scores[a]! > scores[b]!;
  const x = orders[a]!;
  const y = orders[b]!;
  return x < y || (x === y && a < b);
}

/** The `limit` best of the matched item indexes, best first: a bounded heap instead of sorting them all. */
function bestFirst(matched: number[], limit: number): number[] {
  const byRank = (a: number, b: number) => (ranksAbove(a, b) ? -1 : ranksAbove(b, a) ? 1 : 0);
  if (matched.length <= limit) return matched.sort(byRank);
  // A min-heap of the best seen so far: its root is the worst of them.
  const heap = matched.slice(0, limit);
  for (let i = (limit >> 1) - 1; i >= 0; i--) siftDown(heap, i);
  for (let k = limit; k < matched.length; k++) {
    const candidate = matched[k]!;
    if (ranksAbove(candidate, heap[0]!)) {
      heap[0] = candidate;
      siftDown(heap, 0);
    }
  }
  return heap.sort(byRank);
}

function siftDown(heap: number[], at: number): void {
  const size = heap.length;
  let i = at;
  for (;;) {
    const left = 2 * i + 1;
    const right = left + 1;
    let worst = i;
    if (left < size && ranksAbove(heap[worst]!, heap[left]!)) worst = left;
    if (right < size && ranksAbove(heap[worst]!, heap[right]!)) worst = right;
    if (worst === i) return;
    const swap = heap[i]!;
    heap[i] = heap[worst]!;
    heap[worst] = swap;
    i = worst;
  }
}

/** The match of one name, or undefined when it does not match. */
export function matchText(query: string, text: string, mode: MatchMode = 'fuzzy'): Ranked<string> | undefined {
  const positions: number[] = [];
  const score = scoreTarget(query.toLowerCase(), matchTarget(text), mode, positions);
  return score === undefined ? undefined : { item: text, score, positions };
}

// Reused between calls: the matched positions of the candidate being scored, and the
// alignment tables (query letter x name position) of the fuzzy matcher.
let found = new Int32Array(64);
let best = new Float64Array(1024);
let previous = new Int32Array(1024);

/** The score of a target for a lower-cased query, filling `positions` when given. */
function scoreTarget(q: string, target: MatchTarget, mode: MatchMode, positions: number[] | undefined): number | undefined {
  const { lower, text } = target;
  const m = q.length;
  if (m > lower.length) return undefined;
  if (found.length < m) found = new Int32Array(m * 2);
  let tier: number;
  let score: number;
  if (lower.startsWith(q)) {
    tier = lower.length === m ? TIER_EXACT : TIER_PREFIX;
    for (let j = 0; j < m; j++) found[j] = j;
    score = prefixQuality(text, m);
  } else if (mode === 'prefix' || !isSubsequence(q, lower)) {
    return undefined;
  } else {
    tier = TIER_FUZZY;
    score = align(q, text, lower);
  }
  if (positions) for (let j = 0; j < m; j++) positions.push(found[j]!);
  // Tier first, then the quality of the match; a name's length does not count.
  return tier * 1_000_000 + score;
}

function isSubsequence(q: string, lower: string): boolean {
  let j = 0;
  for (let i = 0; i < lower.length && j < q.length; i++) if (lower.charCodeAt(i) === q.charCodeAt(j)) j++;
  return j === q.length;
}

function prefixQuality(text: string, m: number): number {
  let score = MATCH + FIRST_CHARACTER + BOUNDARY;
  for (let p = 1; p < m; p++) score += MATCH + CONSECUTIVE + (isWordStart(text, p) ? BOUNDARY : 0);
  return score;
}

/**
 * The best placement of the query's letters in the name (a Smith-Waterman alignment, as fzf
 * does): each letter scores, more at word starts and in runs; gaps cost. Fills `found` with
 * the chosen positions and returns the score. O(letters x name length).
 */
function align(q: string, text: string, lower: string): number {
  const n = lower.length;
  const m = q.length;
  if (best.length < n * m) {
    best = new Float64Array(n * m * 2);
    previous = new Int32Array(n * m * 2);
  }
  const NONE = Number.NEGATIVE_INFINITY;
  for (let j = 0; j < m; j++) {
    const row = j * n;
    const above = row - n;
    const letter = q.charCodeAt(j);
    // The best match of the previous letter at least two places back, less the gap since.
    let gapScore = NONE;
    let gapFrom = -1;
    for (let i = 0; i < n; i++) {
      let score = NONE;
      let from = -1;
      if (i >= j && lower.charCodeAt(i) === letter) {
        const bonus = MATCH + (i === 0 ? FIRST_CHARACTER + BOUNDARY : isWordStart(text, i) ? BOUNDARY : 0);
        if (j === 0) {
          score = bonus;
        } else {
          const run = i > 0 ? best[above + i - 1]! + CONSECUTIVE : NONE;
          if (run > NONE && run >= gapScore) {
            score = bonus + run;
            from = i - 1;
          } else if (gapScore > NONE) {
            score = bonus + gapScore;
            from = gapFrom;
          }
        }
      }
      best[row + i] = score;
      previous[row + i] = from;
      if (j > 0 && i >= 1) {
        const opened = best[above + i - 1]! - GAP_START - GAP_EXTENSION;
        const extended = gapScore - GAP_EXTENSION;
        if (opened > extended) {
          gapScore = opened;
          gapFrom = i - 1;
        } else {
          gapScore = extended;
        }
      }
    }
  }
  const last = (m - 1) * n;
  let end = -1;
  let top = NONE;
  for (let i = 0; i < n; i++) {
    if (best[last + i]! > top) {
      top = best[last + i]!;
      end = i;
    }
  }
  for (let j = m - 1, i = end; j >= 0; j--) {
    found[j] = i;
    i = previous[j * n + i]!;
  }
  return top;
}

/** After a separator, a lower-to-upper case change, or a letter-to-digit change. */
function isWordStart(text: string, i: number): boolean {
  const before = text.charCodeAt(i - 1);
  const here = text.charCodeAt(i);
  if (isSeparator(before)) return true;
  if (isUpper(here) && isLower(before)) return true;
  return isDigit(here) && !isDigit(before);
}

function isSeparator(c: number): boolean {
  // space " , - . / : = _ '
  return c === 32 || c === 34 || c === 44 || c === 45 || c === 46 || c === 47 || c === 58 || c === 61 || c === 95 || c === 39;
}

function isUpper(c: number): boolean {
  return c >= 65 && c <= 90;
}

function isLower(c: number): boolean {
  return c >= 97 && c <= 122;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
