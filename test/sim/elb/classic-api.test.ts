import {
  AddTagsCommand,
  ConfigureHealthCheckCommand,
  CreateLoadBalancerCommand,
  DeleteLoadBalancerCommand,
  DeregisterInstancesFromLoadBalancerCommand,
  DescribeInstanceHealthCommand,
  DescribeLoadBalancersCommand,
  DescribeTagsCommand,
  RegisterInstancesWithLoadBalancerCommand,
  RemoveTagsCommand,
} from '@aws-sdk/client-elastic-load-balancing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf } from '../../support/sandbox.js';
import { joinCluster, runInstances, SETTLE_MS } from '../ec2/fixtures.js';
import { defaultNetwork, startLbSandbox, type LbSandbox } from './fixtures.js';

let t: LbSandbox;

beforeAll(async () => {
  t = await startLbSandbox();
});
afterAll(() => t.close());

const HTTP_80 = { Protocol: 'HTTP', LoadBalancerPort: 80, InstanceProtocol: 'HTTP', InstancePort: 80 };

describe('classic load balancers', () => {
  it('creates one in Availability Zones of the default VPC and describes it as ELB does', async () => {
    const created = await t.elb.send(
      new CreateLoadBalancerCommand({ LoadBalancerName: 'classic', Listeners: [HTTP_80], AvailabilityZones: ['us-east-1a', 'us-east-1b'], Tags: [{ Key: 'demo', Value: 'php' }] }),
    );
    expect(created.DNSName).toMatch(/^classic-\d{10}\.us-east-1\.elb\.amazonaws\.com$/);
    const net = await defaultNetwork(t);
    const described = await t.elb.send(new DescribeLoadBalancersCommand({ LoadBalancerNames: ['classic'] }));
    const lb = described.LoadBalancerDescriptions![0]!;
    expect(lb).toMatchObject({
      LoadBalancerName: 'classic',
      DNSName: created.DNSName,
      CanonicalHostedZoneName: created.DNSName,
      CanonicalHostedZoneNameID: 'Z35SXDOTRQ7X7K',
      ListenerDescriptions: [{ Listener: HTTP_80, PolicyNames: [] }],
      AvailabilityZones: ['us-east-1a', 'us-east-1b'],
      Subnets: net.subnets.slice(0, 2),
      VPCId: net.vpcId,
      Instances: [],
      HealthCheck: { Target: 'TCP:80', Interval: 30, Timeout: 5, UnhealthyThreshold: 2, HealthyThreshold: 10 },
      SourceSecurityGroup: { OwnerAlias: '123456789012', GroupName: 'default' },
      Scheme: 'internet-facing',
    });
    expect(lb.CreatedTime).toBeInstanceOf(Date);
    const tags = await t.elb.send(new DescribeTagsCommand({ LoadBalancerNames: ['classic'] }));
    expect(tags.TagDescriptions).toEqual([{ LoadBalancerName: 'classic', Tags: [{ Key: 'demo', Value: 'php' }] }]);
  });

  it('configures its health check and refuses a bad one', async () => {
    const out = await t.elb.send(
      new ConfigureHealthCheckCommand({
        LoadBalancerName: 'classic',
        HealthCheck: { Target: 'HTTP:80/index.html', Interval: 10, Timeout: 5, UnhealthyThreshold: 2, HealthyThreshold: 2 },
      }),
    );
    expect(out.HealthCheck).toEqual({ Target: 'HTTP:80/index.html', Interval: 10, Timeout: 5, UnhealthyThreshold: 2, HealthyThreshold: 2 });
    const bad = await errorOf(
      t.elb.send(new ConfigureHealthCheckCommand({ LoadBalancerName: 'classic', HealthCheck: { Target: 'HTTP:80', Interval: 10, Timeout: 5, UnhealthyThreshold: 2, HealthyThreshold: 2 } })),
    );
    expect(bad.name).toBe('ValidationError');
    const slow = await errorOf(
      t.elb.send(new ConfigureHealthCheckCommand({ LoadBalancerName: 'classic', HealthCheck: { Target: 'TCP:80', Interval: 5, Timeout: 5, UnhealthyThreshold: 2, HealthyThreshold: 2 } })),
    );
    expect(slow.message).toBe('Interval must be greater than the timeout.');
  });

  it('registers instances OutOfService until they pass, and deregisters them', async () => {
    const instances = await runInstances(t, { MinCount: 2, MaxCount: 2, UserData: joinCluster('classic') });
    t.advance(SETTLE_MS);
    const ids = instances.map((i) => i.InstanceId!);
    const registered = await t.elb.send(new RegisterInstancesWithLoadBalancerCommand({ LoadBalancerName: 'classic', Instances: ids.map((InstanceId) => ({ InstanceId })) }));
    expect(registered.Instances).toEqual(ids.map((InstanceId) => ({ InstanceId })));
    const health = await t.elb.send(new DescribeInstanceHealthCommand({ LoadBalancerName: 'classic' }));
    expect(health.InstanceStates).toEqual(
      ids.map((InstanceId) => ({ InstanceId, State: 'OutOfService', ReasonCode: 'ELB', Description: 'Instance registration is still in progress.' })),
    );
    const left = await t.elb.send(new DeregisterInstancesFromLoadBalancerCommand({ LoadBalancerName: 'classic', Instances: [{ InstanceId: ids[0] }] }));
    expect(left.Instances).toEqual([{ InstanceId: ids[1] }]);
    const notRegistered = await errorOf(t.elb.send(new DescribeInstanceHealthCommand({ LoadBalancerName: 'classic', Instances: [{ InstanceId: ids[0] }] })));
    expect(notRegistered.name).toBe('InvalidEndPointException');
    const unknown = await errorOf(t.elb.send(new RegisterInstancesWithLoadBalancerCommand({ LoadBalancerName: 'classic', Instances: [{ InstanceId: 'i-0123456789abcdef0' }] })));
    expect(unknown.name).toBe('InvalidEndPointException');
  });

  it('answers unknown names, duplicates and tags as ELB does', async () => {
    const missing = await errorOf(t.elb.send(new DescribeLoadBalancersCommand({ LoadBalancerNames: ['nope'] })));
    expect(missing.name).toBe('AccessPointNotFoundException');
    expect(missing.message).toBe("There is no ACTIVE Load Balancer named 'nope'");
    const clash = await errorOf(
      t.elb.send(new CreateLoadBalancerCommand({ LoadBalancerName: 'classic', Listeners: [{ ...HTTP_80, LoadBalancerPort: 8080 }], AvailabilityZones: ['us-east-1a'] })),
    );
    expect(clash.name).toBe('DuplicateAccessPointNameException');
    const again = await t.elb.send(new CreateLoadBalancerCommand({ LoadBalancerName: 'classic', Listeners: [HTTP_80], AvailabilityZones: ['us-east-1a'] }));
    expect(again.DNSName).toMatch(/^classic-/);
    const noPlace = await errorOf(t.elb.send(new CreateLoadBalancerCommand({ LoadBalancerName: 'nowhere', Listeners: [HTTP_80] })));
    expect(noPlace.name).toBe('ValidationError');

    await t.elb.send(new AddTagsCommand({ LoadBalancerNames: ['classic'], Tags: [{ Key: 'stage', Value: 'test' }] }));
    await t.elb.send(new RemoveTagsCommand({ LoadBalancerNames: ['classic'], Tags: [{ Key: 'demo' }] }));
    const tags = await t.elb.send(new DescribeTagsCommand({ LoadBalancerNames: ['classic'] }));
    expect(tags.TagDescriptions![0]!.Tags).toEqual([{ Key: 'stage', Value: 'test' }]);

    await t.elb.send(new DeleteLoadBalancerCommand({ LoadBalancerName: 'classic' }));
    await t.elb.send(new DeleteLoadBalancerCommand({ LoadBalancerName: 'classic' }));
    expect((await errorOf(t.elb.send(new DescribeLoadBalancersCommand({ LoadBalancerNames: ['classic'] })))).name).toBe('AccessPointNotFoundException');
  });
});
