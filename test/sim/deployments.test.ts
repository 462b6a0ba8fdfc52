import {
  CreateServiceCommand,
  DescribeServiceDeploymentsCommand,
  DescribeServicesCommand,
  DescribeTasksCommand,
  ListTasksCommand,
  SubmitTaskStateChangeCommand,
  UpdateServiceCommand,
  type DeploymentConfiguration,
  type Service,
  type Task,
} from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TaskRecord } from '../../source/sim/model.js';
import { startTestSandbox, type TestSandbox } from '../support/sandbox.js';
import { clusterWithInstances, registerDefinition } from './task-fixtures.js';

let t: TestSandbox;
const CLUSTER = 'deploys';
const ACCOUNT_PREFIX = 'arn:aws:ecs:us-east-1:123456789012';

beforeAll(async () => {
  t = await startTestSandbox();
  await clusterWithInstances(t, CLUSTER, ['us-east-1a', 'us-east-1b', 'us-east-1c'], { cpu: 4096, memory: 8192 });
  await registerDefinition(t, { family: 'app' });
  await registerDefinition(t, { family: 'app', containerDefinitions: [{ name: 'web', image: 'nginx:1.27', cpu: 256, memory: 256 }] });
});
afterAll(() => t.close());

async function describeService(name: string): Promise<Service> {
  return (await t.ecs.send(new DescribeServicesCommand({ cluster: CLUSTER, services: [name] }))).services![0]!;
}

async function serviceTasks(name: string): Promise<Task[]> {
  const list = await t.ecs.send(new ListTasksCommand({ cluster: CLUSTER, serviceName: name }));
  if (!list.taskArns?.length) return [];
  return (await t.ecs.send(new DescribeTasksCommand({ cluster: CLUSTER, tasks: list.taskArns }))).tasks!;
}

/** A service whose first deployment completed: its tasks (no health checks) count 40 s after they run. */
async function stableService(name: string, desiredCount: number, deploymentConfiguration?: DeploymentConfiguration): Promise<Service> {
  await t.ecs.send(new CreateServiceCommand({ cluster: CLUSTER, serviceName: name, taskDefinition: 'app:1', desiredCount, deploymentConfiguration }));
  t.advance(60_000);
  return describeService(name);
}

/**
 * Watches every change of the service's tasks while `during` runs: the fewest RUNNING and
 * the most not yet STOPPED at any moment.
 */
async function watchTasks(name: string, during: () => Promise<void>) {
  const sb = t.running.sandbox;
  const serviceArn = `${ACCOUNT_PREFIX}:service/${CLUSTER}/${name}`;
  const seen = { fewestRunning: Infinity, mostAlive: 0 };
  const watch = (task: TaskRecord) => {
    if (task._serviceArn !== serviceArn) return;
    const tasks = [...sb.tables.tasks.values()].filter((x) => x._serviceArn === serviceArn);
    seen.fewestRunning = Math.min(seen.fewestRunning, tasks.filter((x) => x.lastStatus === 'RUNNING').length);
    seen.mostAlive = Math.max(seen.mostAlive, tasks.filter((x) => x.lastStatus !== 'STOPPED').length);
  };
  sb.events.on('task', watch);
  try {
    await during();
  } finally {
    sb.events.off('task', watch);
  }
  return seen;
}

const messages = (service: Service) => service.events!.map((e) => e.message!);

async function serviceDeployment(arn: string) {
  return (await t.ecs.send(new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [arn] }))).serviceDeployments![0]!;
}

