import { CreateServiceCommand, DescribeServicesCommand, ListTasksCommand, UpdateServiceCommand, type Service } from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drive, startTestSandbox, type TestSandbox } from '../support/sandbox.js';
import { clusterWithInstances, registerDefinition } from './task-fixtures.js';

/**
 * A service whose tasks keep crashing as they start (busybox `sh -c "exit 3"`): it is never
 * steady, ECS's throttle logic spaces its restarts out more and more, and the deployment
 * circuit breaker fails the deployment at its threshold (3 for a desired count of 1).
 */
let t: TestSandbox;
const CLUSTER = 'crashes';
const THROTTLED = 'is unable to consistently start tasks successfully. For more information, see the Troubleshooting section of the Amazon ECS Developer Guide.';

beforeAll(async () => {
  t = await startTestSandbox();
  await clusterWithInstances(t, CLUSTER, ['us-east-1a', 'us-east-1b']);
  await registerDefinition(t, { family: 'crash', containerDefinitions: [{ name: 'app', image: 'busybox', memory: 64, command: ['sh', '-c', 'exit 3'] }] });
  await registerDefinition(t, { family: 'crash', containerDefinitions: [{ name: 'app', image: 'busybox', memory: 64, command: ['sleep', '3600'] }] });
});
afterAll(() => t.close());

async function describeService(name: string): Promise<Service> {
  return (await t.ecs.send(new DescribeServicesCommand({ cluster: CLUSTER, services: [name] }))).services![0]!;
}

async function stoppedCount(name: string): Promise<number> {
  return (await t.ecs.send(new ListTasksCommand({ cluster: CLUSTER, serviceName: name, desiredStatus: 'STOPPED' }))).taskArns!.length;
}

/** The service's events, oldest first, with their time in seconds since `from`. */
function history(service: Service, from: number): Array<[number, string]> {
  return service.events!.map((e): [number, string] => [(e.createdAt!.getTime() - from) / 1000, e.message!]).reverse();
}

const startTimes = (events: Array<[number, string]>) => events.filter(([, m]) => m.includes('has started 1 tasks')).map(([at]) => at);

describe('a crash-looping service', () => {
  it('with the circuit breaker: backs off, never says it is steady, and fails the deployment after 3 failed tasks', async () => {
    const from = t.running.sandbox.now();
    await t.ecs.send(
      new CreateServiceCommand({
        cluster: CLUSTER,
        serviceName: 'breaker',
        taskDefinition: 'crash:1',
        desiredCount: 1,
        deploymentConfiguration: { deploymentCircuitBreaker: { enable: true, rollback: false } },
      }),
    );
    await drive(t, 120_000, 500);
    const service = await describeService('breaker');
    const events = history(service, from);
    const messages = events.map(([, m]) => m);
    expect(messages).not.toContain('(service breaker) has reached a steady state.');
    expect(messages).toContain(`(service breaker) ${THROTTLED}`);
    const deploymentId = service.deployments![0]!.id!;
    expect(messages.at(-1)).toBe(`(service breaker) (deployment ${deploymentId}) deployment failed: tasks failed to start.`);
    expect(service.deployments![0]).toMatchObject({ rolloutState: 'FAILED', failedTasks: 3, runningCount: 0 });
    // Retried at once after the first failure, 15 s after the second; then the breaker stops it.
    const starts = startTimes(events);
    expect(starts).toHaveLength(3);
    expect(starts[2]! - starts[1]!).toBeGreaterThanOrEqual(15);
    expect(await stoppedCount('breaker')).toBe(3);
  });

  it('without the circuit breaker: retries forever, waiting longer each time, and stays IN_PROGRESS', async () => {
    const from = t.running.sandbox.now();
    await t.ecs.send(new CreateServiceCommand({ cluster: CLUSTER, serviceName: 'loop', taskDefinition: 'crash:1', desiredCount: 1 }));
    await drive(t, 10 * 60_000, 1_000);
    const service = await describeService('loop');
    const events = history(service, from);
    expect(events.map(([, m]) => m)).not.toContain('(service loop) has reached a steady state.');
    expect(service.deployments![0]).toMatchObject({ rolloutState: 'IN_PROGRESS' });

    const starts = startTimes(events);
    const gaps = starts.slice(1).map((at, i) => Math.round(at - starts[i]!));
    // 15 s, 30 s, 60 s, ... between restarts (each plus the ~1.5 s the task lives), after one retry at once.
    expect(gaps[0]).toBeLessThan(5);
    for (let i = 1; i < gaps.length; i++) expect(gaps[i]).toBeGreaterThanOrEqual(15 * 2 ** (i - 1));
    expect(starts.length).toBeGreaterThanOrEqual(5);
    expect(starts.length).toBeLessThan(10);
    // The warning comes with each wait, not with every check.
    const warnings = events.filter(([, m]) => m === `(service loop) ${THROTTLED}`);
    expect(warnings).toHaveLength(starts.length - 1);
  });

  it('a new task definition ends the throttle at once, and the deployment completes once its task counts', async () => {
    // The service is waiting to retry (minutes, by now): a new deployment does not wait for it.
    expect((await describeService('loop')).events![0]!.message).toBe(`(service loop) ${THROTTLED}`);
    const updatedAt = t.running.sandbox.now();
    await t.ecs.send(new UpdateServiceCommand({ cluster: CLUSTER, service: 'loop', taskDefinition: 'crash:2' }));
    await drive(t, 2_000, 500);
    let service = await describeService('loop');
    expect(service.events![0]!.message).toMatch(/^\(service loop\) has started 1 tasks: /);
    expect(service.events![0]!.createdAt!.getTime()).toBe(updatedAt);

    await drive(t, 45_000, 1_000);
    service = await describeService('loop');
    expect(service.deployments!.map((d) => d.rolloutState)).toEqual(['COMPLETED']);
    expect(service.events![0]!.message).toBe('(service loop) has reached a steady state.');
  });
});
