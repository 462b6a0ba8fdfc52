import { Box, Text } from 'ink';
import { lazy, Suspense, useCallback, useState, type ReactNode } from 'react';
import type { PaneLogKind } from '../LivePane.js';
import type { PaneBackend } from '../models/pane-api.js';
import type { PaneCommandResult } from '../pane-commands.js';
import { placePane } from '../pane-layout.js';
import { defaultRefreshMs, DEFAULT_PANE_SETTINGS, type PaneSettings } from '../pane-settings.js';
import { fit } from '../render/cells.js';
import { usePaneControl } from './use-pane-control.js';
import { useResolvedBackend } from './use-resolved-backend.js';

// The pane's code (models, renders, views) loads when a pane is first shown, not with the shell.
const LivePane = lazy(() => import('../LivePane.js').then((module) => ({ default: module.LivePane })));

export interface PanesOptions {
  /** The session's backend (started on first use). */
  backend: () => Promise<PaneBackend>;
  /** Names the backend, profile and region: a change means a new backend to wait for. */
  backendKey: string;
  /** The shell's `.cluster`: what the panes look at unless told `--cluster`. */
  cluster?: string;
  /** The screen the shell draws in. */
  columns: number;
  rows: number;
  /** The output log: each action's command line, and failures. */
  onLog(text: string, kind: PaneLogKind): void;
  /** No panes (the shell is leaving). */
  hidden?: boolean;
}

export interface Panes {
  settings: PaneSettings;
  /** `.pane ...` and `.layout ...`; undefined for any other line. */
  runCommand(line: string): PaneCommandResult | undefined;
  /** The pane has the keys. */
  focused: boolean;
  /** Tab at the prompt (its menu closed): true when a pane is shown and takes the focus. */
  focusPane(): boolean;
  /** The pane beside the prompt: the columns it takes, and what to draw there. */
  beside?: { width: number; element: ReactNode };
  /** The pane below the output log (or the note saying why it is hidden): its rows, and what to draw. */
  below?: { rows: number; render(columns: number): ReactNode };
}

/**
 * Everything the shell's screen needs of the live panes: their settings (F-keys and dot
 * commands), where the pane goes for the terminal's size, its focus, and the pane itself.
 */
export function usePanes({ backend: getBackend, backendKey, cluster, columns, rows, onLog, hidden = false }: PanesOptions): Panes {
  const control = usePaneControl(DEFAULT_PANE_SETTINGS);
  const { settings } = control;
  const shown = !hidden && settings.kind !== 'off';
  const { backend, error } = useResolvedBackend(getBackend, backendKey, shown);
  const [focusWanted, setFocusWanted] = useState(false);
  const place = placePane(settings.layout, columns, rows);
  const visible = shown && place.placement !== 'hidden';
  const focused = focusWanted && visible;
  const focusPrompt = useCallback(() => setFocusWanted(false), []);
  const focusPane = () => {
    if (!visible) return false;
    setFocusWanted(true);
    return true;
  };

  const base = { settings, runCommand: control.runCommand, focused, focusPane };
  if (!shown) return base;
  if (place.placement === 'hidden') {
    return { ...base, below: { rows: 1, render: (width) => <Text color="gray">{fit(place.note, width)}</Text> } };
  }

  const pane = (width: number, height: number) =>
    backend === undefined || settings.kind === 'off' ? (
      <Box width={width} height={height}>
        <Text color={error ? 'red' : 'gray'}>{error ? `pane: the backend did not start: ${error}` : 'pane: waiting for the backend…'}</Text>
      </Box>
    ) : (
      <Suspense fallback={<Text color="gray">pane: loading…</Text>}>
        <LivePane
          // A new pane or scope starts afresh: no selection, filter or question carried over.
          key={`${backendKey} ${settings.kind} ${settings.cluster ?? cluster ?? ''} ${settings.service ?? ''}`}
          backend={backend}
          kind={settings.kind}
          scope={{ cluster: settings.cluster ?? cluster ?? 'default', service: settings.kind === 'tasks' ? settings.service : undefined }}
          refreshMs={settings.refreshMs ?? defaultRefreshMs(backend.kind)}
          width={width}
          height={height}
          focused={focused}
          onFocusPrompt={focusPrompt}
          onLog={onLog}
        />
      </Suspense>
    );
  if (place.placement === 'right') {
    // A rule down the pane's left side keeps it apart from the output beside it.
    const element = (
      <Box borderStyle="single" borderColor="gray" borderTop={false} borderRight={false} borderBottom={false}>
        {pane(place.width - 1, place.height)}
      </Box>
    );
    return { ...base, beside: { width: place.width, element } };
  }
  return { ...base, below: { rows: place.height, render: (width) => pane(width, place.height) } };
}
