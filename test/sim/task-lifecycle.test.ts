import { DescribeSubnetsCommand } from '@aws-sdk/client-ec2';
import { CreateServiceCommand, DescribeTasksCommand, ListTasksCommand, RunTaskCommand, StopTaskCommand, UpdateServiceCommand, type Task } from '@aws-sdk/client-ecs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../source/sim/index.js';
import { instanceGone } from '../../source/sim/ecs/container-instances.js';
import type { TaskRecord } from '../../source/sim/model.js';
import { errorOf, startTestSandbox, type TestSandbox } from '../support/sandbox.js';
import { targetGroupBehindAlb } from '../support/load-balancers.js';
import { clusterWithInstances, registerDefinition, remaining, runTasks } from './task-fixtures.js';

let t: TestSandbox;
let instances: string[];
const CLUSTER = 'life';

/** Every lastStatus a task goes through, in order, as the sandbox announces them. */
function recordStatuses(): Map<string, string[]> {
  const seen = new Map<string, string[]>();
  t.running.sandbox.events.on('task', (task: TaskRecord) => {
    const list = seen.get(task.taskArn) ?? [];
    if (list[list.length - 1] !== task.lastStatus) list.push(task.lastStatus);
    seen.set(task.taskArn, list);
  });
  return seen;
}

async function describe1(arn: string): Promise<Task> {
  const out = await t.ecs.send(new DescribeTasksCommand({ cluster: CLUSTER, tasks: [arn] }));
  return out.tasks![0]!;
}

let statuses: Map<string, string[]>;
beforeAll(async () => {
  t = await startTestSandbox();
  instances = await clusterWithInstances(t, CLUSTER, ['us-east-1a', 'us-east-1b', 'us-east-1c']);
  await registerDefinition(t, { family: 'web' });
  statuses = recordStatuses();
});
afterAll(() => t.close());

describe('starting (bridge)', () => {
  it('goes PENDING -> RUNNING with pull times, connectivity, running containers and host port bindings', async () => {
    const [task] = await runTasks(t, { cluster: CLUSTER, taskDefinition: 'web' });
    t.advance(10_000);
    const running = await describe1(task!.taskArn!);
    expect(statuses.get(task!.taskArn!)).toEqual(['PENDING', 'RUNNING']);
    expect(running).toMatchObject({ lastStatus: 'RUNNING', desiredStatus: 'RUNNING', connectivity: 'CONNECTED', healthStatus: 'UNKNOWN' });
    const created = running.createdAt!.getTime();
    expect(running.pullStartedAt!.getTime()).toBeGreaterThanOrEqual(created);
    expect(running.pullStoppedAt!.getTime()).toBeGreaterThan(running.pullStartedAt!.getTime());
    expect(running.startedAt!.getTime()).toBeGreaterThan(running.pullStoppedAt!.getTime());
    expect(running.version).toBeGreaterThan(task!.version!);
    const container = running.containers![0]!;
    expect(container.lastStatus).toBe('RUNNING');
    expect(container.runtimeId).toMatch(/^[0-9a-f]{64}$/);
    expect(container.networkBindings).toHaveLength(1);
    const binding = container.networkBindings![0]!;
    expect(binding).toMatchObject({ bindIP: '0.0.0.0', containerPort: 80, protocol: 'tcp' });
    expect(binding.hostPort).toBeGreaterThanOrEqual(32768);
    const left = await remaining(t, CLUSTER, running.containerInstanceArn!);
    expect(left.ports).toContain(binding.hostPort);
  });

  it('takes about 1.4 s from RunTask to RUNNING (median), under ECS-like p99', async () => {
    const tasks = await runTasks(t, { cluster: CLUSTER, taskDefinition: 'web', count: 10 });
    t.advance(10_000);
    const out = await t.ecs.send(new DescribeTasksCommand({ cluster: CLUSTER, tasks: tasks.map((x) => x.taskArn!) }));
    const delays = out.tasks!.map((x) => x.startedAt!.getTime() - x.createdAt!.getTime()).sort((a, b) => a - b);
    expect(out.tasks!.every((x) => x.lastStatus === 'RUNNING')).toBe(true);
    const median = (delays[4]! + delays[5]!) / 2;
    expect(median).toBeGreaterThan(1000);
    expect(median).toBeLessThan(2000);
    expect(delays[9]).toBeLessThan(4000);
  });

  it('is still PENDING before its start time, and counts as pending on its instance', async () => {
    const [task] = await runTasks(t, { cluster: CLUSTER, taskDefinition: 'web' });
    const counts = await remaining(t, CLUSTER, task!.containerInstanceArn!);
    expect(counts.pendingTasksCount).toBe(1);
    t.advance(300);
    expect((await describe1(task!.taskArn!)).lastStatus).toBe('PENDING');
    t.advance(10_000);
    const after = await remaining(t, CLUSTER, task!.containerInstanceArn!);
    expect(after.pendingTasksCount).toBe(0);
  });
});

