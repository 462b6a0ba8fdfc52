import type { LineState } from './line-edit.js';

/**
 * ctrl-r: the newest history entry containing what was typed (ignoring case), and with
 * ctrl-r again the next older one.
 */
export interface ReverseSearch {
  query: string;
  /** The entry found, or undefined when nothing matches. */
  match: number | undefined;
  /** The line as it was before ctrl-r, restored when the search is cancelled. */
  original: LineState;
}

/** The newest entry before `before` that contains `query`. */
export function searchBackward(entries: readonly string[], query: string, before: number = entries.length): number | undefined {
  const wanted = query.toLowerCase();
  for (let i = Math.min(before, entries.length) - 1; i >= 0; i--) {
    if (entries[i]!.toLowerCase().includes(wanted)) return i;
  }
  return undefined;
}

export function startSearch(entries: readonly string[], original: LineState): ReverseSearch {
  return { query: '', match: entries.length > 0 ? entries.length - 1 : undefined, original };
}

/** The query changed: search again from the newest entry. */
export function searchFor(entries: readonly string[], search: ReverseSearch, query: string): ReverseSearch {
  return { ...search, query, match: searchBackward(entries, query) };
}

/** ctrl-r again: the next older match, or the same one when there is none older. */
export function searchOlder(entries: readonly string[], search: ReverseSearch): ReverseSearch {
  if (search.match === undefined) return search;
  const older = searchBackward(entries, search.query, search.match);
  return older === undefined ? search : { ...search, match: older };
}

/** Where the matched text is in the entry, for showing it. */
export function matchedLine(entries: readonly string[], search: ReverseSearch): LineState | undefined {
  if (search.match === undefined) return undefined;
  const text = entries[search.match]!;
  const at = text.toLowerCase().indexOf(search.query.toLowerCase());
  return { text, cursor: Math.max(0, at) };
}
