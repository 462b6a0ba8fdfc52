import { Box, useApp, useStdin, useStdout } from 'ink';
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import CompletionMenu from './CompletionMenu.js';
import type { CompletionEngine } from './completion-engine.js';
import type { ShellDriver } from './demo/shell-driver.js';
import { tapWrites } from './demo/write-tap.js';
import DocLine from './DocLine.js';
import { docLineText } from './doc-line-text.js';
import { editInEditor } from './editor.js';
import { overviewHelp } from './help-text.js';
import { useCompletion } from './hooks/use-completion.js';
import { useDeferredLoad } from './hooks/use-deferred-load.js';
import { useDrivers } from './hooks/use-drivers.js';
import { useOutputLog } from './hooks/use-output-log.js';
import { useRunner } from './hooks/use-runner.js';
import { useSessionState } from './hooks/use-session-state.js';
import { useTerminalSize } from './hooks/use-terminal-size.js';
import OutputLog from './OutputLog.js';
import { entryLines } from './output-lines.js';
import Prompt from './Prompt.js';
import { handleKey, type KeyView, type ShellEffect } from './prompt-keys.js';
import { cleared, INITIAL_PROMPT, type PromptState } from './prompt-state.js';
import { promptText } from './prompt-text.js';
import { matchedLine } from './reverse-search.js';
import { runLine } from './run-line.js';
import { failure, info, type LineOutcome, type ShellContext } from './shell-context.js';
import { THEMES, type ThemeName } from './theme.js';
import { usePanes } from '../panes/index.js';
import { decodeKeys, useKeyPress, type KeyPress } from '../terminal/index.js';
import Toolbar from './Toolbar.js';

/** Live panes (a later part of ecsh) get this many rows between the output and the prompt. */
export interface PaneSlot {
  rows: number;
  render(columns: number): ReactNode;
}

export interface AppProps {
  /** The session, history and settings; the app adds completion's resource names and the editor. */
  context: ShellContext;
  loadCompletion(): Promise<CompletionEngine>;
  fuzzy: boolean;
  theme: ThemeName;
  /** Lines shown in the log at start (a settings file that could not be read...). */
  notices?: readonly string[];
  panes?: PaneSlot;
  /** What drives the screen from the start besides the keyboard (a demo, a lesson). */
  drivers?: readonly ShellDriver[];
  /** Called when the user leaves, before the last frame. */
  onExit?(): void;
}

const NO_DRIVERS: readonly ShellDriver[] = [];

/** Rows of the completion menu at most. */
const MENU_ROWS = 8;

/**
 * The shell's screen: the output log on top, the slot for live panes, the prompt, the
 * completion menu, the doc line and the toolbar. The whole frame stays a row shorter than
 * the terminal, so that Ink redraws it in place rather than clearing the screen.
 */
