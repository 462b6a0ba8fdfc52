import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { KEYS, renderApp, type AppHarness } from './app-harness.js';

/** ecs-cli on the shell's screen: its verbs complete, its questions are asked at the prompt, its progress shows while it runs. */
let app: AppHarness | undefined;
beforeAll(() => {
  const home = mkdtempSync(join(tmpdir(), 'ecsh-ecs-cli-confirm-'));
  process.env.ECSH_CONFIG_DIR = join(home, 'config');
  process.env.HOME = home;
});
afterEach(async () => {
  await app?.close();
  app = undefined;
});

const QUESTION = 'Are you sure you want to delete your cluster? [y/N]';
const rows = (frame: string) => frame.split('\n');

/** The menu rows: they start with one space, then the label. */
const menuLabels = (frame: string) =>
  rows(frame)
    .filter((row) => /^ \S/.test(row))
    .map((row) => row.trim().split(/\s+/)[0]);

describe('ecs-cli completion on screen', () => {
  it('completes a verb and its flags, the doc line telling what the highlighted one does', async () => {
    app = await renderApp();
    await app.press('ecs-cli con');
    await app.waitFor(' configure');
    expect(menuLabels(app.frame())[0]).toBe('configure');
    await app.press(KEYS.tab);
    await app.waitFor(/^sandbox> ecs-cli configure\s*$/m);
    await app.press('--cl');
    const frame = await app.waitFor(/^ --cluster-config/m);
    expect(menuLabels(frame).slice(0, 2)).toEqual(['--cluster', '--cluster-config']);
    expect(frame).toMatch(/\[1\/\d+\] --cluster \(string\): The cluster \(default: the shell's \.cluster/);
  });
});

describe('ecs-cli down at the prompt', () => {
  it('asks [y/N]: n keeps the cluster, y deletes it', async () => {
    app = await renderApp();
    await app.press('ecs-cli up --cluster keep --empty', KEYS.enter);
    await app.waitFor('Created cluster');

    await app.press('ecs-cli down --cluster keep', KEYS.enter);
    let frame = await app.waitFor(`${QUESTION}>`);
    // The prompt asks; the menu stays shut and no command is said to be running.
    expect(rows(frame).find((row) => row.startsWith(QUESTION))).toMatch(/\[y\/N\]>\s*$/);
    expect(frame).not.toContain('running ecs-cli down');
    await app.press('n', KEYS.enter);
    frame = await app.waitFor('Aborted cluster deletion.');
    expect(frame).toContain(`${QUESTION} n`);
    expect(app.promptRow()).toMatch(/^sandbox>\s*$/);
    await app.press('ecs describe-clusters --clusters keep --query clusters[0].status --output text', KEYS.enter);
    await app.waitFor(/^ACTIVE$/m);

    await app.press('down --cluster keep', KEYS.enter);
    await app.waitFor(`${QUESTION}>`);
    await app.press('y', KEYS.enter);
    frame = await app.waitFor(/Deleted cluster\s+cluster=keep/);
    expect(frame).toContain(`${QUESTION} y`);
    await app.press('ecs describe-clusters --clusters keep --query clusters[0].status --output text', KEYS.enter);
    await app.waitFor(/^INACTIVE$/m);
    // The answers are not commands: the history holds the two down lines, not y or n.
    expect(app.context.history.entries.filter((entry) => entry.length <= 3)).toEqual([]);
  });

  it('an empty answer is no', async () => {
    app = await renderApp();
    await app.press('ecs-cli up --cluster stays --empty', KEYS.enter);
    await app.waitFor('Created cluster');
    await app.press('ecs-cli down --cluster stays', KEYS.enter);
    await app.waitFor(`${QUESTION}>`);
    await app.press(KEYS.enter);
    await app.waitFor("Aborted cluster deletion. To delete your cluster, re-run this command and specify the '--force' flag");
  });
});

describe('ecs-cli progress on screen', () => {
  it('shows up\'s lines while it waits for the instances, before it ends; ctrl-c stops it', async () => {
    app = await renderApp();
    await app.press('ecs-cli up --cluster live --size 1 --capability-iam', KEYS.enter);
    const frame = await app.waitFor(/Container instances registered\s+registered=0 size=1/);
    expect(frame).toContain('running ecs-cli up --cluster live --size 1 --capability-iam');
    expect(frame).toMatch(/^VPC created: vpc-/m);
    await app.press(KEYS.ctrlC);
    await app.waitFor(/^cancelled$/m);
  });
});
