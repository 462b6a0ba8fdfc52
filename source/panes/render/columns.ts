/** A table column: a fixed width, or `flex` to take what is left; the lowest priority goes first when the pane is narrow. */
export interface Column<Id extends string = string> {
  id: Id;
  header: string;
  width: number | 'flex';
  /** The least a flex column needs to be worth showing. */
  minWidth?: number;
  priority: number;
}

export interface PlacedColumn<Id extends string = string> {
  id: Id;
  header: string;
  width: number;
}

/** One space between columns. */
export const GAP = 1;

/** The columns that fit `width`, in their order, dropping the least important first. */
export function fitColumns<Id extends string>(columns: readonly Column<Id>[], width: number): PlacedColumn<Id>[] {
  const kept = [...columns];
  const need = (list: Column<Id>[]) =>
    list.reduce((n, c) => n + (c.width === 'flex' ? (c.minWidth ?? 10) : c.width), 0) + GAP * Math.max(0, list.length - 1);
  while (kept.length > 1 && need(kept) > width) {
    const least = kept.reduce((a, b) => (b.priority < a.priority ? b : a));
    kept.splice(kept.indexOf(least), 1);
  }
  const fixed = kept.reduce((n, c) => n + (c.width === 'flex' ? 0 : c.width), 0) + GAP * Math.max(0, kept.length - 1);
  const flexCount = kept.filter((c) => c.width === 'flex').length;
  const flexWidth = flexCount ? Math.max(0, Math.floor((width - fixed) / flexCount)) : 0;
  return kept.map((c) => ({ id: c.id, header: c.header, width: c.width === 'flex' ? flexWidth : Math.min(c.width, width) }));
}
