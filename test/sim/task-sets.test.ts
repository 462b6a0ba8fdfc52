import {
  CreateServiceCommand,
  CreateTaskSetCommand,
  DeleteServiceCommand,
  DeleteTaskSetCommand,
  DescribeServicesCommand,
  DescribeTaskSetsCommand,
  DescribeTasksCommand,
  ListTasksCommand,
  UpdateServiceCommand,
  UpdateServicePrimaryTaskSetCommand,
  UpdateTaskSetCommand,
  type Task,
} from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, startTestSandbox, type TestSandbox } from '../support/sandbox.js';
import { targetGroupBehindAlb } from '../support/load-balancers.js';
import { clusterWithInstances, registerDefinition } from './task-fixtures.js';

let t: TestSandbox;
const CLUSTER = 'sets';
const PREFIX = 'arn:aws:ecs:us-east-1:123456789012';

beforeAll(async () => {
  t = await startTestSandbox();
  await clusterWithInstances(t, CLUSTER, ['us-east-1a', 'us-east-1b', 'us-east-1c'], { cpu: 4096, memory: 8192 });
  await registerDefinition(t, { family: 'blue' });
  await registerDefinition(t, { family: 'green' });
  await t.ecs.send(new CreateServiceCommand({ cluster: CLUSTER, serviceName: 'ext', desiredCount: 4, deploymentController: { type: 'EXTERNAL' } }));
});
afterAll(() => t.close());

async function tasksOf(startedBy: string): Promise<Task[]> {
  const list = await t.ecs.send(new ListTasksCommand({ cluster: CLUSTER, startedBy }));
  if (!list.taskArns?.length) return [];
  return (await t.ecs.send(new DescribeTasksCommand({ cluster: CLUSTER, tasks: list.taskArns }))).tasks!;
}

async function taskSet(id: string) {
  return (await t.ecs.send(new DescribeTaskSetsCommand({ cluster: CLUSTER, service: 'ext', taskSets: [id] }))).taskSets![0]!;
}

let blueId = '';
let greenId = '';

