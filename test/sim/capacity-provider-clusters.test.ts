import {
  CreateCapacityProviderCommand,
  CreateClusterCommand,
  CreateServiceCommand,
  DescribeClustersCommand,
  ListServicesCommand,
  PutClusterCapacityProvidersCommand,
  RunTaskCommand,
  UpdateCapacityProviderCommand,
  type Cluster,
} from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, startTestSandbox, type TestSandbox } from '../support/sandbox.js';
import { clusterWithInstances, registerDefinition } from './task-fixtures.js';

let t: TestSandbox;
beforeAll(async () => {
  t = await startTestSandbox();
  await clusterWithInstances(t, 'asg', ['us-east-1a', 'us-east-1b']);
  await registerDefinition(t, { family: 'web' });
  for (const name of ['cp1', 'cp2']) {
    await t.ecs.send(
      new CreateCapacityProviderCommand({
        name,
        autoScalingGroupProvider: {
          autoScalingGroupArn: `arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:0f1e2d3c-aaaa-bbbb-cccc-${name}:autoScalingGroupName/${name}`,
          managedScaling: { status: name === 'cp1' ? 'ENABLED' : 'DISABLED' },
        },
      }),
    );
  }
});
afterAll(() => t.close());

async function describeCluster(name: string, include: Array<'ATTACHMENTS'> = ['ATTACHMENTS']): Promise<Cluster> {
  return (await t.ecs.send(new DescribeClustersCommand({ clusters: [name], include }))).clusters![0]!;
}

const attachmentsOf = (cluster: Cluster) =>
  (cluster.attachments ?? []).map((a) => [a.type, a.status, a.details!.find((d) => d.name === 'capacityProviderName')!.value]);

