import type { Backend } from '../api/index.js';

export type PaneKind = 'tasks' | 'placement' | 'services';
export const PANE_KINDS: readonly PaneKind[] = ['tasks', 'placement', 'services'];

export type PaneLayout = 'right' | 'bottom';

export interface PaneSettings {
  kind: PaneKind | 'off';
  layout: PaneLayout;
  /** `.pane refresh N`; otherwise the backend's default, which follows `.backend` switches. */
  refreshMs?: number;
  /** `.pane tasks --cluster X`: otherwise the pane follows the shell's cluster. */
  cluster?: string;
  /** `.pane tasks --service Y`: only that service's tasks. */
  service?: string;
}

/**
 * A local sandbox answers in microseconds and is polled every second; AWS is polled every
 * 5 s, which keeps a few panes well inside ECS's request rate limits.
 */
export function defaultRefreshMs(kind: Backend['kind']): number {
  return kind === 'sandbox' ? 1_000 : 5_000;
}

/** No pane, and nothing kept of what the last one looked at: the next opens on the shell's cluster. */
export function closedPane(settings: PaneSettings): PaneSettings {
  return { ...settings, kind: 'off', cluster: undefined, service: undefined };
}

export const DEFAULT_PANE_SETTINGS: PaneSettings = { kind: 'off', layout: 'right' };

export const PANE_TITLES: Record<PaneKind, string> = { tasks: 'Tasks', placement: 'Placement', services: 'Services' };
