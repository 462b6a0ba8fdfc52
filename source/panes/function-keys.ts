import { closedPane, type PaneKind, type PaneSettings } from './pane-settings.js';

/**
 * F4 tasks, F5 placement, F6 services, F7 moves the pane. The keys stay at the prompt until
 * asked for: the shown pane's own key moves them into the pane (Esc gives them back), and
 * pressed there it hides the pane. F1-F3 and F10 are the shell's (help, matching, docs, exit).
 */
const PANE_KEYS: Record<number, PaneKind> = { 4: 'tasks', 5: 'placement', 6: 'services' };
const LAYOUT_KEY = 7;

/** The pane settings and where the keys go. */
export interface PaneKeyState {
  settings: PaneSettings;
  /** The pane has the keys (the user asked for them with its F-key). */
  focused: boolean;
}

/** The F-key that shows a pane, and moves the keys into it once shown: `F4`. */
export function paneKeyName(kind: PaneKind): string {
  return `F${Object.entries(PANE_KEYS).find(([, shown]) => shown === kind)![0]}`;
}

/**
 * What F`key` does. `canFocus`: the pane is on screen (the terminal has room for it), so its
 * key can hand it the keys rather than hide it.
 */
export function applyFunctionKey(key: number, state: PaneKeyState, canFocus = true): PaneKeyState | undefined {
  const { settings, focused } = state;
  const kind = PANE_KEYS[key];
  if (kind) {
    // Another pane: in the place of the one shown, which keeps its cluster; --service is the tasks pane's.
    if (settings.kind !== kind) return { settings: { ...settings, kind, service: undefined }, focused: settings.kind !== 'off' && focused };
    if (!focused && canFocus) return { settings, focused: true };
    return { settings: closedPane(settings), focused: false };
  }
  if (key === LAYOUT_KEY) return { settings: { ...settings, layout: settings.layout === 'right' ? 'bottom' : 'right' }, focused };
  return undefined;
}