describe('task sets of an EXTERNAL service', () => {
  it('start with the service: no task definition, no deployments, no tasks', async () => {
    const service = (await t.ecs.send(new DescribeServicesCommand({ cluster: CLUSTER, services: ['ext'] }))).services![0]!;
    expect(service).toMatchObject({ deploymentController: { type: 'EXTERNAL' }, desiredCount: 4, deployments: [], taskSets: [] });
    expect(service.taskDefinition).toBeUndefined();
  });

  it('CreateTaskSet runs its scale of the desired count', async () => {
    const out = await t.ecs.send(
      new CreateTaskSetCommand({ cluster: CLUSTER, service: 'ext', taskDefinition: 'blue', externalId: 'release-1', tags: [{ key: 'color', value: 'blue' }] }),
    );
    const set = out.taskSet!;
    blueId = set.id!;
    expect(blueId).toMatch(/^ecs-svc\/\d{19}$/);
    expect(set).toMatchObject({
      taskSetArn: `${PREFIX}:task-set/${CLUSTER}/ext/${blueId}`,
      serviceArn: `${PREFIX}:service/${CLUSTER}/ext`,
      clusterArn: `${PREFIX}:cluster/${CLUSTER}`,
      status: 'ACTIVE',
      externalId: 'release-1',
      taskDefinition: `${PREFIX}:task-definition/blue:1`,
      computedDesiredCount: 4,
      scale: { value: 100, unit: 'PERCENT' },
      stabilityStatus: 'STABILIZING',
      launchType: 'EC2',
      tags: [{ key: 'color', value: 'blue' }],
    });
    t.advance(10_000);
    const tasks = await tasksOf(blueId);
    expect(tasks).toHaveLength(4);
    expect(tasks.every((task) => task.lastStatus === 'RUNNING' && task.group === 'service:ext')).toBe(true);
    expect(await taskSet(blueId)).toMatchObject({ runningCount: 4, pendingCount: 0, stabilityStatus: 'STEADY_STATE' });
    const service = (await t.ecs.send(new DescribeServicesCommand({ cluster: CLUSTER, services: ['ext'] }))).services![0]!;
    expect(service.runningCount).toBe(4);
    expect(service.taskSets!.map((s) => s.id)).toEqual([blueId]);
    expect(service.events!.map((e) => e.message)).toContainEqual(expect.stringMatching(new RegExp(`^\\(service ext, taskSet ${blueId}\\) has started 4 tasks: `)));
  });

  it('UpdateServicePrimaryTaskSet makes one PRIMARY, and the service takes its task definition', async () => {
    const out = await t.ecs.send(new UpdateServicePrimaryTaskSetCommand({ cluster: CLUSTER, service: 'ext', primaryTaskSet: blueId }));
    expect(out.taskSet!.status).toBe('PRIMARY');
    const created = await t.ecs.send(new CreateTaskSetCommand({ cluster: CLUSTER, service: 'ext', taskDefinition: 'green', scale: { value: 50, unit: 'PERCENT' } }));
    greenId = created.taskSet!.id!;
    expect(created.taskSet!.computedDesiredCount).toBe(2);
    t.advance(10_000);
    expect(await tasksOf(greenId)).toHaveLength(2);

    const arn = created.taskSet!.taskSetArn!;
    await t.ecs.send(new UpdateServicePrimaryTaskSetCommand({ cluster: CLUSTER, service: 'ext', primaryTaskSet: arn }));
    expect((await taskSet(greenId)).status).toBe('PRIMARY');
    expect((await taskSet(blueId)).status).toBe('ACTIVE');
    const service = (await t.ecs.send(new DescribeServicesCommand({ cluster: CLUSTER, services: ['ext'] }))).services![0]!;
    expect(service.taskDefinition).toBe(`${PREFIX}:task-definition/green:1`);
  });

  it('UpdateTaskSet scales a set; the computed count rounds up', async () => {
    await t.ecs.send(new UpdateTaskSetCommand({ cluster: CLUSTER, service: 'ext', taskSet: blueId, scale: { value: 10, unit: 'PERCENT' } }));
    t.advance(10_000);
    expect(await taskSet(blueId)).toMatchObject({ computedDesiredCount: 1, runningCount: 1, stabilityStatus: 'STEADY_STATE' });
    expect(await tasksOf(blueId)).toHaveLength(1);
    await t.ecs.send(new UpdateServiceCommand({ cluster: CLUSTER, service: 'ext', desiredCount: 6 }));
    t.advance(10_000);
    expect(await taskSet(greenId)).toMatchObject({ computedDesiredCount: 3, runningCount: 3 });
  });

  it('DeleteTaskSet needs the set scaled to 0 unless forced, then drains it away', async () => {
    const refused = await errorOf(t.ecs.send(new DeleteTaskSetCommand({ cluster: CLUSTER, service: 'ext', taskSet: blueId })));
    expect(refused.name).toBe('InvalidParameterException');
    const out = await t.ecs.send(new DeleteTaskSetCommand({ cluster: CLUSTER, service: 'ext', taskSet: blueId, force: true }));
    expect(out.taskSet!.status).toBe('DRAINING');
    t.advance(10_000);
    expect(await tasksOf(blueId)).toHaveLength(0);
    const described = await t.ecs.send(new DescribeTaskSetsCommand({ cluster: CLUSTER, service: 'ext', taskSets: [blueId, greenId] }));
    expect(described.taskSets!.map((s) => s.id)).toEqual([greenId]);
    expect(described.failures).toEqual([{ arn: blueId, reason: 'MISSING' }]);
  });

  it('answer the errors ECS gives', async () => {
    const missing = await errorOf(t.ecs.send(new UpdateTaskSetCommand({ cluster: CLUSTER, service: 'ext', taskSet: 'ecs-svc/1', scale: { value: 1, unit: 'PERCENT' } })));
    expect(missing.name).toBe('TaskSetNotFoundException');
    const badScale = await errorOf(t.ecs.send(new UpdateTaskSetCommand({ cluster: CLUSTER, service: 'ext', taskSet: greenId, scale: { value: 150, unit: 'PERCENT' } })));
    expect(badScale.name).toBe('InvalidParameterException');
    const noService = await errorOf(t.ecs.send(new CreateTaskSetCommand({ cluster: CLUSTER, service: 'ghost', taskDefinition: 'blue' })));
    expect(noService.name).toBe('ServiceNotFoundException');
    await t.ecs.send(new CreateServiceCommand({ cluster: CLUSTER, serviceName: 'rolling', taskDefinition: 'blue', desiredCount: 0 }));
    const notExternal = await errorOf(t.ecs.send(new CreateTaskSetCommand({ cluster: CLUSTER, service: 'rolling', taskDefinition: 'blue' })));
    expect(notExternal.name).toBe('InvalidParameterException');
    const noTaskDefinitionUpdates = await errorOf(t.ecs.send(new UpdateServiceCommand({ cluster: CLUSTER, service: 'ext', taskDefinition: 'blue' })));
    expect(noTaskDefinitionUpdates.name).toBe('InvalidParameterException');
  });

  it('go with the service when it is deleted', async () => {
    await t.ecs.send(new DeleteServiceCommand({ cluster: CLUSTER, service: 'ext', force: true }));
    t.advance(10_000);
    expect(await tasksOf(greenId)).toHaveLength(0);
    const service = (await t.ecs.send(new DescribeServicesCommand({ cluster: CLUSTER, services: ['ext'] }))).services![0]!;
    expect(service).toMatchObject({ status: 'INACTIVE', taskSets: [] });
  });
});

describe('a CODE_DEPLOY service', () => {
  it('gets its first task set, PRIMARY, from CreateService, and refuses task definition updates', async () => {
    const targetGroupArn = await targetGroupBehindAlb(t, 'blue');
    const out = await t.ecs.send(
      new CreateServiceCommand({
        cluster: CLUSTER,
        serviceName: 'cd',
        taskDefinition: 'blue',
        desiredCount: 2,
        deploymentController: { type: 'CODE_DEPLOY' },
        loadBalancers: [{ targetGroupArn, containerName: 'web', containerPort: 80 }],
      }),
    );
    expect(out.service!.taskSets).toHaveLength(1);
    expect(out.service!.taskSets![0]).toMatchObject({ status: 'PRIMARY', computedDesiredCount: 2, taskDefinition: `${PREFIX}:task-definition/blue:1` });
    t.advance(10_000);
    const service = (await t.ecs.send(new DescribeServicesCommand({ cluster: CLUSTER, services: ['cd'] }))).services![0]!;
    expect(service.runningCount).toBe(2);
    const error = await errorOf(t.ecs.send(new UpdateServiceCommand({ cluster: CLUSTER, service: 'cd', taskDefinition: 'green' })));
    expect(error.message).toBe(
      'Unable to update task definition on services with a CODE_DEPLOY deployment controller. Use AWS CodeDeploy to trigger a new deployment.',
    );
  });
});