describe('rolling deployments', () => {
  it('replaces every task with the new task definition, never below minimumHealthyPercent nor above maximumPercent', async () => {
    const before = await stableService('half', 4, { minimumHealthyPercent: 50, maximumPercent: 100 });
    const oldId = before.deployments![0]!.id!;
    let updated: Service | undefined;
    const seen = await watchTasks('half', async () => {
      updated = (await t.ecs.send(new UpdateServiceCommand({ cluster: CLUSTER, service: 'half', taskDefinition: 'app:2' }))).service!;
      // Two batches of two, each waiting 40 s for its new tasks to count.
      t.advance(120_000);
    });
    expect(seen.fewestRunning).toBe(2);
    expect(seen.mostAlive).toBe(4);

    const newId = updated!.deployments![0]!.id!;
    expect(newId).toMatch(/^ecs-svc\/\d{19}$/);
    expect(updated!.deployments!.map((d) => [d.id, d.status, d.taskDefinition])).toEqual([
      [newId, 'PRIMARY', `${ACCOUNT_PREFIX}:task-definition/app:2`],
      [oldId, 'ACTIVE', `${ACCOUNT_PREFIX}:task-definition/app:1`],
    ]);
    expect(updated!.deployments![0]).toMatchObject({ rolloutState: 'IN_PROGRESS', rolloutStateReason: `ECS deployment ${newId} in progress.` });

    const tasks = await serviceTasks('half');
    expect(tasks).toHaveLength(4);
    expect(tasks.every((task) => task.lastStatus === 'RUNNING' && task.taskDefinitionArn === `${ACCOUNT_PREFIX}:task-definition/app:2`)).toBe(true);
    expect(tasks.every((task) => task.startedBy === newId)).toBe(true);
    const service = await describeService('half');
    expect(service.taskDefinition).toBe(`${ACCOUNT_PREFIX}:task-definition/app:2`);
    expect(service.deployments).toHaveLength(1);
    expect(service.deployments![0]).toMatchObject({ id: newId, status: 'PRIMARY', rolloutState: 'COMPLETED', runningCount: 4 });
    expect(messages(service).slice(0, 2)).toEqual([
      '(service half) has reached a steady state.',
      `(service half) (deployment ${newId}) deployment completed.`,
    ]);
  });

  it('with the defaults (200/100) starts the new tasks first and keeps every old one running until then', async () => {
    await stableService('wide', 3);
    const seen = await watchTasks('wide', async () => {
      await t.ecs.send(new UpdateServiceCommand({ cluster: CLUSTER, service: 'wide', taskDefinition: 'app:2' }));
      t.advance(100);
      const midway = await describeService('wide');
      expect(midway.deployments!.map((d) => [d.status, d.runningCount, d.pendingCount])).toEqual([
        ['PRIMARY', 0, 3],
        ['ACTIVE', 3, 0],
      ]);
      expect(midway).toMatchObject({ runningCount: 3, pendingCount: 3 });
      t.advance(60_000);
    });
    expect(seen.fewestRunning).toBe(3);
    expect(seen.mostAlive).toBe(6);
    const service = await describeService('wide');
    expect(service.deployments).toHaveLength(1);
    expect(service).toMatchObject({ runningCount: 3, pendingCount: 0 });
  });

  it('forceNewDeployment replaces the tasks with the same task definition', async () => {
    const before = await stableService('force', 2);
    const oldTasks = (await serviceTasks('force')).map((task) => task.taskArn);
    const out = await t.ecs.send(new UpdateServiceCommand({ cluster: CLUSTER, service: 'force', forceNewDeployment: true }));
    expect(out.service!.deployments).toHaveLength(2);
    expect(out.service!.deployments![0]!.taskDefinition).toBe(before.taskDefinition);
    t.advance(60_000);
    const tasks = await serviceTasks('force');
    expect(tasks).toHaveLength(2);
    expect(tasks.some((task) => oldTasks.includes(task.taskArn))).toBe(false);
    expect((await describeService('force')).deployments).toHaveLength(1);
  });

  it('a desired count change alone is no new deployment', async () => {
    await stableService('count', 1);
    const out = await t.ecs.send(new UpdateServiceCommand({ cluster: CLUSTER, service: 'count', desiredCount: 2, taskDefinition: 'app:1' }));
    expect(out.service!.deployments).toHaveLength(1);
    expect(out.service!.deployments![0]!.desiredCount).toBe(2);
  });

  it('says so when minimumHealthyPercent and maximumPercent leave no room, and moves on once they do', async () => {
    await stableService('stuck', 3, { minimumHealthyPercent: 100, maximumPercent: 100 });
    await t.ecs.send(new UpdateServiceCommand({ cluster: CLUSTER, service: 'stuck', taskDefinition: 'app:2' }));
    t.advance(60_000);
    let service = await describeService('stuck');
    expect(service.deployments!.map((d) => d.status)).toEqual(['PRIMARY', 'ACTIVE']);
    expect(service.deployments![1]!.runningCount).toBe(3);
    const warnings = messages(service).filter((m) => m.includes('was unable to stop or start tasks during a deployment'));
    expect(warnings).toEqual([
      '(service stuck) was unable to stop or start tasks during a deployment because of the service deployment configuration. ' +
        'Update the minimumHealthyPercent or maximumPercent value and try again.',
    ]);

    await t.ecs.send(new UpdateServiceCommand({ cluster: CLUSTER, service: 'stuck', deploymentConfiguration: { maximumPercent: 200 } }));
    t.advance(60_000);
    service = await describeService('stuck');
    expect(service.deploymentConfiguration).toMatchObject({ maximumPercent: 200, minimumHealthyPercent: 100 });
    expect(service.deployments).toHaveLength(1);
    expect(service.deployments![0]!.taskDefinition).toBe(`${ACCOUNT_PREFIX}:task-definition/app:2`);
  });
});

