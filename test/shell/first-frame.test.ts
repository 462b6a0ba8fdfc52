import { describe, expect, it } from 'vitest';
import { eraseFirstFrame, paintFirstFrame } from '../../source/shell/first-frame.js';
import type { SessionState } from '../../source/shell/session.js';

const ANSI = /\u001B\[[0-?]*[ -/]*[@-~]/g;

function terminal(isTTY = true) {
  const written: string[] = [];
  const raw: boolean[] = [];
  const stdout = { isTTY, columns: 100, write: (text: string) => written.push(text) } as unknown as NodeJS.WriteStream;
  const stdin = { isTTY, setRawMode: (on: boolean) => raw.push(on) } as unknown as NodeJS.ReadStream;
  return { stdout, stdin, written, raw };
}

const state: SessionState = { kind: 'sandbox', label: 'sandbox', region: 'us-east-1', cluster: 'demo', starting: true };

describe('the first frame, drawn before Ink loads', () => {
  it('shows the prompt, the hint and the toolbar as the screen will, and holds keys typed meanwhile', () => {
    const t = terminal();
    const frame = paintFirstFrame(t.stdout, t.stdin, state, { fuzzy: false, theme: 'dark' });
    expect(frame).toEqual({ rows: 3 });
    expect(t.raw).toEqual([true]);
    const rows = t.written.join('').replace(ANSI, '').split('\n');
    expect(rows[0]).toBe('sandbox [demo]>  ');
    expect(rows[1]).toBe('Tab completes · ctrl-r searches history · F1 help');
    expect(rows[2]).toMatch(/^F1 help {2}F2 prefix {2}F3 docs on {2}F4-F6 panes {2}F10 exit +sandbox us-east-1 \(starting\)$/);
    expect(rows[2]).toHaveLength(100);
  });

  it('fits a narrow terminal as the toolbar does: whole items dropped, the backend first', () => {
    const t = terminal();
    (t.stdout as { columns: number }).columns = 40;
    paintFirstFrame(t.stdout, t.stdin, state, { fuzzy: true, theme: 'dark' });
    const rows = t.written.join('').replace(ANSI, '').split('\n');
    expect(rows[1]).toBe('Tab completes · F1 help');
    expect(rows[2]!.length).toBeLessThanOrEqual(40);
    expect(rows[2]).not.toContain('sandbox');
    expect(rows[2]).toMatch(/^F1 help {2}.*F10 exit$/);
  });

  it('is erased from where it began, for Ink to draw there', () => {
    const t = terminal();
    eraseFirstFrame(t.stdout, { rows: 3 });
    expect(t.written).toEqual(['\r\u001B[3A\u001B[J']);
  });

  it('is not drawn without a terminal', () => {
    const t = terminal(false);
    expect(paintFirstFrame(t.stdout, t.stdin, state, { fuzzy: true, theme: 'dark' })).toBeUndefined();
    expect(t.written).toEqual([]);
  });
});
