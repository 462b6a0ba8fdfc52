import {
  CreateCapacityProviderCommand,
  CreateClusterCommand,
  DeleteCapacityProviderCommand,
  DescribeCapacityProvidersCommand,
  PutClusterCapacityProvidersCommand,
  UpdateCapacityProviderCommand,
} from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, startTestSandbox, type TestSandbox } from '../support/sandbox.js';

let t: TestSandbox;
beforeAll(async () => {
  t = await startTestSandbox();
});
afterAll(() => t.close());

const asg = (name: string) => `arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:0f1e2d3c-aaaa-bbbb-cccc-${name}:autoScalingGroupName/${name}`;
const FARGATE = { capacityProviderArn: 'arn:aws:ecs:us-east-1:123456789012:capacity-provider/FARGATE', name: 'FARGATE', status: 'ACTIVE', tags: [], type: 'FARGATE' };
const FARGATE_SPOT = {
  capacityProviderArn: 'arn:aws:ecs:us-east-1:123456789012:capacity-provider/FARGATE_SPOT',
  name: 'FARGATE_SPOT',
  status: 'ACTIVE',
  tags: [],
  type: 'FARGATE_SPOT',
};

async function describeOne(name: string) {
  return (await t.ecs.send(new DescribeCapacityProvidersCommand({ capacityProviders: [name] }))).capacityProviders![0]!;
}

describe('FARGATE and FARGATE_SPOT', () => {
  it('are always there, before any provider is created', async () => {
    const out = await t.ecs.send(new DescribeCapacityProvidersCommand({}));
    expect(out.capacityProviders).toEqual([FARGATE, FARGATE_SPOT]);
    expect(out.failures).toEqual([]);
  });

  it('can be neither updated nor deleted', async () => {
    const update = await errorOf(t.ecs.send(new UpdateCapacityProviderCommand({ name: 'FARGATE', autoScalingGroupProvider: {} })));
    expect(update.name).toBe('InvalidParameterException');
    const del = await errorOf(t.ecs.send(new DeleteCapacityProviderCommand({ capacityProvider: 'FARGATE_SPOT' })));
    expect(del.name).toBe('InvalidParameterException');
  });
});

