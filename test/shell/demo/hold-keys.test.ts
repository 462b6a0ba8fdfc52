import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { holdKeys } from '../../../source/shell/demo/hold-keys.js';

/** A terminal's stdin as far as raw mode and reading go. */
function terminalInput() {
  const modes: boolean[] = [];
  const stream = Object.assign(new PassThrough(), {
    isTTY: true,
    setRawMode(mode: boolean) {
      modes.push(mode);
      return stream;
    },
  });
  return { stdin: stream as unknown as NodeJS.ReadStream & PassThrough, modes };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

afterEach(() => {
  vi.restoreAllMocks();
});

describe('keys pressed while a demo starts', () => {
  it('are taken in raw mode (not echoed), then waiting in order for the screen that reads them', async () => {
    const { stdin, modes } = terminalInput();
    const keys = holdKeys(stdin);
    expect(modes).toEqual([true]);
    stdin.write('  ');
    stdin.write('x\r');
    await tick();
    keys.handOver();
    // Raw mode stays on for the screen, which reads as Ink does: what was pressed, then what comes.
    expect(modes).toEqual([true]);
    const read: string[] = [];
    stdin.on('readable', () => {
      let chunk: Buffer | null;
      while ((chunk = stdin.read() as Buffer | null) !== null) read.push(String(chunk));
    });
    await tick();
    stdin.write('y');
    await tick();
    expect(read.join('')).toBe('  x\ry');
    keys.release();
    expect(modes).toEqual([true, false]);
  });

  it('interrupt on ctrl-c, as the terminal would, with the terminal given back first', async () => {
    const kill = vi.spyOn(process, 'kill').mockImplementation(() => true);
    const { stdin, modes } = terminalInput();
    holdKeys(stdin);
    stdin.write('\u0003');
    await tick();
    expect(modes).toEqual([true, false]);
    expect(kill).toHaveBeenCalledWith(process.pid, 'SIGINT');
  });

  it('are left alone without a terminal', () => {
    const stdin = new PassThrough() as unknown as NodeJS.ReadStream;
    const keys = holdKeys(stdin);
    keys.handOver();
    keys.release();
    expect(stdin.listenerCount('readable')).toBe(0);
  });
});
