// Turns what may be typed at a point into ranked menu candidates: small fixed lists (operations,
// parameters, enum values) and large live lists (resource names), whose prepared match targets
// are kept for as long as the cache hands out the same list.
import type { Candidate, CandidateKind } from './completion-types.js';
import { matchTarget, matchText, rankItems, type MatchMode, type MatchTarget } from './fuzzy-rank.js';
import type { LineWord } from './line-words.js';

/**
 * One thing that may be typed: `skip` leading characters of the label are not matched (the `--`).
 * Equal matches go in `group` order (lowest first), then alphabetically: a menu that mixes kinds
 * (a command's subcommands and its flags) keeps each kind together.
 */
export interface Choice extends Omit<Candidate, 'positions' | 'score'> {
  skip?: number;
  group?: number;
}

export interface Ranking {
  candidates: Candidate[];
  total: number;
}

export function rankChoices(choices: readonly Choice[], query: string, mode: MatchMode, limit: number): Ranking {
  const targeted = choices.map((choice) => {
    const target = matchTarget(choice.label.slice(choice.skip ?? 0));
    return { choice, target: choice.group === undefined ? target : { ...target, order: `${String(choice.group).padStart(3, '0')} ${target.order}` } };
  });
  const { ranked, total } = rankItems(targeted, (entry) => entry.target, query, { mode, limit });
  const candidates = ranked.map(({ item: { choice }, score, positions }) => {
    const { skip = 0, group: _group, ...rest } = choice;
    return { ...rest, positions: positions.map((p) => p + skip), score };
  });
  return { candidates, total };
}

const preparedLists = new WeakMap<readonly string[], MatchTarget[]>();

/** Ranks a live list of names, leaving out `exclude` (values already on the line). */
export function rankValues(
  values: readonly string[],
  query: string,
  mode: MatchMode,
  limit: number,
  exclude: ReadonlySet<string>,
  toCandidate: (value: string) => Omit<Candidate, 'positions' | 'score'>,
): Ranking {
  let targets = preparedLists.get(values);
  if (!targets) {
    targets = values.map(matchTarget);
    preparedLists.set(values, targets);
  }
  const { ranked, total } = rankItems(targets, (target) => target, query, { mode, limit: limit + exclude.size });
  const candidates = ranked
    .filter(({ item }) => !exclude.has(item.text))
    .slice(0, limit)
    .map(({ item, score, positions }) => ({ ...toCandidate(item.text), positions, score }));
  let excludedMatches = 0;
  for (const value of exclude) if (values.includes(value) && matchText(query, value, mode)) excludedMatches++;
  return { candidates, total: total - excludedMatches };
}

/** A value's text for the line: closes the quote the word opened, or quotes it when it must be. */
export function insertText(value: string, word: LineWord, fromWordStart: boolean): string {
  if (!fromWordStart) return word.open ? escapeFor(word.open, value) + word.open : value;
  if (word.quote) return word.quote + escapeFor(word.quote, value) + word.quote;
  return /[\s"'\\]/.test(value) || value === '' ? `"${escapeFor('"', value)}"` : value;
}

function escapeFor(quote: '"' | "'", value: string): string {
  return quote === '"' ? value.replace(/["\\]/g, '\\$&') : value;
}

/** A value candidate of a kind, labelled as itself. */
export function valueChoice(kind: CandidateKind, value: string, insert: string): Choice {
  return { kind, label: value, insert };
}