describe('stopping', () => {
  it('goes STOPPING -> STOPPED a few hundred ms a step, with the stop recorded', async () => {
    const [task] = await runTasks(t, { cluster: CLUSTER, taskDefinition: 'web' });
    t.advance(10_000);
    const stop = await t.ecs.send(new StopTaskCommand({ cluster: CLUSTER, task: task!.taskArn!, reason: 'done for today' }));
    const stoppingAt = stop.task!.stoppingAt!.getTime();
    t.advance(150);
    expect((await describe1(task!.taskArn!)).lastStatus).toBe('RUNNING');
    t.advance(5000);
    const stopped = await describe1(task!.taskArn!);
    expect(statuses.get(task!.taskArn!)).toEqual(['PENDING', 'RUNNING', 'STOPPING', 'STOPPED']);
    expect(stopped).toMatchObject({ stopCode: 'UserInitiated', stoppedReason: 'done for today', desiredStatus: 'STOPPED' });
    expect(stopped.stoppedAt!.getTime() - stoppingAt).toBeGreaterThanOrEqual(400);
    expect(stopped.stoppedAt!.getTime() - stoppingAt).toBeLessThanOrEqual(1200);
  });

  it('stops a task that never started, without exit codes', async () => {
    const [task] = await runTasks(t, { cluster: CLUSTER, taskDefinition: 'web' });
    await t.ecs.send(new StopTaskCommand({ cluster: CLUSTER, task: task!.taskArn! }));
    t.advance(10_000);
    const stopped = await describe1(task!.taskArn!);
    expect(stopped.lastStatus).toBe('STOPPED');
    expect(stopped.startedAt).toBeUndefined();
    expect(stopped.containers![0]!.exitCode).toBeUndefined();
    expect(statuses.get(task!.taskArn!)).toEqual(['PENDING', 'STOPPING', 'STOPPED']);
  });

  it("stops every task of an instance whose host went away (contract C's instanceGone)", async () => {
    await clusterWithInstances(t, 'gone', ['us-east-1a', 'us-east-1b']);
    const tasks = await runTasks(t, { cluster: 'gone', taskDefinition: 'web', count: 2, placementConstraints: [{ type: 'distinctInstance' }] });
    t.advance(10_000);
    const sb = t.running.sandbox;
    const victim = tasks[0]!.containerInstanceArn!;
    instanceGone(sb, sb.tables.containerInstances.get(victim)!, 'Host EC2 (instance i-0) terminated.');
    t.advance(10_000);
    const out = await t.ecs.send(new DescribeTasksCommand({ cluster: 'gone', tasks: tasks.map((x) => x.taskArn!) }));
    for (const task of out.tasks!) {
      if (task.containerInstanceArn === victim) expect(task).toMatchObject({ lastStatus: 'STOPPED', stoppedReason: 'Host EC2 (instance i-0) terminated.' });
      else expect(task.lastStatus).toBe('RUNNING');
    }
  });
});

describe('tasks behind a load balancer', () => {
  it('pass through ACTIVATING on the way up and DEACTIVATING on the way down', async () => {
    const targetGroupArn = await targetGroupBehindAlb(t, 'front', { deregistrationDelaySeconds: 0 });
    await t.ecs.send(
      new CreateServiceCommand({
        cluster: CLUSTER,
        serviceName: 'balanced',
        taskDefinition: 'web',
        desiredCount: 1,
        loadBalancers: [{ targetGroupArn, containerName: 'web', containerPort: 80 }],
      }),
    );
    t.advance(10_000);
    const listed = await t.ecs.send(new ListTasksCommand({ cluster: CLUSTER, serviceName: 'balanced' }));
    const arn = listed.taskArns![0]!;
    expect((await describe1(arn)).lastStatus).toBe('RUNNING');
    await t.ecs.send(new UpdateServiceCommand({ cluster: CLUSTER, service: 'balanced', desiredCount: 0 }));
    t.advance(10_000);
    expect(statuses.get(arn)).toEqual(['PENDING', 'ACTIVATING', 'RUNNING', 'DEACTIVATING', 'STOPPING', 'STOPPED']);
    expect((await describe1(arn)).stopCode).toBe('ServiceSchedulerInitiated');
  });
});

