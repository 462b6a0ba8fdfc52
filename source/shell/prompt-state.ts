import { newerEntry, olderEntry, type HistoryBrowse } from './history-browse.js';
import { EMPTY_LINE, lineOf, type LineState } from './line-edit.js';
import type { ReverseSearch } from './reverse-search.js';

/** Everything the prompt's keys change: the line, the menu, history browsing and ctrl-r. */
export interface PromptState {
  line: LineState;
  /** What ctrl-k/u/w cut last, for ctrl-y. */
  kill: string;
  browse?: HistoryBrowse;
  search?: ReverseSearch;
  menu: MenuState;
}

export interface MenuState {
  /** The menu shows (when there is something to show): it opens as one types, and Esc closes it. */
  open: boolean;
  selected: number;
  /** The selection was moved by hand, so Enter takes it instead of running the line. */
  chosen: boolean;
}

const CLOSED_MENU: MenuState = { open: false, selected: 0, chosen: false };
const FRESH_MENU: MenuState = { open: true, selected: 0, chosen: false };

export const INITIAL_PROMPT: PromptState = { line: EMPTY_LINE, kill: '', menu: CLOSED_MENU };

/**
 * The text changed by typing: the menu opens on the new word. An emptied line has no menu,
 * so that Up there goes to the history (Tab still opens the menu).
 */
export function edited(state: PromptState, line: LineState, kill = state.kill): PromptState {
  return { line, kill, menu: line.text.trim() === '' ? CLOSED_MENU : FRESH_MENU };
}

/** The cursor moved: the menu keeps its state but starts again at the top. */
export function moved(state: PromptState, line: LineState): PromptState {
  return { ...state, line, menu: { ...state.menu, selected: 0, chosen: false } };
}

/** A line taken from the history: shown as it is, without a menu over it. */
export function recalled(state: PromptState, text: string, browse: HistoryBrowse): PromptState {
  return { line: lineOf(text), kill: state.kill, browse, menu: CLOSED_MENU };
}

export function historyOlder(state: PromptState, entries: readonly string[]): PromptState {
  const step = olderEntry(entries, state.browse, state.line.text);
  return step ? recalled(state, step.text, step.browse) : state;
}

export function historyNewer(state: PromptState, entries: readonly string[]): PromptState {
  const step = newerEntry(entries, state.browse);
  return step ? recalled(state, step.text, step.browse) : state;
}

export function selectIn(state: PromptState, count: number, delta: number): PromptState {
  if (count === 0) return state;
  const selected = (((state.menu.selected + delta) % count) + count) % count;
  return { ...state, menu: { open: true, selected, chosen: true } };
}

export function closeMenu(state: PromptState): PromptState {
  return { ...state, menu: CLOSED_MENU };
}

export function openMenu(state: PromptState): PromptState {
  return { ...state, menu: FRESH_MENU };
}

/** After a line is run or dropped: an empty prompt, the kill buffer kept. */
export function cleared(state: PromptState): PromptState {
  return { ...INITIAL_PROMPT, kill: state.kill };
}
