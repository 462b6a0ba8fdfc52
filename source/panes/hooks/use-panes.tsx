import { Box, Text } from 'ink';
import { lazy, Suspense, useRef, type ReactNode } from 'react';
import type { PaneLogKind } from '../LivePane.js';
import type { PaneBackend } from '../models/pane-api.js';
import type { PaneScope } from '../models/pane-scope.js';
import { paneKeyName } from '../function-keys.js';
import type { PaneCommandResult } from '../pane-commands.js';
import { placePane } from '../pane-layout.js';
import { defaultRefreshMs, DEFAULT_PANE_SETTINGS, type PaneSettings } from '../pane-settings.js';
import { fit } from '../render/cells.js';
import { usePaneControl } from './use-pane-control.js';
import { useResolvedBackend } from './use-resolved-backend.js';

// The pane's code (models, renders, views) loads when a pane is first shown, not with the shell.
const LivePane = lazy(() => import('../LivePane.js').then((module) => ({ default: module.LivePane })));

/** What is wrong with a scope named on a `.pane` line (no such cluster or service), if anything. */
async function checkScope(getBackend: () => Promise<PaneBackend>, scope: PaneScope): Promise<string | undefined> {
  try {
    const [backend, { paneApiFor }, { scopeProblem }] = await Promise.all([getBackend(), import('../models/pane-api.js'), import('../models/pane-problems.js')]);
    return await scopeProblem(paneApiFor(backend), scope);
  } catch {
    // No backend: the pane says so itself.
    return undefined;
  }
}

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
  /** The pane has the keys (after its F-key, pressed again once it shows; Esc gives them back). */
  focused: boolean;
  /** The F-key of the pane on screen (`F4`): pressed, it moves the keys into the pane. */
  paneKey?: string;
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
  const visibleNow = useRef(false);
  const control = usePaneControl(DEFAULT_PANE_SETTINGS, () => visibleNow.current);
  const { settings } = control;
  const shown = !hidden && settings.kind !== 'off';
  const { backend, error } = useResolvedBackend(getBackend, backendKey, shown);
  const place = placePane(settings.layout, columns, rows);
  const visible = shown && place.placement !== 'hidden';
  visibleNow.current = visible;
  const focused = control.focused && visible;

  const runCommand = (line: string) => {
    const before = control.settings;
    const result = control.runCommand(line);
    const after = result?.ok ? result.settings : undefined;
    // A cluster or service named on the line is checked at once: a typo is answered where it was typed.
    if (after && after.kind !== 'off' && (after.cluster !== before.cluster || after.service !== before.service) && (after.cluster || after.service)) {
      const scope = { cluster: after.cluster ?? cluster ?? 'default', service: after.kind === 'tasks' ? after.service : undefined };
      void checkScope(getBackend, scope).then((problem) => problem && onLog(problem, 'error'));
    }
    return result;
  };

  const base = { settings, runCommand, focused, ...(visible && settings.kind !== 'off' ? { paneKey: paneKeyName(settings.kind) } : {}) };
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
          onFocusPrompt={control.focusPrompt}
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
