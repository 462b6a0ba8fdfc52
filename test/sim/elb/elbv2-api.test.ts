import {
  AddTagsCommand,
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateRuleCommand,
  CreateTargetGroupCommand,
  DeleteListenerCommand,
  DeleteLoadBalancerCommand,
  DeleteRuleCommand,
  DeleteTargetGroupCommand,
  DeregisterTargetsCommand,
  DescribeListenersCommand,
  DescribeLoadBalancersCommand,
  DescribeRulesCommand,
  DescribeTagsCommand,
  DescribeTargetGroupAttributesCommand,
  DescribeTargetGroupsCommand,
  DescribeTargetHealthCommand,
  ModifyTargetGroupAttributesCommand,
  ModifyTargetGroupCommand,
  RegisterTargetsCommand,
  RemoveTagsCommand,
  waitUntilLoadBalancerAvailable,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf } from '../../support/sandbox.js';
import { defaultNetwork, freePort, startLbSandbox, type LbSandbox } from './fixtures.js';

let t: LbSandbox;
let net: { vpcId: string; subnets: string[]; zones: string[] };

beforeAll(async () => {
  t = await startLbSandbox();
  net = await defaultNetwork(t);
});
afterAll(() => t.close());

async function createAlb(name: string, extra: Record<string, unknown> = {}) {
  const out = await t.elbv2.send(new CreateLoadBalancerCommand({ Name: name, Subnets: net.subnets.slice(0, 2), ...extra }));
  return out.LoadBalancers![0]!;
}

async function createTargetGroup(name: string, extra: Record<string, unknown> = {}) {
  const out = await t.elbv2.send(new CreateTargetGroupCommand({ Name: name, Protocol: 'HTTP', Port: 80, VpcId: net.vpcId, ...extra }));
  return out.TargetGroups![0]!;
}

describe('application load balancers', () => {
  it('creates one as AWS shows it, provisioning until it is active', async () => {
    const lb = await createAlb('web', { Tags: [{ Key: 'team', Value: 'blue' }] });
    expect(lb.LoadBalancerArn).toMatch(/^arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer\/app\/web\/[0-9a-f]{16}$/);
    expect(lb.DNSName).toMatch(/^web-\d{10}\.us-east-1\.elb\.amazonaws\.com$/);
    expect(lb).toMatchObject({
      LoadBalancerName: 'web',
      Scheme: 'internet-facing',
      Type: 'application',
      VpcId: net.vpcId,
      State: { Code: 'provisioning' },
      IpAddressType: 'ipv4',
      CanonicalHostedZoneId: 'Z35SXDOTRQ7X7K',
    });
    expect(lb.CreatedTime).toBeInstanceOf(Date);
    expect(lb.AvailabilityZones!.map((az) => az.ZoneName)).toEqual(net.zones.slice(0, 2));
    expect(lb.SecurityGroups).toHaveLength(1);

    t.advance(120_000);
    const described = await t.elbv2.send(new DescribeLoadBalancersCommand({ Names: ['web'] }));
    expect(described.LoadBalancers![0]!.State).toEqual({ Code: 'active' });
    await waitUntilLoadBalancerAvailable({ client: t.elbv2, maxWaitTime: 30 }, { Names: ['web'] });
    const tags = await t.elbv2.send(new DescribeTagsCommand({ ResourceArns: [lb.LoadBalancerArn!] }));
    expect(tags.TagDescriptions).toEqual([{ ResourceArn: lb.LoadBalancerArn, Tags: [{ Key: 'team', Value: 'blue' }] }]);
  });

  it('names internal ones internal-, is idempotent for the same settings and refuses a clash', async () => {
    const lb = await createAlb('private', { Scheme: 'internal' });
    expect(lb.DNSName).toMatch(/^internal-private-\d{10}\.us-east-1\.elb\.amazonaws\.com$/);
    const again = await createAlb('private', { Scheme: 'internal' });
    expect(again.LoadBalancerArn).toBe(lb.LoadBalancerArn);
    const clash = await errorOf(createAlb('private'));
    expect(clash.name).toBe('DuplicateLoadBalancerNameException');
  });

  it('refuses bad input with ELB errors', async () => {
    expect((await errorOf(t.elbv2.send(new CreateLoadBalancerCommand({ Name: 'one-zone', Subnets: [net.subnets[0]!] })))).message).toBe(
      'At least two subnets in two different Availability Zones must be specified',
    );
    expect((await errorOf(t.elbv2.send(new CreateLoadBalancerCommand({ Name: 'x', Subnets: ['subnet-0000000000000dead', net.subnets[0]!] })))).name).toBe(
      'SubnetNotFoundException',
    );
    expect((await errorOf(createAlb('-bad'))).name).toBe('ValidationError');
    expect((await errorOf(createAlb('internal-web'))).message).toContain("cannot begin with 'internal-'");
    const missing = await errorOf(t.elbv2.send(new DescribeLoadBalancersCommand({ Names: ['nope'] })));
    expect(missing.name).toBe('LoadBalancerNotFoundException');
    expect(missing.message).toBe('One or more load balancers not found');
  });

  it('pages DescribeLoadBalancers with markers and deletes idempotently', async () => {
    await createAlb('page-a');
    await createAlb('page-b');
    const first = await t.elbv2.send(new DescribeLoadBalancersCommand({ PageSize: 1 }));
    expect(first.LoadBalancers).toHaveLength(1);
    expect(first.NextMarker).toBeDefined();
    const rest = await t.elbv2.send(new DescribeLoadBalancersCommand({ Marker: first.NextMarker }));
    expect(rest.NextMarker).toBeUndefined();
    const lb = await createAlb('doomed');
    await t.elbv2.send(new DeleteLoadBalancerCommand({ LoadBalancerArn: lb.LoadBalancerArn }));
    await t.elbv2.send(new DeleteLoadBalancerCommand({ LoadBalancerArn: lb.LoadBalancerArn }));
    const gone = await errorOf(t.elbv2.send(new DescribeLoadBalancersCommand({ LoadBalancerArns: [lb.LoadBalancerArn!] })));
    expect(gone.name).toBe('LoadBalancerNotFoundException');
  });
});