describe('daemon deployments', () => {
  it('replace the task of each instance stop-first, never two on one instance', async () => {
    await t.ecs.send(new CreateServiceCommand({ cluster: CLUSTER, serviceName: 'agents', taskDefinition: 'app:1', schedulingStrategy: 'DAEMON' }));
    t.advance(10_000);
    const sb = t.running.sandbox;
    const serviceArn = `${ACCOUNT_PREFIX}:service/${CLUSTER}/agents`;
    let mostOnOneInstance = 0;
    const watch = (task: TaskRecord) => {
      if (task._serviceArn !== serviceArn) return;
      const perInstance = new Map<string, number>();
      for (const x of sb.tables.tasks.values()) {
        if (x._serviceArn !== serviceArn || x.lastStatus === 'STOPPED') continue;
        perInstance.set(x.containerInstanceArn!, (perInstance.get(x.containerInstanceArn!) ?? 0) + 1);
      }
      mostOnOneInstance = Math.max(mostOnOneInstance, ...perInstance.values());
    };
    sb.events.on('task', watch);
    try {
      await t.ecs.send(new UpdateServiceCommand({ cluster: CLUSTER, service: 'agents', taskDefinition: 'app:2' }));
      t.advance(60_000);
    } finally {
      sb.events.off('task', watch);
    }
    expect(mostOnOneInstance).toBe(1);
    const tasks = await serviceTasks('agents');
    expect(tasks).toHaveLength(3);
    expect(new Set(tasks.map((task) => task.containerInstanceArn)).size).toBe(3);
    expect(tasks.every((task) => task.taskDefinitionArn === `${ACCOUNT_PREFIX}:task-definition/app:2` && task.lastStatus === 'RUNNING')).toBe(true);
    const service = await describeService('agents');
    expect(service.deployments).toHaveLength(1);
    expect(service.deployments![0]).toMatchObject({ rolloutState: 'COMPLETED', desiredCount: 3, runningCount: 3 });
  });
});

