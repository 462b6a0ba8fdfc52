import { afterEach, describe, expect, it, vi } from 'vitest';
import { DemoPlayer } from '../../source/shell/demo/demo-player.js';
import { promptHead, promptRows, searchHead, type PromptSegment } from '../../source/shell/prompt-text.js';
import { KEYS, renderApp, type AppHarness } from './app-harness.js';
import { renderDriven, scriptOf } from './demo/driven-app.js';

let app: AppHarness | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

const text = (rows: PromptSegment[][]) => rows.map((row) => row.map((segment) => segment.text).join(''));
const cursorOf = (rows: PromptSegment[][]) => rows.flatMap((row, i) => row.filter((segment) => segment.cursor).map((segment) => [i, segment.text]));

const COMMAND = 'ecs create-service --cluster php-demo --service-name php-app --task-definition console-sample-app --desired-count 3';

describe('the prompt row', () => {
  it('wraps a long line at spaces, so every word stays whole and in view', () => {
    const rows = promptRows({ head: promptHead('sandbox', 'php-demo', false), line: { text: COMMAND, cursor: COMMAND.length }, cursor: true }, 40, 10);
    expect(text(rows)).toEqual([
      'sandbox [php-demo]> ecs create-service ',
      '--cluster php-demo --service-name ',
      'php-app --task-definition ',
      'console-sample-app --desired-count 3 ',
    ]);
    // The cursor sits after the last character, on the last row.
    expect(cursorOf(rows)).toEqual([[3, ' ']]);
  });

  it('breaks a word longer than a row at the edge, and keeps the cursor row in view past the rows allowed', () => {
    const line = { text: 'x'.repeat(100), cursor: 5 };
    const all = promptRows({ head: promptHead('sandbox', undefined, false), line, cursor: true }, 30, 10);
    expect(text(all)).toEqual(['sandbox> ', 'x'.repeat(30), 'x'.repeat(30), 'x'.repeat(30), 'x'.repeat(10) + ' ']);
    const rows = promptRows({ head: promptHead('sandbox', undefined, false), line, cursor: true }, 30, 2);
    expect(text(rows)).toEqual(['sandbox> ', 'x'.repeat(30)]);
    expect(cursorOf(rows)).toEqual([[1, 'x']]);
    const end = promptRows({ head: promptHead('sandbox', undefined, false), line: { ...line, cursor: 100 }, cursor: true }, 30, 2);
    expect(text(end)).toEqual(['x'.repeat(30), 'x'.repeat(10) + ' ']);
  });

  it('marks what ctrl-r matched, and draws no cursor while the keys are in a pane', () => {
    const found = promptRows({ head: searchHead('list', true), line: { text: 'ecs list-clusters', cursor: 4 }, highlight: 4, cursor: true }, 80, 3);
    expect(found[0]).toEqual([
      { text: "(reverse-i-search)'list': ", role: 'info' },
      { text: 'ecs ' },
      { text: 'l', role: 'match', cursor: true },
      { text: 'ist', role: 'match' },
      { text: '-clusters ' },
    ]);
    const away = promptRows({ head: promptHead('sandbox', undefined, true), line: { text: 'ecs', cursor: 3 }, cursor: false }, 80, 3);
    expect(cursorOf(away)).toEqual([]);
    expect(away[0]![0]).toEqual({ text: 'sandbox> ', role: 'prompt', dim: true });
  });
});

describe('the prompt on the screen', () => {
  it('shows a long command whole while it is typed, on as many rows as it takes', async () => {
    app = await renderApp();
    await app.resize(60, 24);
    await app.press('.cluster php-demo', KEYS.enter);
    await app.waitFor(/^sandbox \[php-demo\]>/m);
    await app.press(COMMAND, KEYS.escape);
    const rows = (await app.waitFor('--desired-count 3')).split('\n');
    const first = rows.findLastIndex((row) => row.startsWith('sandbox [php-demo]> ecs create-service'));
    expect(rows.slice(first, first + 3).map((row) => row.trimEnd())).toEqual([
      'sandbox [php-demo]> ecs create-service --cluster php-demo',
      '--service-name php-app --task-definition console-sample-app',
      '--desired-count 3',
    ]);
    // The frame still fits the terminal: the log gives up the rows the prompt takes.
    await vi.waitFor(() => expect(app!.frame().split('\n').length).toBeLessThanOrEqual(23));
  });

  it('shows a demo step whole as it is typed in present mode, for the audience to read', async () => {
    const script = scriptOf(`## long lines\n# say A service.\n${COMMAND}\n`);
    app = await renderDriven([new DemoPlayer({ script, mode: 'present' })]);
    await app.resize(60, 24);
    await app.waitFor('A service.');
    for (let presses = 0; presses < 200 && !app.frame().includes('--desired-count 3'); presses++) await app.press('x');
    const rows = app.frame().split('\n');
    const first = rows.findLastIndex((row) => row.startsWith('sandbox> ecs create-service'));
    expect(rows.slice(first, first + 3).map((row) => row.trimEnd())).toEqual([
      'sandbox> ecs create-service --cluster php-demo',
      '--service-name php-app --task-definition console-sample-app',
      '--desired-count 3',
    ]);
  });
});
