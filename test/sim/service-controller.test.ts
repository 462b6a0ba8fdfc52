import {
  CreateClusterCommand,
  CreateServiceCommand,
  DeleteServiceCommand,
  DescribeServicesCommand,
  DescribeTasksCommand,
  ListTasksCommand,
  RegisterContainerInstanceCommand,
  StopTaskCommand,
  UpdateContainerInstancesStateCommand,
  UpdateServiceCommand,
  UpdateTaskProtectionCommand,
  waitForServicesStable,
  type Service,
  type Task,
} from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TaskRecord } from '../../source/sim/model.js';
import { startTestSandbox, type TestSandbox } from '../support/sandbox.js';
import { clusterWithInstances, registerDefinition } from './task-fixtures.js';

let t: TestSandbox;
const ZONES = ['us-east-1a', 'us-east-1b', 'us-east-1c'];
const TROUBLESHOOTING = 'For more information, see the Troubleshooting section of the Amazon ECS Developer Guide.';

beforeAll(async () => {
  t = await startTestSandbox();
  await registerDefinition(t, { family: 'web' });
  await registerDefinition(t, {
    family: 'fixed',
    containerDefinitions: [{ name: 'web', image: 'nginx', cpu: 128, memory: 128, portMappings: [{ containerPort: 80, hostPort: 8080 }] }],
  });
});
afterAll(() => t.close());

async function serviceTasks(cluster: string, serviceName: string, desiredStatus: 'RUNNING' | 'STOPPED' = 'RUNNING'): Promise<Task[]> {
  const list = await t.ecs.send(new ListTasksCommand({ cluster, serviceName, desiredStatus }));
  if (!list.taskArns?.length) return [];
  return (await t.ecs.send(new DescribeTasksCommand({ cluster, tasks: list.taskArns }))).tasks!;
}

async function describeService(cluster: string, name: string): Promise<Service> {
  return (await t.ecs.send(new DescribeServicesCommand({ cluster, services: [name] }))).services![0]!;
}

const messages = (service: Service) => service.events!.map((e) => e.message!);
const idOf = (arn: string) => arn.slice(arn.lastIndexOf('/') + 1);

async function createService(cluster: string, serviceName: string, desiredCount: number, extra: Record<string, unknown> = {}) {
  return (await t.ecs.send(new CreateServiceCommand({ cluster, serviceName, taskDefinition: 'web', desiredCount, ...extra }))).service!;
}

