import { afterEach, describe, expect, it, vi } from 'vitest';
import { emptyLineHint, fitToolbar, toolbarItems, toolbarStatus, type ToolbarItem } from '../../source/shell/toolbar-text.js';
import { KEYS, renderApp, type AppHarness } from './app-harness.js';

let app: AppHarness | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

const F4 = '\u001b[14~';
const shown = (items: readonly ToolbarItem[]) => items.map((item) => `${item.key} ${item.label}`).join('  ');
const base = { fuzzy: true, docs: true, scrollable: false };

/** Every whole item a toolbar row may hold, and the backend's status. */
const WHOLE_ITEMS = /^(?:(?:F1 help|F2 fuzzy|F2 prefix|F3 docs on|F3 docs off|F4-F6 panes|F[456] use the pane|Esc back to the prompt|PgUp scroll|F10 exit)(?: {2}|$))+/;

function toolbarRow(frame: string): string {
  return frame.split('\n').at(-1)!;
}

describe('the toolbar', () => {
  it("names the pane keys: F4-F6 with no pane, the shown pane's key to use it, Esc to leave it", () => {
    expect(shown(toolbarItems(base))).toBe('F1 help  F2 fuzzy  F3 docs on  F4-F6 panes  F10 exit');
    expect(shown(toolbarItems({ ...base, pane: { key: 'F5', focused: false } }))).toBe('F1 help  F2 fuzzy  F3 docs on  F5 use the pane  F10 exit');
    expect(shown(toolbarItems({ ...base, pane: { key: 'F5', focused: true } }))).toBe('F1 help  F2 fuzzy  F3 docs on  Esc back to the prompt  F10 exit');
  });

  it('names PageUp once the output is taller than its space (not while a pane has the keys: there it moves the selection)', () => {
    expect(shown(toolbarItems({ ...base, scrollable: true }))).toContain('PgUp scroll  F10 exit');
    expect(shown(toolbarItems({ ...base, scrollable: true, pane: { key: 'F4', focused: true } }))).not.toContain('PgUp');
  });

  it('drops whole items when short of room: the status on the right first, then the least needed keys', () => {
    const items = toolbarItems({ ...base, scrollable: true });
    const status = toolbarStatus(undefined, 'sandbox us-east-1');
    expect(fitToolbar(items, status, 200)).toEqual({ items, status: 'sandbox us-east-1' });
    // 'sandbox us-east-1' would fit where F4-F6 did not: the keys still come first.
    expect(fitToolbar(items, status, 60).status).toBeUndefined();
    const at80 = fitToolbar(items, status, 80);
    expect(at80.status).toBeUndefined();
    expect(shown(at80.items)).toBe('F1 help  F2 fuzzy  F3 docs on  F4-F6 panes  PgUp scroll  F10 exit');
    expect(shown(fitToolbar(items, status, 40).items)).toBe('F1 help  F2 fuzzy  PgUp scroll  F10 exit');
    expect(shown(fitToolbar(items, status, 30).items)).toBe('F1 help  PgUp scroll  F10 exit');
    expect(shown(fitToolbar(items, status, 10).items)).toBe('F10 exit');
  });

  it("keeps a demo's progress over most keys, and drops the backend beside it first", () => {
    const items = toolbarItems(base);
    const status = toolbarStatus('demo php-app 4/12', 'sandbox us-east-1');
    expect(fitToolbar(items, status, 120).status).toBe('demo php-app 4/12 · sandbox us-east-1');
    const at80 = fitToolbar(items, status, 80);
    expect(at80.status).toBe('demo php-app 4/12');
    expect(shown(at80.items)).toBe('F1 help  F2 fuzzy  F3 docs on  F4-F6 panes  F10 exit');
    const at40 = fitToolbar(items, status, 40);
    expect(at40).toEqual({ items: at40.items, status: 'demo php-app 4/12' });
    expect(shown(at40.items)).toBe('F1 help  F10 exit');
  });

  it("shortens the empty line's hint by whole parts", () => {
    expect(emptyLineHint(80)).toBe('Tab completes · ctrl-r searches history · F1 help');
    expect(emptyLineHint(40)).toBe('Tab completes · F1 help');
    expect(emptyLineHint(20)).toBe('Tab completes');
  });
});

describe('the toolbar on the screen', () => {
  it('never cuts a word, at 40 columns or 80, with a pane or without', async () => {
    app = await renderApp();
    for (const [columns, rows] of [
      [40, 24],
      [80, 24],
    ] as const) {
      await app.resize(columns, rows);
      await vi.waitFor(() => expect(Math.max(...app!.frame().split('\n').map((row) => row.length))).toBeLessThanOrEqual(columns));
      const row = toolbarRow(app.frame());
      expect(row).toMatch(WHOLE_ITEMS);
      expect(row.replace(WHOLE_ITEMS, '').trim()).toMatch(/^(sandbox us-east-1( \(starting\))?)?$/);
      expect(app.frame()).not.toContain('…');
    }
    // 80 columns: the pane goes below, and the output keeps the whole width.
    await app.press(F4);
    await app.waitFor(' Tasks  default');
    const frame = app.frame();
    expect(frame).not.toContain('│');
    expect(toolbarRow(frame)).toMatch(/^F1 help {2}F2 fuzzy {2}F3 docs on {2}F4 use the pane {2}F10 exit +sandbox us-east-1$/);
    await app.press('!printf "%080d" 7', KEYS.enter);
    await app.waitFor(/^0{79}7$/m);
  });
});
