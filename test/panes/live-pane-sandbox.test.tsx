import { ListTasksCommand, DescribeContainerInstancesCommand, DescribeServicesCommand } from '@aws-sdk/client-ecs';
import { cleanup, render } from 'ink-testing-library';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { PaneKind } from '../../source/panes/index.js';
import { LivePane } from '../../source/panes/LivePane.js';
import { plain } from './support/colour-markers.js';
import { clusterWithInstances, registerWeb, spreadService, startPaneSandbox, type PaneSandbox } from './support/pane-sandbox.js';

let t: PaneSandbox;
beforeAll(async () => {
  t = await startPaneSandbox();
  await registerWeb(t);
});
afterAll(() => t.close());
afterEach(cleanup);

const PAGE_DOWN = '\u001b[6~';
const ENTER = '\r';
const ESC = '\u001b';
const TAB = '\t';

/** A pane on the sandbox that polls only when told (`r`), so each frame follows a known clock. */
function showPane(kind: PaneKind, cluster: string, options: { service?: string; width?: number; height?: number } = {}) {
  const log: { text: string; kind: string }[] = [];
  const focus: string[] = [];
  const view = render(
    <LivePane
      backend={t.backend}
      kind={kind}
      scope={{ cluster, service: options.service }}
      refreshMs={3_600_000}
      width={options.width ?? 100}
      height={options.height ?? 24}
      focused
      onFocusPrompt={() => focus.push('prompt')}
      onLog={(text, logKind) => log.push({ text, kind: logKind })}
    />,
  );
  const frame = () => plain(view.lastFrame() ?? '');
  /** Waits until the frame shows what `check` expects (each poll is one request round on loopback). */
  const until = (check: (frame: string) => void) => vi.waitFor(() => check(frame()), { timeout: 5_000, interval: 10 });
  const press = (...keys: string[]) => {
    for (const key of keys) view.stdin.write(key);
  };
  return { view, frame, until, press, log, focus };
}

const lines = (frame: string) => frame.split('\n');

