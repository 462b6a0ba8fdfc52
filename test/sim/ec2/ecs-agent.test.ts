import { StartInstancesCommand, StopInstancesCommand, TerminateInstancesCommand } from '@aws-sdk/client-ec2';
import {
  CreateClusterCommand,
  DescribeClustersCommand,
  DescribeContainerInstancesCommand,
  DescribeTasksCommand,
  ListClustersCommand,
  ListContainerInstancesCommand,
  RegisterTaskDefinitionCommand,
  RunTaskCommand,
  type ContainerInstance,
} from '@aws-sdk/client-ecs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ecsRegisteredResources, instanceTypeSpec } from '../../../source/sim/ec2/index.js';
import { startTestSandbox, type TestSandbox } from '../../support/sandbox.js';
import { base64, joinCluster, plainAmi, runInstances, SETTLE_MS } from './fixtures.js';

let t: TestSandbox;
beforeEach(async () => {
  t = await startTestSandbox();
});
afterEach(() => t.close());

async function containerInstances(cluster: string): Promise<ContainerInstance[]> {
  const arns = (await t.ecs.send(new ListContainerInstancesCommand({ cluster }))).containerInstanceArns!;
  if (arns.length === 0) return [];
  return (await t.ecs.send(new DescribeContainerInstancesCommand({ cluster, containerInstances: arns }))).containerInstances!;
}

function attribute(instance: ContainerInstance, name: string): string | undefined {
  return instance.attributes!.find((a) => a.name === name)?.value;
}

function resource(instance: ContainerInstance, name: string): number | undefined {
  return instance.registeredResources!.find((r) => r.name === name)?.integerValue;
}