describe('CreateCapacityProvider', () => {
  it('fills in ECS defaults, and lists the provider before the Fargate ones', async () => {
    const out = await t.ecs.send(
      new CreateCapacityProviderCommand({
        name: 'web-asg',
        autoScalingGroupProvider: { autoScalingGroupArn: asg('web'), managedScaling: { status: 'ENABLED', targetCapacity: 90 } },
        tags: [{ key: 'team', value: 'web' }],
      }),
    );
    expect(out.capacityProvider).toEqual({
      capacityProviderArn: 'arn:aws:ecs:us-east-1:123456789012:capacity-provider/web-asg',
      name: 'web-asg',
      status: 'ACTIVE',
      autoScalingGroupProvider: {
        autoScalingGroupArn: asg('web'),
        managedScaling: { status: 'ENABLED', targetCapacity: 90, minimumScalingStepSize: 1, maximumScalingStepSize: 10000, instanceWarmupPeriod: 300 },
        managedTerminationProtection: 'DISABLED',
        managedDraining: 'ENABLED',
      },
      tags: [{ key: 'team', value: 'web' }],
      type: 'EC2_AUTOSCALING',
    });
    const all = await t.ecs.send(new DescribeCapacityProvidersCommand({}));
    expect(all.capacityProviders?.map((p) => p.name)).toEqual(['web-asg', 'FARGATE', 'FARGATE_SPOT']);
    expect(all.capacityProviders?.[0]?.tags).toEqual([]);
    const withTags = await t.ecs.send(new DescribeCapacityProvidersCommand({ capacityProviders: ['web-asg'], include: ['TAGS'] }));
    expect(withTags.capacityProviders?.[0]?.tags).toEqual([{ key: 'team', value: 'web' }]);
  });

  it('refuses a second provider of the same name or Auto Scaling group', async () => {
    const name = await errorOf(t.ecs.send(new CreateCapacityProviderCommand({ name: 'web-asg', autoScalingGroupProvider: { autoScalingGroupArn: asg('other') } })));
    expect(name.name).toBe('ClientException');
    expect(name.message).toMatch(/^The specified capacity provider already exists/);
    const group = await errorOf(t.ecs.send(new CreateCapacityProviderCommand({ name: 'web-2', autoScalingGroupProvider: { autoScalingGroupArn: asg('web') } })));
    expect(group.name).toBe('ClientException');
    expect(group.message).toMatch(/Auto Scaling group ARN is already being used by another capacity provider/);
  });

  it('refuses reserved prefixes, bad names and out-of-range settings', async () => {
    for (const name of ['ecs-spare', 'AWSpool', 'fargate2', 'bad name']) {
      const error = await errorOf(t.ecs.send(new CreateCapacityProviderCommand({ name, autoScalingGroupProvider: { autoScalingGroupArn: asg(name) } })));
      expect(error.name).toBe('InvalidParameterException');
    }
    const target = await errorOf(
      t.ecs.send(
        new CreateCapacityProviderCommand({ name: 'p1', autoScalingGroupProvider: { autoScalingGroupArn: asg('p1'), managedScaling: { targetCapacity: 0 } } }),
      ),
    );
    expect(target.name).toBe('InvalidParameterException');
    const noGroup = await errorOf(t.ecs.send(new CreateCapacityProviderCommand({ name: 'p2' })));
    expect(noGroup.name).toBe('InvalidParameterException');
    const notAsg = await errorOf(
      t.ecs.send(new CreateCapacityProviderCommand({ name: 'p3', autoScalingGroupProvider: { autoScalingGroupArn: 'arn:aws:ec2:us-east-1:123456789012:instance/i-1' } })),
    );
    expect(notAsg.name).toBe('InvalidParameterException');
  });

  it('answers that Managed Instances providers are not supported', async () => {
    const error = await errorOf(
      t.ecs.send(new CreateCapacityProviderCommand({ name: 'mi', cluster: 'default', managedInstancesProvider: { infrastructureRoleArn: 'arn:aws:iam::123456789012:role/x' } as never })),
    );
    expect(error.name).toBe('UnsupportedFeatureException');
  });
});

describe('DescribeCapacityProviders', () => {
  it('reports unknown names as failures and pages with maxResults', async () => {
    const out = await t.ecs.send(new DescribeCapacityProvidersCommand({ capacityProviders: ['web-asg', 'ghost', 'FARGATE'] }));
    expect(out.capacityProviders?.map((p) => p.name)).toEqual(['web-asg', 'FARGATE']);
    expect(out.failures).toEqual([{ arn: 'arn:aws:ecs:us-east-1:123456789012:capacity-provider/ghost', reason: 'MISSING' }]);
    const page = await t.ecs.send(new DescribeCapacityProvidersCommand({ maxResults: 2 }));
    expect(page.capacityProviders).toHaveLength(2);
    const rest = await t.ecs.send(new DescribeCapacityProvidersCommand({ maxResults: 2, nextToken: page.nextToken }));
    expect(rest.capacityProviders?.map((p) => p.name)).toEqual(['FARGATE_SPOT']);
    const tooBig = await errorOf(t.ecs.send(new DescribeCapacityProvidersCommand({ maxResults: 11 })));
    expect(tooBig.name).toBe('InvalidParameterException');
  });

  it("shows one cluster's providers when asked for a cluster", async () => {
    await t.ecs.send(new CreateClusterCommand({ clusterName: 'fargate-only', capacityProviders: ['FARGATE'] }));
    const out = await t.ecs.send(new DescribeCapacityProvidersCommand({ cluster: 'fargate-only' }));
    expect(out.capacityProviders?.map((p) => p.name)).toEqual(['FARGATE']);
    expect((await errorOf(t.ecs.send(new DescribeCapacityProvidersCommand({ cluster: 'nowhere' })))).name).toBe('ClusterNotFoundException');
  });
});

