import {
  CreateClusterCommand,
  DeregisterTaskDefinitionCommand,
  DescribeTasksCommand,
  GetTaskProtectionCommand,
  ListTasksCommand,
  RunTaskCommand,
  StartTaskCommand,
  StopTaskCommand,
  UpdateTaskProtectionCommand,
} from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchTasks } from '../../source/sim/ecs/task-launch.js';
import { errorOf, startTestSandbox, type TestSandbox } from '../support/sandbox.js';
import { clusterWithInstances, registerDefinition, remaining, runTasks } from './task-fixtures.js';

let t: TestSandbox;
let instances: string[];
const CLUSTER = 'tasks';
const CLUSTER_ARN = 'arn:aws:ecs:us-east-1:123456789012:cluster/tasks';

beforeAll(async () => {
  t = await startTestSandbox();
  instances = await clusterWithInstances(t, CLUSTER, ['us-east-1a', 'us-east-1b']);
  await registerDefinition(t, { family: 'web' });
  await registerDefinition(t, {
    family: 'fixed',
    containerDefinitions: [{ name: 'web', image: 'nginx', memory: 128, portMappings: [{ containerPort: 80, hostPort: 8080 }] }],
  });
  await registerDefinition(t, { family: 'huge', containerDefinitions: [{ name: 'db', image: 'postgres', memory: 100_000 }] });
});
afterAll(() => t.close());

