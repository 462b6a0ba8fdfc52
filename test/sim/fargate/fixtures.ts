import { DescribeNetworkInterfacesCommand, DescribeSubnetsCommand, DescribeVpcsCommand, type NetworkInterface } from '@aws-sdk/client-ec2';
import {
  CreateClusterCommand,
  DescribeTasksCommand,
  RegisterTaskDefinitionCommand,
  type AwsVpcConfiguration,
  type NetworkConfiguration,
  type RegisterTaskDefinitionCommandInput,
  type Task,
} from '@aws-sdk/client-ecs';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { TaskRecord } from '../../../source/sim/model.js';
import { startTestSandbox, TEST_CREDENTIALS, type TestSandbox } from '../../support/sandbox.js';

export { drive } from '../../support/sandbox.js';

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

/**
 * Where a file's tests start: a sandbox of the file's own seed, its default network found, the
 * cluster made and the getting-started definition registered (unless `definition` is false).
 */
export async function startFargateCluster(seed: number, cluster: string, { definition = true } = {}): Promise<{ t: FargateSandbox; net: DefaultNetwork }> {
  const t = await startFargateSandbox(seed);
  const net = await defaultNetwork(t);
  await createCluster(t, cluster);
  if (definition) await registerFargateDefinition(t);
  return { t, net };
}

/** An awsvpc network configuration in every default subnet. */
export function everySubnet(net: DefaultNetwork, extra: Partial<AwsVpcConfiguration> = {}): NetworkConfiguration {
  return { awsvpcConfiguration: { subnets: net.subnets.map((s) => s.id), ...extra } };
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
