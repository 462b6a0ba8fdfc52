import { Console } from 'node:console';
import { EventEmitter } from 'node:events';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';

// Ink draws only its last frame, at exit, when it believes it runs in CI (it reads CI once, as it
// loads): this file watches the frames a terminal gets, so Ink must load believing it has one.
const ci = vi.hoisted(() => {
  const before = process.env.CI;
  process.env.CI = 'false';
  return before;
});
afterAll(() => {
  if (ci === undefined) delete process.env.CI;
  else process.env.CI = ci;
});
import { logWindow } from '../../source/shell/output-lines.js';
import { runInteractiveShell } from '../../source/shell/render-shell.js';
import { KEYS, renderApp, type AppHarness } from './app-harness.js';
import { testShell } from './support.js';

let app: AppHarness | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

const ctrlL = '\u000C';

/** Presses PageUp until the screen stops changing: the top of the log. */
async function scrollToTop(shell: AppHarness): Promise<string> {
  let before: string;
  do {
    before = shell.frame();
    await shell.press(KEYS.pageUp);
  } while (shell.frame() !== before);
  return before;
}

describe('the rows of the log in view', () => {
  it('follow the newest, and scrolled all the way up start at the first row, the marker taking the last', () => {
    expect(logWindow(5, 10, 0)).toEqual({ start: 0, end: 5, below: 0, maxScroll: 0, scrollable: false });
    expect(logWindow(30, 10, 0)).toEqual({ start: 20, end: 30, below: 0, maxScroll: 21, scrollable: true });
    // 9 rows and the marker: rows 0-8, 21 below.
    expect(logWindow(30, 10, 100)).toEqual({ start: 0, end: 9, below: 21, maxScroll: 21, scrollable: true });
    // One row has no room for a marker as well.
    expect(logWindow(30, 1, 100)).toEqual({ start: 0, end: 1, below: 0, maxScroll: 29, scrollable: true });
  });
});

describe('the output log', () => {
  it('scrolls back to its very first line: the command echoed before 200 lines of output', async () => {
    app = await renderApp();
    await app.press(ctrlL, '!seq 1 200', KEYS.enter);
    await app.waitFor(/^200$/m);
    await vi.waitFor(() => expect(app!.frame()).not.toContain('running !seq'));
    expect(app.frame()).toMatch(/PgUp scroll {2}F10 exit/);
    const top = await scrollToTop(app);
    const rows = top.split('\n');
    expect(rows[0]).toBe('sandbox> !seq 1 200');
    expect(rows[1]).toBe('1');
    expect(top).toMatch(/── \d+ more lines below: PageDown ──/);
    // And PageDown comes back down to the last line.
    for (let i = 0; i < 20 && !/^200$/m.test(app.frame()); i++) await app.press(KEYS.pageDown);
    expect(app.frame()).not.toContain('more lines below');
  });

  it('is handed over whole when the shell leaves: every command and its output, cleared ones too, credentials masked', async () => {
    app = await renderApp();
    await app.press('!echo first', KEYS.enter);
    await app.waitFor(/^first$/m);
    await vi.waitFor(() => expect(app!.frame()).not.toContain('running !echo'));
    await app.press(ctrlL, '!echo --secret-access-key wJalrXUtnFEMI', KEYS.enter);
    await app.waitFor(/^--secret-access-key/m);
    await vi.waitFor(() => expect(app!.frame()).not.toContain('running !echo'));
    // The screen's echo of the line is masked as the history keeps it.
    expect(app.frame()).toContain('sandbox> !echo --secret-access-key ****');
    await app.press(KEYS.f10);
    await vi.waitFor(() => expect(app!.exited).toHaveBeenCalled());
    expect(app.exited.mock.calls[0]![0]).toEqual(['sandbox> !echo first', 'first', 'sandbox> !echo --secret-access-key ****', '--secret-access-key ****']);
  });
});

/** A terminal for Ink: what it writes is kept; keys are written to `stdin`. */
function fakeTerminal(columns: number, rows: number) {
  const written: string[] = [];
  const stdout = Object.assign(new EventEmitter(), { columns, rows, isTTY: false, write: (text: string) => written.push(text) > 0 });
  const stdin = Object.assign(new EventEmitter(), {
    isTTY: true,
    data: null as string | null,
    setEncoding: () => undefined,
    setRawMode: () => undefined,
    resume: () => undefined,
    pause: () => undefined,
    ref: () => undefined,
    unref: () => undefined,
    read(): string | null {
      const data = stdin.data;
      stdin.data = null;
      return data;
    },
    type(data: string) {
      stdin.data = data;
      stdin.emit('readable');
      stdin.emit('data', data);
    },
  });
  return { stdout: stdout as unknown as NodeJS.WriteStream, stdin, written };
}

describe('leaving the shell', () => {
  it("prints the session's output to the terminal after the screen is gone, for its scrollback", async () => {
    const shell = testShell();
    const terminal = fakeTerminal(80, 24);
    // Ink redirects console output above its frame through console.Console, which the test runner's console lacks.
    const runnerConsole = console as unknown as { Console?: typeof Console };
    const original = runnerConsole.Console;
    runnerConsole.Console = Console;
    try {
      const done = runInteractiveShell({
        context: shell.context,
        settings: { fuzzy: true, theme: 'mono' },
        notices: ['a notice at start'],
        stdout: terminal.stdout,
        stdin: terminal.stdin as unknown as NodeJS.ReadStream,
        stderr: terminal.stdout,
      });
      // Ink and the shell load on first use: on a busy machine that alone takes seconds.
      await vi.waitFor(() => expect(terminal.written.join('')).toContain('F10 exit'), { timeout: 45_000 });
      for (const key of '!echo hello') terminal.stdin.type(key);
      terminal.stdin.type('\r');
      await vi.waitFor(() => expect(terminal.written.at(-1)).toMatch(/^hello$/m), { timeout: 10_000 });
      await vi.waitFor(() => expect(terminal.written.at(-1)).not.toContain('running !echo'), { timeout: 10_000 });
      terminal.stdin.type('\u0004');
      expect(await done).toBe(0);
      expect(terminal.written.at(-1)).toBe('a notice at start\nsandbox> !echo hello\nhello\n');
    } finally {
      runnerConsole.Console = original;
      await shell.close();
    }
  }, 90_000);
});