describe('target groups', () => {
  it('creates one with the health check defaults, modifies it and its attributes', async () => {
    const tg = await createTargetGroup('web-targets');
    expect(tg.TargetGroupArn).toMatch(/^arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup\/web-targets\/[0-9a-f]{16}$/);
    expect(tg).toMatchObject({
      Protocol: 'HTTP',
      Port: 80,
      VpcId: net.vpcId,
      HealthCheckProtocol: 'HTTP',
      HealthCheckPort: 'traffic-port',
      HealthCheckEnabled: true,
      HealthCheckPath: '/',
      HealthCheckIntervalSeconds: 30,
      HealthCheckTimeoutSeconds: 5,
      HealthyThresholdCount: 5,
      UnhealthyThresholdCount: 2,
      Matcher: { HttpCode: '200' },
      TargetType: 'instance',
      LoadBalancerArns: [],
    });
    const modified = await t.elbv2.send(
      new ModifyTargetGroupCommand({ TargetGroupArn: tg.TargetGroupArn, HealthCheckPath: '/health', HealthCheckIntervalSeconds: 10, Matcher: { HttpCode: '200-299' } }),
    );
    expect(modified.TargetGroups![0]).toMatchObject({ HealthCheckPath: '/health', HealthCheckIntervalSeconds: 10, Matcher: { HttpCode: '200-299' } });
    const attributes = await t.elbv2.send(
      new ModifyTargetGroupAttributesCommand({ TargetGroupArn: tg.TargetGroupArn, Attributes: [{ Key: 'deregistration_delay.timeout_seconds', Value: '30' }] }),
    );
    expect(attributes.Attributes).toContainEqual({ Key: 'deregistration_delay.timeout_seconds', Value: '30' });
    const described = await t.elbv2.send(new DescribeTargetGroupAttributesCommand({ TargetGroupArn: tg.TargetGroupArn }));
    expect(described.Attributes).toContainEqual({ Key: 'load_balancing.algorithm.type', Value: 'round_robin' });
  });

  it('refuses bad settings, duplicates and unknown groups', async () => {
    await createTargetGroup('dup');
    expect((await errorOf(createTargetGroup('dup', { Port: 8080 }))).name).toBe('DuplicateTargetGroupNameException');
    const slow = await errorOf(createTargetGroup('slow', { HealthCheckIntervalSeconds: 10, HealthCheckTimeoutSeconds: 10 }));
    expect(slow.message).toBe("Health check timeout '10' must be smaller than the interval '10'");
    expect((await errorOf(createTargetGroup('codes', { Matcher: { HttpCode: '600' } }))).name).toBe('ValidationError');
    const missing = await errorOf(t.elbv2.send(new DescribeTargetGroupsCommand({ Names: ['nope'] })));
    expect(missing.name).toBe('TargetGroupNotFoundException');
    const arn = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/nope/0123456789abcdef';
    expect((await errorOf(t.elbv2.send(new DescribeTargetHealthCommand({ TargetGroupArn: arn })))).name).toBe('TargetGroupNotFoundException');
  });
});

