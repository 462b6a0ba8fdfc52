import { render } from 'ink-testing-library';
import { vi } from 'vitest';
import App from '../../source/shell/App.js';
import { loadCompletionEngine } from '../../source/shell/completion-engine.js';
import type { ShellDriver } from '../../source/shell/demo/shell-driver.js';
import type { ShellContext } from '../../source/shell/shell-context.js';
import { testShell, type TestShell } from './support.js';

export const KEYS = {
  enter: '\r',
  tab: '\t',
  shiftTab: '\u001B[Z',
  up: '\u001B[A',
  down: '\u001B[B',
  left: '\u001B[D',
  escape: '\u001B',
  pageUp: '\u001B[5~',
  pageDown: '\u001B[6~',
  f1: '\u001BOP',
  f2: '\u001BOQ',
  f3: '\u001BOR',
  f10: '\u001B[21~',
  ctrlA: '\u0001',
  ctrlC: '\u0003',
  ctrlD: '\u0004',
  ctrlE: '\u0005',
  ctrlK: '\u000B',
  ctrlR: '\u0012',
  ctrlU: '\u0015',
  ctrlW: '\u0017',
  ctrlY: '\u0019',
  altB: '\u001Bb',
  backspace: '\u007F',
};

export interface AppHarness extends TestShell {
  frame(): string;
  /** Keys as a terminal sends them, each let through Ink before the next. */
  press(...keys: string[]): Promise<void>;
  /** Waits until the screen shows `text` (or matches it). */
  waitFor(text: string | RegExp): Promise<string>;
  /** The prompt row as shown. */
  promptRow(): string;
  /** Everything Ink wrote, frame after frame. */
  frames: string[];
  exited: ReturnType<typeof vi.fn>;
  /** Makes the terminal this many columns and rows, as a window resize does. */
  resize(columns: number, rows: number): Promise<void>;
  unmount(): void;
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

export interface RenderOptions {
  fuzzy?: boolean;
  /** Demo players, lessons and recorders on the screen from the start. */
  drivers?: readonly ShellDriver[];
  /** The AWS profiles completion offers. */
  profiles?: string[];
}

/** The shell's screen in ink-testing-library, on a throw-away sandbox, completion loaded. */
export async function renderApp(extra: Partial<ShellContext> = {}, options: RenderOptions = {}): Promise<AppHarness> {
  const shell = testShell({}, extra);
  const profiles = options.profiles ?? ['default', 'dev'];
  const loadCompletion = () => loadCompletionEngine(shell.session, { profiles });
  const exited = vi.fn();
  const ink = render(
    <App context={shell.context} loadCompletion={loadCompletion} fuzzy={options.fuzzy ?? true} theme="mono" drivers={options.drivers} onExit={exited} />,
  );
  const frame = () => ink.lastFrame() ?? '';
  const waitFor = async (text: string | RegExp) => {
    await vi.waitFor(
      () => {
        const shown = frame();
        if (typeof text === 'string' ? !shown.includes(text) : !text.test(shown)) throw new Error(`the screen does not show ${String(text)}:\n${shown}`);
      },
      { timeout: 10_000, interval: 10 },
    );
    return frame();
  };
  const press = async (...keys: string[]) => {
    for (const key of keys) {
      ink.stdin.write(key);
      await tick();
    }
    await tick();
  };
  await waitFor('F10');
  await tick();
  return {
    ...shell,
    frame,
    press,
    waitFor,
    promptRow: () => frame().split('\n').findLast((row) => /^(sandbox|aws|endpoint|\(.*reverse-i-search)/.test(row)) ?? '',
    frames: ink.frames,
    exited,
    resize: async (columns, rows) => {
      Object.defineProperty(ink.stdout, 'columns', { value: columns, configurable: true });
      Object.defineProperty(ink.stdout, 'rows', { value: rows, configurable: true });
      ink.stdout.emit('resize');
      await tick();
    },
    unmount: () => ink.unmount(),
    close: async () => {
      ink.unmount();
      await shell.close();
    },
  };
}