describe("a cluster's Auto Scaling group providers", () => {
  it('are attached as ECS attaches them: a scaling policy with managed scaling, a draining hook with managed draining', async () => {
    const put = await t.ecs.send(
      new PutClusterCapacityProvidersCommand({ cluster: 'asg', capacityProviders: ['cp1', 'cp2', 'FARGATE'], defaultCapacityProviderStrategy: [{ capacityProvider: 'cp1', weight: 1 }] }),
    );
    expect(put.cluster!.attachmentsStatus).toBe('UPDATE_IN_PROGRESS');
    expect(attachmentsOf(put.cluster!)).toEqual([
      ['as_policy', 'PRECREATED', 'cp1'],
      ['managed_draining', 'PRECREATED', 'cp1'],
      ['managed_draining', 'PRECREATED', 'cp2'],
    ]);
    const policy = put.cluster!.attachments![0]!;
    expect(policy.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(policy.details!.find((d) => d.name === 'scalingPolicyName')!.value).toMatch(/^ECSManagedAutoScalingPolicy-[0-9a-f-]{36}$/);
    expect(put.cluster!.attachments![1]!.details).toContainEqual({ name: 'autoScalingLifecycleHookName', value: 'ecs-managed-draining-termination-hook' });

    t.advance(5_000);
    const done = await describeCluster('asg');
    expect(done.attachmentsStatus).toBe('UPDATE_COMPLETE');
    expect(attachmentsOf(done)).toEqual([
      ['as_policy', 'CREATED', 'cp1'],
      ['managed_draining', 'CREATED', 'cp1'],
      ['managed_draining', 'CREATED', 'cp2'],
    ]);
    expect(done.attachments![0]!.id).toBe(policy.id);
    const plain = await describeCluster('asg', []);
    expect(plain.attachments).toBeUndefined();
    expect(plain.attachmentsStatus).toBe('UPDATE_COMPLETE');
  });

  it('lose their attachments when removed: DELETING, then gone', async () => {
    const put = await t.ecs.send(new PutClusterCapacityProvidersCommand({ cluster: 'asg', capacityProviders: ['cp1', 'FARGATE'], defaultCapacityProviderStrategy: [] }));
    expect(attachmentsOf(put.cluster!)).toEqual([
      ['as_policy', 'CREATED', 'cp1'],
      ['managed_draining', 'CREATED', 'cp1'],
      ['managed_draining', 'DELETING', 'cp2'],
    ]);
    t.advance(5_000);
    expect(attachmentsOf(await describeCluster('asg'))).toEqual([
      ['as_policy', 'CREATED', 'cp1'],
      ['managed_draining', 'CREATED', 'cp1'],
    ]);
  });

  it("follow a provider's update: managed scaling turned off drops the scaling policy", async () => {
    await t.ecs.send(new UpdateCapacityProviderCommand({ name: 'cp1', autoScalingGroupProvider: { managedScaling: { status: 'DISABLED' } } }));
    t.advance(5_000);
    const updating = await describeCluster('asg');
    expect(updating.attachmentsStatus).toBe('UPDATE_IN_PROGRESS');
    expect(attachmentsOf(updating)).toEqual([
      ['managed_draining', 'CREATED', 'cp1'],
      ['as_policy', 'DELETING', 'cp1'],
    ]);
    t.advance(5_000);
    expect(attachmentsOf(await describeCluster('asg'))).toEqual([['managed_draining', 'CREATED', 'cp1']]);
  });

  it('are attached when a cluster is created with them', async () => {
    const created = await t.ecs.send(new CreateClusterCommand({ clusterName: 'born-with-asg', capacityProviders: ['cp2'] }));
    expect(created.cluster!.attachmentsStatus).toBe('UPDATE_IN_PROGRESS');
    expect(attachmentsOf(created.cluster!)).toEqual([['managed_draining', 'PRECREATED', 'cp2']]);
  });
});

describe('placing tasks with an Auto Scaling group provider', () => {
  const refusal = (names: string, fromDefault: boolean) =>
    `Placing tasks with Auto Scaling group capacity providers (${names})${fromDefault ? ", from the cluster's default capacity provider strategy," : ''} is not supported by the ecsh sandbox: it has no Auto Scaling groups. Give launchType EC2 to place tasks on the cluster's container instances, or a FARGATE or FARGATE_SPOT strategy${fromDefault ? ' (or change the default with PutClusterCapacityProviders)' : ''}.`;

  beforeAll(async () => {
    await t.ecs.send(new PutClusterCapacityProvidersCommand({ cluster: 'asg', capacityProviders: ['cp1', 'cp2'], defaultCapacityProviderStrategy: [{ capacityProvider: 'cp1', weight: 1 }] }));
  });

  it('is refused alike by RunTask and CreateService, whether the strategy is asked for or the default', async () => {
    const calls = [
      [new RunTaskCommand({ cluster: 'asg', taskDefinition: 'web' }), true],
      [new CreateServiceCommand({ cluster: 'asg', serviceName: 'by-default', taskDefinition: 'web', desiredCount: 1 }), true],
      [new RunTaskCommand({ cluster: 'asg', taskDefinition: 'web', capacityProviderStrategy: [{ capacityProvider: 'cp2', weight: 1 }] }), false],
      [new CreateServiceCommand({ cluster: 'asg', serviceName: 'asked', taskDefinition: 'web', desiredCount: 1, capacityProviderStrategy: [{ capacityProvider: 'cp1' }, { capacityProvider: 'cp2', weight: 2 }] }), false],
    ] as const;
    for (const [call, fromDefault] of calls) {
      const error = await errorOf(t.ecs.send(call as RunTaskCommand));
      const names = 'capacityProviderStrategy' in call.input && call.input.capacityProviderStrategy ? call.input.capacityProviderStrategy.map((i) => i.capacityProvider).join(', ') : 'cp1';
      expect([error.name, error.message]).toEqual(['UnsupportedFeatureException', refusal(names, fromDefault)]);
    }
    expect((await t.ecs.send(new ListServicesCommand({ cluster: 'asg' }))).serviceArns).toEqual([]);
  });

  it('leaves the EC2 launch type to place on the cluster\'s instances, for tasks and services alike', async () => {
    const run = await t.ecs.send(new RunTaskCommand({ cluster: 'asg', taskDefinition: 'web', launchType: 'EC2' }));
    expect(run.failures).toEqual([]);
    expect(run.tasks![0]).toMatchObject({ launchType: 'EC2' });
    expect(run.tasks![0]!.capacityProviderName).toBeUndefined();
    const service = await t.ecs.send(new CreateServiceCommand({ cluster: 'asg', serviceName: 'ec2', taskDefinition: 'web', desiredCount: 1, launchType: 'EC2' }));
    expect(service.service).toMatchObject({ launchType: 'EC2', status: 'ACTIVE' });
  });
});
