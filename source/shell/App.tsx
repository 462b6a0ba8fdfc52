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
import { useOutputLog, type NewEntry } from './hooks/use-output-log.js';
import { useRunner } from './hooks/use-runner.js';
import { useSessionState } from './hooks/use-session-state.js';
import { useTerminalSize } from './hooks/use-terminal-size.js';
import OutputLog from './OutputLog.js';
import { entryLines, logWindow } from './output-lines.js';
import Prompt from './Prompt.js';
import { handleKey, type KeyView, type ShellEffect } from './prompt-keys.js';
import { cleared, INITIAL_PROMPT, type PromptState } from './prompt-state.js';
import { promptHead, promptRows, promptText, searchHead } from './prompt-text.js';
import { matchedLine } from './reverse-search.js';
import { runLine } from './run-line.js';
import { failure, info, type LineOutcome, type ShellContext } from './shell-context.js';
import { THEMES, type ThemeName } from './theme.js';
import { usePanes } from '../panes/index.js';
import { decodeKeys, functionKeyNumber, useKeyPress, type KeyPress } from '../terminal/index.js';
import { EMPTY_LINE } from './line-edit.js';
import { SessionTranscript } from './session-transcript.js';
import Toolbar from './Toolbar.js';
import { EMPTY_LINE_HINT, emptyLineHint } from './toolbar-text.js';

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
  /**
   * Called when the user leaves, with the session's output as plain lines (every command and
   * what it printed, credentials masked), for the terminal's scrollback once the screen is gone.
   */
  onExit?(transcript: readonly string[]): void;
}

const NO_DRIVERS: readonly ShellDriver[] = [];

/** Rows of the completion menu at most. */
const MENU_ROWS = 8;

/** F1 help, F2 matching, F3 docs, F10 exit: the shell's whichever part has the keys. */
const SHELL_FUNCTION_KEYS = new Set([1, 2, 3, 10]);

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
  const initialEntries = useMemo(() => (notices ?? []).map((text) => ({ kind: 'info' as const, text })), [notices]);
  const screenLog = useOutputLog(initialEntries);
  const transcript = useRef<SessionTranscript | undefined>(undefined);
  if (!transcript.current) {
    transcript.current = new SessionTranscript();
    transcript.current.add(initialEntries);
  }
  // What the log shows goes to the transcript too, which `.clear` leaves alone.
  const appendToLog = useCallback((entries: readonly NewEntry[]) => {
    transcript.current!.add(entries);
    screenLog.append(entries);
  }, []);
  const log = { ...screenLog, append: appendToLog };
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
    onExit?.(transcript.current!.lines());
    exit();
  }, [exiting]);

  // The notice that a line is running goes with the line.
  useEffect(() => {
    if (runner.running === undefined) setNotice(undefined);
  }, [runner.running]);

  const searching = prompt.search !== undefined;
  const completion = useCompletion(engine.value, prompt.line, { mode: fuzzy ? 'fuzzy' : 'prefix', cluster: session.cluster, active: !searching && !exiting && runner.question === undefined });
  const candidates = completion?.candidates ?? [];
  const menuVisible = prompt.menu.open && candidates.length > 0 && !searching && !exiting;
  const selected = Math.min(prompt.menu.selected, Math.max(0, candidates.length - 1));

  const view = useRef<KeyView | undefined>(undefined);
  view.current = { history: context.history.entries, candidates, replace: completion?.replace, menuVisible, running: runner.running !== undefined };

  const found = prompt.search ? matchedLine(context.history.entries, prompt.search) : undefined;
  const promptContent = prompt.search
    ? { head: searchHead(prompt.search.query, found !== undefined), line: found ?? EMPTY_LINE, highlight: found ? prompt.search.query.length : 0, cursor: true }
    : { head: promptHead(runner.question ?? session.label, runner.question === undefined ? session.cluster : undefined, runner.running !== undefined), line: prompt.line, cursor: !live.focused };
  // A long line wraps onto more rows, up to a third of the screen.
  const promptLines = promptRows(promptContent, columns, Math.max(1, Math.floor((size.rows - 1) / 3)));

  // Layout: everything but the log has a fixed height; the log gets the rest.
  const menuRows = menuVisible ? Math.min(MENU_ROWS, candidates.length, Math.max(1, size.rows - 5)) : 0;
  const paneRows = paneSlot ? paneSlot.rows : 0;
  const fixedRows = promptLines.length + menuRows + (docs ? 1 : 0) + 1 + paneRows;
  const logSpace = Math.max(0, size.rows - 1 - fixedRows);
  const allLines = useMemo(() => log.entries.flatMap((entry) => entryLines(entry, columns)), [log.entries, columns]);
  const logRows = logWindow(allLines.length, logSpace, log.scroll);
  const shownLines = useMemo(() => allLines.slice(logRows.start, logRows.end), [allLines, logRows.start, logRows.end]);

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
        log.scrollBy(effect.pages * Math.max(1, logSpace - 1), logRows.maxScroll);
        return;
      case 'clear-log':
        log.clear();
        return;
    }
  };

  promptKey.current = (key: KeyPress) => {
    const outcome = handleKey(key, promptRef.current, view.current!);
    if (notice) setNotice(undefined);
    if (outcome.state !== promptRef.current) {
      promptRef.current = outcome.state;
      setPrompt(outcome.state);
    }
    if (outcome.effect) perform(outcome.effect);
  };
  // A demo being presented takes the keys that advance it; the rest reach the prompt. While a
  // pane has the keys, only the shell's own function keys (help, matching, docs, exit) still work.
  useKeyPress((key: KeyPress) => {
    if (live.focused) {
      if (SHELL_FUNCTION_KEYS.has(functionKeyNumber(key) ?? 0)) promptKey.current(key);
      return;
    }
    if (!drivers.takeKey(key)) promptKey.current(key);
  }, !exiting);
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

  // Leaving, the screen goes blank: the session's output is printed in its place, for the terminal's scrollback.
  if (exiting) return null;
  return (
    <Box flexDirection="row" width={size.columns}>
      <Box flexDirection="column" width={columns}>
        <OutputLog lines={shownLines} below={logRows.below} theme={theme} />
        {paneRows > 0 ? <Box height={paneRows}>{paneSlot!.render(columns)}</Box> : null}
        <Prompt rows={promptLines} theme={theme} />
        {menuVisible ? <CompletionMenu candidates={candidates} selected={selected} rows={menuRows} width={columns} theme={theme} /> : null}
        {docs ? <DocLine text={doc.text === EMPTY_LINE_HINT ? emptyLineHint(columns) : doc.text} role={doc.role} theme={theme} /> : null}
        <Toolbar
          fuzzy={fuzzy}
          docs={docs}
          {...(live.paneKey ? { pane: { key: live.paneKey, focused: live.focused } } : {})}
          scrollable={logRows.scrollable}
          {...(drivers.status ? { activity: drivers.status } : {})}
          backend={session.label}
          region={session.region}
          starting={session.starting}
          width={columns}
          theme={theme}
        />
      </Box>
      {live.beside?.element}
    </Box>
  );
}
