import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsCli, hasAwsCli } from '../../support/aws-cli.js';
import { startTestSandbox, type TestSandbox } from '../../support/sandbox.js';
import { freePort } from './fixtures.js';

/**
 * Both load balancing APIs through the AWS CLI (botocore's own parser of ELB's XML and its
 * waiters), against the sandbox's endpoint. Skipped where the CLI is not installed.
 */
let t: TestSandbox;
const { aws, json, home } = awsCli(() => t.running.url);

describe.skipIf(!hasAwsCli)('load balancers through the AWS CLI', { timeout: 120_000 }, () => {
  beforeAll(async () => {
    t = await startTestSandbox();
  });
  afterAll(async () => {
    await t.close();
    rmSync(home, { recursive: true, force: true });
  });

  it('builds an application load balancer, a target group and a listener, and waits for it', async () => {
    const subnets = await json('ec2', 'describe-subnets', '--filters', 'Name=default-for-az,Values=true', '--query', 'Subnets[].[SubnetId,VpcId]');
    const created = await json('elbv2', 'create-load-balancer', '--name', 'cli-alb', '--subnets', subnets[0][0], subnets[1][0], '--tags', 'Key=demo,Value=cli');
    const lb = created.LoadBalancers[0];
    expect(lb.State).toEqual({ Code: 'provisioning' });
    expect(lb.DNSName).toMatch(/^cli-alb-\d+\.us-east-1\.elb\.amazonaws\.com$/);
    t.advance(120_000);
    expect((await aws('elbv2', 'wait', 'load-balancer-available', '--load-balancer-arns', lb.LoadBalancerArn)).code).toBe(0);

    const tg = (
      await json('elbv2', 'create-target-group', '--name', 'cli-tg', '--protocol', 'HTTP', '--port', '80', '--vpc-id', subnets[0][1], '--health-check-path', '/health')
    ).TargetGroups[0];
    expect(tg).toMatchObject({ TargetGroupName: 'cli-tg', Port: 80, HealthCheckPath: '/health', HealthCheckEnabled: true, Matcher: { HttpCode: '200' } });
    const port = String(await freePort());
    const listener = (
      await json('elbv2', 'create-listener', '--load-balancer-arn', lb.LoadBalancerArn, '--protocol', 'HTTP', '--port', port, '--default-actions', `Type=forward,TargetGroupArn=${tg.TargetGroupArn}`)
    ).Listeners[0];
    expect(listener.Port).toBe(Number(port));
    const rule = await json(
      'elbv2', 'create-rule', '--listener-arn', listener.ListenerArn, '--priority', '5',
      '--conditions', 'Field=path-pattern,Values=/api/*', '--actions', `Type=forward,TargetGroupArn=${tg.TargetGroupArn}`,
    );
    expect(rule.Rules[0].Priority).toBe('5');
    const rules = await json('elbv2', 'describe-rules', '--listener-arn', listener.ListenerArn, '--query', 'Rules[].Priority');
    expect(rules).toEqual(['5', 'default']);
    const groups = await json('elbv2', 'describe-target-groups', '--load-balancer-arn', lb.LoadBalancerArn, '--query', 'TargetGroups[].TargetGroupName');
    expect(groups).toEqual(['cli-tg']);
    const health = await json('elbv2', 'describe-target-health', '--target-group-arn', tg.TargetGroupArn);
    expect(health.TargetHealthDescriptions).toEqual([]);
    const tags = await json('elbv2', 'describe-tags', '--resource-arns', lb.LoadBalancerArn);
    expect(tags.TagDescriptions[0].Tags).toEqual([{ Key: 'demo', Value: 'cli' }]);
  });

  it('answers ELBv2 errors with their codes', async () => {
    const missing = await aws('elbv2', 'describe-load-balancers', '--names', 'nope');
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('(LoadBalancerNotFound) when calling the DescribeLoadBalancers operation: One or more load balancers not found');
    const tg = await aws('elbv2', 'describe-target-groups', '--names', 'nope');
    expect(tg.stderr).toContain('(TargetGroupNotFound)');
  });

  it('builds a classic load balancer, configures its health check and describes it', async () => {
    const created = await json(
      'elb', 'create-load-balancer', '--load-balancer-name', 'cli-classic',
      '--listeners', `Protocol=HTTP,LoadBalancerPort=${await freePort()},InstanceProtocol=HTTP,InstancePort=80`,
      '--availability-zones', 'us-east-1a', 'us-east-1b',
    );
    expect(created.DNSName).toMatch(/^cli-classic-\d+\.us-east-1\.elb\.amazonaws\.com$/);
    const hc = await json('elb', 'configure-health-check', '--load-balancer-name', 'cli-classic', '--health-check', 'Target=HTTP:80/index.html,Interval=10,Timeout=5,UnhealthyThreshold=2,HealthyThreshold=3');
    expect(hc.HealthCheck).toEqual({ Target: 'HTTP:80/index.html', Interval: 10, Timeout: 5, UnhealthyThreshold: 2, HealthyThreshold: 3 });
    const described = await json('elb', 'describe-load-balancers', '--load-balancer-names', 'cli-classic');
    expect(described.LoadBalancerDescriptions[0]).toMatchObject({ LoadBalancerName: 'cli-classic', Scheme: 'internet-facing', AvailabilityZones: ['us-east-1a', 'us-east-1b'], Instances: [] });
    const missing = await aws('elb', 'describe-load-balancers', '--load-balancer-names', 'nope');
    expect(missing.stderr).toContain("(LoadBalancerNotFound) when calling the DescribeLoadBalancers operation: There is no ACTIVE Load Balancer named 'nope'");
  });
});