describe('the ECS agent on an instance', () => {
  it('registers with the cluster its user data names, after the instance boots', async () => {
    await t.ecs.send(new CreateClusterCommand({ clusterName: 'web' }));
    const [ec2] = await runInstances(t, { InstanceType: 'm5.large', UserData: joinCluster('web'), Placement: { AvailabilityZone: 'us-east-1b' } });
    expect(await containerInstances('web')).toEqual([]);
    t.advance(SETTLE_MS);
    const [instance] = await containerInstances('web');
    expect(instance!.ec2InstanceId).toBe(ec2!.InstanceId);
    expect(instance!.status).toBe('ACTIVE');
    expect(instance!.agentConnected).toBe(true);
    const expected = ecsRegisteredResources(instanceTypeSpec('m5.large')!);
    expect(resource(instance!, 'CPU')).toBe(2048);
    expect(resource(instance!, 'MEMORY')).toBe(expected.memory);
    expect(expected.memory).toBeLessThan(8192);
    expect(expected.memory).toBeGreaterThan(7600);
    expect(attribute(instance!, 'ecs.availability-zone')).toBe('us-east-1b');
    expect(attribute(instance!, 'ecs.instance-type')).toBe('m5.large');
    expect(attribute(instance!, 'ecs.ami-id')).toBe(ec2!.ImageId);
  });

  it('reads the cluster however the boot script spells it, the last setting winning', async () => {
    const scripts = {
      quoted: '#!/bin/bash\necho "ECS_CLUSTER=quoted" >> /etc/ecs/ecs.config',
      plain: 'ECS_CLUSTER=plain\nECS_ENABLE_TASK_IAM_ROLE=true',
      heredoc: '#!/bin/bash\ncat <<EOF > /etc/ecs/ecs.config\nECS_CLUSTER=first\nECS_CLUSTER=heredoc\nEOF',
      cloudInit: '#cloud-config\nwrite_files:\n  - path: /etc/ecs/ecs.config\n    content: |\n      ECS_CLUSTER=cloudinit\n',
    };
    const names = ['quoted', 'plain', 'heredoc', 'cloudinit'];
    for (const name of names) await t.ecs.send(new CreateClusterCommand({ clusterName: name }));
    for (const script of Object.values(scripts)) await runInstances(t, { UserData: base64(script) });
    t.advance(SETTLE_MS);
    for (const name of names) expect(await containerInstances(name), name).toHaveLength(1);
  });

  it('joins `default` from the ECS-optimized image with no cluster named, and not at all from a plain image', async () => {
    await t.ecs.send(new CreateClusterCommand({}));
    await runInstances(t);
    await runInstances(t, { ImageId: await plainAmi(t) });
    t.advance(SETTLE_MS);
    expect(await containerInstances('default')).toHaveLength(1);
  });

  it('creates the `default` cluster when an agent told no cluster finds none, as an account receives it', async () => {
    expect((await t.ecs.send(new ListClustersCommand({}))).clusterArns).toEqual([]);
    const [ec2] = await runInstances(t);
    t.advance(SETTLE_MS);
    const { clusters } = await t.ecs.send(new DescribeClustersCommand({ clusters: ['default'] }));
    expect(clusters![0]).toMatchObject({ clusterName: 'default', status: 'ACTIVE', registeredContainerInstancesCount: 1 });
    const [instance] = await containerInstances('default');
    expect(instance!.ec2InstanceId).toBe(ec2!.InstanceId);
  });

  it('creates no cluster for an agent whose user data names one, `default` included', async () => {
    await runInstances(t, { UserData: joinCluster('named') });
    await runInstances(t, { UserData: joinCluster('default') });
    await runInstances(t, { UserData: base64('#!/bin/bash\necho ECS_ENABLE_TASK_IAM_ROLE=true >> /etc/ecs/ecs.config\n') });
    t.advance(SETTLE_MS);
    // Only the third agent, told no cluster, made `default`; the second joins it as it retries.
    const { clusterArns } = await t.ecs.send(new ListClustersCommand({}));
    expect(clusterArns).toEqual(['arn:aws:ecs:us-east-1:123456789012:cluster/default']);
    t.advance(2 * SETTLE_MS);
    expect(await containerInstances('default')).toHaveLength(2);
  });

  it('runs on any image whose user data configures it', async () => {
    await t.ecs.send(new CreateClusterCommand({ clusterName: 'custom' }));
    await runInstances(t, { ImageId: await plainAmi(t), UserData: joinCluster('custom') });
    t.advance(SETTLE_MS);
    expect(await containerInstances('custom')).toHaveLength(1);
  });

  it('takes reserved memory, custom attributes and tags from the agent configuration', async () => {
    await t.ecs.send(new CreateClusterCommand({ clusterName: 'tuned' }));
    const script = [
      '#!/bin/bash',
      'echo ECS_CLUSTER=tuned >> /etc/ecs/ecs.config',
      'echo ECS_RESERVED_MEMORY=256 >> /etc/ecs/ecs.config',
      `echo 'ECS_INSTANCE_ATTRIBUTES={"stack":"prod","tier":"web"}' >> /etc/ecs/ecs.config`,
      `echo 'ECS_CONTAINER_INSTANCE_TAGS={"team":"payments"}' >> /etc/ecs/ecs.config`,
    ].join('\n');
    await runInstances(t, { InstanceType: 't3.medium', UserData: base64(script) });
    t.advance(SETTLE_MS);
    const [instance] = await containerInstances('tuned');
    expect(resource(instance!, 'MEMORY')).toBe(ecsRegisteredResources(instanceTypeSpec('t3.medium')!).memory - 256);
    expect(attribute(instance!, 'stack')).toBe('prod');
    expect(attribute(instance!, 'tier')).toBe('web');
    const tagged = await t.ecs.send(
      new DescribeContainerInstancesCommand({ cluster: 'tuned', containerInstances: [instance!.containerInstanceArn!], include: ['TAGS'] }),
    );
    expect(tagged.containerInstances![0]!.tags).toEqual([{ key: 'team', value: 'payments' }]);
  });

  it('keeps trying while the cluster does not exist, and registers once it does', async () => {
    await runInstances(t, { UserData: joinCluster('later') });
    t.advance(5 * 60_000);
    await t.ecs.send(new CreateClusterCommand({ clusterName: 'later' }));
    expect(await containerInstances('later')).toEqual([]);
    t.advance(SETTLE_MS);
    expect(await containerInstances('later')).toHaveLength(1);
  });

  it('disconnects when the host stops and reconnects as the same container instance when it starts', async () => {
    await t.ecs.send(new CreateClusterCommand({ clusterName: 'web' }));
    const [ec2] = await runInstances(t, { UserData: joinCluster('web') });
    t.advance(SETTLE_MS);
    const [before] = await containerInstances('web');
    await t.ec2.send(new StopInstancesCommand({ InstanceIds: [ec2!.InstanceId!] }));
    const [stopped] = await containerInstances('web');
    expect(stopped!.agentConnected).toBe(false);
    expect(stopped!.status).toBe('ACTIVE');
    t.advance(SETTLE_MS);
    await t.ec2.send(new StartInstancesCommand({ InstanceIds: [ec2!.InstanceId!] }));
    t.advance(SETTLE_MS);
    const after = await containerInstances('web');
    expect(after).toHaveLength(1);
    expect(after[0]!.containerInstanceArn).toBe(before!.containerInstanceArn);
    expect(after[0]!.agentConnected).toBe(true);
  });

  it('deregisters when the host terminates, stopping the tasks on it', async () => {
    await t.ecs.send(new CreateClusterCommand({ clusterName: 'web' }));
    const [ec2] = await runInstances(t, { UserData: joinCluster('web') });
    t.advance(SETTLE_MS);
    await t.ecs.send(
      new RegisterTaskDefinitionCommand({ family: 'nginx', containerDefinitions: [{ name: 'web', image: 'nginx', memory: 128 }] }),
    );
    const run = await t.ecs.send(new RunTaskCommand({ cluster: 'web', taskDefinition: 'nginx' }));
    expect(run.failures).toEqual([]);
    const taskArn = run.tasks![0]!.taskArn!;
    t.advance(SETTLE_MS);
    const [registered] = await containerInstances('web');
    await t.ec2.send(new TerminateInstancesCommand({ InstanceIds: [ec2!.InstanceId!] }));
    const [instance] = (await t.ecs.send(
      new DescribeContainerInstancesCommand({ cluster: 'web', containerInstances: [registered!.containerInstanceArn!] }),
    )).containerInstances!;
    expect(instance!.status).toBe('INACTIVE');
    expect(instance!.agentConnected).toBe(false);
    t.advance(SETTLE_MS);
    const task = (await t.ecs.send(new DescribeTasksCommand({ cluster: 'web', tasks: [taskArn] }))).tasks![0]!;
    expect(task.lastStatus).toBe('STOPPED');
    expect(task.stoppedReason).toBe(`Host EC2 (instance ${ec2!.InstanceId}) terminated.`);
  });
});
