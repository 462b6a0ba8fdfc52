import { DescribeInstancesCommand } from '@aws-sdk/client-ec2';
import {
  CreateClusterCommand,
  DescribeTasksCommand,
  ListContainerInstancesCommand,
  RegisterTaskDefinitionCommand,
  RunTaskCommand,
  type RegisterTaskDefinitionCommandInput,
  type Task,
} from '@aws-sdk/client-ecs';
import type { Endpoint } from '../../../source/sim/network/index.js';
import { startTestSandbox, type TestSandbox } from '../../support/sandbox.js';
import { joinCluster, runInstances, SETTLE_MS } from '../ec2/fixtures.js';
import { clusterWithInstances } from '../task-fixtures.js';

/**
 * Waits for something the sandbox does in real time (a listener binding, a container's command
 * running): checks `probe` again after each short pause until it gives a value. Gives up after
 * 20 s, well past what any of it takes even on a loaded machine, so that a test fails instead of
 * hanging.
 */
export async function eventually<T>(probe: () => Promise<T | undefined> | T | undefined, what: string): Promise<T> {
  const giveUpAt = Date.now() + 20_000;
  for (let attempt = 0; ; attempt++) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > giveUpAt) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, Math.min(50, 5 + attempt)));
  }
}

export async function endpoints(t: TestSandbox): Promise<Endpoint[]> {
  const response = await fetch(`${t.running.url}/_ecsh/endpoints`);
  return (await response.json()) as Endpoint[];
}

export async function taskPorts(t: TestSandbox, taskArn: string): Promise<Endpoint[]> {
  return (await endpoints(t)).filter((e) => e.kind === 'task-port' && e.arn === taskArn);
}

/** Launches instances with `ec2 run-instances` and user data that joins `cluster`, one per zone; waits until they are registered. */
export async function instancesJoining(t: TestSandbox, cluster: string, zones: string[]): Promise<Array<{ instanceId: string; privateIp: string }>> {
  await t.ecs.send(new CreateClusterCommand({ clusterName: cluster }));
  const launched = [];
  for (const zone of zones) {
    const [instance] = await runInstances(t, { UserData: joinCluster(cluster), Placement: { AvailabilityZone: zone } });
    launched.push(instance!.InstanceId!);
  }
  t.advance(SETTLE_MS);
  const registered = await t.ecs.send(new ListContainerInstancesCommand({ cluster }));
  if (registered.containerInstanceArns?.length !== zones.length) throw new Error('instances did not register');
  const described = await t.ec2.send(new DescribeInstancesCommand({ InstanceIds: launched }));
  return described.Reservations!.flatMap((r) => r.Instances!).map((i) => ({ instanceId: i.InstanceId!, privateIp: i.PrivateIpAddress! }));
}

/** A sandbox with `cluster` made and one container instance in it (us-east-1a): where a file's tasks run. */
export async function startWithOneInstance(cluster: string): Promise<TestSandbox> {
  const t = await startTestSandbox();
  await clusterWithInstances(t, cluster, ['us-east-1a']);
  return t;
}

const familiesOf = new Map<string, number>();

/**
 * Registers `definition` as a family of its own (`CLUSTER-N`), runs one task of it on `cluster`
 * and moves the clock 5 s on, past its start; gives the task's ARN.
 */
export async function runStartedTask(t: TestSandbox, cluster: string, definition: Omit<RegisterTaskDefinitionCommandInput, 'family'>): Promise<string> {
  const n = (familiesOf.get(cluster) ?? 0) + 1;
  familiesOf.set(cluster, n);
  const family = `${cluster}-${n}`;
  await t.ecs.send(new RegisterTaskDefinitionCommand({ ...definition, family }));
  const out = await t.ecs.send(new RunTaskCommand({ cluster, taskDefinition: family }));
  t.advance(5_000);
  return out.tasks![0]!.taskArn!;
}

export async function describeTask(t: TestSandbox, cluster: string, taskArn: string): Promise<Task> {
  const out = await t.ecs.send(new DescribeTasksCommand({ cluster, tasks: [taskArn] }));
  return out.tasks![0]!;
}

/** A connection attempt's outcome: the response's status, or the system error's code. */
export async function connect(url: string): Promise<number | string> {
  try {
    const response = await fetch(url);
    await response.arrayBuffer();
    return response.status;
  } catch (error) {
    return ((error as Error & { cause?: { code?: string } }).cause?.code ?? 'failed') as string;
  }
}
