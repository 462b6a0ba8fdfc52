/**
 * Up and down through the history at the prompt. The line being typed is kept as a draft
 * and comes back after the newest entry, as in bash.
 */
export interface HistoryBrowse {
  /** The entry shown; entries.length means the draft. */
  index: number;
  draft: string;
}

export interface BrowseStep {
  browse: HistoryBrowse;
  text: string;
}

/** One entry older, or undefined at the oldest. */
export function olderEntry(entries: readonly string[], browse: HistoryBrowse | undefined, current: string): BrowseStep | undefined {
  const at = browse ?? { index: entries.length, draft: current };
  if (at.index === 0 || entries.length === 0) return undefined;
  const index = at.index - 1;
  return { browse: { index, draft: at.draft }, text: entries[index]! };
}

/** One entry newer (the draft after the newest), or undefined when not browsing. */
export function newerEntry(entries: readonly string[], browse: HistoryBrowse | undefined): BrowseStep | undefined {
  if (!browse || browse.index >= entries.length) return undefined;
  const index = browse.index + 1;
  return { browse: { index, draft: browse.draft }, text: index === entries.length ? browse.draft : entries[index]! };
}
