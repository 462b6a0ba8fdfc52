import { execFileSync, spawnSync } from 'node:child_process';

/** Whether tmux is installed: the terminal tests drive the built CLI through it. */
export const hasTmux = spawnSync('tmux', ['-V']).status === 0;

/**
 * One tmux server of a test's own (its socket named after the test and the process), running
 * one session: what a person sees on screen, and the keys they type.
 */
export function tmuxSession(name: string) {
  const socket = `ecsh-${name}-${process.pid}`;
  const tmux = (...args: string[]): string => execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
  const screen = () => tmux('capture-pane', '-p', '-t', name);
  return {
    tmux,
    screen,
    start: (command: string, columns: number, rows: number) => tmux('new-session', '-d', '-s', name, '-x', String(columns), '-y', String(rows), command),
    /** Keys by tmux's names (Enter, C-d, F5, ...). */
    key: (...keys: string[]) => tmux('send-keys', '-t', name, ...keys),
    /** Text typed as it is, so that words like Enter in it are not taken as keys. */
    typeText: (text: string) => tmux('send-keys', '-t', name, '-l', '--', text),
    async waitForScreen(check: (text: string) => boolean, what: string): Promise<string> {
      const deadline = Date.now() + 20_000;
      let last = '';
      while (Date.now() < deadline) {
        last = screen();
        if (check(last)) return last;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error(`the screen never showed ${what}; it shows:\n${last}`);
    },
    stop: () => spawnSync('tmux', ['-L', socket, 'kill-server']),
  };
}