describe('RunTask', () => {
  it('starts a PENDING task with the ARN, group, sizes and echoes ECS gives', async () => {
    const out = await t.ecs.send(
      new RunTaskCommand({ cluster: CLUSTER, taskDefinition: 'web', startedBy: 'me', overrides: { containerOverrides: [{ name: 'web', command: ['nginx'] }] } }),
    );
    expect(out.failures).toEqual([]);
    const task = out.tasks![0]!;
    expect(task.taskArn).toMatch(/^arn:aws:ecs:us-east-1:123456789012:task\/tasks\/[0-9a-f]{32}$/);
    expect(task.clusterArn).toBe(CLUSTER_ARN);
    expect(task.taskDefinitionArn).toBe('arn:aws:ecs:us-east-1:123456789012:task-definition/web:1');
    expect(instances).toContain(task.containerInstanceArn);
    expect(task).toMatchObject({
      lastStatus: 'PENDING',
      desiredStatus: 'RUNNING',
      group: 'family:web',
      startedBy: 'me',
      launchType: 'EC2',
      cpu: '256',
      memory: '256',
      version: 1,
      attributes: [{ name: 'ecs.cpu-architecture', value: 'x86_64' }],
      overrides: { containerOverrides: [{ name: 'web', command: ['nginx'] }], inferenceAcceleratorOverrides: [] },
    });
    expect(['us-east-1a', 'us-east-1b']).toContain(task.availabilityZone);
    expect(task.createdAt).toEqual(new Date(t.clock.now()));
    const container = task.containers![0]!;
    const id = task.taskArn!.split('/').pop();
    expect(container.containerArn).toMatch(new RegExp(`^arn:aws:ecs:us-east-1:123456789012:container/tasks/${id}/[0-9a-f-]{36}$`));
    expect(container).toMatchObject({ name: 'web', image: 'nginx', lastStatus: 'PENDING', cpu: '256', memory: '256' });
  });

  it('holds the task size on its instance from launch', async () => {
    const [task] = await runTasks(t, { cluster: CLUSTER, taskDefinition: 'web', placementConstraints: [{ type: 'memberOf', expression: 'attribute:ecs.availability-zone == us-east-1a' }] });
    const before = await remaining(t, CLUSTER, task!.containerInstanceArn!);
    const [second] = await runTasks(t, { cluster: CLUSTER, taskDefinition: 'web', placementConstraints: [{ type: 'memberOf', expression: 'attribute:ecs.availability-zone == us-east-1a' }] });
    expect(second!.containerInstanceArn).toBe(task!.containerInstanceArn);
    const after = await remaining(t, CLUSTER, task!.containerInstanceArn!);
    expect(before.cpu - after.cpu).toBe(256);
    expect(before.memory - after.memory).toBe(256);
  });

  it('places with strategies and constraints: distinctInstance puts one on each', async () => {
    const tasks = await runTasks(t, { cluster: CLUSTER, taskDefinition: 'web', count: 2, placementConstraints: [{ type: 'distinctInstance' }], group: 'pair' });
    expect(new Set(tasks.map((x) => x.containerInstanceArn)).size).toBe(2);
    expect(tasks.every((x) => x.group === 'pair')).toBe(true);
  });

  it('returns failures for what does not fit, with the reasons ECS gives', async () => {
    const huge = await t.ecs.send(new RunTaskCommand({ cluster: CLUSTER, taskDefinition: 'huge' }));
    expect(huge.tasks).toEqual([]);
    expect(huge.failures?.map((f) => [f.arn, f.reason]).sort()).toEqual(instances.map((arn) => [arn, 'RESOURCE:MEMORY']).sort());
    const ports = await t.ecs.send(new RunTaskCommand({ cluster: CLUSTER, taskDefinition: 'fixed', count: 3 }));
    expect(ports.tasks).toHaveLength(2);
    expect(ports.failures?.map((f) => f.reason)).toEqual(['RESOURCE:PORTS', 'RESOURCE:PORTS']);
  });

  it('answers as ECS when the cluster has no container instances', async () => {
    await t.ecs.send(new CreateClusterCommand({ clusterName: 'empty' }));
    const error = await errorOf(t.ecs.send(new RunTaskCommand({ cluster: 'empty', taskDefinition: 'web' })));
    expect([error.name, error.message]).toEqual(['InvalidParameterException', 'No Container Instances were found in your cluster.']);
  });

  it('refuses bad requests with the error ECS uses', async () => {
    const cases: Array<[Partial<ConstructorParameters<typeof RunTaskCommand>[0]>, string, RegExp?]> = [
      [{ cluster: 'nowhere' }, 'ClusterNotFoundException'],
      [{ taskDefinition: 'ghost' }, 'ClientException', /^TaskDefinition not found\.$/],
      [{ count: 11 }, 'InvalidParameterException', /count/],
      [{ count: 0 }, 'InvalidParameterException'],
      [{ launchType: 'FARGATE' }, 'InvalidParameterException', /^Task definition does not support launch_type FARGATE\.$/],
      [{ launchType: 'EC2', capacityProviderStrategy: [{ capacityProvider: 'FARGATE' }] }, 'InvalidParameterException', /both a launch type and capacity provider strategy/],
      [{ placementStrategy: [{ type: 'binpack' }] }, 'InvalidParameterException'],
      [{ placementConstraints: [{ type: 'memberOf', expression: 'attribute:x ==' }] }, 'InvalidParameterException'],
      [{ overrides: { containerOverrides: [{ name: 'db' }] } }, 'InvalidParameterException', /db is not a container/],
      [{ startedBy: 'has spaces' }, 'InvalidParameterException'],
      [{ networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-1'] } } }, 'InvalidParameterException', /not valid for the given networkMode/],
    ];
    for (const [input, code, message] of cases) {
      const error = await errorOf(t.ecs.send(new RunTaskCommand({ cluster: CLUSTER, taskDefinition: 'web', ...input })));
      expect(error.name, JSON.stringify(input)).toBe(code);
      if (message) expect(error.message).toMatch(message);
    }
  });

  it('refuses an INACTIVE task definition', async () => {
    await registerDefinition(t, { family: 'old' });
    await t.ecs.send(new DeregisterTaskDefinitionCommand({ taskDefinition: 'old:1' }));
    const error = await errorOf(t.ecs.send(new RunTaskCommand({ cluster: CLUSTER, taskDefinition: 'old:1' })));
    expect([error.name, error.message]).toEqual(['InvalidParameterException', 'TaskDefinition is inactive']);
  });
});

describe('StartTask', () => {
  it('starts one task on each instance given, and reports unknown ones as MISSING', async () => {
    const out = await t.ecs.send(
      new StartTaskCommand({ cluster: CLUSTER, taskDefinition: 'web', containerInstances: [instances[1]!, 'ffffffffffffffffffffffffffffffff'] }),
    );
    expect(out.tasks?.map((x) => x.containerInstanceArn)).toEqual([instances[1]]);
    expect(out.failures).toEqual([
      { arn: 'arn:aws:ecs:us-east-1:123456789012:container-instance/tasks/ffffffffffffffffffffffffffffffff', reason: 'MISSING' },
    ]);
    const none = await errorOf(t.ecs.send(new StartTaskCommand({ cluster: CLUSTER, taskDefinition: 'web', containerInstances: [] })));
    expect(none.name).toBe('InvalidParameterException');
  });
});

describe('StopTask', () => {
  it('sets desiredStatus STOPPED at once; the task reaches STOPPED and gives its resources back', async () => {
    const [task] = await runTasks(t, { cluster: CLUSTER, taskDefinition: 'web' });
    const instance = task!.containerInstanceArn!;
    t.advance(5000);
    const held = await remaining(t, CLUSTER, instance);
    const out = await t.ecs.send(new StopTaskCommand({ cluster: CLUSTER, task: task!.taskArn! }));
    expect(out.task).toMatchObject({ lastStatus: 'RUNNING', desiredStatus: 'STOPPED', stopCode: 'UserInitiated', stoppedReason: 'Task stopped by user' });
    expect(out.task?.stoppingAt).toEqual(new Date(t.clock.now()));
    t.advance(5000);
    const described = await t.ecs.send(new DescribeTasksCommand({ cluster: CLUSTER, tasks: [task!.taskArn!] }));
    const stopped = described.tasks![0]!;
    expect(stopped.lastStatus).toBe('STOPPED');
    expect(stopped.containers![0]).toMatchObject({ lastStatus: 'STOPPED', exitCode: 137 });
    expect(stopped.stoppedAt!.getTime()).toBeGreaterThan(stopped.stoppingAt!.getTime());
    expect(stopped.executionStoppedAt).toBeDefined();
    const freed = await remaining(t, CLUSTER, instance);
    expect(freed.cpu - held.cpu).toBe(256);
    expect(freed.memory - held.memory).toBe(256);
    expect(freed.runningTasksCount).toBe(held.runningTasksCount! - 1);
  });

  it('is idempotent: the first reason stays', async () => {
    const [task] = await runTasks(t, { cluster: CLUSTER, taskDefinition: 'web' });
    await t.ecs.send(new StopTaskCommand({ cluster: CLUSTER, task: task!.taskArn!, reason: 'first' }));
    const again = await t.ecs.send(new StopTaskCommand({ cluster: CLUSTER, task: task!.taskArn!, reason: 'second' }));
    expect(again.task?.stoppedReason).toBe('first');
    t.advance(5000);
    const stopped = await t.ecs.send(new StopTaskCommand({ cluster: CLUSTER, task: task!.taskArn!.split('/').pop()! }));
    expect(stopped.task?.lastStatus).toBe('STOPPED');
  });

  it('refuses a task it does not know', async () => {
    const error = await errorOf(t.ecs.send(new StopTaskCommand({ cluster: CLUSTER, task: '0123456789abcdef0123456789abcdef' })));
    expect([error.name, error.message]).toEqual(['InvalidParameterException', 'The referenced task was not found.']);
  });
});

describe('DescribeTasks', () => {
  it('describes by id or ARN, tags on request, and reports the missing as failures', async () => {
    const [task] = await runTasks(t, { cluster: CLUSTER, taskDefinition: 'web', tags: [{ key: 'k', value: 'v' }] });
    const id = task!.taskArn!.split('/').pop()!;
    const out = await t.ecs.send(new DescribeTasksCommand({ cluster: CLUSTER, tasks: [id, task!.taskArn!, 'feedfeedfeedfeedfeedfeedfeedfeed'] }));
    expect(out.tasks?.map((x) => x.taskArn)).toEqual([task!.taskArn, task!.taskArn]);
    expect(out.tasks?.[0]?.tags).toEqual([]);
    expect(out.failures).toEqual([{ arn: 'arn:aws:ecs:us-east-1:123456789012:task/tasks/feedfeedfeedfeedfeedfeedfeedfeed', reason: 'MISSING' }]);
    const tagged = await t.ecs.send(new DescribeTasksCommand({ cluster: CLUSTER, tasks: [id], include: ['TAGS'] }));
    expect(tagged.tasks?.[0]?.tags).toEqual([{ key: 'k', value: 'v' }]);
    const empty = await errorOf(t.ecs.send(new DescribeTasksCommand({ cluster: CLUSTER, tasks: [] })));
    expect([empty.name, empty.message]).toEqual(['InvalidParameterException', 'Tasks cannot be empty.']);
  });

  it('forgets a stopped task an hour after it stopped', async () => {
    const [task] = await runTasks(t, { cluster: CLUSTER, taskDefinition: 'web' });
    await t.ecs.send(new StopTaskCommand({ cluster: CLUSTER, task: task!.taskArn! }));
    t.advance(59 * 60_000);
    const still = await t.ecs.send(new DescribeTasksCommand({ cluster: CLUSTER, tasks: [task!.taskArn!] }));
    expect(still.tasks?.[0]?.lastStatus).toBe('STOPPED');
    t.advance(2 * 60_000);
    const gone = await t.ecs.send(new DescribeTasksCommand({ cluster: CLUSTER, tasks: [task!.taskArn!] }));
    expect(gone.failures?.[0]?.reason).toBe('MISSING');
  });
});

describe('ListTasks', () => {
  it('filters by family, startedBy, container instance, desired status and launch type', async () => {
    const [mine] = await runTasks(t, { cluster: CLUSTER, taskDefinition: 'web', startedBy: 'lister' });
    const byStarter = await t.ecs.send(new ListTasksCommand({ cluster: CLUSTER, startedBy: 'lister' }));
    expect(byStarter.taskArns).toEqual([mine!.taskArn]);
    const byFamily = await t.ecs.send(new ListTasksCommand({ cluster: CLUSTER, family: 'fixed' }));
    expect(byFamily.taskArns).toHaveLength(2);
    const byInstance = await t.ecs.send(new ListTasksCommand({ cluster: CLUSTER, containerInstance: mine!.containerInstanceArn!.split('/').pop() }));
    expect(byInstance.taskArns).toContain(mine!.taskArn);
    const running = await t.ecs.send(new ListTasksCommand({ cluster: CLUSTER, launchType: 'EC2' }));
    await t.ecs.send(new StopTaskCommand({ cluster: CLUSTER, task: mine!.taskArn! }));
    const after = await t.ecs.send(new ListTasksCommand({ cluster: CLUSTER }));
    expect(after.taskArns).toHaveLength(running.taskArns!.length - 1);
    const stopped = await t.ecs.send(new ListTasksCommand({ cluster: CLUSTER, desiredStatus: 'STOPPED' }));
    expect(stopped.taskArns).toContain(mine!.taskArn);
    const pending = await t.ecs.send(new ListTasksCommand({ cluster: CLUSTER, desiredStatus: 'PENDING' }));
    expect(pending.taskArns).toEqual([]);
    const fargate = await t.ecs.send(new ListTasksCommand({ cluster: CLUSTER, launchType: 'FARGATE' }));
    expect(fargate.taskArns).toEqual([]);
  });

  it('pages, and refuses bad filters as ECS does', async () => {
    const all = await t.ecs.send(new ListTasksCommand({ cluster: CLUSTER }));
    const seen: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await t.ecs.send(new ListTasksCommand({ cluster: CLUSTER, maxResults: 2, nextToken }));
      seen.push(...page.taskArns!);
      nextToken = page.nextToken;
    } while (nextToken);
    expect(seen).toEqual(all.taskArns);
    const family = await errorOf(t.ecs.send(new ListTasksCommand({ cluster: CLUSTER, family: 'web:1' })));
    expect([family.name, family.message]).toEqual(['InvalidParameterException', 'family must match ^[a-zA-Z0-9\\-_]+$']);
    const service = await errorOf(t.ecs.send(new ListTasksCommand({ cluster: CLUSTER, serviceName: 'ghost' })));
    expect(service.name).toBe('ServiceNotFoundException');
    const cluster = await errorOf(t.ecs.send(new ListTasksCommand({ cluster: 'nowhere' })));
    expect(cluster.name).toBe('ClusterNotFoundException');
  });
});

describe('task protection', () => {
  it('protects service tasks (120 minutes by default) and refuses standalone ones', async () => {
    const sb = t.running.sandbox;
    const cluster = sb.tables.clusters.get(CLUSTER_ARN)!;
    const def = sb.tables.taskDefinitions.get('arn:aws:ecs:us-east-1:123456789012:task-definition/web:1')!;
    const serviceArn = 'arn:aws:ecs:us-east-1:123456789012:service/tasks/api';
    const { tasks } = launchTasks(sb, { cluster, taskDefinition: def, count: 1, group: 'service:api', serviceArn });
    const serviceTask = tasks[0]!.taskArn;
    const [standalone] = await runTasks(t, { cluster: CLUSTER, taskDefinition: 'web' });

    const out = await t.ecs.send(new UpdateTaskProtectionCommand({ cluster: CLUSTER, tasks: [serviceTask, standalone!.taskArn!], protectionEnabled: true }));
    expect(out.protectedTasks).toEqual([{ taskArn: serviceTask, protectionEnabled: true, expirationDate: new Date(t.clock.now() + 120 * 60_000) }]);
    expect(out.failures?.map((f) => [f.arn, f.reason])).toEqual([[standalone!.taskArn, 'TASK_NOT_VALID']]);

    const got = await t.ecs.send(new GetTaskProtectionCommand({ cluster: CLUSTER, tasks: [serviceTask] }));
    expect(got.protectedTasks?.[0]?.protectionEnabled).toBe(true);
    t.advance(121 * 60_000);
    const lapsed = await t.ecs.send(new GetTaskProtectionCommand({ cluster: CLUSTER, tasks: [serviceTask] }));
    expect(lapsed.protectedTasks).toEqual([{ taskArn: serviceTask, protectionEnabled: false }]);

    const custom = await t.ecs.send(new UpdateTaskProtectionCommand({ cluster: CLUSTER, tasks: [serviceTask], protectionEnabled: true, expiresInMinutes: 5 }));
    expect(custom.protectedTasks?.[0]?.expirationDate).toEqual(new Date(t.clock.now() + 5 * 60_000));
    const tooLong = await errorOf(t.ecs.send(new UpdateTaskProtectionCommand({ cluster: CLUSTER, tasks: [serviceTask], protectionEnabled: true, expiresInMinutes: 2881 })));
    expect(tooLong.name).toBe('InvalidParameterException');
  });
});
