import { DescribeTasksCommand, PutClusterCapacityProvidersCommand, RegisterTaskDefinitionCommand, RunTaskCommand, type Task } from '@aws-sdk/client-ecs';
import { DescribeSubnetsCommand } from '@aws-sdk/client-ec2';
import { cleanup, render } from 'ink-testing-library';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { LivePane } from '../../source/panes/LivePane.js';
import { placementSnapshot } from '../../source/panes/models/placement-model.js';
import { filterTasks, filterZones } from '../../source/panes/models/row-filters.js';
import { tasksSnapshot } from '../../source/panes/models/tasks-model.js';
import { PANE_DEFINITIONS } from '../../source/panes/pane-definitions.js';
import { PlacementPane } from '../../source/panes/PlacementPane.js';
import { TasksPane } from '../../source/panes/TasksPane.js';
import { colourOf, colourRuns, enableColours, plain } from './support/colour-markers.js';
import { instance, T0, task } from './support/fixtures.js';
import { clusterWithInstances, registerWeb, startPaneSandbox, type PaneSandbox } from './support/pane-sandbox.js';

beforeAll(enableColours);
afterEach(cleanup);

const scope = { cluster: 'demo' };

/** An awsvpc task's ENI attachment, as DescribeTasks shows it. */
function eni(address: string, subnet = 'subnet-0a1b2c3d', status = 'ATTACHED') {
  return {
    id: `att-${address}`,
    type: 'ElasticNetworkInterface',
    status,
    details: [
      { name: 'subnetId', value: subnet },
      { name: 'networkInterfaceId', value: 'eni-0a1b2c3d4e5f' },
      { name: 'privateIPv4Address', value: address },
    ],
  };
}

/** A Fargate task (cpu 256, memory 512 unless given) in `zone` at `address`. */
function fargateTask(id: string, zone: string, address: string, fields: Partial<Task> & { family?: string } = {}): Task {
  return task(id, { launchType: 'FARGATE', availabilityZone: zone, cpu: '256', memory: '512', attachments: [eni(address)], ...fields });
}

const spot = (id: string, zone: string, address: string, fields: Partial<Task> & { family?: string } = {}) =>
  fargateTask(id, zone, address, { launchType: undefined, capacityProviderName: 'FARGATE_SPOT', ...fields });

