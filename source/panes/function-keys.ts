import type { PaneKind, PaneSettings } from './pane-settings.js';

/**
 * F4 tasks, F5 placement, F6 services (pressing the one shown hides it), F7 moves the pane.
 * F1-F3 and F10 are the shell's (help, fuzzy matching, docs, exit).
 */
const PANE_KEYS: Record<number, PaneKind> = { 4: 'tasks', 5: 'placement', 6: 'services' };
const LAYOUT_KEY = 7;

export function applyFunctionKey(key: number, settings: PaneSettings): PaneSettings | undefined {
  const kind = PANE_KEYS[key];
  if (kind) return { ...settings, kind: settings.kind === kind ? 'off' : kind };
  if (key === LAYOUT_KEY) return { ...settings, layout: settings.layout === 'right' ? 'bottom' : 'right' };
  return undefined;
}
