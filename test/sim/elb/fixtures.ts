import { DescribeSubnetsCommand, DescribeVpcsCommand } from '@aws-sdk/client-ec2';
import { ElasticLoadBalancingClient } from '@aws-sdk/client-elastic-load-balancing';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { startTestSandbox, TEST_CREDENTIALS, type TestSandbox } from '../../support/sandbox.js';

export { freePort } from '../../support/load-balancers.js';
export { drive } from '../../support/sandbox.js';

/** A test sandbox with the load balancing clients beside ECS and EC2. */
export interface LbSandbox extends TestSandbox {
  elb: ElasticLoadBalancingClient;
  elbv2: ElasticLoadBalancingV2Client;
}

export async function startLbSandbox(region = 'us-east-1'): Promise<LbSandbox> {
  const t = await startTestSandbox({ region });
  const config = { endpoint: t.running.url, region, credentials: TEST_CREDENTIALS, maxAttempts: 1 };
  const elb = new ElasticLoadBalancingClient(config);
  const elbv2 = new ElasticLoadBalancingV2Client(config);
  return {
    ...t,
    elb,
    elbv2,
    close: async () => {
      elb.destroy();
      elbv2.destroy();
      await t.close();
    },
  };
}

/** The default VPC and its subnets (one per zone), as a user finds them. */
export async function defaultNetwork(t: TestSandbox): Promise<{ vpcId: string; subnets: string[]; zones: string[] }> {
  const vpcs = await t.ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'is-default', Values: ['true'] }] }));
  const vpcId = vpcs.Vpcs![0]!.VpcId!;
  const subnets = await t.ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }] }));
  const sorted = [...subnets.Subnets!].sort((a, b) => a.AvailabilityZone!.localeCompare(b.AvailabilityZone!));
  return { vpcId, subnets: sorted.map((s) => s.SubnetId!), zones: sorted.map((s) => s.AvailabilityZone!) };
}

/** The URL /_ecsh/endpoints lists for a listener (`NAME:PORT`), once its proxy listens. */
export async function listenerUrl(t: TestSandbox, name: string): Promise<string> {
  for (;;) {
    const endpoints = (await (await fetch(`${t.running.url}/_ecsh/endpoints`)).json()) as Array<{ kind: string; name: string; url: string }>;
    const found = endpoints.find((e) => e.kind === 'load-balancer-listener' && e.name === name);
    if (found) return found.url;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
