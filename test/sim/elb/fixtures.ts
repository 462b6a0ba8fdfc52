import { DescribeSubnetsCommand, DescribeVpcsCommand } from '@aws-sdk/client-ec2';
import { ElasticLoadBalancingClient } from '@aws-sdk/client-elastic-load-balancing';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { healthChecksSettled, listEndpoints } from '../../../source/sim/network/index.js';
import { startTestSandbox, TEST_CREDENTIALS, type TestSandbox } from '../../support/sandbox.js';

export { freePort } from '../../support/load-balancers.js';

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

/** Whether every task that should be serving has published its ports (the runtime binds them asynchronously). */
function tasksListening(t: TestSandbox): boolean {
  const sb = t.running.sandbox;
  const published = new Set(listEndpoints(sb).filter((e) => e.kind === 'task-port').map((e) => e.arn));
  for (const task of sb.tables.tasks.values()) {
    const serving = task.desiredStatus === 'RUNNING' && (task.lastStatus === 'ACTIVATING' || task.lastStatus === 'RUNNING');
    const ports = task.containers.some((c) => c.networkBindings.length > 0);
    if (serving && ports && !published.has(task.taskArn)) return false;
  }
  return true;
}

/**
 * Moves the clock on in steps, letting what each step starts happen before the next, as it
 * would in real time: tasks' ports start listening, health checks are answered.
 */
export async function drive(t: TestSandbox, ms: number, step = 1_000): Promise<void> {
  for (let done = 0; done < ms; done += step) {
    t.advance(Math.min(step, ms - done));
    while (!tasksListening(t)) await new Promise((resolve) => setTimeout(resolve, 1));
    await healthChecksSettled(t.running.sandbox);
    await new Promise((resolve) => setImmediate(resolve));
  }
}
