/** The toolbar's words, shared by the Ink toolbar and the first frame drawn before Ink loads. */
export function toolbarKeys(fuzzy: boolean, docs: boolean): [key: string, label: string][] {
  return [
    ['F1', 'help'],
    ['F2', fuzzy ? 'fuzzy' : 'prefix'],
    ['F3', `docs ${docs ? 'on' : 'off'}`],
    ['F10', 'exit'],
  ];
}

/** One key on the toolbar, and how much it matters when the row is short (the lowest goes first). */
export interface ToolbarItem {
  key: string;
  label: string;
  rank: number;
}

export interface ToolbarState {
  fuzzy: boolean;
  docs: boolean;
  /** The pane on screen: its F-key, and whether it has the keys. */
  pane?: { key: string; focused: boolean };
  /** The output log is taller than its space: PageUp shows what scrolled off. */
  scrollable: boolean;
}

/**
 * The keys the toolbar names, in order. They follow the screen: the pane keys say how to reach
 * the pane shown (or leave it), and PageUp appears once there is output above the screen.
 */
export function toolbarItems(state: ToolbarState): ToolbarItem[] {
  const [help, fuzzy, docs, exit] = toolbarKeys(state.fuzzy, state.docs);
  const pane = !state.pane ? ['F4-F6', 'panes'] : state.pane.focused ? ['Esc', 'back to the prompt'] : [state.pane.key, 'use the pane'];
  return [
    { key: help![0], label: help![1], rank: 5 },
    { key: fuzzy![0], label: fuzzy![1], rank: 2 },
    { key: docs![0], label: docs![1], rank: 1 },
    { key: pane[0]!, label: pane[1]!, rank: state.pane?.focused ? 7 : 3 },
    // In the pane, PageUp moves its selection.
    ...(state.scrollable && !state.pane?.focused ? [{ key: 'PgUp', label: 'scroll', rank: 4 }] : []),
    { key: exit![0], label: exit![1], rank: 6 },
  ];
}

/** Columns between two items, and before the status. */
export const TOOLBAR_GAP = 2;
const STATUS_SEPARATOR = ' · ';

/** A part of the status on the right: what a demo or lesson is at, the backend. */
export interface StatusPart {
  text: string;
  rank: number;
}

/** The backend's rank: it shows only beside every key, the first to go when the row is short. */
const BACKEND_RANK = 0;

/** The status on the right: a demo's or lesson's progress matters more than most keys; the backend, less than any. */
export function toolbarStatus(activity: string | undefined, backend: string): StatusPart[] {
  return [...(activity ? [{ text: activity, rank: 4.5 }] : []), { text: backend, rank: BACKEND_RANK }];
}

const itemWidth = (item: ToolbarItem) => item.key.length + 1 + item.label.length;

/**
 * What fits in `width` columns: whole items and status parts only, never a word cut. All fit,
 * or they are taken by rank, each that still fits, in their order: short of room, the backend
 * on the right goes first.
 */
export function fitToolbar(items: readonly ToolbarItem[], status: readonly StatusPart[], width: number): { items: ToolbarItem[]; status?: string } {
  const layout = (keptItems: readonly ToolbarItem[], keptStatus: readonly StatusPart[]) => {
    const text = keptStatus.map((part) => part.text).join(STATUS_SEPARATOR);
    const keys = keptItems.reduce((sum, item, i) => sum + itemWidth(item) + (i > 0 ? TOOLBAR_GAP : 0), 0);
    return { items: [...keptItems], ...(text ? { status: text } : {}), width: keys + (text ? TOOLBAR_GAP + text.length : 0) };
  };
  const taken = new Set<ToolbarItem | StatusPart>();
  const keep = () => layout(items.filter((item) => taken.has(item)), status.filter((part) => taken.has(part)));
  let dropped = false;
  for (const candidate of [...items, ...status].sort((a, b) => b.rank - a.rank)) {
    if (candidate.rank === BACKEND_RANK && dropped) continue;
    taken.add(candidate);
    if (keep().width > width) {
      taken.delete(candidate);
      dropped = true;
    }
  }
  const { width: _width, ...fitted } = keep();
  return fitted;
}

/** The backend as the toolbar names it: the label, the sandbox's region, and whether it is starting. */
export function backendText(label: string, region: string | undefined, starting: boolean): string {
  const where = label.startsWith('aws:') || !region ? label : `${label} ${region}`;
  return starting ? `${where} (starting)` : where;
}

const HINT_PARTS = ['Tab completes', 'ctrl-r searches history', 'F1 help'];
const HINT_SEPARATOR = ' · ';

/** The doc line's hint on an empty line. */
export const EMPTY_LINE_HINT = HINT_PARTS.join(HINT_SEPARATOR);

/** The hint in `width` columns: the history search drops out first, then help; a part is never cut. */
export function emptyLineHint(width: number): string {
  for (const parts of [HINT_PARTS, [HINT_PARTS[0]!, HINT_PARTS[2]!], [HINT_PARTS[0]!]]) {
    const text = parts.join(HINT_SEPARATOR);
    if (text.length <= width) return text;
  }
  return '';
}
