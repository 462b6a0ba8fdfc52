import {
  CreateClusterCommand,
  DeleteAttributesCommand,
  DescribeContainerInstancesCommand,
  ListAttributesCommand,
  PutAttributesCommand,
  RegisterContainerInstanceCommand,
  RegisterTaskDefinitionCommand,
  RunTaskCommand,
} from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, startTestSandbox, type TestSandbox } from '../support/sandbox.js';

let t: TestSandbox;
let first: string;
let second: string;

async function register(cluster: string, instanceType: string) {
  const doc = JSON.stringify({ instanceId: 'i-0abc', instanceType, availabilityZone: 'us-east-1a', region: 'us-east-1' });
  const out = await t.ecs.send(new RegisterContainerInstanceCommand({ cluster, instanceIdentityDocument: doc }));
  return out.containerInstance!.containerInstanceArn!;
}

const idOf = (arn: string) => arn.split('/').pop()!;

async function attributesOf(arn: string) {
  const out = await t.ecs.send(new DescribeContainerInstancesCommand({ cluster: 'attrs', containerInstances: [arn] }));
  return out.containerInstances![0]!.attributes!;
}

beforeAll(async () => {
  t = await startTestSandbox();
  await t.ecs.send(new CreateClusterCommand({ clusterName: 'attrs' }));
  first = await register('attrs', 't3.medium');
  second = await register('attrs', 'c6i.large');
});
afterAll(() => t.close());

describe('PutAttributes', () => {
  it('sets custom attributes by ARN, or by ID with targetType, and echoes the request', async () => {
    const out = await t.ecs.send(
      new PutAttributesCommand({
        cluster: 'attrs',
        attributes: [
          { name: 'stack', value: 'prod', targetId: first },
          { name: 'team', value: 'web', targetType: 'container-instance', targetId: idOf(first) },
          { name: 'gpu-less', targetId: second },
        ],
      }),
    );
    expect(out.attributes).toEqual([
      { name: 'stack', value: 'prod', targetId: first },
      { name: 'team', value: 'web', targetType: 'container-instance', targetId: idOf(first) },
      { name: 'gpu-less', targetId: second },
    ]);
    expect(await attributesOf(first)).toEqual(expect.arrayContaining([{ name: 'stack', value: 'prod' }, { name: 'team', value: 'web' }]));
    expect(await attributesOf(second)).toContainEqual({ name: 'gpu-less' });
  });

  it('replaces the value of an attribute that is already there', async () => {
    await t.ecs.send(new PutAttributesCommand({ cluster: 'attrs', attributes: [{ name: 'stack', value: 'staging', targetId: first }] }));
    const stacks = (await attributesOf(first)).filter((a) => a.name === 'stack');
    expect(stacks).toEqual([{ name: 'stack', value: 'staging' }]);
    await t.ecs.send(new PutAttributesCommand({ cluster: 'attrs', attributes: [{ name: 'stack', value: 'prod', targetId: first }] }));
  });

  it('places tasks by a custom attribute', async () => {
    await t.ecs.send(
      new RegisterTaskDefinitionCommand({ family: 'worker', containerDefinitions: [{ name: 'w', image: 'busybox', cpu: 64, memory: 64 }] }),
    );
    const run = await t.ecs.send(
      new RunTaskCommand({
        cluster: 'attrs',
        taskDefinition: 'worker',
        count: 3,
        placementConstraints: [{ type: 'memberOf', expression: 'attribute:stack == prod' }],
      }),
    );
    expect(run.tasks?.map((task) => task.containerInstanceArn)).toEqual([first, first, first]);
  });

  it('refuses a short targetId without targetType, a bad name or value, and more than 10 at once', async () => {
    const noType = await errorOf(t.ecs.send(new PutAttributesCommand({ cluster: 'attrs', attributes: [{ name: 'a', targetId: idOf(first) }] })));
    expect(noType.name).toBe('InvalidParameterException');
    const badName = await errorOf(t.ecs.send(new PutAttributesCommand({ cluster: 'attrs', attributes: [{ name: 'bad name!', targetId: first }] })));
    expect(badName.name).toBe('InvalidParameterException');
    const badValue = await errorOf(
      t.ecs.send(new PutAttributesCommand({ cluster: 'attrs', attributes: [{ name: 'ok', value: ' padded', targetId: first }] })),
    );
    expect(badValue.name).toBe('InvalidParameterException');
    const badType = await errorOf(
      t.ecs.send(new PutAttributesCommand({ cluster: 'attrs', attributes: [{ name: 'ok', targetType: 'task' as never, targetId: first }] })),
    );
    expect(badType.name).toBe('InvalidParameterException');
    const eleven = Array.from({ length: 11 }, (_, i) => ({ name: `n${i}`, targetId: first }));
    const tooMany = await errorOf(t.ecs.send(new PutAttributesCommand({ cluster: 'attrs', attributes: eleven })));
    expect(tooMany.name).toBe('InvalidParameterException');
    const none = await errorOf(t.ecs.send(new PutAttributesCommand({ cluster: 'attrs', attributes: [] })));
    expect(none.name).toBe('InvalidParameterException');
  });

  it('answers TargetNotFoundException for an instance that is not in the cluster', async () => {
    const error = await errorOf(
      t.ecs.send(
        new PutAttributesCommand({
          cluster: 'attrs',
          attributes: [{ name: 'a', targetType: 'container-instance', targetId: '0123456789abcdef0123456789abcdef' }],
        }),
      ),
    );
    expect(error.name).toBe('TargetNotFoundException');
    const noCluster = await errorOf(t.ecs.send(new PutAttributesCommand({ cluster: 'nowhere', attributes: [{ name: 'a', targetId: first }] })));
    expect(noCluster.name).toBe('ClusterNotFoundException');
  });

  it('allows 10 custom attributes per instance, and applies nothing past the limit', async () => {
    const before = await attributesOf(second);
    const custom = before.filter((a) => !a.name!.startsWith('ecs.') && !a.name!.startsWith('com.amazonaws.ecs.'));
    const fill = Array.from({ length: 10 - custom.length }, (_, i) => ({ name: `slot${i}`, value: 'x', targetId: second }));
    await t.ecs.send(new PutAttributesCommand({ cluster: 'attrs', attributes: fill }));
    const error = await errorOf(
      t.ecs.send(
        new PutAttributesCommand({
          cluster: 'attrs',
          attributes: [
            { name: 'stack', value: 'qa', targetId: first },
            { name: 'one-too-many', targetId: second },
          ],
        }),
      ),
    );
    expect(error.name).toBe('AttributeLimitExceededException');
    expect(await attributesOf(first)).toContainEqual({ name: 'stack', value: 'prod' });
    expect((await attributesOf(second)).some((a) => a.name === 'one-too-many')).toBe(false);
  });
});