describe('the tasks pane with Fargate and awsvpc tasks', () => {
  const snapshot = tasksSnapshot(scope, [
    fargateTask('aaaaaaaa11112222333344445555666a', 'us-east-1a', '172.31.4.20'),
    spot('bbbbbbbb11112222333344445555666b', 'us-east-1b', '172.31.16.7'),
    task('cccccccc11112222333344445555666c', { launchType: 'EC2', instance: 'c1c1c1c1c1c1', availabilityZone: 'us-east-1a', ports: [8080] }),
    // An EC2 task in awsvpc mode: an IP of its own, on an instance.
    task('dddddddd11112222333344445555666d', { launchType: 'EC2', instance: 'c1c1c1c1c1c1', availabilityZone: 'us-east-1a', attachments: [eni('172.31.5.9')] }),
  ]);

  it('shows where each task runs (FARGATE, FARGATE_SPOT, EC2) and its own IP', () => {
    const { lastFrame } = render(<TasksPane rows={snapshot.rows} width={190} height={10} now={T0} />);
    const lines = plain(lastFrame()!).split('\n');
    expect(lines[0]).toMatch(/^ TASK +DEFINITION +STATUS +LAUNCH +INSTANCE +IP +AZ +PORTS +GROUP +AGE +STOPPED REASON/);
    const row = (id: string) => lines.find((l) => l.startsWith(` ${id}`))!;
    expect(row('aaaaaaaa')).toMatch(/^ aaaaaaaa web:1 +RUNNING +FARGATE +- +172\.31\.4\.20 +us-east-1a +- +service:web/);
    expect(row('bbbbbbbb')).toMatch(/^ bbbbbbbb web:1 +RUNNING +FARGATE_SPOT +- +172\.31\.16\.7 +us-east-1b/);
    expect(row('cccccccc')).toMatch(/^ cccccccc web:1 +RUNNING +EC2 +c1c1c1c1 +- +us-east-1a +8080/);
    expect(row('dddddddd')).toMatch(/^ dddddddd web:1 +RUNNING +EC2 +c1c1c1c1 +172\.31\.5\.9 +us-east-1a/);
  });

  it('colours Fargate Spot, which may be interrupted, apart from Fargate', () => {
    const { lastFrame } = render(<TasksPane rows={snapshot.rows} width={190} height={10} now={T0} />);
    expect(colourOf(lastFrame()!, 'FARGATE_SPOT')).toBe('yellow');
    expect(colourRuns(lastFrame()!, 'FARGATE ')![0]).toEqual({ text: 'FARGATE', colour: 'blue' });
  });

  it('adds no launch or IP column to a cluster of EC2 bridge tasks, where they would say nothing', () => {
    const ec2Only = tasksSnapshot(scope, [task('eeeeeeee11112222333344445555666e', { launchType: 'EC2', instance: 'c1c1c1c1c1c1', ports: [8080] })]);
    const { lastFrame } = render(<TasksPane rows={ec2Only.rows} width={190} height={10} now={T0} />);
    const header = plain(lastFrame()!).split('\n')[0]!;
    expect(header).toMatch(/^ TASK +DEFINITION +STATUS +INSTANCE +AZ +PORTS/);
    expect(header).not.toMatch(/LAUNCH| IP /);
  });

  it('keeps the launch type longer than the IP as the pane narrows', () => {
    const { lastFrame } = render(<TasksPane rows={snapshot.rows} width={80} height={10} now={T0} />);
    const lines = plain(lastFrame()!).split('\n');
    expect(lines[0]).toMatch(/^ TASK +DEFINITION +STATUS +LAUNCH +AZ +AGE/);
    expect(lines[0]).not.toContain(' IP ');
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(80);
  });

  it('filters on the launch type and the IP', () => {
    expect(filterTasks(snapshot.rows, 'spot').map((r) => r.id.slice(0, 8))).toEqual(['bbbbbbbb']);
    expect(filterTasks(snapshot.rows, '172.31.5').map((r) => r.id.slice(0, 8))).toEqual(['dddddddd']);
    expect(filterTasks(snapshot.rows, 'fargate').map((r) => r.id.slice(0, 8)).sort()).toEqual(['aaaaaaaa', 'bbbbbbbb']);
  });

  it('draws a row again when the task gets its IP', () => {
    const provisioning = task('ffffffff11112222333344445555666f', { launchType: 'FARGATE', lastStatus: 'PROVISIONING', version: 1 });
    const before = tasksSnapshot(scope, [provisioning]);
    expect(before.rows[0]!.address).toBeUndefined();
    const after = tasksSnapshot(scope, [{ ...provisioning, attachments: [eni('172.31.33.3', 'subnet-0c', 'PRECREATED')] }], before);
    expect(after.rows[0]!.address).toBe('172.31.33.3');
    expect(after.rows[0]).not.toBe(before.rows[0]);
  });
});

