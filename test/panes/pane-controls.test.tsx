import { Text } from 'ink';
import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadApiIndex, parseCommand, type ParsedCall } from '../../source/commands/index.js';
import {
  applyFunctionKey,
  DEFAULT_PANE_SETTINGS,
  defaultRefreshMs,
  describeSettings,
  placePane,
  runPaneCommand,
  usePaneControl,
  type PaneSettings,
} from '../../source/panes/index.js';
import { drainInstanceAction, forceDeploymentAction, scaleServiceAction, stopTaskAction } from '../../source/panes/models/pane-actions.js';
import { placementSnapshot } from '../../source/panes/models/placement-model.js';
import { tasksSnapshot } from '../../source/panes/models/tasks-model.js';
import { instance, task } from './support/fixtures.js';

afterEach(cleanup);

const sandbox = DEFAULT_PANE_SETTINGS;

describe('the pane dot commands', () => {
  const run = (line: string, settings: PaneSettings = sandbox) => runPaneCommand(line, settings);

  it('choose the pane and what it looks at, the refresh and the layout', () => {
    expect(run('.pane tasks --cluster demo --service web')).toEqual({
      ok: true,
      settings: { ...sandbox, kind: 'tasks', cluster: 'demo', service: 'web' },
      message: 'pane: tasks --cluster demo --service web (refresh every 1s on the sandbox, 5s on AWS, layout right)',
    });
    expect(run('.pane placement')!.settings).toMatchObject({ kind: 'placement', cluster: undefined, service: undefined });
    expect(run('.pane off', { ...sandbox, kind: 'services' })!.settings.kind).toBe('off');
    expect(run('.pane refresh 2.5')!.settings.refreshMs).toBe(2_500);
    expect(run('.layout bottom')!.settings.layout).toBe('bottom');
    expect(run('.pane')).toEqual({ ok: true, settings: sandbox, message: describeSettings(sandbox) });
  });

  it('refuse what they cannot do, in one line that says what to type, and change nothing', () => {
    const refusals = ['.pane bogus', '.pane refresh 0', '.pane refresh soon', '.pane services --service web', '.pane tasks --cluster', '.layout sideways'];
    for (const line of refusals) {
      const result = run(line)!;
      expect(result.ok, line).toBe(false);
      expect(result.settings, line).toBe(sandbox);
      expect(result.message, line).not.toContain('\n');
    }
    expect(run('.pane bogus')!.message).toBe("no pane 'bogus': use .pane tasks, .pane placement, .pane services or .pane off");
    expect(run('.layout sideways')!.message).toBe('usage: .layout right|bottom');
  });

  it('leave every other line to the shell', () => {
    expect(run('.panes')).toBeUndefined();
    expect(run('.cluster demo')).toBeUndefined();
    expect(run('ecs list-tasks')).toBeUndefined();
  });

  it('poll AWS every 5 s and the sandbox every second unless told otherwise', () => {
    expect(defaultRefreshMs('aws')).toBe(5_000);
    expect(defaultRefreshMs('sandbox')).toBe(1_000);
    expect(run('.pane refresh 2')!.message).toBe('pane: off (refresh every 2s, layout right); F4 tasks, F5 placement, F6 services');
  });
});

describe('the function keys', () => {
  it('show a pane with the keys left at the prompt, move them in on the same key, hide it on a third', () => {
    const shown = applyFunctionKey(4, { settings: sandbox, focused: false })!;
    expect(shown).toEqual({ settings: { ...sandbox, kind: 'tasks' }, focused: false });
    const inPane = applyFunctionKey(4, shown)!;
    expect(inPane).toEqual({ settings: shown.settings, focused: true });
    expect(applyFunctionKey(4, inPane)).toEqual({ settings: { ...sandbox, kind: 'off' }, focused: false });
    // A pane the terminal has no room for cannot take the keys: its key hides it.
    expect(applyFunctionKey(4, shown, false)!.settings.kind).toBe('off');
    // Another pane takes the place of the one shown, the keys staying where they were.
    expect(applyFunctionKey(5, shown)).toEqual({ settings: { ...sandbox, kind: 'placement' }, focused: false });
    expect(applyFunctionKey(6, inPane)).toEqual({ settings: { ...sandbox, kind: 'services' }, focused: true });
    expect(applyFunctionKey(7, inPane)).toEqual({ settings: { ...sandbox, kind: 'tasks', layout: 'bottom' }, focused: true });
    // F1-F3 and F10 belong to the shell.
    for (const key of [1, 2, 3, 10]) expect(applyFunctionKey(key, shown)).toBeUndefined();
  });

  it("forget a --service once the pane closes: F4 then opens all the cluster's tasks", () => {
    const narrowed = runPaneCommand('.pane tasks --cluster demo --service nope', sandbox)!.settings;
    expect(applyFunctionKey(5, { settings: narrowed, focused: false })!.settings).toEqual({ ...sandbox, kind: 'placement', cluster: 'demo', service: undefined });
    const hidden = applyFunctionKey(4, applyFunctionKey(4, { settings: narrowed, focused: false })!)!;
    expect(applyFunctionKey(4, hidden)!.settings).toEqual({ ...sandbox, kind: 'tasks', cluster: undefined, service: undefined });
    const off = runPaneCommand('.pane off', narrowed)!.settings;
    expect(applyFunctionKey(4, { settings: off, focused: false })!.settings).toEqual({ ...sandbox, kind: 'tasks', cluster: undefined, service: undefined });
  });

  it('change the settings of a running screen, as do the dot commands', async () => {
    let control: ReturnType<typeof usePaneControl> | undefined;
    function Probe() {
      control = usePaneControl(sandbox);
      return <Text>{describeSettings(control.settings)}</Text>;
    }
    const view = render(<Probe />);
    await vi.waitFor(() => expect(view.lastFrame()).toContain('pane: off'));
    view.stdin.write('\u001b[15~');
    await vi.waitFor(() => expect(view.lastFrame()).toBe('pane: placement (refresh every 1s on the sandbox, 5s on AWS, layout right)'));
    view.stdin.write('\u001b[18~');
    await vi.waitFor(() => expect(view.lastFrame()).toBe('pane: placement (refresh every 1s on the sandbox, 5s on AWS, layout bottom)'));
    expect(control!.runCommand('.pane refresh 3')?.ok).toBe(true);
    await vi.waitFor(() => expect(view.lastFrame()).toBe('pane: placement (refresh every 3s, layout bottom)'));
    expect(control!.runCommand('ecs list-clusters')).toBeUndefined();
  });
});