describe('ListAttributes', () => {
  it('lists the attributes of the cluster, built-in ones included, by name and value', async () => {
    const types = await t.ecs.send(new ListAttributesCommand({ cluster: 'attrs', targetType: 'container-instance', attributeName: 'ecs.instance-type' }));
    expect(types.attributes).toEqual([
      { name: 'ecs.instance-type', value: 't3.medium', targetType: 'container-instance', targetId: first },
      { name: 'ecs.instance-type', value: 'c6i.large', targetType: 'container-instance', targetId: second },
    ]);
    const prod = await t.ecs.send(
      new ListAttributesCommand({ cluster: 'attrs', targetType: 'container-instance', attributeName: 'stack', attributeValue: 'prod' }),
    );
    expect(prod.attributes?.map((a) => a.targetId)).toEqual([first]);
  });

  it('pages with maxResults and nextToken', async () => {
    const all = await t.ecs.send(new ListAttributesCommand({ cluster: 'attrs', targetType: 'container-instance' }));
    expect(all.attributes!.length).toBe(100);
    expect(all.nextToken).toBeDefined();
    const rest = await t.ecs.send(new ListAttributesCommand({ cluster: 'attrs', targetType: 'container-instance', nextToken: all.nextToken }));
    const total = (await attributesOf(first)).length + (await attributesOf(second)).length;
    expect(all.attributes!.length + rest.attributes!.length).toBe(total);
  });

  it('needs the container-instance target type, and a name to go with a value', async () => {
    const badType = await errorOf(t.ecs.send(new ListAttributesCommand({ cluster: 'attrs', targetType: 'task' as never })));
    expect(badType.name).toBe('InvalidParameterException');
    const valueOnly = await errorOf(
      t.ecs.send(new ListAttributesCommand({ cluster: 'attrs', targetType: 'container-instance', attributeValue: 'prod' })),
    );
    expect(valueOnly.name).toBe('InvalidParameterException');
  });
});

describe('DeleteAttributes', () => {
  it('removes attributes by name and echoes the request', async () => {
    const out = await t.ecs.send(new DeleteAttributesCommand({ cluster: 'attrs', attributes: [{ name: 'team', targetId: first }] }));
    expect(out.attributes).toEqual([{ name: 'team', targetId: first }]);
    expect((await attributesOf(first)).some((a) => a.name === 'team')).toBe(false);
    const error = await errorOf(
      t.ecs.send(new DeleteAttributesCommand({ cluster: 'attrs', attributes: [{ name: 'team', targetType: 'container-instance', targetId: 'nope' }] })),
    );
    expect(error.name).toBe('TargetNotFoundException');
  });
});
