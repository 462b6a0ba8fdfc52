import type { PaneKind, PaneSettings } from './pane-settings.js';

/**
 * F-keys as terminals send them (xterm's SS3 and CSI forms, the Linux console's, rxvt's).
 * Ink's useInput reports them with no key flag, so the panes read them from the raw input.
 */
const SEQUENCES: Record<string, number> = {
  '\u001bOP': 1,
  '\u001bOQ': 2,
  '\u001bOR': 3,
  '\u001bOS': 4,
  '\u001b[11~': 1,
  '\u001b[12~': 2,
  '\u001b[13~': 3,
  '\u001b[14~': 4,
  '\u001b[[A': 1,
  '\u001b[[B': 2,
  '\u001b[[C': 3,
  '\u001b[[D': 4,
  '\u001b[[E': 5,
  '\u001b[15~': 5,
  '\u001b[17~': 6,
  '\u001b[18~': 7,
  '\u001b[19~': 8,
  '\u001b[20~': 9,
  '\u001b[21~': 10,
  '\u001b[23~': 11,
  '\u001b[24~': 12,
};

export function functionKeyOf(data: string): number | undefined {
  return SEQUENCES[data];
}

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
