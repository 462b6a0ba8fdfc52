import {
  CreateServiceCommand,
  DescribeServicesCommand,
  ListTasksCommand,
  PutClusterCapacityProvidersCommand,
  RunTaskCommand,
  type Task,
} from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeTasks, drive, everySubnet, startFargateCluster, type DefaultNetwork, type FargateSandbox } from './fixtures.js';

/**
 * FARGATE and FARGATE_SPOT as capacity providers: a strategy (the request's or the cluster's
 * default) sends each task to one of them by base and weight, the task names its provider, and
 * Fargate Spot tasks are interrupted on request through the sandbox's control route.
 */
let t: FargateSandbox;
let net: DefaultNetwork;
const CLUSTER = 'spot';

beforeAll(async () => {
  ({ t, net } = await startFargateCluster(7103, CLUSTER));
  await t.ecs.send(
    new PutClusterCapacityProvidersCommand({
      cluster: CLUSTER,
      capacityProviders: ['FARGATE', 'FARGATE_SPOT'],
      defaultCapacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT', weight: 1 }],
    }),
  );
});
afterAll(() => t.close());

async function interrupt(body: unknown, method = 'POST'): Promise<{ status: number; json: any }> {
  const res = await fetch(`${t.running.url}/_ecsh/fargate-spot/interrupt`, { method, body: method === 'POST' ? JSON.stringify(body) : undefined });
  return { status: res.status, json: await res.json() };
}

async function serviceTasks(serviceName: string): Promise<Task[]> {
  const list = await t.ecs.send(new ListTasksCommand({ cluster: CLUSTER, serviceName }));
  return describeTasks(t, CLUSTER, list.taskArns ?? []);
}

describe('capacity provider strategies', () => {
  it("runs on the cluster's default strategy when RunTask names no launch type", async () => {
    const out = await t.ecs.send(new RunTaskCommand({ cluster: CLUSTER, taskDefinition: 'sample-fargate', networkConfiguration: everySubnet(net) }));
    expect(out.tasks![0]).toMatchObject({ launchType: 'FARGATE', capacityProviderName: 'FARGATE_SPOT', platformVersion: '1.4.0' });
    expect(out.tasks![0]!.containerInstanceArn).toBeUndefined();
  });

  it('puts the base first, then spreads by weight', async () => {
    const out = await t.ecs.send(
      new RunTaskCommand({
        cluster: CLUSTER,
        taskDefinition: 'sample-fargate',
        count: 8,
        networkConfiguration: everySubnet(net),
        capacityProviderStrategy: [
          { capacityProvider: 'FARGATE', base: 1, weight: 1 },
          { capacityProvider: 'FARGATE_SPOT', weight: 3 },
        ],
      }),
    );
    const providers = out.tasks!.map((task) => task.capacityProviderName);
    expect(providers[0]).toBe('FARGATE');
    expect(providers.filter((p) => p === 'FARGATE')).toHaveLength(3);
    expect(providers.filter((p) => p === 'FARGATE_SPOT')).toHaveLength(5);
    const listed = await t.ecs.send(new ListTasksCommand({ cluster: CLUSTER, launchType: 'FARGATE' }));
    expect(listed.taskArns).toHaveLength(9);
  });
});

describe('Fargate Spot interruptions', () => {
  it('stop a running Spot task with SpotInterruption, and the service replaces it', async () => {
    const created = await t.ecs.send(new CreateServiceCommand({ cluster: CLUSTER, serviceName: 'spotty', taskDefinition: 'sample-fargate', desiredCount: 2, networkConfiguration: everySubnet(net) }));
    expect(created.service).toMatchObject({ capacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT', weight: 1, base: 0 }], platformVersion: 'LATEST' });
    expect(created.service!.launchType).toBeUndefined();
    await drive(t, 90_000, 2_000);
    const [victim, survivor] = await serviceTasks('spotty');
    expect(victim).toMatchObject({ lastStatus: 'RUNNING', capacityProviderName: 'FARGATE_SPOT' });

    const answer = await interrupt({ taskArn: victim!.taskArn });
    expect(answer).toEqual({ status: 200, json: { interruptedTasks: [victim!.taskArn] } });
    const [stopping] = await describeTasks(t, CLUSTER, [victim!.taskArn!]);
    expect(stopping).toMatchObject({ desiredStatus: 'STOPPED', stopCode: 'SpotInterruption', stoppedReason: 'Your Spot Task was interrupted.' });

    await drive(t, 90_000, 2_000);
    const [stopped] = await describeTasks(t, CLUSTER, [victim!.taskArn!]);
    expect(stopped!.lastStatus).toBe('STOPPED');
    const now = await serviceTasks('spotty');
    expect(now).toHaveLength(2);
    expect(now.map((task) => task.taskArn)).toContain(survivor!.taskArn);
    expect(now.every((task) => task.lastStatus === 'RUNNING' && task.capacityProviderName === 'FARGATE_SPOT')).toBe(true);
    const service = (await t.ecs.send(new DescribeServicesCommand({ cluster: CLUSTER, services: ['spotty'] }))).services![0]!;
    expect(service.runningCount).toBe(2);
  });

  it("interrupts every running Spot task of a cluster, and only those", async () => {
    const onDemand = await t.ecs.send(new RunTaskCommand({ cluster: CLUSTER, taskDefinition: 'sample-fargate', launchType: 'FARGATE', networkConfiguration: everySubnet(net) }));
    const spot = (await t.ecs.send(new ListTasksCommand({ cluster: CLUSTER }))).taskArns!;
    const spotTasks = (await describeTasks(t, CLUSTER, spot)).filter((task) => task.capacityProviderName === 'FARGATE_SPOT');
    const answer = await interrupt({ cluster: CLUSTER });
    expect(answer.status).toBe(200);
    expect(answer.json.interruptedTasks.sort()).toEqual(spotTasks.map((task) => task.taskArn).sort());
    const [kept] = await describeTasks(t, CLUSTER, [onDemand.tasks![0]!.taskArn!]);
    expect(kept!.desiredStatus).toBe('RUNNING');
  });

  it('answers what it cannot do with a message', async () => {
    const onDemand = (await t.ecs.send(new ListTasksCommand({ cluster: CLUSTER, launchType: 'FARGATE' }))).taskArns!;
    const [task] = (await describeTasks(t, CLUSTER, onDemand)).filter((x) => x.capacityProviderName === undefined && x.desiredStatus === 'RUNNING');
    const notSpot = await interrupt({ taskArn: task!.taskArn });
    expect(notSpot).toEqual({ status: 400, json: { message: `Task ${task!.taskArn!.split('/').pop()} does not run on FARGATE_SPOT: only Fargate Spot tasks are interrupted.` } });
    expect((await interrupt({ taskArn: 'arn:aws:ecs:us-east-1:123456789012:task/spot/0123' })).status).toBe(404);
    expect(await interrupt({ cluster: 'nowhere' })).toEqual({ status: 404, json: { message: 'No cluster nowhere in us-east-1.' } });
    expect((await interrupt({})).status).toBe(400);
    expect((await interrupt(undefined, 'GET')).status).toBe(405);
  });
});