describe('a disconnected agent', () => {
  it('leaves a starting task as it is until the agent reconnects', async () => {
    const sb = t.running.sandbox;
    const live = instances.find((arn) => sb.tables.containerInstances.get(arn)!.status === 'ACTIVE')!;
    const [task] = await runTasks(t, { cluster: CLUSTER, taskDefinition: 'web', placementConstraints: [{ type: 'memberOf', expression: `ec2InstanceId == ${sb.tables.containerInstances.get(live)!.ec2InstanceId}` }] });
    const instance = sb.tables.containerInstances.get(task!.containerInstanceArn!)!;
    instance.agentConnected = false;
    t.advance(10_000);
    expect((await describe1(task!.taskArn!)).lastStatus).toBe('PENDING');
    instance.agentConnected = true;
    sb.events.emit('instance', instance);
    t.advance(1);
    expect((await describe1(task!.taskArn!)).lastStatus).toBe('RUNNING');
  });
});

describe('awsvpc tasks', () => {
  it('start at PROVISIONING with a network interface in a given subnet, and give its address back at the end', async () => {
    const subnets = await t.ec2.send(new DescribeSubnetsCommand({}));
    const subnet = subnets.Subnets!.find((s) => s.AvailabilityZone === 'us-east-1b')!;
    await registerDefinition(t, { family: 'vpc', networkMode: 'awsvpc' });
    const missing = await errorOf(t.ecs.send(new RunTaskCommand({ cluster: CLUSTER, taskDefinition: 'vpc' })));
    expect([missing.name, missing.message]).toEqual(['InvalidParameterException', "Network Configuration must be provided when networkMode 'awsvpc' is specified."]);
    const [task] = await runTasks(t, { cluster: CLUSTER, taskDefinition: 'vpc', networkConfiguration: { awsvpcConfiguration: { subnets: [subnet.SubnetId!] } } });
    expect(task!.lastStatus).toBe('PROVISIONING');
    expect(task!.availabilityZone).toBe('us-east-1b');
    const eni = task!.attachments![0]!;
    expect(eni).toMatchObject({ type: 'ElasticNetworkInterface', status: 'PRECREATED' });
    const detail = (name: string) => eni.details!.find((d) => d.name === name)?.value;
    expect(detail('subnetId')).toBe(subnet.SubnetId);
    expect(detail('privateIPv4Address')).toMatch(/^172\.31\.(1[6-9]|2\d|3[01])\.\d+$/);
    expect(task!.containers![0]!.networkInterfaces).toEqual([{ attachmentId: eni.id, privateIpv4Address: detail('privateIPv4Address') }]);

    t.advance(10_000);
    const running = await describe1(task!.taskArn!);
    expect(running.attachments![0]!.status).toBe('ATTACHED');
    expect(running.containers![0]!.networkBindings).toEqual([]);
    await t.ecs.send(new StopTaskCommand({ cluster: CLUSTER, task: task!.taskArn! }));
    t.advance(10_000);
    const stopped = await describe1(task!.taskArn!);
    expect(statuses.get(task!.taskArn!)).toEqual(['PROVISIONING', 'PENDING', 'RUNNING', 'STOPPING', 'DEPROVISIONING', 'STOPPED']);
    expect(stopped.attachments![0]!.status).toBe('DELETED');
    const after = await t.ec2.send(new DescribeSubnetsCommand({ SubnetIds: [subnet.SubnetId!] }));
    expect(after.Subnets![0]!.AvailableIpAddressCount).toBe(subnet.AvailableIpAddressCount);
  });
});

describe('a restart', () => {
  it('carries on from the saved state: the task starts, holds and then frees its resources', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'ecsh-tasks-')), 'state.json');
    const first = await startTestSandbox({ state: file });
    const [instance] = await clusterWithInstances(first, 'keep', ['us-east-1a']);
    await registerDefinition(first, { family: 'web' });
    const full = await remaining(first, 'keep', instance!);
    const [task] = await runTasks(first, { cluster: 'keep', taskDefinition: 'web' });
    const savedAt = first.clock.now();
    await first.close();

    const second = await startTestSandbox({ state: file, clock: new ManualClock(savedAt) });
    try {
      second.advance(10_000);
      const out = await second.ecs.send(new DescribeTasksCommand({ cluster: 'keep', tasks: [task!.taskArn!] }));
      expect(out.tasks![0]!.lastStatus).toBe('RUNNING');
      expect((await remaining(second, 'keep', instance!)).memory).toBe(full.memory - 256);
      await second.ecs.send(new StopTaskCommand({ cluster: 'keep', task: task!.taskArn! }));
      second.advance(10_000);
      expect(await remaining(second, 'keep', instance!)).toEqual(full);
    } finally {
      await second.close();
    }
  });
});
