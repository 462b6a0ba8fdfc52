import { CreateClusterCommand, CreateServiceCommand, RegisterTaskDefinitionCommand, RunTaskCommand } from '@aws-sdk/client-ecs';
import { DescribeImagesCommand, DescribeSubnetsCommand, DescribeVpcsCommand, RunInstancesCommand } from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadApiIndex } from '../../source/commands/index.js';
import { ResourceCache, completeLine, createSdkResourceProvider, type ResourceProvider } from '../../source/completion/index.js';
import { startTestSandbox, type TestSandbox } from '../support/sandbox.js';

let t: TestSandbox;
let provider: ResourceProvider;
let instanceId: string;
let taskId: string;

const lastPart = (arn: string) => arn.slice(arn.lastIndexOf('/') + 1);

beforeAll(async () => {
  t = await startTestSandbox();
  provider = createSdkResourceProvider({ ecs: t.ecs, ec2: t.ec2 });
  await t.ecs.send(new CreateClusterCommand({ clusterName: 'demo' }));
  await t.ecs.send(new CreateClusterCommand({ clusterName: 'staging' }));
  const container = { name: 'web', image: 'nginx', memory: 128 };
  await t.ecs.send(new RegisterTaskDefinitionCommand({ family: 'web', containerDefinitions: [container] }));
  await t.ecs.send(new RegisterTaskDefinitionCommand({ family: 'web', containerDefinitions: [container] }));
  await t.ecs.send(new RegisterTaskDefinitionCommand({ family: 'api', containerDefinitions: [container] }));
  await t.ecs.send(new CreateServiceCommand({ cluster: 'demo', serviceName: 'front', taskDefinition: 'web', desiredCount: 0 }));
  // An ECS-optimized instance that joins "demo", and a task on it.
  const images = await t.ec2.send(new DescribeImagesCommand({}));
  const ecsImage = images.Images!.find((image) => image.Name!.includes('-ecs-') && image.Name!.endsWith('x86_64'))!;
  const userData = Buffer.from('#!/bin/bash\necho ECS_CLUSTER=demo >> /etc/ecs/ecs.config\n').toString('base64');
  const run = await t.ec2.send(new RunInstancesCommand({ ImageId: ecsImage.ImageId, InstanceType: 't3.small', MinCount: 1, MaxCount: 1, UserData: userData }));
  instanceId = run.Instances![0]!.InstanceId!;
  t.advance(120_000);
  const task = await t.ecs.send(new RunTaskCommand({ cluster: 'demo', taskDefinition: 'web' }));
  taskId = lastPart(task.tasks![0]!.taskArn!);
});
afterAll(() => t.close());

describe('the SDK resource provider, against the sandbox', () => {
  it('lists cluster names, task definition families and family:revision, capacity providers', async () => {
    expect(await provider('cluster', {})).toEqual(['demo', 'staging']);
    expect(await provider('task-definition-family', {})).toEqual(['api', 'web']);
    // Families, then the revisions of each family (alphabetical), the newest first.
    expect(await provider('task-definition', {})).toEqual(['api', 'web', 'api:1', 'web:2', 'web:1']);
    expect(await provider('capacity-provider', {})).toEqual(expect.arrayContaining(['FARGATE', 'FARGATE_SPOT']));
  });

  it('lists services, tasks and container instances of the cluster asked for', async () => {
    expect(await provider('service', { cluster: 'demo' })).toEqual(['front']);
    expect(await provider('service', { cluster: 'staging' })).toEqual([]);
    expect(await provider('task', { cluster: 'demo' })).toEqual([taskId]);
    const instances = await provider('container-instance', { cluster: 'demo' });
    expect(instances).toHaveLength(1);
    expect(instances[0]).toMatch(/^[0-9a-f]{32}$/);
  });

  it('fails with the AWS error for a cluster that does not exist', async () => {
    await expect(provider('service', { cluster: 'ghost' })).rejects.toMatchObject({ name: 'ClusterNotFoundException' });
  });

  it('lists EC2 instance, VPC, subnet and security group ids', async () => {
    expect(await provider('ec2-instance', {})).toEqual([instanceId]);
    const vpcs = await t.ec2.send(new DescribeVpcsCommand({}));
    expect(await provider('vpc', {})).toEqual(vpcs.Vpcs!.map((vpc) => vpc.VpcId));
    const subnets = await t.ec2.send(new DescribeSubnetsCommand({}));
    expect((await provider('subnet', {})).sort()).toEqual(subnets.Subnets!.map((subnet) => subnet.SubnetId).sort());
    const groups = await provider('security-group', {});
    expect(groups.length).toBeGreaterThan(0);
    for (const id of groups) expect(id).toMatch(/^sg-[0-9a-f]+$/);
  });

  it('follows the pages of a long list, and stops at the cap', async () => {
    for (let i = 0; i < 103; i++) await t.ecs.send(new CreateClusterCommand({ clusterName: `load-${i}` }));
    expect(await provider('cluster', {})).toHaveLength(105);
    const capped = createSdkResourceProvider({ ecs: t.ecs, ec2: t.ec2 }, { maxItems: 3 });
    expect(await capped('cluster', {})).toHaveLength(3);
  });
});

describe('completion of live names, end to end', () => {
  it('offers a new cluster after the command that created it invalidates the list', async () => {
    const catalog = loadApiIndex();
    const cache = new ResourceCache({ provider });
    const line = 'ecs describe-services --cluster dem';
    await cache.get('cluster');
    expect(completeLine(line, line.length, { catalog, resources: cache }).candidates[0]?.label).toBe('demo');

    await t.ecs.send(new CreateClusterCommand({ clusterName: 'demo-two' }));
    expect(cache.invalidateAfter('ecs', 'CreateCluster')).toEqual(['cluster', 'resource-arn']);
    const meanwhile = completeLine(line, line.length, { catalog, resources: cache });
    expect(meanwhile.pending).toBe(true);
    expect(meanwhile.candidates.map((c) => c.label)).not.toContain('demo-two');
    await cache.get('cluster');
    const after = completeLine(line, line.length, { catalog, resources: cache });
    expect(after.candidates.map((c) => c.label).slice(0, 2)).toEqual(['demo', 'demo-two']);
  });

  it('completes the task ids of the cluster on the line', async () => {
    const catalog = loadApiIndex();
    const cache = new ResourceCache({ provider });
    const line = 'ecs stop-task --cluster demo --task ';
    await cache.get('task', 'demo');
    const result = completeLine(line, line.length, { catalog, resources: cache });
    expect(result.candidates.map((c) => c.insert)).toEqual([taskId]);
  });
});
