import {
  CreateServiceCommand,
  DescribeServicesCommand,
  DescribeTasksCommand,
  ListTasksCommand,
  UpdateServiceCommand,
  type Service,
  type Task,
} from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TaskRecord } from '../../source/sim/model.js';
import { startTestSandbox, type TestSandbox } from '../support/sandbox.js';
import { clusterWithInstances, registerDefinition } from './task-fixtures.js';

/**
 * When a service's new tasks count as healthy, as DeploymentConfiguration documents it:
 * without a container health check or a load balancer, 40 seconds after they reach RUNNING;
 * with a health check, once HEALTHY. Old tasks stop, and a deployment completes, only then.
 */
let t: TestSandbox;
const CLUSTER = 'health';
const WAIT_MS = 40_000;

beforeAll(async () => {
  t = await startTestSandbox();
  await clusterWithInstances(t, CLUSTER, ['us-east-1a', 'us-east-1b', 'us-east-1c'], { cpu: 4096, memory: 8192 });
  await registerDefinition(t, { family: 'plain', containerDefinitions: [{ name: 'web', image: 'nginx', cpu: 128, memory: 128 }] });
  await registerDefinition(t, {
    family: 'checked',
    containerDefinitions: [
      { name: 'web', image: 'nginx', cpu: 128, memory: 128, healthCheck: { command: ['CMD-SHELL', 'curl -f http://localhost/ || exit 1'], interval: 5, retries: 2 } },
    ],
  });
});
afterAll(() => t.close());

async function describeService(name: string): Promise<Service> {
  return (await t.ecs.send(new DescribeServicesCommand({ cluster: CLUSTER, services: [name] }))).services![0]!;
}

async function tasksOf(name: string, desiredStatus: 'RUNNING' | 'STOPPED' = 'RUNNING'): Promise<Task[]> {
  const list = await t.ecs.send(new ListTasksCommand({ cluster: CLUSTER, serviceName: name, desiredStatus }));
  if (!list.taskArns?.length) return [];
  return (await t.ecs.send(new DescribeTasksCommand({ cluster: CLUSTER, tasks: list.taskArns }))).tasks!;
}

/** When (simulated ms) each task of the service reached each status. */
function timeline(name: string) {
  const sb = t.running.sandbox;
  const serviceArn = `arn:aws:ecs:us-east-1:123456789012:service/${CLUSTER}/${name}`;
  const seen = new Map<string, Map<string, number>>();
  const watch = (task: TaskRecord) => {
    if (task._serviceArn !== serviceArn) return;
    const statuses = seen.get(task.taskArn) ?? new Map<string, number>();
    if (!statuses.has(task.lastStatus)) statuses.set(task.lastStatus, sb.now());
    if (task.desiredStatus === 'STOPPED' && !statuses.has('told to stop')) statuses.set('told to stop', sb.now());
    seen.set(task.taskArn, statuses);
  };
  sb.events.on('task', watch);
  return { seen, stop: () => sb.events.off('task', watch) };
}

const eventTime = (service: Service, text: string) => service.events!.find((e) => e.message!.includes(text))?.createdAt?.getTime();

describe('tasks without health checks count 40 seconds after RUNNING', () => {
  it('a new service completes its first deployment, and says it is steady, 40 s after its task runs', async () => {
    await t.ecs.send(new CreateServiceCommand({ cluster: CLUSTER, serviceName: 'first', taskDefinition: 'plain', desiredCount: 1 }));
    t.advance(10_000);
    let service = await describeService('first');
    expect(service.runningCount).toBe(1);
    expect(service.deployments![0]!.rolloutState).toBe('IN_PROGRESS');
    expect(service.events!.map((e) => e.message)).not.toContain('(service first) has reached a steady state.');

    t.advance(40_000);
    service = await describeService('first');
    const [task] = await tasksOf('first');
    expect(service.deployments![0]!.rolloutState).toBe('COMPLETED');
    expect(eventTime(service, 'deployment completed.')).toBe(task!.startedAt!.getTime() + WAIT_MS);
    expect(eventTime(service, 'has reached a steady state.')).toBe(task!.startedAt!.getTime() + WAIT_MS);
  });

  it('a rolling deployment at 100/200 stops the old task only once the new one has run for 40 s', async () => {
    await t.ecs.send(new CreateServiceCommand({ cluster: CLUSTER, serviceName: 'roll', taskDefinition: 'plain', desiredCount: 1 }));
    t.advance(60_000);
    const [old] = await tasksOf('roll');
    const watch = timeline('roll');
    await t.ecs.send(new UpdateServiceCommand({ cluster: CLUSTER, service: 'roll', forceNewDeployment: true }));
    t.advance(30_000);
    let service = await describeService('roll');
    expect(service.deployments!.map((d) => [d.status, d.runningCount, d.rolloutState])).toEqual([
      ['PRIMARY', 1, 'IN_PROGRESS'],
      ['ACTIVE', 1, 'COMPLETED'],
    ]);
    t.advance(30_000);
    watch.stop();

    const [fresh] = await tasksOf('roll');
    const startedAt = fresh!.startedAt!.getTime();
    expect(watch.seen.get(old!.taskArn!)!.get('told to stop')).toBe(startedAt + WAIT_MS);
    service = await describeService('roll');
    expect(service.deployments).toHaveLength(1);
    expect(service.deployments![0]!.rolloutState).toBe('COMPLETED');
    expect(eventTime(service, 'deployment completed.')).toBeGreaterThan(startedAt + WAIT_MS);
  });

  it('at 50% of 3, one old task stops at once and the others wait for new ones that count', async () => {
    await t.ecs.send(
      new CreateServiceCommand({
        cluster: CLUSTER,
        serviceName: 'half',
        taskDefinition: 'plain',
        desiredCount: 3,
        deploymentConfiguration: { minimumHealthyPercent: 50, maximumPercent: 200 },
      }),
    );
    t.advance(60_000);
    const old = new Set((await tasksOf('half')).map((task) => task.taskArn!));
    const watch = timeline('half');
    await t.ecs.send(new UpdateServiceCommand({ cluster: CLUSTER, service: 'half', forceNewDeployment: true }));
    t.advance(120_000);
    watch.stop();

    const told = [...old].map((arn) => watch.seen.get(arn)!.get('told to stop')!).sort((a, b) => a - b);
    const firstRunning = Math.min(...[...watch.seen].filter(([arn]) => !old.has(arn)).map(([, s]) => s.get('RUNNING')!));
    expect(told[0]).toBeLessThan(firstRunning);
    expect(told[1]).toBeGreaterThanOrEqual(firstRunning + WAIT_MS);
    expect(told[2]).toBeGreaterThanOrEqual(firstRunning + WAIT_MS);
    const service = await describeService('half');
    expect(service.deployments!.map((d) => d.rolloutState)).toEqual(['COMPLETED']);
    expect(service.runningCount).toBe(3);
  });
});

describe('tasks with a container health check count once HEALTHY', () => {
  it('completes the deployment as soon as the task runs and passes its check', async () => {
    await t.ecs.send(new CreateServiceCommand({ cluster: CLUSTER, serviceName: 'checked', taskDefinition: 'checked', desiredCount: 1 }));
    t.advance(5_000);
    const [task] = await tasksOf('checked');
    expect(task!.healthStatus).toBe('HEALTHY');
    const service = await describeService('checked');
    expect(service.deployments![0]!.rolloutState).toBe('COMPLETED');
    expect(eventTime(service, 'deployment completed.')).toBeLessThan(task!.startedAt!.getTime() + WAIT_MS);
  });
});
