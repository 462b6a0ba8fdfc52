import { render } from 'ink-testing-library';
import { vi } from 'vitest';
import { parseDemoScript, type DemoScript } from '../../../source/demo/index.js';
import App from '../../../source/shell/App.js';
import { loadCompletionEngine } from '../../../source/shell/completion-engine.js';
import type { ShellDriver } from '../../../source/shell/demo/shell-driver.js';
import type { ShellContext } from '../../../source/shell/shell-context.js';
import { testShell, type TestShell } from '../support.js';

export interface DrivenApp extends TestShell {
  frame(): string;
  /** Keys as a terminal sends them, each let through Ink before the next. */
  press(...keys: string[]): Promise<void>;
  /** Waits until the screen shows `text`, and gives the screen then. */
  waitFor(text: string | RegExp): Promise<string>;
  /** Everything Ink wrote, frame after frame. */
  frames: string[];
  exited: ReturnType<typeof vi.fn>;
  unmount(): void;
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

/** The shell's screen (ink-testing-library) on a throw-away sandbox, with drivers from the start. */
export async function renderDriven(drivers: readonly ShellDriver[], extra: Partial<ShellContext> = {}): Promise<DrivenApp> {
  const shell = testShell({}, extra);
  const loadCompletion = () => loadCompletionEngine(shell.session, { profiles: ['default'] });
  const exited = vi.fn();
  const ink = render(<App context={shell.context} loadCompletion={loadCompletion} fuzzy theme="mono" drivers={drivers} onExit={exited} />);
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
  await waitFor('F10');
  return {
    ...shell,
    frame,
    waitFor,
    frames: ink.frames,
    exited,
    press: async (...keys) => {
      for (const key of keys) {
        ink.stdin.write(key);
        await tick();
      }
      await tick();
    },
    unmount: () => ink.unmount(),
    close: async () => {
      ink.unmount();
      await shell.close();
    },
  };
}

/** A script from its text, as the parser reads it (file:line in any problem). */
export function scriptOf(text: string, file = '/tmp/screen-test.demo'): DemoScript {
  const { script, problems } = parseDemoScript(text, file);
  if (!script) throw new Error(problems.map((problem) => `${problem.file}:${problem.line}: ${problem.message}`).join('\n'));
  return script;
}

/** The prompt row as shown. */
export function promptRow(frame: string): string {
  return frame.split('\n').findLast((row) => /^sandbox/.test(row)) ?? '';
}