describe('where the pane goes', () => {
  it('beside the prompt from 100 columns, leaving the output at least 60', () => {
    expect(placePane('right', 160, 40)).toEqual({ placement: 'right', width: 80, height: 40 });
    expect(placePane('right', 120, 40)).toEqual({ placement: 'right', width: 60, height: 40 });
    expect(placePane('right', 100, 30)).toEqual({ placement: 'right', width: 40, height: 30 });
  });

  it('below the output in a narrower terminal (80 columns keep all 80 for the output), or when asked', () => {
    expect(placePane('right', 99, 40)).toEqual({ placement: 'bottom', width: 99, height: 20 });
    expect(placePane('right', 80, 24)).toEqual({ placement: 'bottom', width: 80, height: 12 });
    expect(placePane('bottom', 200, 30)).toEqual({ placement: 'bottom', width: 200, height: 15 });
  });

  it('nowhere, with a note saying what it needs, when neither fits', () => {
    expect(placePane('right', 70, 12)).toEqual({
      placement: 'hidden',
      note: 'pane hidden: needs 100 columns or 16 rows (now 70x12)',
    });
    expect(placePane('bottom', 200, 14)).toEqual({ placement: 'hidden', note: 'pane hidden: needs 16 rows (now 200x14); try .layout right' });
  });
});

describe("the actions' commands", () => {
  const index = loadApiIndex();
  const parsed = (line: string) => parseCommand(line, { index }) as ParsedCall;
  const [row] = tasksSnapshot({ cluster: 'demo' }, [task('0123456789abcdef0123456789abcdef')]).rows;
  const block = placementSnapshot({ cluster: 'demo' }, [instance('feedfacefeedfacefeedfacefeedface', 'us-east-1a')], []).zones[0]!.instances[0]!;

  it('are lines of the command language that send exactly what the pane sends', () => {
    const actions = [
      stopTaskAction('demo', row!),
      scaleServiceAction({ cluster: 'demo', service: 'web', from: 6, to: 0 }),
      forceDeploymentAction('demo', 'web'),
      drainInstanceAction('demo', block),
      drainInstanceAction('demo', { ...block, status: 'DRAINING' }),
    ];
    expect(actions.map((a) => a.command)).toEqual([
      'ecs stop-task --cluster demo --task 0123456789abcdef0123456789abcdef',
      'ecs update-service --cluster demo --service web --desired-count 0',
      'ecs update-service --cluster demo --service web --force-new-deployment',
      'ecs update-container-instances-state --cluster demo --container-instances feedfacefeedfacefeedfacefeedface --status DRAINING',
      'ecs update-container-instances-state --cluster demo --container-instances feedfacefeedfacefeedfacefeedface --status ACTIVE',
    ]);
    for (const action of actions) {
      const call = parsed(action.command);
      expect(call.operation.name, action.command).toBe(action.operation);
      expect(call.input, action.command).toEqual(action.input);
    }
  });

  it('quote names the shell would otherwise split', () => {
    const action = scaleServiceAction({ cluster: "it's here", service: 'web', from: 1, to: 2 });
    expect(action.command).toBe(`ecs update-service --cluster 'it'\\''s here' --service web --desired-count 2`);
    expect(parsed(action.command).input).toEqual(action.input);
  });
});