describe('UpdateCapacityProvider', () => {
  it('answers with the configuration in force, and applies the new one when the update completes', async () => {
    const out = await t.ecs.send(
      new UpdateCapacityProviderCommand({
        name: 'web-asg',
        autoScalingGroupProvider: { managedScaling: { status: 'DISABLED', targetCapacity: 50 }, managedDraining: 'DISABLED' },
      }),
    );
    expect(out.capacityProvider?.updateStatus).toBe('UPDATE_IN_PROGRESS');
    expect(out.capacityProvider?.autoScalingGroupProvider?.managedScaling?.targetCapacity).toBe(90);
    t.advance(5_000);
    const done = await describeOne('web-asg');
    expect(done.updateStatus).toBe('UPDATE_COMPLETE');
    expect(done.autoScalingGroupProvider).toEqual({
      autoScalingGroupArn: asg('web'),
      managedScaling: { status: 'DISABLED', targetCapacity: 50, minimumScalingStepSize: 1, maximumScalingStepSize: 10000, instanceWarmupPeriod: 300 },
      managedTerminationProtection: 'DISABLED',
      managedDraining: 'DISABLED',
    });
  });

  it('refuses an unknown provider and bad values', async () => {
    expect((await errorOf(t.ecs.send(new UpdateCapacityProviderCommand({ name: 'ghost', autoScalingGroupProvider: {} })))).name).toBe(
      'InvalidParameterException',
    );
    const bad = await errorOf(
      t.ecs.send(new UpdateCapacityProviderCommand({ name: 'web-asg', autoScalingGroupProvider: { managedDraining: 'SOMETIMES' as never } })),
    );
    expect(bad.name).toBe('InvalidParameterException');
  });
});

describe('DeleteCapacityProvider', () => {
  it('fails (DELETE_FAILED) while a cluster uses the provider, and completes once it does not', async () => {
    await t.ecs.send(new CreateCapacityProviderCommand({ name: 'batch', autoScalingGroupProvider: { autoScalingGroupArn: asg('batch') } }));
    await t.ecs.send(new CreateClusterCommand({ clusterName: 'batch' }));
    await t.ecs.send(new PutClusterCapacityProvidersCommand({ cluster: 'batch', capacityProviders: ['batch'], defaultCapacityProviderStrategy: [] }));

    const refused = await t.ecs.send(new DeleteCapacityProviderCommand({ capacityProvider: 'batch' }));
    expect(refused.capacityProvider?.status).toBe('ACTIVE');
    expect(refused.capacityProvider?.updateStatus).toBe('DELETE_FAILED');
    expect(refused.capacityProvider?.updateStatusReason).toBe(
      'The capacity provider cannot be deleted because it is associated with cluster: batch. Remove the capacity provider from the cluster and try again.',
    );
    t.advance(60_000);
    expect((await describeOne('batch')).status).toBe('ACTIVE');

    await t.ecs.send(new PutClusterCapacityProvidersCommand({ cluster: 'batch', capacityProviders: [], defaultCapacityProviderStrategy: [] }));
    const arn = 'arn:aws:ecs:us-east-1:123456789012:capacity-provider/batch';
    const accepted = await t.ecs.send(new DeleteCapacityProviderCommand({ capacityProvider: arn }));
    expect(accepted.capacityProvider).toMatchObject({ status: 'ACTIVE', updateStatus: 'DELETE_IN_PROGRESS' });
    t.advance(15_000);
    expect(await describeOne('batch')).toMatchObject({ status: 'INACTIVE', updateStatus: 'DELETE_COMPLETE' });
    const all = await t.ecs.send(new DescribeCapacityProvidersCommand({}));
    expect(all.capacityProviders?.map((p) => p.name)).not.toContain('batch');

    const again = await errorOf(t.ecs.send(new DeleteCapacityProviderCommand({ capacityProvider: 'batch' })));
    expect(again.name).toBe('InvalidParameterException');
    const recreated = await t.ecs.send(new CreateCapacityProviderCommand({ name: 'batch', autoScalingGroupProvider: { autoScalingGroupArn: asg('batch') } }));
    expect(recreated.capacityProvider?.status).toBe('ACTIVE');
  });
});
