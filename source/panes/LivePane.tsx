import { Box, Text, type Key } from 'ink';
import { useMemo, useState } from 'react';
import { useLatestInput } from './hooks/use-latest-input.js';
import { useLatestState } from './hooks/use-latest-state.js';
import { useResultFormat } from './hooks/use-result-format.js';
import { Footer } from './components/Footer.js';
import { TitleBar } from './components/TitleBar.js';
import { DetailsView, maxDetailsOffset } from './DetailsView.js';
import { usePaneData } from './hooks/use-pane-data.js';
import { useSelection } from './hooks/use-selection.js';
import { paneApiFor, type PaneBackend } from './models/pane-api.js';
import { runAction, scaleServiceAction, type PaneAction } from './models/pane-actions.js';
import { scopeLabel, type PaneScope } from './models/pane-scope.js';
import type { PlacementSnapshot, ZoneGroup } from './models/placement-model.js';
import type { ServiceBlock } from './models/services-model.js';
import type { TaskRow } from './models/tasks-model.js';
import { paneKeyName } from './function-keys.js';
import { explainPaneError } from './models/pane-problems.js';
import { PANE_DEFINITIONS, type PendingAction } from './pane-definitions.js';
import { PANE_TITLES, type PaneKind } from './pane-settings.js';
import { PlacementPane } from './PlacementPane.js';
import { detailsLines } from './render/details-lines.js';
import { ServicesPane } from './ServicesPane.js';
import { TasksPane } from './TasksPane.js';

export type PaneLogKind = 'command' | 'error';

export interface LivePaneProps {
  backend: PaneBackend;
  kind: PaneKind;
  scope: PaneScope;
  refreshMs: number;
  width: number;
  height: number;
  /** Keys go to the pane (its F-key, pressed again once it shows, moves them here). */
  focused: boolean;
  /** Esc in the pane: the keys go back to the prompt. */
  onFocusPrompt?: () => void;
  /** Where an action's command line and any failure go: the shell's output log. */
  onLog?: (text: string, kind: PaneLogKind) => void;
}

/** `ask`: a change waits for y then Enter; `answer` is the y typed so far. */
type Mode = { name: 'list' } | { name: 'filter'; draft: string } | { name: 'details'; offset: number } | { name: 'ask'; pending: PendingAction; answer: string };

/** Rows a page key moves, by how tall a pane's items are. */
const ITEM_LINES: Record<PaneKind, number> = { tasks: 1, placement: 3, services: 5 };

const LIST_KEYS = '↑↓ move  ⏎ details  / filter  r refresh';
/** First on the footer while the pane has the keys: how to give them back. */
const BACK_KEY = 'esc back to the prompt';

/**
 * A live pane in the shell: the chosen pane's data polled through the backend, its view,
 * the title and footer, and its keys (move, filter, details, actions with confirmation).
 */
