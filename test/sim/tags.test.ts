import {
  CreateCapacityProviderCommand,
  CreateClusterCommand,
  CreateServiceCommand,
  CreateTaskSetCommand,
  DeleteClusterCommand,
  ListTagsForResourceCommand,
  RegisterContainerInstanceCommand,
  RegisterTaskDefinitionCommand,
  RunTaskCommand,
  TagResourceCommand,
  UntagResourceCommand,
} from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, startTestSandbox, type TestSandbox } from '../support/sandbox.js';

let t: TestSandbox;
const arns: Record<string, string> = {};

beforeAll(async () => {
  t = await startTestSandbox();
  arns.cluster = (await t.ecs.send(new CreateClusterCommand({ clusterName: 'tagged', tags: [{ key: 'team', value: 'a' }] }))).cluster!.clusterArn!;
  const doc = JSON.stringify({ instanceId: 'i-0abc', instanceType: 't3.medium', availabilityZone: 'us-east-1a', region: 'us-east-1' });
  arns['container instance'] = (
    await t.ecs.send(new RegisterContainerInstanceCommand({ cluster: 'tagged', instanceIdentityDocument: doc }))
  ).containerInstance!.containerInstanceArn!;
  arns['task definition'] = (
    await t.ecs.send(
      new RegisterTaskDefinitionCommand({ family: 'app', containerDefinitions: [{ name: 'app', image: 'nginx', memory: 128 }] }),
    )
  ).taskDefinition!.taskDefinitionArn!;
  arns.task = (await t.ecs.send(new RunTaskCommand({ cluster: 'tagged', taskDefinition: 'app' }))).tasks![0]!.taskArn!;
  arns.service = (
    await t.ecs.send(new CreateServiceCommand({ cluster: 'tagged', serviceName: 'web', taskDefinition: 'app', desiredCount: 0 }))
  ).service!.serviceArn!;
  await t.ecs.send(
    new CreateServiceCommand({ cluster: 'tagged', serviceName: 'ext', desiredCount: 0, deploymentController: { type: 'EXTERNAL' } }),
  );
  arns['task set'] = (
    await t.ecs.send(new CreateTaskSetCommand({ cluster: 'tagged', service: 'ext', taskDefinition: 'app', externalId: 'blue' }))
  ).taskSet!.taskSetArn!;
  arns['capacity provider'] = (
    await t.ecs.send(
      new CreateCapacityProviderCommand({
        name: 'spare',
        autoScalingGroupProvider: { autoScalingGroupArn: 'arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:1:autoScalingGroupName/spare' },
      }),
    )
  ).capacityProvider!.capacityProviderArn!;
});
afterAll(() => t.close());

const tagsOf = async (resourceArn: string) => (await t.ecs.send(new ListTagsForResourceCommand({ resourceArn }))).tags;

describe('tagging every kind of ECS resource by ARN', () => {
  for (const kind of ['cluster', 'container instance', 'task definition', 'task', 'service', 'task set', 'capacity provider']) {
    it(`tags, lists and untags a ${kind}`, async () => {
      const resourceArn = arns[kind]!;
      const before = (await tagsOf(resourceArn)) ?? [];
      await t.ecs.send(new TagResourceCommand({ resourceArn, tags: [{ key: 'env', value: 'dev' }, { key: 'owner', value: 'me' }] }));
      expect(await tagsOf(resourceArn)).toEqual([...before, { key: 'env', value: 'dev' }, { key: 'owner', value: 'me' }]);
      await t.ecs.send(new TagResourceCommand({ resourceArn, tags: [{ key: 'env', value: 'prod' }] }));
      expect(await tagsOf(resourceArn)).toContainEqual({ key: 'env', value: 'prod' });
      await t.ecs.send(new UntagResourceCommand({ resourceArn, tagKeys: ['env', 'owner', 'never-there'] }));
      expect(await tagsOf(resourceArn)).toEqual(before);
    });
  }

  it('keeps the tags given at creation', async () => {
    expect(await tagsOf(arns.cluster!)).toEqual([{ key: 'team', value: 'a' }]);
  });
});