describe('the placement pane with Fargate tasks', () => {
  const instances = [instance('c1000000aaaa', 'us-east-1a', { ec2: 'i-0aaa000000000001', cpu: [2048, 1792], memory: [3904, 3648] })];
  const tasks = [
    task('t100000000000000000000000000000', { instance: 'c1000000aaaa', family: 'web', launchType: 'EC2' }),
    fargateTask('f100000000000000000000000000000', 'us-east-1a', '172.31.4.1', { family: 'api' }),
    spot('f200000000000000000000000000000', 'us-east-1a', '172.31.4.2', { family: 'api', cpu: '512', memory: '1024' }),
    fargateTask('f300000000000000000000000000000', 'us-east-1b', '172.31.16.3', { family: 'web', lastStatus: 'PROVISIONING' }),
    // Stopped tasks hold nothing: they are not shown.
    fargateTask('f400000000000000000000000000000', 'us-east-1c', '172.31.32.4', { lastStatus: 'STOPPED', desiredStatus: 'STOPPED' }),
  ];
  const snapshot = placementSnapshot(scope, instances, tasks);

  it('groups Fargate tasks by zone, after the instances of the zone, with their count, Spot share, cpu and memory', () => {
    const { lastFrame } = render(<PlacementPane zones={snapshot.zones} families={snapshot.families} width={100} height={30} />);
    const lines = plain(lastFrame()!).split('\n').map((l) => l.trimEnd());
    expect(lines).toEqual([
      'us-east-1a  1 instance  3 tasks: api 2, web 1',
      ' i-0aaa000000000001 t3.medium  ACTIVE  agent ✓  1 task',
      expect.stringMatching(/^ {3}cpu .* 256\/2048 {2}mem .* 256\/3904 MiB$/),
      '   ■ web 1',
      ' Fargate  2 tasks  1 on FARGATE_SPOT  cpu 768  mem 1536 MiB',
      '   ■■ api 2',
      // A zone with Fargate tasks alone: no instance to count, its Fargate row below.
      'us-east-1b  1 task: web 1',
      ' Fargate  1 task  cpu 256  mem 512 MiB',
      '   □ web 1',
      ...lines.slice(9),
    ]);
    expect(lines.slice(9).every((l) => l === '')).toBe(true);
    expect(colourOf(lastFrame()!, '1 on FARGATE_SPOT')).toBe('yellow');
  });

  it('shows a cluster of Fargate tasks alone by zone, and selects a zone\'s Fargate row', () => {
    const fargateOnly = placementSnapshot(scope, [], tasks.slice(1));
    expect(fargateOnly.zones.map((z) => [z.zone, z.instances.length, z.fargate?.count])).toEqual([
      ['us-east-1a', 0, 2],
      ['us-east-1b', 0, 1],
    ]);
    const definition = PANE_DEFINITIONS.placement;
    const keys = definition.keys(definition.visible(fargateOnly, ''));
    expect(keys).toEqual(['fargate:us-east-1a', 'fargate:us-east-1b']);
    const { lastFrame } = render(<PlacementPane zones={fargateOnly.zones} families={fargateOnly.families} selectedKey={keys[1]} width={100} height={30} focused />);
    expect(plain(lastFrame()!).split('\n')).toContain('›Fargate  1 task  cpu 256  mem 512 MiB');
    expect(definition.summary(fargateOnly)).toBe('0 instances in 2 zones, 3 tasks (3 on Fargate)');
  });

  it('describes a Fargate row as its tasks, and refuses to drain it', () => {
    const definition = PANE_DEFINITIONS.placement;
    const details = definition.describe(snapshot, 'fargate:us-east-1a');
    expect(details?.operation).toBe('DescribeTasks');
    expect((details!.output as { tasks: Task[] }).tasks.map((t) => t.taskArn!.slice(-31))).toEqual(['f100000000000000000000000000000', 'f200000000000000000000000000000']);
    expect(definition.action(snapshot, 'fargate:us-east-1a', 'x')).toEqual({ kind: 'refused', reason: 'Fargate tasks run on no instance of yours: there is nothing to drain' });
    expect(definition.action(snapshot, snapshot.zones[0]!.instances[0]!.key, 'x')).toMatchObject({ kind: 'confirm' });
  });

  it('filters Fargate rows by zone, family and Spot', () => {
    const fargate = filterZones(snapshot.zones, 'fargate');
    expect(fargate.map((z) => [z.zone, z.instances.length, z.fargate?.count])).toEqual([
      ['us-east-1a', 0, 2],
      ['us-east-1b', 0, 1],
    ]);
    expect(filterZones(snapshot.zones, 'spot').map((z) => z.zone)).toEqual(['us-east-1a']);
    const web = filterZones(snapshot.zones, 'web');
    expect(web.map((z) => [z.zone, z.instances.length, z.fargate?.count])).toEqual([
      ['us-east-1a', 1, undefined],
      ['us-east-1b', 0, 1],
    ]);
  });

  it('keeps a zone\'s Fargate row object while its tasks are unchanged, and shapes a new one when one changes', () => {
    const again = placementSnapshot(scope, instances, tasks, snapshot);
    expect(again.zones[0]!.fargate).toBe(snapshot.zones[0]!.fargate);
    const running = tasks.map((t) => (t.taskArn!.endsWith('f300000000000000000000000000000') ? { ...t, lastStatus: 'RUNNING', version: 4 } : t));
    const moved = placementSnapshot(scope, instances, running, again);
    expect(moved.zones[0]!.fargate).toBe(snapshot.zones[0]!.fargate);
    expect(moved.zones[1]!.fargate).not.toBe(snapshot.zones[1]!.fargate);
    expect(moved.zones[1]!.fargate!.tasks).toEqual([{ family: 'web', count: 1, pending: 0 }]);
  });
});

