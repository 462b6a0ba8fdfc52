import { afterEach, describe, expect, it, vi } from 'vitest';
import { DemoPlayer } from '../../../source/shell/demo/demo-player.js';
import { skippingClock } from '../../../source/shell/demo/play-clock.js';
import { promptRow, renderDriven, scriptOf, type DrivenApp } from './driven-app.js';

const ENTER = '\r';
const ESC = '\u001B';

let app: DrivenApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

const TOUR = scriptOf(`## a short tour
# say First, a cluster.
ecs create-cluster --cluster-name demo --query cluster.status
# wait-for /ACTIVE/
# say Then the list of them.
ecs list-clusters --query clusterArns
# say That is all.
`);

/** Presses a key until the prompt holds `text` (a few characters a press). */
async function typeUntil(text: string): Promise<void> {
  for (let presses = 0; presses < 100 && !promptRow(app!.frame()).includes(text); presses++) await app!.press('x');
  expect(promptRow(app!.frame())).toContain(text);
}

describe('a demo presented on the screen', () => {
  it('shows the narration, then types the step a few characters a key press, the completion menu popping up', async () => {
    const player = new DemoPlayer({ script: TOUR, mode: 'present' });
    app = await renderDriven([player]);
    await app.waitFor('First, a cluster.');
    expect(promptRow(app.frame())).toMatch(/^sandbox>\s*$/);
    await app.press('x');
    expect(promptRow(app.frame())).toMatch(/^sandbox> ecs\s*$/);
    await app.press(' ', 'x');
    expect(promptRow(app.frame())).toMatch(/^sandbox> ecs creat\s*$/);
    const frame = await app.waitFor(/^ create-cluster/m);
    expect(frame).toMatch(/demo screen-test 1\/2/);
  });

  it('runs the step on Enter once it is typed, its output reaching the player, then narrates the next', async () => {
    let ended: { ok: boolean; stopped: boolean } | undefined;
    const player = new DemoPlayer({ script: TOUR, mode: 'present', onEnd: (result) => (ended = result) });
    app = await renderDriven([player]);
    await app.waitFor('First, a cluster.');
    await typeUntil('--query cluster.status');
    await app.press(ENTER);
    await app.waitFor('"ACTIVE"');
    await app.waitFor('Then the list of them.');
    await typeUntil('ecs list-clusters --query clusterArns');
    await app.press(ENTER);
    await app.waitFor('"arn:aws:ecs:us-east-1:123456789012:cluster/demo"');
    await app.waitFor('That is all.');
    await app.waitFor('end of screen-test: the shell is yours');
    expect(ended).toEqual({ ok: true, stopped: false });
    expect(app.context.history.entries).toEqual(['ecs create-cluster --cluster-name demo --query cluster.status', 'ecs list-clusters --query clusterArns']);
  });

  it('says so when a step does not show what its wait-for asks, and ends not ok', async () => {
    let ended: { ok: boolean; stopped: boolean } | undefined;
    const script = scriptOf('ecs list-clusters\n# wait-for /no-such-cluster/\n');
    app = await renderDriven([new DemoPlayer({ script, mode: 'present', onEnd: (result) => (ended = result) })]);
    await typeUntil('ecs list-clusters');
    await app.press(ENTER);
    await app.waitFor('line 1: its output does not match /no-such-cluster/ (# wait-for at line 2)');
    await app.waitFor('end of screen-test');
    expect(ended).toEqual({ ok: false, stopped: false });
  });

  it('leaves the script on Esc for a detour, and .demo resume comes back with the step typed as far as it was', async () => {
    const player = new DemoPlayer({ script: TOUR, mode: 'present' });
    app = await renderDriven([player]);
    await app.waitFor('First, a cluster.');
    await app.press('x', 'x');
    expect(promptRow(app.frame())).toMatch(/^sandbox> ecs cr\s*$/);
    await app.press(ESC);
    await app.waitFor('off script: the shell is yours');
    expect(promptRow(app.frame())).toMatch(/^sandbox>\s*$/);
    expect(app.frame()).toContain('(off script)');

    await app.press('ecs create-cluster --cluster-name detour --query cluster.clusterName', ENTER);
    await app.waitFor('"detour"');
    await app.press('.demo', ENTER);
    await app.waitFor('playing screen-test (present), at step 1 of 2');

    await app.press('.demo resume', ENTER);
    await app.waitFor('back to screen-test, step 1 of 2');
    expect(promptRow(app.frame())).toMatch(/^sandbox> ecs cr\s*$/);
    await typeUntil('--query cluster.status');
    await app.press(ENTER);
    await app.waitFor('"ACTIVE"');
    await app.waitFor('Then the list of them.');
  });

  it('waits at a # pause for a key that types nothing', async () => {
    const script = scriptOf('# say Over to the slides.\n# pause\necs list-clusters\n');
    app = await renderDriven([new DemoPlayer({ script, mode: 'present' })]);
    await app.waitFor('Over to the slides.');
    await app.press('x');
    expect(promptRow(app.frame())).toMatch(/^sandbox>\s*$/);
    await app.press('x');
    expect(promptRow(app.frame())).toMatch(/^sandbox> ecs\s*$/);
  });

  it('.demo stop ends it where it is', async () => {
    let ended: { ok: boolean; stopped: boolean } | undefined;
    app = await renderDriven([new DemoPlayer({ script: TOUR, mode: 'present', onEnd: (result) => (ended = result) })]);
    await app.waitFor('First, a cluster.');
    await app.press(ESC, '.demo stop', ENTER);
    await app.waitFor('stopped screen-test');
    expect(ended).toEqual({ ok: true, stopped: true });
    await app.press('.demo', ENTER);
    await app.waitFor('no demo is playing');
    expect(app.frame()).not.toContain('demo screen-test');
  });
});

describe('a demo played unattended (auto)', () => {
  it('types each step key by key, runs hidden steps without typing them, marks chapters, and leaves at the end', async () => {
    const script = scriptOf(`# sandbox seed=3 speed=1
# hidden
ecs create-cluster --cluster-name backstage
# shown
# marker listing
# say The cluster made off screen is there.
ecs list-clusters --query clusterArns
# wait-for /backstage/
`);
    const markers: string[] = [];
    let ended: { ok: boolean; stopped: boolean } | undefined;
    const player = new DemoPlayer({ script, mode: 'auto', clock: skippingClock(), onMarker: (name) => markers.push(name), onEnd: (result) => (ended = result), exitAtEnd: true });
    app = await renderDriven([player]);
    await app.waitFor('cluster/backstage"');
    await vi.waitFor(() => expect(app!.exited).toHaveBeenCalled(), { timeout: 10_000 });
    expect(ended).toEqual({ ok: true, stopped: false });
    expect(markers).toEqual(['listing']);
    const command = 'ecs list-clusters --query clusterArns';
    const typed = app.frames
      .map((frame) => promptRow(frame).replace(/^sandbox>\s?/, '').trimEnd())
      .filter((text, i, all) => text !== '' && text !== all[i - 1]);
    // Typed one character after another: the prompt went through the command's prefixes, in order.
    expect(typed.every((text) => command.startsWith(text))).toBe(true);
    expect(typed.map((text) => text.length)).toEqual([...typed.map((text) => text.length)].sort((a, b) => a - b));
    expect(typed.length).toBeGreaterThan(10);
    expect(typed.at(-1)).toBe(command);
    const prompts = app.frames.map((frame) => promptRow(frame));
    expect(prompts.some((row) => row.includes('backstage'))).toBe(false);
    expect(app.context.history.entries).toEqual(['ecs list-clusters --query clusterArns']);
  });
});
