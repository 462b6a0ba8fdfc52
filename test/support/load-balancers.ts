import { DescribeSubnetsCommand } from '@aws-sdk/client-ec2';
import {
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateTargetGroupCommand,
  ElasticLoadBalancingV2Client,
  ModifyTargetGroupAttributesCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { createServer } from 'node:net';
import { TEST_CREDENTIALS, type TestSandbox } from './sandbox.js';

/** A TCP port free on loopback right now: listener ports in tests are never fixed well-known ones. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * A target group that an application load balancer's listener forwards to, as CreateService
 * requires of a service's target group; made through the ELBv2 API in the default VPC.
 */
export async function targetGroupBehindAlb(
  t: TestSandbox,
  name: string,
  options: { deregistrationDelaySeconds?: number; region?: string } = {},
): Promise<string> {
  const region = options.region ?? 'us-east-1';
  const elbv2 = new ElasticLoadBalancingV2Client({ endpoint: t.running.url, region, credentials: TEST_CREDENTIALS, maxAttempts: 1 });
  try {
    const subnets = (await t.ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'default-for-az', Values: ['true'] }] }))).Subnets!;
    const vpcId = subnets[0]!.VpcId!;
    const lb = await elbv2.send(new CreateLoadBalancerCommand({ Name: `${name}-alb`, Subnets: subnets.slice(0, 2).map((s) => s.SubnetId!) }));
    const tg = await elbv2.send(new CreateTargetGroupCommand({ Name: name, Protocol: 'HTTP', Port: 80, VpcId: vpcId }));
    const tgArn = tg.TargetGroups![0]!.TargetGroupArn!;
    await elbv2.send(
      new CreateListenerCommand({
        LoadBalancerArn: lb.LoadBalancers![0]!.LoadBalancerArn,
        Protocol: 'HTTP',
        Port: await freePort(),
        DefaultActions: [{ Type: 'forward', TargetGroupArn: tgArn }],
      }),
    );
    if (options.deregistrationDelaySeconds !== undefined) {
      await elbv2.send(
        new ModifyTargetGroupAttributesCommand({
          TargetGroupArn: tgArn,
          Attributes: [{ Key: 'deregistration_delay.timeout_seconds', Value: String(options.deregistrationDelaySeconds) }],
        }),
      );
    }
    return tgArn;
  } finally {
    elbv2.destroy();
  }
}