export default function App({ context: baseContext, loadCompletion, fuzzy: initialFuzzy, theme: themeName, notices, panes, drivers: initialDrivers = NO_DRIVERS, onExit }: AppProps) {
  const { exit } = useApp();
  const { setRawMode, isRawModeSupported } = useStdin();
  const { stdout } = useStdout();
  const size = useTerminalSize();
  const session = useSessionState(baseContext.session);
  const log = useOutputLog(useMemo(() => (notices ?? []).map((text) => ({ kind: 'info' as const, text })), [notices]));
  const engine = useDeferredLoad(loadCompletion);
  const engineRef = useRef<CompletionEngine | undefined>(undefined);
  engineRef.current = engine.value;

  const [prompt, setPrompt] = useState<PromptState>(INITIAL_PROMPT);
  const promptRef = useRef(prompt);
  const [fuzzy, setFuzzy] = useState(initialFuzzy);
  const [docs, setDocs] = useState(true);
  const [notice, setNotice] = useState<string>();
  const [exiting, setExiting] = useState(false);
  const [directory, setDirectory] = useState<string>();
  const theme = THEMES[themeName];
  const live = usePanes({
    backend: () => baseContext.session.backend(),
    backendKey: `${session.kind} ${session.label} ${session.region ?? ''}`,
    cluster: session.cluster,
    columns: size.columns,
    rows: size.rows - 1,
    hidden: exiting,
    onLog: (text, kind) => {
      // What a pane did, as the command that does it: in the log and in the history, to learn and reuse.
      if (kind === 'command') baseContext.history.add(text);
      log.append([kind === 'command' ? { kind, text, prompt: promptText(session) } : { kind, text }]);
    },
  });
  // Beside the prompt, the pane takes its columns from the rest of the screen.
  const columns = live.beside ? size.columns - live.beside.width : size.columns;
  const paneSlot = panes ?? live.below;

  const requestExit = useCallback(() => setExiting(true), []);
  // Keys reach the prompt through this, whether typed or fed by a driver (set below, each render).
  const promptKey = useRef<(key: KeyPress) => void>(() => undefined);
  const drivers = useDrivers(initialDrivers, {
    press: (input) => {
      for (const key of decodeKeys(input)) promptKey.current(key);
    },
    submit: (line, shown) => {
      promptRef.current = cleared(promptRef.current);
      setPrompt(promptRef.current);
      if (line === shown) perform({ type: 'run', line });
      else void runner.run(line, shown);
    },
    promptText: () => promptRef.current.line.text,
    narrate: (tone, text) => log.append([{ kind: 'narration', tone, text }]),
    runQuietly: async (line): Promise<LineOutcome> => {
      const pane = live.runCommand(line);
      if (pane) return pane.ok ? info(pane.message) : failure(pane.message);
      const outcome = await runLine(line, context, { terminalWidth: columns });
      if (outcome.clear) log.clear();
      if (outcome.exit) requestExit();
      return outcome;
    },
    workIn: setDirectory,
    tapOutput: (listener) => tapWrites(stdout, listener),
    size: () => size,
    exit: requestExit,
  });
  const { add: addDriver, find: findDriver } = drivers;

  const context = useMemo<ShellContext>(
    () => ({
      ...baseContext,
      ...(directory !== undefined ? { cwd: directory } : {}),
      screen: { add: addDriver, find: findDriver },
      resources: {
        invalidateAfter: (service, operation) => engineRef.current?.resources.invalidateAfter(service, operation),
        invalidate: () => engineRef.current?.resources.invalidate(),
      },
      edit:
        baseContext.edit ??
        ((text) => {
          // The editor gets the terminal as it was before the shell took it.
          if (isRawModeSupported) setRawMode(false);
          try {
            return editInEditor(text);
          } finally {
            if (isRawModeSupported) setRawMode(true);
          }
        }),
    }),
    [baseContext, directory, isRawModeSupported, setRawMode, addDriver, findDriver],
  );

  // The backend starts once the first frame is up: the prompt does not wait for the sandbox.
  useEffect(() => {
    const timer = setImmediate(() => baseContext.session.backend().catch(() => undefined));
    return () => clearImmediate(timer);
  }, [baseContext.session]);

  const runner = useRunner({
    context,
    append: log.append,
    clear: log.clear,
    exit: requestExit,
    prompt: promptText(session),
    terminalWidth: columns,
    onLineDone: drivers.lineDone,
  });

  useEffect(() => {
    if (!exiting) return;
    runner.cancel();
    onExit?.();
    exit();
  }, [exiting]);

  const searching = prompt.search !== undefined;
  const completion = useCompletion(engine.value, prompt.line, { mode: fuzzy ? 'fuzzy' : 'prefix', cluster: session.cluster, active: !searching && !exiting && runner.question === undefined });
  const candidates = completion?.candidates ?? [];
  const menuVisible = prompt.menu.open && candidates.length > 0 && !searching && !exiting;
  const selected = Math.min(prompt.menu.selected, Math.max(0, candidates.length - 1));

  const view = useRef<KeyView | undefined>(undefined);
  view.current = { history: context.history.entries, candidates, replace: completion?.replace, menuVisible, running: runner.running !== undefined };

  // Layout: everything but the log has a fixed height; the log gets the rest.
  const menuRows = menuVisible ? Math.min(MENU_ROWS, candidates.length, Math.max(1, size.rows - 5)) : 0;
  const paneRows = paneSlot && !exiting ? paneSlot.rows : 0;
  const fixedRows = 1 + menuRows + (docs && !exiting ? 1 : 0) + (exiting ? 0 : 1) + paneRows;
  const logSpace = Math.max(0, size.rows - 1 - fixedRows);
  const allLines = useMemo(() => log.entries.flatMap((entry) => entryLines(entry, columns)), [log.entries, columns]);
  const maxScroll = Math.max(0, allLines.length - logSpace);
  const offset = Math.min(log.scroll, maxScroll);
  const end = allLines.length - offset;
  const start = Math.max(0, end - (logSpace - (offset > 0 ? 1 : 0)));
  const shownLines = useMemo(() => allLines.slice(start, end), [allLines, start, end]);

  const perform = (effect: ShellEffect) => {
    switch (effect.type) {
      case 'run': {
        const pane = live.runCommand(effect.line);
        if (pane) {
          context.history.add(effect.line);
          log.append([{ kind: 'command', text: effect.line, prompt: promptText(session) }, { kind: pane.ok ? 'info' : 'error', text: pane.message }]);
          drivers.lineDone(effect.line, pane.ok ? info(pane.message) : failure(pane.message));
          return;
        }
        void runner.run(effect.line);
        return;
      }
      case 'busy':
        setNotice('a command is running: wait for it, or ctrl-c to cancel it');
        return;
      case 'cancel':
        runner.cancel();
        return;
      case 'exit':
        requestExit();
        return;
      case 'help':
        log.append([{ kind: 'info', text: overviewHelp() }]);
        return;
      case 'toggle-fuzzy':
        setFuzzy(!fuzzy);
        context.settings?.update({ fuzzy: !fuzzy });
        return;
      case 'toggle-docs':
        setDocs(!docs);
        return;
      case 'scroll':
        log.scrollBy(effect.pages * Math.max(1, logSpace - 1), maxScroll);
        return;
      case 'clear-log':
        log.clear();
        return;
    }
  };

  promptKey.current = (key: KeyPress) => {
    // Tab goes to the pane unless the completion menu is open (then it accepts the candidate).
    if (key.name === 'tab' && !key.shift && !view.current!.menuVisible && live.focusPane()) return;
    const outcome = handleKey(key, promptRef.current, view.current!);
    if (notice) setNotice(undefined);
    if (outcome.state !== promptRef.current) {
      promptRef.current = outcome.state;
      setPrompt(outcome.state);
    }
    if (outcome.effect) perform(outcome.effect);
  };
  // A demo being presented takes the keys that advance it; the rest reach the prompt.
  useKeyPress((key: KeyPress) => drivers.takeKey(key) || promptKey.current(key), !exiting && !live.focused);

  const found = prompt.search ? matchedLine(context.history.entries, prompt.search) : undefined;
  const doc = docLineText({
    notice,
    running: runner.running,
    searching,
    completion,
    menuVisible,
    selected,
    emptyLine: prompt.line.text === '',
    completionError: engine.error,
    backendError: session.error,
  });

  return (
    <Box flexDirection="row" width={size.columns}>
      <Box flexDirection="column" width={columns}>
        <OutputLog lines={shownLines} below={offset} theme={theme} />
        {paneRows > 0 ? <Box height={paneRows}>{paneSlot!.render(columns)}</Box> : null}
        <Prompt
          label={runner.question ?? session.label}
          cluster={runner.question === undefined ? session.cluster : undefined}
          line={prompt.line}
          search={prompt.search ? { query: prompt.search.query, ...(found ? { found } : {}) } : undefined}
          width={columns}
          theme={theme}
          busy={runner.running !== undefined}
        />
        {menuVisible ? <CompletionMenu candidates={candidates} selected={selected} rows={menuRows} width={columns} theme={theme} /> : null}
        {docs && !exiting ? <DocLine text={doc.text} role={doc.role} theme={theme} /> : null}
        {exiting ? null : <Toolbar fuzzy={fuzzy} docs={docs} backend={drivers.status ? `${drivers.status} · ${session.label}` : session.label} region={session.region} starting={session.starting} theme={theme} />}
      </Box>
      {live.beside?.element}
    </Box>
  );
}