describe('the panes on a sandbox running Fargate tasks', () => {
  let t: PaneSandbox;
  beforeAll(async () => {
    t = await startPaneSandbox();
  });
  afterAll(() => t.close());

  function showPane(kind: 'tasks' | 'placement', cluster: string) {
    const view = render(<LivePane backend={t.backend} kind={kind} scope={{ cluster }} refreshMs={3_600_000} width={160} height={24} focused />);
    const frame = () => plain(view.lastFrame() ?? '');
    const until = (check: (frame: string) => void) => vi.waitFor(() => check(frame()), { timeout: 5_000, interval: 10 });
    return { view, frame, until };
  }

  it('shows each task\'s launch type and ENI address, and the Fargate tasks by zone beside the instances', async () => {
    await clusterWithInstances(t, 'mixed', ['us-east-1a']);
    await registerWeb(t);
    await t.ecs.send(
      new RegisterTaskDefinitionCommand({
        family: 'site',
        requiresCompatibilities: ['FARGATE'],
        networkMode: 'awsvpc',
        cpu: '256',
        memory: '512',
        containerDefinitions: [{ name: 'web', image: 'nginx', portMappings: [{ containerPort: 80 }] }],
      }),
    );
    const subnets = (await t.ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'default-for-az', Values: ['true'] }] }))).Subnets!.map((s) => s.SubnetId!);
    const network = { awsvpcConfiguration: { subnets, assignPublicIp: 'ENABLED' as const } };
    const run = await t.ecs.send(new RunTaskCommand({ cluster: 'mixed', taskDefinition: 'site', count: 3, launchType: 'FARGATE', networkConfiguration: network }));
    expect(run.failures).toEqual([]);
    await t.ecs.send(new RunTaskCommand({ cluster: 'mixed', taskDefinition: 'web', count: 1, launchType: 'EC2' }));
    await t.ecs.send(new PutClusterCapacityProvidersCommand({ cluster: 'mixed', capacityProviders: ['FARGATE', 'FARGATE_SPOT'], defaultCapacityProviderStrategy: [] }));
    const spotRun = await t.ecs.send(
      new RunTaskCommand({ cluster: 'mixed', taskDefinition: 'site', capacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT', weight: 1 }], networkConfiguration: network }),
    );
    t.advance(300_000);
    const arns = [...run.tasks!, ...spotRun.tasks!].map((task) => task.taskArn!);
    const described = await t.ecs.send(new DescribeTasksCommand({ cluster: 'mixed', tasks: arns }));
    const fargate = described.tasks!.map((task) => ({
      id: task.taskArn!.slice(task.taskArn!.lastIndexOf('/') + 1, task.taskArn!.lastIndexOf('/') + 9),
      zone: task.availabilityZone!,
      address: task.attachments![0]!.details!.find((d) => d.name === 'privateIPv4Address')!.value!,
      launch: task.capacityProviderName === 'FARGATE_SPOT' ? 'FARGATE_SPOT' : task.launchType!,
    }));
    expect(fargate.map((f) => f.launch).sort()).toEqual(['FARGATE', 'FARGATE', 'FARGATE', 'FARGATE_SPOT']);
    // The default subnets are one per zone: the tasks spread over them.
    expect(new Set(fargate.map((f) => f.zone)).size).toBeGreaterThan(1);

    const tasksPane = showPane('tasks', 'mixed');
    await tasksPane.until((f) => expect(f).toContain('5 running, 0 stopped'));
    const lines = tasksPane.frame().split('\n');
    expect(lines.find((l) => l.includes('TASK'))).toMatch(/TASK +DEFINITION +STATUS +LAUNCH +INSTANCE +IP +AZ/);
    for (const { id, zone, address, launch } of fargate) {
      expect(lines.find((l) => l.includes(id))).toMatch(new RegExp(`${id} site:1 +RUNNING +${launch} +- +${address.replaceAll('.', '\\.')} +${zone}`));
    }
    expect(lines.find((l) => l.includes(' web:1 '))).toMatch(/web:1 +RUNNING +EC2 +[0-9a-f]{8} +- +us-east-1a/);
    tasksPane.view.unmount();

    const placement = showPane('placement', 'mixed');
    await placement.until((f) => expect(f).toContain('1 instance in'));
    const frame = placement.frame();
    const zones = [...new Set(fargate.map((f) => f.zone))].sort();
    expect(frame).toContain(`(${fargate.length} on Fargate)`);
    for (const zone of zones) {
      const inZone = fargate.filter((f) => f.zone === zone);
      const count = inZone.length;
      const onSpot = inZone.filter((f) => f.launch === 'FARGATE_SPOT').length;
      const rows = frame.split('\n');
      const header = rows.findIndex((l) => l.includes(`${zone}  `));
      const fargateRow = rows.findIndex((l, i) => i > header && l.includes('Fargate  '));
      expect(rows[fargateRow]).toContain(
        `Fargate  ${count} task${count === 1 ? '' : 's'}${onSpot ? `  ${onSpot} on FARGATE_SPOT` : ''}  cpu ${256 * count}  mem ${512 * count} MiB`,
      );
      // Nothing but the zone's own instances between its header and its Fargate row.
      expect(rows.slice(header + 1, fargateRow).some((l) => /^.us-east-1/.test(l))).toBe(false);
    }
  });
});
