import { afterEach, describe, expect, it } from 'vitest';
import { KEYS, renderApp, type AppHarness } from './app-harness.js';

let app: AppHarness | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

/** The menu rows: they start with one space, then the label. */
const menuLabels = (frame: string) =>
  frame
    .split('\n')
    .filter((row) => /^ \S/.test(row))
    .map((row) => row.trim().split(/\s+/)[0]);

describe('the screen', () => {
  it('shows the prompt with the backend, a hint, and the toolbar with the keys and the backend', async () => {
    app = await renderApp();
    const frame = await app.waitFor('sandbox us-east-1');
    expect(app.promptRow()).toMatch(/^sandbox>/);
    expect(frame).toContain('F1 help');
    expect(frame).toContain('F2 fuzzy');
    expect(frame).toContain('F3 docs on');
    expect(frame).toContain('F10 exit');
  });

  it('runs a command on Enter and shows its output, the ARN of a new cluster', async () => {
    app = await renderApp();
    await app.press('ecs create-cluster --cluster-name demo', KEYS.enter);
    await app.waitFor('"clusterArn": "arn:aws:ecs:us-east-1:123456789012:cluster/demo"');
    expect(app.promptRow()).toMatch(/^sandbox>\s*$/);
  });

  it('gives a mistake as one line with a suggestion, never a stack trace', async () => {
    app = await renderApp();
    await app.press('ecs list-cluster', KEYS.enter);
    const frame = await app.waitFor("unknown operation 'list-cluster'; did you mean list-clusters?");
    expect(frame).not.toMatch(/\n\s+at /);
    await app.press('ecs describe-services --cluster nowhere --services web', KEYS.enter);
    const error = (await app.waitFor('ClusterNotFoundException')).split('\n').filter((row) => row.includes('An error occurred'));
    expect(error).toHaveLength(1);
  });

  it('shows the default cluster in the prompt once set', async () => {
    app = await renderApp();
    await app.press('.cluster demo', KEYS.enter);
    await app.waitFor(/^sandbox \[demo\]>/m);
  });
});

describe('completion', () => {
  it('opens the menu as one types, the doc line telling about the highlighted item', async () => {
    app = await renderApp();
    await app.press('ecs list-cl');
    const frame = await app.waitFor(' list-clusters');
    expect(menuLabels(frame)[0]).toBe('list-clusters');
    expect(frame).toContain('list-clusters: ');
    expect(frame).toMatch(/\[1\/\d+\]/);
  });

  it('Tab accepts the highlighted item, and the menu moves on to the parameters', async () => {
    app = await renderApp();
    await app.press('ecs list-cl');
    await app.waitFor(' list-clusters');
    await app.press(KEYS.tab);
    expect(app.promptRow()).toMatch(/^sandbox> ecs list-clusters\s*$/);
    await app.waitFor(' --max-items');
  });

  it('arrows move the selection and Enter then accepts it instead of running the line', async () => {
    app = await renderApp();
    await app.press('ecs list-c');
    const frame = await app.waitFor(' list-clusters');
    const second = menuLabels(frame)[1]!;
    await app.press(KEYS.down);
    expect(app.frame()).toContain('[2/');
    await app.press(KEYS.enter);
    expect(app.promptRow()).toContain(`ecs ${second}`);
    expect(app.frame()).not.toContain(`sandbox> ecs ${second}\n{`);
    await app.press(KEYS.up, KEYS.up);
    expect(app.frame()).toMatch(/\[\d+\/\d+\]/);
  });

  it('marks required parameters and shows their type; given ones leave the menu', async () => {
    app = await renderApp();
    await app.press('ecs create-service --');
    const frame = await app.waitFor(' --service-name');
    const row = frame.split('\n').find((line) => line.startsWith(' --service-name'))!;
    expect(row).toMatch(/--service-name\s+string \*/);
    await app.press('service-name web --');
    await app.waitFor(' --desired-count');
    expect(menuLabels(app.frame())).not.toContain('--service-name');
  });

  it('completes cluster names from the backend after --cluster', async () => {
    app = await renderApp();
    await app.press('ecs create-cluster --cluster-name demo', KEYS.enter);
    await app.waitFor('cluster/demo"');
    await app.press('ecs list-services --cluster ');
    const frame = await app.waitFor(/^ demo\s+name/m);
    expect(frame).toContain('demo: cluster');
    await app.press(KEYS.tab);
    expect(app.promptRow()).toMatch(/^sandbox> ecs list-services --cluster demo\s*$/);
  });

  it('F2 switches between fuzzy and prefix matching, and remembers the choice', async () => {
    app = await renderApp();
    await app.press('ecs lstclu');
    await app.waitFor(' list-clusters');
    await app.press(KEYS.f2);
    const frame = await app.waitFor('F2 prefix');
    expect(menuLabels(frame)).not.toContain('list-clusters');
    expect(app.context.settings.get().fuzzy).toBe(false);
    await app.press(KEYS.f2);
    await app.waitFor(' list-clusters');
  });

  it('Esc closes the menu and Tab opens it again', async () => {
    app = await renderApp();
    await app.press('ecs list-cl');
    await app.waitFor(' list-clusters');
    await app.press(KEYS.escape);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(menuLabels(app.frame())).toEqual([]);
    await app.press(KEYS.tab);
    expect(menuLabels(app.frame())[0]).toBe('list-clusters');
  });
});