describe('panes on a sandbox that changes under a manual clock', () => {
  it('shows tasks going from PENDING to RUNNING as the clock moves, counted by what they are now', async () => {
    await clusterWithInstances(t, 'moving');
    await spreadService(t, 'moving', 'site', 3);
    const pane = showPane('tasks', 'moving');
    await pane.until((f) => expect(f.match(/PENDING→RUNNING/g)).toHaveLength(3));
    // ECS wants them RUNNING, but they are not yet.
    expect(pane.frame()).toContain('0 running, 3 pending, 0 stopped');

    t.advance(10_000);
    pane.press('r');
    await pane.until((f) => expect(f.match(/ RUNNING /g)).toHaveLength(3));
    expect(pane.frame()).not.toContain('PENDING');
    expect(pane.frame()).toContain('3 running, 0 stopped');
    // Started ages count from the task's start on the sandbox's clock, not the wall clock.
    for (const line of lines(pane.frame()).filter((l) => l.includes(' web:1 '))) expect(line).toMatch(/ (8|9)s/);
  });

  it('spreads a service of 6 over 3 zones: 2 tasks in each', async () => {
    await clusterWithInstances(t, 'spread');
    await spreadService(t, 'spread', 'web', 6);
    t.advance(10_000);
    const pane = showPane('placement', 'spread', { height: 20 });
    await pane.until((f) => expect(f).toContain('3 instances in 3 zones, 6 tasks'));
    const zones = lines(pane.frame()).filter((l) => /^us-east-1[abc] /.test(l));
    expect(zones).toEqual([
      'us-east-1a  1 instance  2 tasks: web 2',
      'us-east-1b  1 instance  2 tasks: web 2',
      'us-east-1c  1 instance  2 tasks: web 2',
    ]);
    expect(pane.frame().match(/■■ web 2/g)).toHaveLength(3);
    expect(pane.frame().match(/cpu █+░+ 512\/2048 {2}mem █+░+ 512\/3904 MiB/g)).toHaveLength(3);
  });

  it('stops the selected task on s, y and Enter, and echoes the command that does it', async () => {
    await clusterWithInstances(t, 'stopping');
    await spreadService(t, 'stopping', 'api', 2);
    t.advance(10_000);
    const pane = showPane('tasks', 'stopping');
    await pane.until((f) => expect(f).toContain('2 running, 0 stopped'));
    const selected = lines(pane.frame()).find((l) => l.startsWith('›'))!;
    const shortId = selected.slice(1, 9);

    pane.press('s');
    await pane.until((f) => expect(f).toContain(`Stop task ${shortId} (web:1)? [y⏎/N]`));
    pane.press('y');
    await pane.until((f) => expect(f).toContain('[y⏎/N] y█'));
    pane.press(ENTER);
    await vi.waitFor(() => expect(pane.log).toHaveLength(1));
    const [{ text, kind }] = pane.log;
    expect(kind).toBe('command');
    expect(text).toMatch(new RegExp(`^ecs stop-task --cluster stopping --task ${shortId}[0-9a-f]{24}$`));

    const stopped = await t.ecs.send(new ListTasksCommand({ cluster: 'stopping', desiredStatus: 'STOPPED' }));
    expect(stopped.taskArns!.map((arn) => arn.slice(-32))).toEqual([text.slice(-32)]);
    await pane.until((f) => expect(f).toMatch(new RegExp(`${shortId} web:1 +RUNNING→STOPPED`)));
  });

  it('asks before acting, and does nothing unless the answer is y then Enter', async () => {
    await clusterWithInstances(t, 'careful', ['us-east-1a']);
    await spreadService(t, 'careful', 'api', 1);
    t.advance(10_000);
    const pane = showPane('tasks', 'careful');
    await pane.until((f) => expect(f).toContain('1 running, 0 stopped'));
    pane.press('s');
    await pane.until((f) => expect(f).toContain('[y⏎/N]'));
    pane.press('n');
    await pane.until((f) => expect(f).toContain('cancelled'));
    // Enter alone is No, as [y/N] says; a y followed by anything but Enter is no answer either.
    pane.press('s', ENTER);
    await pane.until((f) => expect(f).toContain('cancelled'));
    pane.press('s', 'y', 's');
    await pane.until((f) => expect(f).toContain('cancelled'));
    expect(pane.log).toEqual([]);
    const stopped = await t.ecs.send(new ListTasksCommand({ cluster: 'careful', desiredStatus: 'STOPPED' }));
    expect(stopped.taskArns).toEqual([]);
  });

  it('scales a service to 0 with - and y, and the tasks pane shows its tasks stop', async () => {
    await clusterWithInstances(t, 'scaling');
    await spreadService(t, 'scaling', 'web', 3);
    t.advance(10_000);
    const services = showPane('services', 'scaling');
    await services.until((f) => expect(f).toMatch(/web {2}ACTIVE {2}web:1 {2}desired 3 {2}running 3/));
    services.press('-');
    await services.until((f) => expect(f).toContain('Scale web from 3 to 2 tasks?'));
    services.press('-', '-', '-');
    await services.until((f) => expect(f).toContain('Scale web from 3 to 0 tasks?'));
    services.press('y', ENTER);
    await vi.waitFor(() => expect(services.log).toEqual([{ text: 'ecs update-service --cluster scaling --service web --desired-count 0', kind: 'command' }]));
    const described = await t.ecs.send(new DescribeServicesCommand({ cluster: 'scaling', services: ['web'] }));
    expect(described.services![0]!.desiredCount).toBe(0);
    await services.until((f) => expect(f).toMatch(/desired 0 {2}running 3/));
    services.view.unmount();

    t.advance(60_000);
    const tasks = showPane('tasks', 'scaling');
    await tasks.until((f) => expect(f).toContain('0 running, 3 stopped'));
    const rows = lines(tasks.frame()).filter((l) => l.includes(' web:1 '));
    expect(rows).toHaveLength(3);
    for (const row of rows) expect(row).toMatch(/ STOPPED .* us-east-1[abc] .*Scaling activi/);
  });

  it('drains the selected instance with x and y, and shows it DRAINING', async () => {
    const [first] = await clusterWithInstances(t, 'draining', ['us-east-1a', 'us-east-1b']);
    const pane = showPane('placement', 'draining');
    await pane.until((f) => expect(f).toContain('2 instances in 2 zones'));
    pane.press('x');
    await pane.until((f) => expect(f).toContain('(its tasks move elsewhere)? [y⏎/N]'));
    pane.press('y', ENTER);
    await vi.waitFor(() => expect(pane.log).toHaveLength(1));
    expect(pane.log[0]!.text).toBe(`ecs update-container-instances-state --cluster draining --container-instances ${first!.slice(-32)} --status DRAINING`);
    await pane.until((f) => expect(f).toMatch(/›i-\S+ t3.medium {2}DRAINING/));
    const out = await t.ecs.send(new DescribeContainerInstancesCommand({ cluster: 'draining', containerInstances: [first!] }));
    expect(out.containerInstances![0]!.status).toBe('DRAINING');
  });

  it('shows the full describe output of the selected row on Enter, scrollable, and goes back on Esc', async () => {
    await clusterWithInstances(t, 'details', ['us-east-1a']);
    await spreadService(t, 'details', 'api', 1);
    t.advance(10_000);
    const pane = showPane('tasks', 'details', { height: 12 });
    await pane.until((f) => expect(f).toContain('1 running'));
    pane.press(ENTER);
    await pane.until((f) => expect(f).toMatch(/DescribeTasks [0-9a-f]{32} 1-9\/\d+/));
    expect(pane.frame()).toContain('tasks:');
    expect(pane.frame()).toMatch(/- attachments: \[\]|taskArn: arn:aws:ecs:us-east-1:123456789012:task\/details\//);
    pane.press(PAGE_DOWN);
    await pane.until((f) => expect(f).toMatch(/DescribeTasks [0-9a-f]{32} 10-18\/\d+/));
    pane.press(ESC);
    await pane.until((f) => expect(f).toMatch(/TASK +DEFINITION/));
  });

  it('says once, in its body, that the cluster does not exist and what to do about it', async () => {
    const pane = showPane('tasks', 'nowhere');
    await pane.until((f) => expect(f).toContain('retrying every 3600s'));
    const text = lines(pane.frame())
      .map((l) => l.trim())
      .join(' ');
    expect(text).toContain("no cluster 'nowhere' (ClusterNotFoundException): create it with ecs create-cluster --cluster-name nowhere, or see which there are with ecs list-clusters");
    expect(text.match(/ClusterNotFoundException/g)).toHaveLength(1);
  });

  it('says which service is missing, and how to see all the tasks', async () => {
    await clusterWithInstances(t, 'missing', ['us-east-1a']);
    const pane = showPane('tasks', 'missing', { service: 'nope' });
    await pane.until((f) => expect(f).toContain('ServiceNotFoundException'));
    expect(lines(pane.frame()).map((l) => l.trim()).join(' ')).toContain(
      "no service 'nope' in missing (ServiceNotFoundException): .pane tasks shows all of missing's tasks; ecs list-services --cluster missing lists its services",
    );
  });

  it('filters rows with /; Esc clears the filter, then gives the keys back to the prompt (Tab does not)', async () => {
    await clusterWithInstances(t, 'filtering');
    await spreadService(t, 'filtering', 'web', 3);
    t.advance(10_000);
    const pane = showPane('tasks', 'filtering');
    await pane.until((f) => expect(f).toContain('3 running'));
    pane.press('/', 'u', 's', '-', 'e', 'a', 's', 't', '-', '1', 'b');
    await pane.until((f) => expect(f).toContain('/us-east-1b█'));
    pane.press(ENTER);
    await pane.until((f) => expect(f).toContain('filter: us-east-1b'));
    const rows = lines(pane.frame()).filter((l) => l.includes(' web:1 '));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain('us-east-1b');
    pane.press(TAB);
    pane.press(ESC);
    await pane.until((f) => expect(f).not.toContain('filter: us-east-1b'));
    expect(pane.focus).toEqual([]);
    pane.press(ESC);
    await vi.waitFor(() => expect(pane.focus).toEqual(['prompt']));
  });
});
