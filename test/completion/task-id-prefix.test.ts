import { CreateClusterCommand, RegisterContainerInstanceCommand, RegisterTaskDefinitionCommand, RunTaskCommand, StopTaskCommand } from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findTaskByPrefix } from '../../source/completion/index.js';
import { startTestSandbox, type TestSandbox } from '../support/sandbox.js';

/** Task ids typed by hand, as the panes show them (their first 8 characters), against the sandbox. */
let t: TestSandbox;
let ids: string[];
const lastPart = (arn: string) => arn.slice(arn.lastIndexOf('/') + 1);

beforeAll(async () => {
  t = await startTestSandbox();
  await t.ecs.send(new CreateClusterCommand({ clusterName: 'demo' }));
  await t.ecs.send(new CreateClusterCommand({ clusterName: 'empty' }));
  const identity = { instanceId: 'i-0prefix000000001', instanceType: 'm5.4xlarge', availabilityZone: 'us-east-1a', imageId: 'ami-0ecs', region: 'us-east-1' };
  await t.ecs.send(
    new RegisterContainerInstanceCommand({
      cluster: 'demo',
      instanceIdentityDocument: JSON.stringify(identity),
      totalResources: [
        { name: 'CPU', type: 'INTEGER', integerValue: 16384 },
        { name: 'MEMORY', type: 'INTEGER', integerValue: 65536 },
      ],
    }),
  );
  await t.ecs.send(new RegisterTaskDefinitionCommand({ family: 'tiny', containerDefinitions: [{ name: 'app', image: 'busybox', memory: 16 }] }));
  // 17 tasks: two of them must start with the same hex digit.
  const arns: string[] = [];
  for (const count of [10, 7]) {
    const run = await t.ecs.send(new RunTaskCommand({ cluster: 'demo', taskDefinition: 'tiny', count }));
    arns.push(...run.tasks!.map((task) => task.taskArn!));
  }
  ids = arns.map(lastPart);
});
afterAll(() => t.close());

describe('finding a task by the start of its id', () => {
  it('finds the one task an 8-character start names, with its ARN and cluster', async () => {
    const id = ids[0]!;
    expect(await findTaskByPrefix(t.ecs, id.slice(0, 8))).toEqual({ task: { taskId: id, taskArn: expect.stringMatching(new RegExp(`:task/demo/${id}$`)), cluster: 'demo' } });
  });

  it('finds a stopped task too, as ECS lists it for a while', async () => {
    const id = ids[1]!;
    await t.ecs.send(new StopTaskCommand({ cluster: 'demo', task: id }));
    expect(await findTaskByPrefix(t.ecs, id.slice(0, 8))).toMatchObject({ task: { taskId: id } });
  });

  it('says which tasks a start shared by several names, and to type more', async () => {
    const digit = [...'0123456789abcdef'].find((d) => ids.filter((id) => id.startsWith(d)).length >= 2)!;
    const sharing = ids.filter((id) => id.startsWith(digit));
    const found = await findTaskByPrefix(t.ecs, digit);
    expect(found).toEqual({ error: expect.stringMatching(new RegExp(`^'${digit}' starts ${sharing.length} task ids in any cluster: .+; type more of the id$`)) });
    expect((found as { error: string }).error).toContain(`${sharing[0]} (demo)`);
  });

  it('looks in one cluster when told, and says when nothing starts so', async () => {
    expect(await findTaskByPrefix(t.ecs, ids[0]!.slice(0, 8), { cluster: 'empty' })).toEqual({
      error: `no task id starts with '${ids[0]!.slice(0, 8)}' in cluster empty; list the tasks with: ecs list-tasks --cluster NAME`,
    });
  });

  it('takes an ARN or a whole id as it is, and refuses what cannot be an id', async () => {
    const arn = 'arn:aws:ecs:us-east-1:123456789012:task/demo/0123456789abcdef0123456789abcdef';
    expect(await findTaskByPrefix(t.ecs, arn)).toEqual({ task: { taskId: '0123456789abcdef0123456789abcdef', taskArn: arn, cluster: 'demo' } });
    expect(await findTaskByPrefix(t.ecs, 'ABCDEF0123456789ABCDEF0123456789')).toMatchObject({ task: { taskId: 'abcdef0123456789abcdef0123456789' } });
    expect(await findTaskByPrefix(t.ecs, 'web:1')).toEqual({ error: expect.stringMatching(/^'web:1' is not a task id: /) });
  });
});