describe('the deployment circuit breaker', () => {
  /** Fails the deployment's tasks one at a time, as their agent reports them, until the breaker trips. */
  async function failTasksOf(name: string, deploymentId: string): Promise<void> {
    for (let round = 0; round < 10; round++) {
      const service = await describeService(name);
      if (service.deployments!.find((d) => d.id === deploymentId)?.rolloutState !== 'IN_PROGRESS') return;
      const [task] = (await serviceTasks(name)).filter((x) => x.startedBy === deploymentId);
      await t.ecs.send(
        new SubmitTaskStateChangeCommand({ cluster: CLUSTER, task: task!.taskArn, status: 'STOPPED', reason: 'CannotPullContainerError: pull access denied' }),
      );
      t.advance(100);
    }
  }

  const breaker = (rollback: boolean) => ({ deploymentCircuitBreaker: { enable: true, rollback } });

  it('fails a deployment whose tasks do not start and rolls back to the last completed one', async () => {
    const before = await stableService('breaker', 3, breaker(true));
    const goodId = before.deployments![0]!.id!;
    const out = await t.ecs.send(new UpdateServiceCommand({ cluster: CLUSTER, service: 'breaker', taskDefinition: 'app:2' }));
    const badId = out.service!.deployments![0]!.id!;
    t.advance(500);
    await failTasksOf('breaker', badId);

    let service = await describeService('breaker');
    const [rollback, failed] = service.deployments!;
    expect(failed).toMatchObject({
      id: badId,
      status: 'ACTIVE',
      rolloutState: 'FAILED',
      rolloutStateReason: 'ECS deployment circuit breaker: tasks failed to start.',
      failedTasks: 3,
    });
    expect(rollback).toMatchObject({
      status: 'PRIMARY',
      taskDefinition: `${ACCOUNT_PREFIX}:task-definition/app:1`,
      rolloutStateReason: `ECS deployment circuit breaker: rolling back to deploymentId ${goodId}.`,
    });
    expect(service.taskDefinition).toBe(`${ACCOUNT_PREFIX}:task-definition/app:1`);
    expect(messages(service)).toContain(`(service breaker) (deployment ${badId}) deployment failed: tasks failed to start.`);

    const sdArn = out.service!.currentServiceDeployment!;
    expect(await serviceDeployment(sdArn)).toMatchObject({
      status: 'ROLLBACK_IN_PROGRESS',
      deploymentCircuitBreaker: { status: 'ENABLED', failureCount: 3, threshold: 3 },
      rollback: { reason: 'ECS deployment circuit breaker: tasks failed to start.', serviceRevisionArn: before.currentServiceRevisions![0]!.arn },
    });

    t.advance(60_000);
    service = await describeService('breaker');
    expect(service.deployments).toHaveLength(1);
    expect(service.deployments![0]).toMatchObject({ id: rollback!.id, rolloutState: 'COMPLETED' });
    expect((await serviceDeployment(sdArn)).status).toBe('ROLLBACK_SUCCESSFUL');
    const tasks = await serviceTasks('breaker');
    expect(tasks).toHaveLength(3);
    expect(tasks.every((task) => task.taskDefinitionArn === `${ACCOUNT_PREFIX}:task-definition/app:1` && task.lastStatus === 'RUNNING')).toBe(true);
  });

  it('without rollback, launches nothing more for the failed deployment and keeps the old tasks', async () => {
    await stableService('halt', 3, breaker(false));
    const out = await t.ecs.send(new UpdateServiceCommand({ cluster: CLUSTER, service: 'halt', taskDefinition: 'app:2' }));
    const badId = out.service!.deployments![0]!.id!;
    t.advance(500);
    await failTasksOf('halt', badId);
    const launchedBeforeFailing = (await serviceTasks('halt')).filter((task) => task.startedBy === badId).length;
    t.advance(60_000);

    const service = await describeService('halt');
    expect(service.deployments!.map((d) => [d.id, d.status, d.rolloutState])).toEqual([
      [badId, 'PRIMARY', 'FAILED'],
      [service.deployments![1]!.id, 'ACTIVE', 'COMPLETED'],
    ]);
    const tasks = await serviceTasks('halt');
    expect(tasks.filter((task) => task.taskDefinitionArn === `${ACCOUNT_PREFIX}:task-definition/app:1`)).toHaveLength(3);
    expect(tasks.filter((task) => task.startedBy === badId)).toHaveLength(launchedBeforeFailing);
    expect(messages(service)).toContain(`(service halt) (deployment ${badId}) deployment failed: tasks failed to start.`);
    expect(await serviceDeployment(out.service!.currentServiceDeployment!)).toMatchObject({
      status: 'STOPPED',
      statusReason: 'ECS deployment circuit breaker: tasks failed to start.',
    });
  });
});