describe('history and editing', () => {
  it('Up and Down walk the history; the line being typed comes back', async () => {
    app = await renderApp();
    await app.press('.cluster one', KEYS.enter);
    await app.waitFor('default cluster: one');
    await app.press('.cluster two', KEYS.enter);
    await app.waitFor('default cluster: two');
    await app.press('draft', KEYS.ctrlU, KEYS.up);
    expect(app.promptRow()).toContain('> .cluster two');
    await app.press(KEYS.up);
    expect(app.promptRow()).toContain('> .cluster one');
    await app.press(KEYS.down, KEYS.down);
    expect(app.promptRow()).toMatch(/>\s*$/);
  });

  it('ctrl-r finds an earlier line, and Enter runs it', async () => {
    app = await renderApp();
    await app.press('.cluster alpha', KEYS.enter);
    await app.waitFor('default cluster: alpha');
    await app.press('.cluster beta', KEYS.enter);
    await app.waitFor('default cluster: beta');
    await app.press(KEYS.ctrlR, 'alp');
    expect(app.promptRow()).toBe("(reverse-i-search)'alp': .cluster alpha");
    await app.press(KEYS.enter);
    await app.waitFor(/^sandbox \[alpha\]>/m);
  });

  it('ctrl-r then Esc gives back the line as it was', async () => {
    app = await renderApp();
    await app.press('.cluster alpha', KEYS.enter);
    await app.waitFor('default cluster: alpha');
    await app.press('ecs', KEYS.ctrlR, 'zzz');
    expect(app.promptRow()).toContain("(failed reverse-i-search)'zzz'");
    await app.press(KEYS.escape);
    await app.waitFor(/\] ?> ecs/);
  });

  it('edits with emacs keys: ctrl-w cuts a word, ctrl-y puts it back, ctrl-a goes to the start', async () => {
    app = await renderApp();
    await app.press('ecs list-clusters --output');
    await app.press(KEYS.ctrlW);
    expect(app.promptRow()).toMatch(/> ecs list-clusters\s*$/);
    await app.press(KEYS.ctrlA, 'aws ', KEYS.ctrlE, KEYS.ctrlY);
    expect(app.promptRow()).toMatch(/> aws ecs list-clusters --output\s*$/);
    await app.press(KEYS.altB, KEYS.ctrlK);
    expect(app.promptRow()).toMatch(/> aws ecs list-clusters --\s*$/);
  });

  it('ctrl-c clears the line, and ctrl-d on an empty line leaves', async () => {
    app = await renderApp();
    await app.press('ecs list-clusters');
    await app.press(KEYS.ctrlC);
    expect(app.promptRow()).toMatch(/^sandbox>\s*$/);
    expect(app.exited).not.toHaveBeenCalled();
    await app.press(KEYS.ctrlD);
    await vi_waitFor(() => expect(app!.exited).toHaveBeenCalled());
  });

  it('F10 leaves too', async () => {
    app = await renderApp();
    await app.press(KEYS.f10);
    await vi_waitFor(() => expect(app!.exited).toHaveBeenCalled());
  });
});

describe('the output log', () => {
  it('scrolls back with PageUp when the output is taller than the screen, and PageDown returns', async () => {
    app = await renderApp();
    await app.press(KEYS.f1);
    await app.waitFor('More: .help keys');
    await app.press(KEYS.pageUp);
    const up = await app.waitFor(/more lines? below: PageDown/);
    expect(up).not.toContain('More: .help keys');
    await app.press(KEYS.pageDown, KEYS.pageDown);
    await app.waitFor('More: .help keys');
    expect(app.frame()).not.toMatch(/below: PageDown/);
  });

  it('.clear empties it', async () => {
    app = await renderApp();
    await app.press('!echo visible-output', KEYS.enter);
    await app.waitFor(/^visible-output$/m);
    // The output can show before the command is marked finished; a line typed before that is refused.
    await vi_waitFor(() => expect(app!.frame()).not.toContain('running !echo'));
    await app.press('.clear', KEYS.enter);
    await vi_waitFor(() => expect(app!.frame()).not.toContain('visible-output'));
  });
});

describe('running', () => {
  it('refuses a second line while one runs, and ctrl-c cancels the running one', async () => {
    app = await renderApp();
    await app.press('!sleep 30', KEYS.enter);
    await app.waitFor('running !sleep 30  (ctrl-c cancels)');
    await app.press('ecs list-clusters', KEYS.enter);
    await app.waitFor('a command is running: wait for it, or ctrl-c to cancel it');
    expect(app.promptRow()).toContain('ecs list-clusters');
    await app.press(KEYS.ctrlC);
    await app.waitFor(/^cancelled$/m);
    await app.press(KEYS.enter);
    await app.waitFor('"clusterArns"');
  });
});

describe('the notice that a command is running', () => {
  it('goes when the command ends, without waiting for a key', async () => {
    app = await renderApp();
    await app.press('!sleep 1', KEYS.enter);
    await app.waitFor('running !sleep 1');
    await app.press('ecs list-clusters', KEYS.enter);
    await app.waitFor('a command is running: wait for it, or ctrl-c to cancel it');
    await vi_waitFor(() => expect(app!.frame()).not.toContain('a command is running'));
    expect(app.frame()).not.toContain('running !sleep');
    expect(app.promptRow()).toContain('ecs list-clusters');
  });
});

describe('the layout', () => {
  it('follows a resize: rows fit the new width, and the frame stays shorter than the terminal', async () => {
    app = await renderApp();
    await app.press(KEYS.f1);
    await app.waitFor('More: .help keys');
    await app.resize(60, 12);
    await vi_waitFor(() => {
      const rows = app!.frame().split('\n');
      expect(rows.length).toBeLessThanOrEqual(11);
      expect(Math.max(...rows.map((row) => row.length))).toBeLessThanOrEqual(60);
      expect(rows.at(-1)).toMatch(/^F1 help/);
    });
  });
});

async function vi_waitFor(check: () => void) {
  const { vi } = await import('vitest');
  await vi.waitFor(check, { timeout: 10_000, interval: 10 });
}