describe('the replica scheduler', () => {
  it('runs a service of 3 on 3 instances, one in each zone, and tells what it did', async () => {
    await clusterWithInstances(t, 'three', ZONES);
    const created = await createService('three', 'site', 3);
    // Tasks without health checks count as healthy 40 s after they run: then the deployment completes.
    t.advance(50_000);

    const tasks = await serviceTasks('three', 'site');
    expect(tasks.map((task) => task.lastStatus)).toEqual(['RUNNING', 'RUNNING', 'RUNNING']);
    expect(new Set(tasks.map((task) => task.containerInstanceArn)).size).toBe(3);
    expect(new Set(tasks.map((task) => task.availabilityZone))).toEqual(new Set(ZONES));
    const deploymentId = created.deployments![0]!.id!;
    for (const task of tasks) {
      expect(task.group).toBe('service:site');
      expect(task.startedBy).toBe(deploymentId);
    }

    const service = await describeService('three', 'site');
    expect(service).toMatchObject({ runningCount: 3, pendingCount: 0, desiredCount: 3 });
    expect(service.deployments).toHaveLength(1);
    expect(service.deployments![0]).toMatchObject({ id: deploymentId, status: 'PRIMARY', runningCount: 3, rolloutState: 'COMPLETED' });
    expect(service.deployments![0]!.rolloutStateReason).toBe(`ECS deployment ${deploymentId} completed.`);
    const [steady, completed, started] = messages(service);
    expect(steady).toBe('(service site) has reached a steady state.');
    expect(completed).toBe(`(service site) (deployment ${deploymentId}) deployment completed.`);
    expect(started).toMatch(/^\(service site\) has started 3 tasks: \(task [0-9a-f]{32}\) \(task [0-9a-f]{32}\) \(task [0-9a-f]{32}\)\.$/);
    for (const task of tasks) expect(started).toContain(`(task ${idOf(task.taskArn!)})`);
    const times = service.events!.map((e) => e.createdAt!.getTime());
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it('replaces a task that stops', async () => {
    const before = await serviceTasks('three', 'site');
    const victim = before[0];
    await t.ecs.send(new StopTaskCommand({ cluster: 'three', task: victim!.taskArn, reason: 'testing' }));
    t.advance(50_000);

    const tasks = await serviceTasks('three', 'site');
    expect(tasks).toHaveLength(3);
    expect(tasks.every((task) => task.lastStatus === 'RUNNING')).toBe(true);
    expect(tasks.map((task) => task.taskArn)).not.toContain(victim!.taskArn);
    const replacement = tasks.find((task) => !before.some((b) => b.taskArn === task.taskArn))!;
    const service = await describeService('three', 'site');
    expect(messages(service)).toContain(`(service site) has started 1 tasks: (task ${idOf(replacement.taskArn!)}).`);
    expect(messages(service)[0]).toBe('(service site) has reached a steady state.');
    expect(service.runningCount).toBe(3);
  });

  it('scales up, and scales down stopping tasks as the service scheduler does', async () => {
    await t.ecs.send(new UpdateServiceCommand({ cluster: 'three', service: 'site', desiredCount: 5 }));
    t.advance(10_000);
    expect(await serviceTasks('three', 'site')).toHaveLength(5);
    expect(messages(await describeService('three', 'site'))).toContainEqual(expect.stringMatching(/^\(service site\) has started 2 tasks: /));

    await t.ecs.send(new UpdateServiceCommand({ cluster: 'three', service: 'site', desiredCount: 2 }));
    t.advance(10_000);
    const left = await serviceTasks('three', 'site');
    expect(left).toHaveLength(2);
    expect(new Set(left.map((task) => task.availabilityZone)).size).toBe(2);
    const service = await describeService('three', 'site');
    expect(service).toMatchObject({ desiredCount: 2, runningCount: 2, pendingCount: 0 });
    const deploymentId = service.deployments![0]!.id!;
    const stopped = (await serviceTasks('three', 'site', 'STOPPED')).filter((task) => task.stopCode === 'ServiceSchedulerInitiated');
    expect(stopped).toHaveLength(3);
    for (const task of stopped) {
      expect(task.lastStatus).toBe('STOPPED');
      expect(task.stoppedReason).toBe(`Scaling activity initiated by (deployment ${deploymentId})`);
    }
    const stoppedEvent = messages(service).find((m) => m.includes('has stopped'))!;
    expect(stoppedEvent).toMatch(/^\(service site\) has stopped 3 running tasks: \(task [0-9a-f]{32}\) \(task [0-9a-f]{32}\) \(task [0-9a-f]{32}\)\.$/);
  });

  it('leaves protected tasks alone when scaling in', async () => {
    await clusterWithInstances(t, 'guarded', ZONES);
    await createService('guarded', 'keep', 3);
    t.advance(10_000);
    const tasks = await serviceTasks('guarded', 'keep');
    const protectedArns = tasks.slice(0, 2).map((task) => task.taskArn!);
    await t.ecs.send(new UpdateTaskProtectionCommand({ cluster: 'guarded', tasks: protectedArns, protectionEnabled: true }));
    await t.ecs.send(new UpdateServiceCommand({ cluster: 'guarded', service: 'keep', desiredCount: 1 }));
    t.advance(10_000);
    const left = await serviceTasks('guarded', 'keep');
    expect(left.map((task) => task.taskArn).sort()).toEqual([...protectedArns].sort());
  });

  it('replaces the tasks of a DRAINING instance elsewhere before stopping them', async () => {
    const instances = await clusterWithInstances(t, 'drain', ZONES);
    await createService('drain', 'api', 3);
    t.advance(50_000);
    const sb = t.running.sandbox;
    const serviceArn = 'arn:aws:ecs:us-east-1:123456789012:service/drain/api';
    let fewest = Infinity;
    const watch = (task: TaskRecord) => {
      if (task._serviceArn !== serviceArn) return;
      const running = [...sb.tables.tasks.values()].filter((x) => x._serviceArn === serviceArn && x.lastStatus === 'RUNNING').length;
      fewest = Math.min(fewest, running);
    };
    sb.events.on('task', watch);
    try {
      await t.ecs.send(new UpdateContainerInstancesStateCommand({ cluster: 'drain', containerInstances: [instances[0]!], status: 'DRAINING' }));
      t.advance(60_000);
    } finally {
      sb.events.off('task', watch);
    }
    expect(fewest).toBe(3);
    const tasks = await serviceTasks('drain', 'api');
    expect(tasks).toHaveLength(3);
    expect(tasks.every((task) => task.lastStatus === 'RUNNING' && task.containerInstanceArn !== instances[0])).toBe(true);
    const service = await describeService('drain', 'api');
    expect(messages(service)).toContainEqual(expect.stringMatching(/^\(service api\) has stopped 1 running tasks: \(task [0-9a-f]{32}\)\.$/));
    expect(messages(service)[0]).toBe('(service api) has reached a steady state.');
  });

  it('writes a placement failure once, naming the closest instance and what it lacks, and places the task when room comes', async () => {
    const instances = await clusterWithInstances(t, 'ports', ZONES.slice(0, 2));
    await t.ecs.send(new CreateServiceCommand({ cluster: 'ports', serviceName: 'fixed', taskDefinition: 'fixed', desiredCount: 3 }));
    t.advance(120_000);

    expect(await serviceTasks('ports', 'fixed')).toHaveLength(2);
    const service = await describeService('ports', 'fixed');
    expect(service).toMatchObject({ runningCount: 2, desiredCount: 3 });
    const failures = messages(service).filter((m) => m.includes('was unable to place a task'));
    expect(failures).toHaveLength(1);
    const ids = instances.map(idOf).join('|');
    expect(failures[0]).toMatch(
      new RegExp(
        `^\\(service fixed\\) was unable to place a task because no container instance met all of its requirements\\. ` +
          `The closest matching \\(container-instance (${ids})\\) is already using a port required by your task\\. ` +
          TROUBLESHOOTING.replace(/\./g, '\\.') +
          '$',
      ),
    );
    expect(messages(service)).not.toContain('(service fixed) has reached a steady state.');

    const doc = { instanceId: 'i-0ports00000000003', instanceType: 't3.medium', availabilityZone: 'us-east-1c', region: 'us-east-1' };
    await t.ecs.send(new RegisterContainerInstanceCommand({ cluster: 'ports', instanceIdentityDocument: JSON.stringify(doc) }));
    t.advance(50_000);
    expect(await serviceTasks('ports', 'fixed')).toHaveLength(3);
    const after = await describeService('ports', 'fixed');
    expect(after.runningCount).toBe(3);
    expect(messages(after)[0]).toBe('(service fixed) has reached a steady state.');
  });

  it('says when the cluster has no container instances at all', async () => {
    await t.ecs.send(new CreateClusterCommand({ clusterName: 'empty' }));
    await createService('empty', 'lonely', 1);
    t.advance(1_000);
    const service = await describeService('empty', 'lonely');
    expect(messages(service)).toEqual([
      '(service lonely) was unable to place a task because no container instance met all of its requirements. ' +
        `Reason: No Container Instances were found in your cluster. ${TROUBLESHOOTING}`,
    ]);
  });

  it('keeps at most 100 events, the newest first', async () => {
    await clusterWithInstances(t, 'chatty', ZONES);
    await createService('chatty', 'talk', 1);
    t.advance(10_000);
    for (let i = 0; i < 40; i++) {
      await t.ecs.send(new UpdateServiceCommand({ cluster: 'chatty', service: 'talk', desiredCount: 2 }));
      t.advance(5_000);
      await t.ecs.send(new UpdateServiceCommand({ cluster: 'chatty', service: 'talk', desiredCount: 1 }));
      t.advance(5_000);
    }
    const service = await describeService('chatty', 'talk');
    expect(service.events).toHaveLength(100);
    expect(messages(service)[0]).toBe('(service talk) has reached a steady state.');
    const times = service.events!.map((e) => e.createdAt!.getTime());
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it('repeats the steady-state event after six hours of calm, not before', async () => {
    await clusterWithInstances(t, 'calm', ZONES);
    await createService('calm', 'quiet', 2);
    t.advance(50_000);
    const steadyCount = async () => messages(await describeService('calm', 'quiet')).filter((m) => m.endsWith('has reached a steady state.')).length;
    expect(await steadyCount()).toBe(1);
    t.advance(5 * 60 * 60 * 1000);
    expect(await steadyCount()).toBe(1);
    t.advance(60 * 60 * 1000);
    expect(await steadyCount()).toBe(2);
  });
});

describe('the daemon scheduler', () => {
  it('runs one task on each ACTIVE instance that meets the constraints, and follows the instances', async () => {
    const instances = await clusterWithInstances(t, 'daemons', ZONES);
    await t.ecs.send(
      new CreateServiceCommand({
        cluster: 'daemons',
        serviceName: 'agent',
        taskDefinition: 'web',
        schedulingStrategy: 'DAEMON',
        placementConstraints: [{ type: 'memberOf', expression: 'attribute:ecs.availability-zone != us-east-1c' }],
      }),
    );
    t.advance(10_000);
    let tasks = await serviceTasks('daemons', 'agent');
    expect(tasks.map((task) => task.containerInstanceArn).sort()).toEqual([instances[0], instances[1]].sort());
    let service = await describeService('daemons', 'agent');
    expect(service).toMatchObject({ desiredCount: 2, runningCount: 2, schedulingStrategy: 'DAEMON' });
    expect(service.deploymentConfiguration).toMatchObject({ maximumPercent: 100, minimumHealthyPercent: 0 });

    const doc = { instanceId: 'i-0daemon000000004', instanceType: 't3.medium', availabilityZone: 'us-east-1b', region: 'us-east-1' };
    const joined = await t.ecs.send(new RegisterContainerInstanceCommand({ cluster: 'daemons', instanceIdentityDocument: JSON.stringify(doc) }));
    t.advance(10_000);
    tasks = await serviceTasks('daemons', 'agent');
    expect(tasks.map((task) => task.containerInstanceArn)).toContain(joined.containerInstance!.containerInstanceArn);
    expect((await describeService('daemons', 'agent')).desiredCount).toBe(3);

    await t.ecs.send(new UpdateContainerInstancesStateCommand({ cluster: 'daemons', containerInstances: [instances[0]!], status: 'DRAINING' }));
    t.advance(10_000);
    tasks = await serviceTasks('daemons', 'agent');
    expect(tasks.map((task) => task.containerInstanceArn)).not.toContain(instances[0]);
    service = await describeService('daemons', 'agent');
    expect(service).toMatchObject({ desiredCount: 2, runningCount: 2 });
  });

  it('can be deleted without scaling it down first', async () => {
    await t.ecs.send(new DeleteServiceCommand({ cluster: 'daemons', service: 'agent' }));
    t.advance(10_000);
    expect(await serviceTasks('daemons', 'agent')).toHaveLength(0);
    expect((await describeService('daemons', 'agent')).status).toBe('INACTIVE');
  });
});

describe('the services-stable waiter', () => {
  const waiter = (services: string[], maxWaitTime: number) =>
    waitForServicesStable({ client: t.ecs, minDelay: 0.01, maxDelay: 0.05, maxWaitTime }, { cluster: 'waits', services });

  it('waits while tasks start, and succeeds once one deployment runs the desired count', async () => {
    await clusterWithInstances(t, 'waits', ZONES);
    await createService('waits', 'slow', 3);
    expect((await waiter(['slow'], 1)).state).toBe('TIMEOUT');
    t.advance(10_000);
    expect((await waiter(['slow'], 5)).state).toBe('SUCCESS');
  });

  it('fails for a service that is being deleted or is missing', async () => {
    await t.ecs.send(new DeleteServiceCommand({ cluster: 'waits', service: 'slow', force: true }));
    expect((await waiter(['slow'], 5)).state).toBe('FAILURE');
    expect((await waiter(['ghost'], 5)).state).toBe('FAILURE');
  });
});