describe('listeners and rules', () => {
  it('forwards by default, adds path and host rules in priority order, and keeps the default rule', async () => {
    const lb = await createAlb('routed');
    const api = await createTargetGroup('api');
    const site = await createTargetGroup('site');
    const port = await freePort();
    const created = await t.elbv2.send(
      new CreateListenerCommand({ LoadBalancerArn: lb.LoadBalancerArn, Protocol: 'HTTP', Port: port, DefaultActions: [{ Type: 'forward', TargetGroupArn: site.TargetGroupArn }] }),
    );
    const listener = created.Listeners![0]!;
    expect(listener.ListenerArn).toBe(`${lb.LoadBalancerArn!.replace(':loadbalancer/', ':listener/')}/${listener.ListenerArn!.split('/').pop()}`);
    expect(listener.DefaultActions).toEqual([
      { Type: 'forward', TargetGroupArn: site.TargetGroupArn, Order: 1, ForwardConfig: { TargetGroups: [{ TargetGroupArn: site.TargetGroupArn, Weight: 1 }] } },
    ]);
    await t.elbv2.send(
      new CreateRuleCommand({
        ListenerArn: listener.ListenerArn,
        Priority: 20,
        Conditions: [{ Field: 'host-header', HostHeaderConfig: { Values: ['api.example.com'] } }],
        Actions: [{ Type: 'forward', TargetGroupArn: api.TargetGroupArn }],
      }),
    );
    const pathRule = await t.elbv2.send(
      new CreateRuleCommand({
        ListenerArn: listener.ListenerArn,
        Priority: 10,
        Conditions: [{ Field: 'path-pattern', Values: ['/api/*'] }],
        Actions: [{ Type: 'forward', TargetGroupArn: api.TargetGroupArn }],
      }),
    );
    expect(pathRule.Rules![0]!.RuleArn).toContain(':listener-rule/app/routed/');
    const rules = await t.elbv2.send(new DescribeRulesCommand({ ListenerArn: listener.ListenerArn }));
    expect(rules.Rules!.map((r) => r.Priority)).toEqual(['10', '20', 'default']);
    expect(rules.Rules![0]!.Conditions).toEqual([{ Field: 'path-pattern', Values: ['/api/*'], PathPatternConfig: { Values: ['/api/*'] } }]);
    expect(rules.Rules![2]!.IsDefault).toBe(true);

    const groups = await t.elbv2.send(new DescribeTargetGroupsCommand({ LoadBalancerArn: lb.LoadBalancerArn }));
    expect(groups.TargetGroups!.map((g) => g.TargetGroupName).sort()).toEqual(['api', 'site']);
    expect(groups.TargetGroups![0]!.LoadBalancerArns).toEqual([lb.LoadBalancerArn]);
    const inUse = await errorOf(t.elbv2.send(new DeleteTargetGroupCommand({ TargetGroupArn: api.TargetGroupArn })));
    expect(inUse.name).toBe('ResourceInUseException');

    const priorityTaken = await errorOf(
      t.elbv2.send(
        new CreateRuleCommand({ ListenerArn: listener.ListenerArn, Priority: 10, Conditions: [{ Field: 'path-pattern', Values: ['/x'] }], Actions: [{ Type: 'forward', TargetGroupArn: api.TargetGroupArn }] }),
      ),
    );
    expect(priorityTaken.name).toBe('PriorityInUseException');
    const defaultRule = await errorOf(t.elbv2.send(new DeleteRuleCommand({ RuleArn: rules.Rules![2]!.RuleArn })));
    expect(defaultRule.name).toBe('OperationNotPermittedException');
    await t.elbv2.send(new DeleteRuleCommand({ RuleArn: pathRule.Rules![0]!.RuleArn }));
    const ruleGone = await errorOf(t.elbv2.send(new DescribeRulesCommand({ RuleArns: [pathRule.Rules![0]!.RuleArn!] })));
    expect(ruleGone.name).toBe('RuleNotFoundException');

    const duplicate = await errorOf(
      t.elbv2.send(new CreateListenerCommand({ LoadBalancerArn: lb.LoadBalancerArn, Protocol: 'HTTP', Port: port, DefaultActions: [{ Type: 'forward', TargetGroupArn: api.TargetGroupArn }] })),
    );
    expect(duplicate.name).toBe('DuplicateListenerException');
    const listed = await t.elbv2.send(new DescribeListenersCommand({ LoadBalancerArn: lb.LoadBalancerArn }));
    expect(listed.Listeners!.map((l) => l.Port)).toEqual([port]);
    await t.elbv2.send(new DeleteListenerCommand({ ListenerArn: listener.ListenerArn }));
    const listenerGone = await errorOf(t.elbv2.send(new DescribeListenersCommand({ ListenerArns: [listener.ListenerArn!] })));
    expect(listenerGone.name).toBe('ListenerNotFoundException');
    expect((await errorOf(t.elbv2.send(new DeleteListenerCommand({ ListenerArn: listener.ListenerArn })))).name).toBe('ListenerNotFoundException');
  });

  it('answers fixed responses and refuses a target group that serves another load balancer', async () => {
    const lb = await createAlb('fixed');
    const other = await createAlb('other');
    const tg = await createTargetGroup('shared');
    const fixed = await t.elbv2.send(
      new CreateListenerCommand({
        LoadBalancerArn: lb.LoadBalancerArn,
        Port: await freePort(),
        Protocol: 'HTTP',
        DefaultActions: [{ Type: 'fixed-response', FixedResponseConfig: { StatusCode: '404', ContentType: 'text/plain', MessageBody: 'nothing here' } }],
      }),
    );
    expect(fixed.Listeners![0]!.DefaultActions![0]!.FixedResponseConfig).toEqual({ StatusCode: '404', ContentType: 'text/plain', MessageBody: 'nothing here' });
    await t.elbv2.send(new CreateListenerCommand({ LoadBalancerArn: lb.LoadBalancerArn, Port: await freePort(), Protocol: 'HTTP', DefaultActions: [{ Type: 'forward', TargetGroupArn: tg.TargetGroupArn }] }));
    const limit = await errorOf(
      t.elbv2.send(new CreateListenerCommand({ LoadBalancerArn: other.LoadBalancerArn, Port: await freePort(), Protocol: 'HTTP', DefaultActions: [{ Type: 'forward', TargetGroupArn: tg.TargetGroupArn }] })),
    );
    expect(limit.name).toBe('TargetGroupAssociationLimitException');
    const unknown = await errorOf(
      t.elbv2.send(
        new CreateListenerCommand({
          LoadBalancerArn: other.LoadBalancerArn,
          Port: await freePort(),
          Protocol: 'HTTP',
          DefaultActions: [{ Type: 'forward', TargetGroupArn: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/nope/0123456789abcdef' }],
        }),
      ),
    );
    expect(unknown.name).toBe('TargetGroupNotFoundException');
  });
});

describe('targets', () => {
  it('registers IP targets, shows them unused until a listener forwards to them, and drains on deregistration', async () => {
    const tg = await createTargetGroup('ips', { TargetType: 'ip' });
    await t.elbv2.send(new RegisterTargetsCommand({ TargetGroupArn: tg.TargetGroupArn, Targets: [{ Id: '172.31.1.10', Port: 8080 }, { Id: '172.31.1.11' }] }));
    const health = await t.elbv2.send(new DescribeTargetHealthCommand({ TargetGroupArn: tg.TargetGroupArn }));
    expect(health.TargetHealthDescriptions).toEqual([
      {
        Target: { Id: '172.31.1.10', Port: 8080 },
        HealthCheckPort: '8080',
        TargetHealth: { State: 'unused', Reason: 'Target.NotInUse', Description: 'Target group is not configured to receive traffic from the load balancer' },
      },
      {
        Target: { Id: '172.31.1.11', Port: 80 },
        HealthCheckPort: '80',
        TargetHealth: { State: 'unused', Reason: 'Target.NotInUse', Description: 'Target group is not configured to receive traffic from the load balancer' },
      },
    ]);
    const notRegistered = await t.elbv2.send(new DescribeTargetHealthCommand({ TargetGroupArn: tg.TargetGroupArn, Targets: [{ Id: '172.31.1.99', Port: 80 }] }));
    expect(notRegistered.TargetHealthDescriptions![0]!.TargetHealth).toEqual({
      State: 'unused',
      Reason: 'Target.NotRegistered',
      Description: 'Target is not registered to the target group',
    });

    const lb = await createAlb('drains');
    await t.elbv2.send(new CreateListenerCommand({ LoadBalancerArn: lb.LoadBalancerArn, Port: await freePort(), Protocol: 'HTTP', DefaultActions: [{ Type: 'forward', TargetGroupArn: tg.TargetGroupArn }] }));
    t.advance(120_000);
    await t.elbv2.send(new DeregisterTargetsCommand({ TargetGroupArn: tg.TargetGroupArn, Targets: [{ Id: '172.31.1.10', Port: 8080 }] }));
    const draining = await t.elbv2.send(new DescribeTargetHealthCommand({ TargetGroupArn: tg.TargetGroupArn, Targets: [{ Id: '172.31.1.10', Port: 8080 }] }));
    expect(draining.TargetHealthDescriptions![0]!.TargetHealth).toEqual({
      State: 'draining',
      Reason: 'Target.DeregistrationInProgress',
      Description: 'Target deregistration is in progress',
    });
    t.advance(300_000);
    const after = await t.elbv2.send(new DescribeTargetHealthCommand({ TargetGroupArn: tg.TargetGroupArn }));
    expect(after.TargetHealthDescriptions!.map((d) => d.Target!.Id)).toEqual(['172.31.1.11']);
  });

  it('refuses targets that are not there', async () => {
    const tg = await createTargetGroup('instances');
    const bad = await errorOf(t.elbv2.send(new RegisterTargetsCommand({ TargetGroupArn: tg.TargetGroupArn, Targets: [{ Id: 'i-0123456789abcdef0' }] })));
    expect(bad.name).toBe('InvalidTargetException');
    const notThere = await errorOf(t.elbv2.send(new DeregisterTargetsCommand({ TargetGroupArn: tg.TargetGroupArn, Targets: [{ Id: 'i-0123456789abcdef0' }] })));
    expect(notThere.name).toBe('InvalidTargetException');
  });
});

describe('tags', () => {
  it('adds, lists and removes tags on target groups and listeners', async () => {
    const tg = await createTargetGroup('tagged', { Tags: [{ Key: 'a', Value: '1' }] });
    await t.elbv2.send(new AddTagsCommand({ ResourceArns: [tg.TargetGroupArn!], Tags: [{ Key: 'b', Value: '2' }, { Key: 'a', Value: '3' }] }));
    let described = await t.elbv2.send(new DescribeTagsCommand({ ResourceArns: [tg.TargetGroupArn!] }));
    expect(described.TagDescriptions![0]!.Tags).toEqual([{ Key: 'a', Value: '3' }, { Key: 'b', Value: '2' }]);
    await t.elbv2.send(new RemoveTagsCommand({ ResourceArns: [tg.TargetGroupArn!], TagKeys: ['a'] }));
    described = await t.elbv2.send(new DescribeTagsCommand({ ResourceArns: [tg.TargetGroupArn!] }));
    expect(described.TagDescriptions![0]!.Tags).toEqual([{ Key: 'b', Value: '2' }]);
    const duplicate = await errorOf(t.elbv2.send(new AddTagsCommand({ ResourceArns: [tg.TargetGroupArn!], Tags: [{ Key: 'c', Value: '1' }, { Key: 'c', Value: '2' }] })));
    expect(duplicate.name).toBe('DuplicateTagKeysException');
    const listener = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/x/0123456789abcdef/0123456789abcdef';
    expect((await errorOf(t.elbv2.send(new DescribeTagsCommand({ ResourceArns: [listener] })))).name).toBe('ListenerNotFoundException');
  });
});
