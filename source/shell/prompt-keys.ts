import type { Candidate } from '../completion/index.js';
import { acceptCandidate } from './accept-candidate.js';
import type { KeyPress } from '../terminal/index.js';
import {
  deleteBackward,
  deleteForward,
  insertText,
  killToEnd,
  killToStart,
  killWordBackward,
  killWordForward,
  lineOf,
  moveTo,
  wordEndAfter,
  wordStartBefore,
  type KillResult,
} from './line-edit.js';
import { cleared, closeMenu, edited, historyNewer, historyOlder, moved, openMenu, selectIn, type PromptState } from './prompt-state.js';
import { matchedLine, searchFor, searchOlder, startSearch } from './reverse-search.js';

/** What a key asks of the shell beyond the prompt. */
export type ShellEffect =
  | { type: 'run'; line: string }
  | { type: 'busy' }
  | { type: 'cancel' }
  | { type: 'exit' }
  | { type: 'help' }
  | { type: 'toggle-fuzzy' }
  | { type: 'toggle-docs' }
  | { type: 'scroll'; pages: number }
  | { type: 'clear-log' };

/** What the keys see of the rest of the shell. */
export interface KeyView {
  history: readonly string[];
  /** The menu's items as shown, and the part of the line an item replaces. */
  candidates: readonly Pick<Candidate, 'insert' | 'noSpace'>[];
  replace?: { start: number; end: number };
  /** The menu is on screen. */
  menuVisible: boolean;
  /** A command is running. */
  running: boolean;
}

export interface KeyOutcome {
  state: PromptState;
  effect?: ShellEffect;
}

/** The meaning of a key at the prompt: emacs editing, the menu, history and ctrl-r. */
export function handleKey(key: KeyPress, state: PromptState, view: KeyView): KeyOutcome {
  if (state.search) return searchKey(key, state, view);
  const global = globalKey(key, state, view);
  if (global) return global;
  const line = state.line;
  const kill = (result: KillResult): KeyOutcome => ({ state: edited(state, result.line, result.killed || state.kill) });
  const editedTo = (next: typeof line): KeyOutcome => ({ state: next === line ? state : edited(state, next) });
  const movedTo = (cursor: number): KeyOutcome => ({ state: moved(state, moveTo(line, cursor)) });

  if (key.name === 'text') return { state: edited(state, insertText(line, key.text)) };
  if (key.meta) {
    switch (key.name) {
      case 'b':
      case 'left':
        return movedTo(wordStartBefore(line.text, line.cursor));
      case 'f':
      case 'right':
        return movedTo(wordEndAfter(line.text, line.cursor));
      case 'd':
        return kill(killWordForward(line));
      case 'backspace':
        return kill(killWordBackward(line));
    }
  }
  if (key.ctrl) {
    switch (key.name) {
      case 'a':
        return movedTo(0);
      case 'e':
        return movedTo(line.text.length);
      case 'b':
        return movedTo(line.cursor - 1);
      case 'f':
        return movedTo(line.cursor + 1);
      case 'k':
        return kill(killToEnd(line));
      case 'u':
        return kill(killToStart(line));
      case 'w':
        return kill(killWordBackward(line));
      case 'y':
        return state.kill ? { state: edited(state, insertText(line, state.kill)) } : { state };
      case 'd':
        return line.text === '' ? { state, effect: { type: 'exit' } } : editedTo(deleteForward(line));
      case 'p':
        return menuOrHistory(state, view, -1);
      case 'n':
        return menuOrHistory(state, view, 1);
      case 'r':
        return { state: { ...closeMenu(state), search: startSearch(view.history, line) } };
      case 'left':
        return movedTo(wordStartBefore(line.text, line.cursor));
      case 'right':
        return movedTo(wordEndAfter(line.text, line.cursor));
    }
    return { state };
  }
  switch (key.name) {
    case 'return':
      if (view.menuVisible && state.menu.chosen) return accept(state, view);
      if (view.running) return { state, effect: { type: 'busy' } };
      return { state: cleared(state), effect: { type: 'run', line: line.text } };
    case 'tab':
      if (key.shift) return view.menuVisible ? { state: selectIn(state, view.candidates.length, -1) } : { state };
      if (view.menuVisible) return accept(state, view);
      if (view.candidates.length === 1) return accept(openMenu(state), view);
      return { state: openMenu(state) };
    case 'up':
      return menuOrHistory(state, view, -1);
    case 'down':
      return menuOrHistory(state, view, 1);
    case 'escape':
      return { state: closeMenu(state) };
    case 'left':
      return movedTo(line.cursor - 1);
    case 'right':
      return movedTo(line.cursor + 1);
    case 'home':
      return movedTo(0);
    case 'end':
      return movedTo(line.text.length);
    case 'backspace':
      return editedTo(deleteBackward(line));
    case 'delete':
      return editedTo(deleteForward(line));
  }
  return { state };
}

/** Keys that mean the same in every mode. */
function globalKey(key: KeyPress, state: PromptState, view: KeyView): KeyOutcome | undefined {
  if (key.ctrl && key.name === 'c') {
    if (view.running) return { state, effect: { type: 'cancel' } };
    return { state: cleared(state) };
  }
  if (key.ctrl && key.name === 'l') return { state, effect: { type: 'clear-log' } };
  switch (key.name) {
    case 'f1':
      return { state, effect: { type: 'help' } };
    case 'f2':
      return { state, effect: { type: 'toggle-fuzzy' } };
    case 'f3':
      return { state, effect: { type: 'toggle-docs' } };
    case 'f10':
      return { state, effect: { type: 'exit' } };
    case 'pageup':
      return { state, effect: { type: 'scroll', pages: 1 } };
    case 'pagedown':
      return { state, effect: { type: 'scroll', pages: -1 } };
  }
  return undefined;
}

function menuOrHistory(state: PromptState, view: KeyView, delta: number): KeyOutcome {
  if (view.menuVisible) return { state: selectIn(state, view.candidates.length, delta) };
  return { state: delta < 0 ? historyOlder(state, view.history) : historyNewer(state, view.history) };
}

function accept(state: PromptState, view: KeyView): KeyOutcome {
  const candidate = view.candidates[Math.min(state.menu.selected, view.candidates.length - 1)];
  if (!candidate || !view.replace) return { state };
  // The menu stays open on what can follow (the operation's parameters after an operation).
  return { state: edited(state, acceptCandidate(state.line, candidate, view.replace)) };
}

/** ctrl-r mode: typing searches, ctrl-r goes older, Enter runs, Esc or ctrl-g gives the line back. */
function searchKey(key: KeyPress, state: PromptState, view: KeyView): KeyOutcome {
  const search = state.search!;
  const found = matchedLine(view.history, search);
  if (key.name === 'text') return { state: { ...state, search: searchFor(view.history, search, search.query + key.text) } };
  if (key.name === 'backspace') return { state: { ...state, search: searchFor(view.history, search, search.query.slice(0, -1)) } };
  if (key.ctrl && key.name === 'r') return { state: { ...state, search: searchOlder(view.history, search) } };
  if (key.name === 'escape' || (key.ctrl && (key.name === 'g' || key.name === 'c'))) {
    return { state: { ...state, line: search.original, search: undefined } };
  }
  if (key.name === 'return') {
    if (view.running) return { state, effect: { type: 'busy' } };
    const text = found?.text ?? search.original.text;
    return { state: cleared(state), effect: { type: 'run', line: text } };
  }
  // Any other key takes the match into the line for editing.
  const line = found ? lineOf(found.text) : search.original;
  return { state: moved({ ...state, search: undefined }, line) };
}
