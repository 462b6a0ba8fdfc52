import { render } from 'ink';
import App, { type PaneSlot } from './App.js';
import { loadCompletionEngine, type CompletionEngine } from './completion-engine.js';
import type { ShellDriver } from './demo/shell-driver.js';
import ErrorBoundary from './ErrorBoundary.js';
import { eraseFirstFrame, type FirstFrame } from './first-frame.js';
import type { Settings } from './settings.js';
import type { ShellContext } from './shell-context.js';

export interface InteractiveOptions {
  context: ShellContext;
  settings: Pick<Settings, 'fuzzy' | 'theme'>;
  notices?: readonly string[];
  panes?: PaneSlot;
  /** What drives the screen besides the keyboard from the start: a demo player, a lesson. */
  drivers?: readonly ShellDriver[];
  /** The stdout is off screen (a cast being rendered): each frame is written whole, CI or not. */
  offscreen?: boolean;
  /** Default: the completion engine over the session's backend. */
  loadCompletion?: () => Promise<CompletionEngine>;
  /** The frame drawn before Ink loaded, which Ink's first frame replaces. */
  firstFrame?: FirstFrame;
  stdin?: NodeJS.ReadStream;
  stdout?: NodeJS.WriteStream;
  stderr?: NodeJS.WriteStream;
}

/** The interactive shell on the terminal, until the user leaves; resolves to the exit status. */
export async function runInteractiveShell(options: InteractiveOptions): Promise<number> {
  const stderr = options.stderr ?? process.stderr;
  const loadCompletion = options.loadCompletion ?? (() => loadCompletionEngine(options.context.session));
  const stdout = options.stdout ?? process.stdout;
  let crash: Error | undefined;
  let transcript: readonly string[] = [];
  if (options.firstFrame) eraseFirstFrame(stdout, options.firstFrame);
  const instance = render(
    <ErrorBoundary
      onError={(error) => {
        crash = error;
        instance.unmount();
      }}
    >
      <App
        context={options.context}
        loadCompletion={loadCompletion}
        fuzzy={options.settings.fuzzy}
        theme={options.settings.theme}
        notices={options.notices}
        panes={options.panes}
        drivers={options.drivers}
        onExit={(lines) => (transcript = lines)}
      />
    </ErrorBoundary>,
    {
      stdin: options.stdin ?? process.stdin,
      stdout,
      stderr,
      // ctrl-c cancels a command or clears the line; ctrl-d and F10 leave.
      exitOnCtrlC: false,
      // A frame per keystroke, up to 60 a second.
      maxFps: 60,
      // Ink's debug mode writes whole frames, unthrottled, and also when CI is set (when it would otherwise draw only the last).
      debug: options.offscreen ?? false,
    },
  );
  await instance.waitUntilExit();
  // The shell drew in place of the terminal's scrollback; its output goes there now. Off screen
  // (a cast being rendered) each write is a frame: the last is the session's end, as a terminal shows it.
  const printed = options.offscreen ? transcript.slice(-Math.max(1, (stdout.rows || 24) - 1)) : transcript;
  if (printed.length > 0) stdout.write(`${printed.join('\n')}\n`);
  if (crash) {
    stderr.write(`ecsh: the screen failed: ${crash.message.replace(/\s*\n\s*/g, ' ')}\n`);
    return 1;
  }
  return 0;
}