describe('what ECS refuses', () => {
  it('a malformed or foreign ARN', async () => {
    const notArn = await errorOf(t.ecs.send(new ListTagsForResourceCommand({ resourceArn: 'tagged' })));
    expect(notArn.name).toBe('InvalidParameterException');
    expect(notArn.message).toBe('The ARN provided is invalid.');
    const ecr = await errorOf(t.ecs.send(new ListTagsForResourceCommand({ resourceArn: 'arn:aws:ecr:us-east-1:123456789012:repository/app' })));
    expect(ecr.name).toBe('InvalidParameterException');
    const untaggable = await errorOf(
      t.ecs.send(new TagResourceCommand({ resourceArn: 'arn:aws:ecs:us-east-1:123456789012:task-definition/app', tags: [{ key: 'a', value: 'b' }] })),
    );
    expect(untaggable.name).toBe('InvalidParameterException');
  });

  it('a short (old-format) ARN', async () => {
    const id = arns.task!.split('/').pop();
    for (const resource of [`task/${id}`, 'service/web']) {
      const error = await errorOf(t.ecs.send(new ListTagsForResourceCommand({ resourceArn: `arn:aws:ecs:us-east-1:123456789012:${resource}` })));
      expect(error.name).toBe('InvalidParameterException');
      expect(error.message).toBe('Long arn format must be used for tagging operations');
    }
  });

  it('a resource that does not exist', async () => {
    const cluster = await errorOf(
      t.ecs.send(new TagResourceCommand({ resourceArn: 'arn:aws:ecs:us-east-1:123456789012:cluster/ghost', tags: [{ key: 'a', value: 'b' }] })),
    );
    expect(cluster.name).toBe('ClusterNotFoundException');
    const missingDef = 'arn:aws:ecs:us-east-1:123456789012:task-definition/app:99';
    expect((await errorOf(t.ecs.send(new TagResourceCommand({ resourceArn: missingDef, tags: [{ key: 'a', value: 'b' }] })))).name).toBe(
      'ResourceNotFoundException',
    );
    expect((await errorOf(t.ecs.send(new UntagResourceCommand({ resourceArn: missingDef, tagKeys: ['a'] })))).name).toBe(
      'ResourceNotFoundException',
    );
    expect((await errorOf(t.ecs.send(new ListTagsForResourceCommand({ resourceArn: missingDef })))).name).toBe('InvalidParameterException');
    const missingService = arns.service!.replace('/web', '/ghost');
    expect((await errorOf(t.ecs.send(new UntagResourceCommand({ resourceArn: missingService, tagKeys: ['a'] })))).name).toBe(
      'ResourceNotFoundException',
    );
    const serviceOfGhostCluster = arns.service!.replace('/tagged/', '/ghost/');
    expect((await errorOf(t.ecs.send(new ListTagsForResourceCommand({ resourceArn: serviceOfGhostCluster })))).name).toBe(
      'ClusterNotFoundException',
    );
    const otherRegion = await errorOf(
      t.ecs.send(new ListTagsForResourceCommand({ resourceArn: arns['task definition']!.replace('us-east-1', 'eu-west-1') })),
    );
    expect(otherRegion.name).toBe('InvalidParameterException');
  });

  it('the tags of a deleted cluster', async () => {
    const arn = (await t.ecs.send(new CreateClusterCommand({ clusterName: 'short-lived' }))).cluster!.clusterArn!;
    await t.ecs.send(new DeleteClusterCommand({ cluster: arn }));
    expect((await errorOf(t.ecs.send(new ListTagsForResourceCommand({ resourceArn: arn })))).name).toBe('ClusterNotFoundException');
  });

  it('aws: keys, bad keys and values, and more than 50 tags', async () => {
    const resourceArn = arns.cluster!;
    const reserved = await errorOf(t.ecs.send(new TagResourceCommand({ resourceArn, tags: [{ key: 'aws:owner', value: 'x' }] })));
    expect(reserved.name).toBe('InvalidParameterException');
    const untagReserved = await errorOf(t.ecs.send(new UntagResourceCommand({ resourceArn, tagKeys: ['AWS:owner'] })));
    expect(untagReserved.name).toBe('InvalidParameterException');
    const longValue = await errorOf(t.ecs.send(new TagResourceCommand({ resourceArn, tags: [{ key: 'k', value: 'v'.repeat(257) }] })));
    expect(longValue.name).toBe('InvalidParameterException');
    const many = Array.from({ length: 50 }, (_, i) => ({ key: `k${i}`, value: 'v' }));
    const tooMany = await errorOf(t.ecs.send(new TagResourceCommand({ resourceArn, tags: many })));
    expect(tooMany.name).toBe('InvalidParameterException');
    expect(await tagsOf(resourceArn)).toEqual([{ key: 'team', value: 'a' }]);
  });
});