export function LivePane({ backend, kind, scope, refreshMs, width, height, focused, onFocusPrompt, onLog }: LivePaneProps) {
  const api = paneApiFor(backend);
  const definition = PANE_DEFINITIONS[kind];
  const { state, refresh } = usePaneData(kind, api, scope, refreshMs);
  const [filter, setFilter, latestFilter] = useLatestState('');
  const [mode, setMode, latestMode] = useLatestState<Mode>({ name: 'list' });
  const [message, setMessage] = useState<{ text: string; color: string } | undefined>();
  const snapshot = state.data;
  const error = state.error === undefined ? undefined : explainPaneError(state.error, scope);
  const visible = useMemo(() => (snapshot === undefined ? undefined : definition.visible(snapshot, filter)), [definition, snapshot, filter]);
  const keys = useMemo(() => (visible === undefined ? [] : definition.keys(visible)), [definition, visible]);
  const selection = useSelection(keys);
  const bodyHeight = Math.max(1, height - 2);
  const page = Math.max(1, Math.floor(bodyHeight / ITEM_LINES[kind]));
  const details = mode.name === 'details' && snapshot !== undefined && selection.key ? definition.describe(snapshot, selection.key) : undefined;
  const format = useResultFormat();
  const lines = useMemo(() => (details && format ? detailsLines(details, format) : ['loading…']), [details, format]);

  const act = (action: PaneAction) => {
    onLog?.(action.command, 'command');
    setMessage({ text: `ran: ${action.command}`, color: 'gray' });
    runAction(api, action).then(
      () => refresh(),
      (error: Error) => {
        const text = `${error.name && error.name !== 'Error' ? `${error.name}: ` : ''}${error.message}`;
        onLog?.(text, 'error');
        setMessage({ text, color: 'red' });
      },
    );
  };

  /**
   * A change happens on y then Enter, nothing else: keys typed into the pane by mistake (a
   * command meant for the prompt) cancel it at their first other key.
   */
  const onAnswer = (pending: PendingAction, answer: string, input: string, key: Key) => {
    if (pending.kind === 'scale' && answer === '' && (input === '+' || input === '-')) {
      const to = Math.max(0, pending.choice.to + (input === '+' ? 1 : -1));
      setMode({ name: 'ask', pending: { kind: 'scale', choice: { ...pending.choice, to } }, answer });
      return;
    }
    if (answer === '' && (input === 'y' || input === 'Y')) {
      setMode({ name: 'ask', pending, answer: 'y' });
      return;
    }
    if (answer !== '' && (key.backspace || key.delete)) {
      setMode({ name: 'ask', pending, answer: '' });
      return;
    }
    setMode({ name: 'list' });
    if (answer === '' || !key.return) {
      setMessage({ text: 'cancelled', color: 'gray' });
      return;
    }
    if (pending.kind === 'confirm') act(pending.action);
    else if (pending.kind === 'scale') {
      if (pending.choice.to === pending.choice.from) setMessage({ text: `${pending.choice.service} already has ${pending.choice.to} desired`, color: 'gray' });
      else act(scaleServiceAction(pending.choice));
    }
  };

  const onListKey = (input: string, key: Key) => {
    if (key.upArrow || input === 'k') selection.move(-1);
    else if (key.downArrow || input === 'j') selection.move(1);
    else if (key.pageUp) selection.move(-page);
    else if (key.pageDown) selection.move(page);
    else if (key.home || input === 'g') selection.moveTo(0);
    else if (key.end || input === 'G') selection.moveTo(keys.length - 1);
    else if (key.return) {
      if (selection.key) setMode({ name: 'details', offset: 0 });
    } else if (input === '/') setMode({ name: 'filter', draft: latestFilter() });
    else if (input === 'r') void refresh();
    else if (key.escape && latestFilter()) setFilter('');
    else if (snapshot !== undefined && input) {
      const pending = definition.action(snapshot, selection.key, input);
      if (pending?.kind === 'refused') setMessage({ text: pending.reason, color: 'yellow' });
      else if (pending) setMode({ name: 'ask', pending, answer: '' });
      // Typing meant for the prompt: say where the keys are.
      else if (!key.ctrl && !key.meta) setMessage({ text: `in the pane: ${BACK_KEY}`, color: 'yellow' });
    }
  };

  useLatestInput(
    (input, key) => {
      setMessage(undefined);
      const mode = latestMode();
      switch (mode.name) {
        case 'ask':
          onAnswer(mode.pending, mode.answer, input, key);
          return;
        case 'filter':
          if (key.return) {
            setFilter(mode.draft.trim());
            setMode({ name: 'list' });
          } else if (key.escape) {
            setFilter('');
            setMode({ name: 'list' });
          } else if (key.backspace || key.delete) setMode({ name: 'filter', draft: mode.draft.slice(0, -1) });
          else if (input && !key.ctrl && !key.meta) setMode({ name: 'filter', draft: mode.draft + input });
          return;
        case 'details': {
          const last = maxDetailsOffset(lines.length, bodyHeight);
          const to = (offset: number) => setMode({ name: 'details', offset: Math.min(Math.max(0, offset), last) });
          if (key.upArrow || input === 'k') to(mode.offset - 1);
          else if (key.downArrow || input === 'j') to(mode.offset + 1);
          else if (key.pageUp) to(mode.offset - (bodyHeight - 1));
          else if (key.pageDown || input === ' ') to(mode.offset + (bodyHeight - 1));
          else if (key.home || input === 'g') to(0);
          else if (key.end || input === 'G') to(last);
          else if (key.escape || key.return || input === 'q') setMode({ name: 'list' });
          return;
        }
        case 'list':
          if (key.escape && !latestFilter()) onFocusPrompt?.();
          else onListKey(input, key);
      }
    },
    focused,
  );

  const footer =
    mode.name === 'ask'
      ? // [y/N] as terminals ask, with the Enter it takes: y alone, typed by mistake, does nothing yet.
        { text: `${questionOf(mode.pending)} [y⏎/N]${mode.answer === '' ? '' : ' y█'}`, color: 'yellow' }
      : mode.name === 'filter'
        ? { text: `/${mode.draft}█  (⏎ apply, esc clear)`, color: 'white' }
        : mode.name === 'details'
          ? { text: '↑↓ PgUp PgDn scroll  esc back', color: 'gray' }
          : (message ?? { text: `${filter ? `filter: ${filter} (esc clears)  ` : ''}${focused ? `${BACK_KEY}  ${definition.hints}  ${LIST_KEYS}` : `${paneKeyName(kind)} to use the pane`}`, color: 'gray' });

  let body;
  if (details) {
    body = <DetailsView title={`${details.operation} ${selection.key?.slice(selection.key.lastIndexOf('/') + 1) ?? ''}`} lines={lines} offset={mode.name === 'details' ? mode.offset : 0} width={width} height={bodyHeight} />;
  } else if (snapshot === undefined || visible === undefined) {
    body = <Text color={error ? 'red' : 'gray'}>{error ?? 'loading…'}</Text>;
  } else if (keys.length === 0) {
    body = <Text color="gray">{filter ? `nothing matches '${filter}'` : `no ${kind === 'placement' ? 'container instances' : kind} in ${scopeLabel(scope)}`}</Text>;
  } else {
    const common = { selectedKey: selection.key, width, height: bodyHeight, focused };
    body =
      kind === 'tasks' ? (
        <TasksPane rows={visible as readonly TaskRow[]} now={api.clock.now()} {...common} />
      ) : kind === 'placement' ? (
        <PlacementPane zones={visible as readonly ZoneGroup[]} families={(snapshot as PlacementSnapshot).families} {...common} />
      ) : (
        <ServicesPane services={visible as readonly ServiceBlock[]} {...common} />
      );
  }

  return (
    <Box flexDirection="column" width={width} height={height}>
      <TitleBar
        title={PANE_TITLES[kind]}
        scope={scopeLabel(scope)}
        summary={snapshot === undefined ? undefined : definition.summary(snapshot)}
        poll={error === undefined ? state : { ...state, error }}
        refreshMs={refreshMs}
        width={width}
      />
      <Box height={bodyHeight} flexDirection="column">
        {body}
      </Box>
      <Footer text={footer.text} color={footer.color} width={width} />
    </Box>
  );
}

function questionOf(pending: PendingAction): string {
  if (pending.kind === 'scale') return scaleServiceAction(pending.choice).question;
  return pending.kind === 'confirm' ? pending.action.question : pending.reason;
}
