import { DescribeNetworkInterfacesCommand, DescribeSubnetsCommand, DescribeVpcsCommand, type NetworkInterface } from '@aws-sdk/client-ec2';
import {
  CreateClusterCommand,
  DescribeTasksCommand,
  RegisterTaskDefinitionCommand,
  type RegisterTaskDefinitionCommandInput,
  type Task,
} from '@aws-sdk/client-ecs';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { TaskRecord } from '../../../source/sim/model.js';
import { healthChecksSettled, listEndpoints } from '../../../source/sim/network/index.js';
import { startTestSandbox, TEST_CREDENTIALS, type TestSandbox } from '../../support/sandbox.js';

/** A test sandbox with an ELBv2 client beside ECS and EC2. */
export interface FargateSandbox extends TestSandbox {
  elbv2: ElasticLoadBalancingV2Client;
}

/** `seed`: a file's own, so that its tasks' addresses (and loopback twins) are not another file's. */
export async function startFargateSandbox(seed: number): Promise<FargateSandbox> {
  const t = await startTestSandbox({ seed });
  const elbv2 = new ElasticLoadBalancingV2Client({ endpoint: t.running.url, region: 'us-east-1', credentials: TEST_CREDENTIALS, maxAttempts: 1 });
  return {
    ...t,
    elbv2,
    close: async () => {
      elbv2.destroy();
      await t.close();
    },
  };
}

export interface DefaultNetwork {
  vpcId: string;
  /** The default subnets, one per zone, in zone order. */
  subnets: Array<{ id: string; zone: string; cidr: string; free: number }>;
}

/** The default VPC and its subnets, found as a user finds them (which also makes them, in a new region). */
export async function defaultNetwork(t: TestSandbox): Promise<DefaultNetwork> {
  const vpcs = await t.ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'is-default', Values: ['true'] }] }));
  const vpcId = vpcs.Vpcs![0]!.VpcId!;
  const out = await t.ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }] }));
  const subnets = out.Subnets!.map((s) => ({ id: s.SubnetId!, zone: s.AvailabilityZone!, cidr: s.CidrBlock!, free: s.AvailableIpAddressCount! }));
  return { vpcId, subnets: subnets.sort((a, b) => a.zone.localeCompare(b.zone)) };
}

/** The getting-started task definition: cpu 256, memory 512, awsvpc, for Fargate; one container serving port 80. */
export async function registerFargateDefinition(t: TestSandbox, input: Partial<RegisterTaskDefinitionCommandInput> = {}) {
  const out = await t.ecs.send(
    new RegisterTaskDefinitionCommand({
      family: 'sample-fargate',
      networkMode: 'awsvpc',
      requiresCompatibilities: ['FARGATE'],
      cpu: '256',
      memory: '512',
      containerDefinitions: [{ name: 'web', image: 'example/whoami', essential: true, portMappings: [{ containerPort: 80, protocol: 'tcp' }] }],
      ...input,
    }),
  );
  return out.taskDefinition!;
}

export async function createCluster(t: TestSandbox, clusterName: string, extra: Record<string, unknown> = {}): Promise<void> {
  await t.ecs.send(new CreateClusterCommand({ clusterName, ...extra }));
}

export async function describeTasks(t: TestSandbox, cluster: string, arns: string[]): Promise<Task[]> {
  if (arns.length === 0) return [];
  return (await t.ecs.send(new DescribeTasksCommand({ cluster, tasks: arns }))).tasks!;
}

export function detail(task: Task, name: string): string | undefined {
  return task.attachments?.find((a) => a.type === 'ElasticNetworkInterface')?.details?.find((d) => d.name === name)?.value;
}

/** Interfaces that ECS made for tasks (requester-managed), optionally filtered further. */
export async function taskInterfaces(t: TestSandbox, filters: Array<{ Name: string; Values: string[] }> = []): Promise<NetworkInterface[]> {
  const out = await t.ec2.send(new DescribeNetworkInterfacesCommand({ Filters: [{ Name: 'requester-managed', Values: ['true'] }, ...filters] }));
  return out.NetworkInterfaces!;
}

/** Whether every serving task with ports has published them (the runtime binds them asynchronously). */
function tasksListening(t: TestSandbox): boolean {
  const sb = t.running.sandbox;
  const published = new Set(listEndpoints(sb).filter((e) => e.kind === 'task-port').map((e) => e.arn));
  for (const task of sb.tables.tasks.values() as Iterable<TaskRecord>) {
    const serving = task.desiredStatus === 'RUNNING' && (task.lastStatus === 'ACTIVATING' || task.lastStatus === 'RUNNING');
    const def = sb.tables.taskDefinitions.get(task.taskDefinitionArn);
    const ports = def?.containerDefinitions.some((c) => (c.portMappings ?? []).length > 0) ?? false;
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

/** Each task's statuses in order, as the sandbox announces them. */
export function recordStatuses(t: TestSandbox): Map<string, Array<[string, number]>> {
  const timeline = new Map<string, Array<[string, number]>>();
  t.running.sandbox.events.on('task', (task: TaskRecord) => {
    const list = timeline.get(task.taskArn) ?? [];
    if (list[list.length - 1]?.[0] !== task.lastStatus) list.push([task.lastStatus, t.running.sandbox.now()]);
    timeline.set(task.taskArn, list);
  });
  return timeline;
}

/** Whether an address is inside a CIDR block. */
export function inCidr(ip: string, cidr: string): boolean {
  const toNumber = (text: string) => text.split('.').reduce((n, octet) => n * 256 + Number(octet), 0);
  const [base, bits] = cidr.split('/');
  const size = 2 ** (32 - Number(bits));
  const offset = toNumber(ip) - toNumber(base!);
  return offset >= 0 && offset < size;
}
