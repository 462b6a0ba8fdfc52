import {
  CreateClusterCommand,
  DescribeContainerInstancesCommand,
  RegisterContainerInstanceCommand,
  RegisterTaskDefinitionCommand,
  RunTaskCommand,
  type RegisterTaskDefinitionCommandInput,
  type RunTaskCommandInput,
  type Task,
} from '@aws-sdk/client-ecs';
import type { TestSandbox } from '../support/sandbox.js';

/** A cluster with container instances registered the way the agent registers them. */
export async function clusterWithInstances(
  t: TestSandbox,
  cluster: string,
  zones: string[],
  size: { cpu: number; memory: number } = { cpu: 2048, memory: 3904 },
): Promise<string[]> {
  await t.ecs.send(new CreateClusterCommand({ clusterName: cluster }));
  const arns: string[] = [];
  for (const [i, zone] of zones.entries()) {
    const doc = { instanceId: `i-${cluster.padEnd(8, '0').slice(0, 8)}${String(i).padStart(9, '0')}`, instanceType: 't3.medium', availabilityZone: zone, imageId: 'ami-0ecs', region: 'us-east-1' };
    const out = await t.ecs.send(
      new RegisterContainerInstanceCommand({
        cluster,
        instanceIdentityDocument: JSON.stringify(doc),
        totalResources: [
          { name: 'CPU', type: 'INTEGER', integerValue: size.cpu },
          { name: 'MEMORY', type: 'INTEGER', integerValue: size.memory },
        ],
      }),
    );
    arns.push(out.containerInstance!.containerInstanceArn!);
  }
  return arns;
}

export async function registerDefinition(t: TestSandbox, input: Partial<RegisterTaskDefinitionCommandInput> & { family: string }) {
  const out = await t.ecs.send(
    new RegisterTaskDefinitionCommand({
      containerDefinitions: [{ name: 'web', image: 'nginx', cpu: 256, memory: 256, portMappings: [{ containerPort: 80 }] }],
      ...input,
    }),
  );
  return out.taskDefinition!;
}

export async function runTasks(t: TestSandbox, input: RunTaskCommandInput): Promise<Task[]> {
  const out = await t.ecs.send(new RunTaskCommand(input));
  if (out.failures?.length) throw new Error(`placement failed: ${JSON.stringify(out.failures)}`);
  return out.tasks!;
}

/** What an instance has left, as DescribeContainerInstances says. */
export async function remaining(t: TestSandbox, cluster: string, arn: string) {
  const out = await t.ecs.send(new DescribeContainerInstancesCommand({ cluster, containerInstances: [arn] }));
  const instance = out.containerInstances![0]!;
  const value = (name: string) => instance.remainingResources!.find((r) => r.name === name)!;
  return {
    cpu: value('CPU').integerValue!,
    memory: value('MEMORY').integerValue!,
    ports: value('PORTS').stringSetValue!.map(Number),
    runningTasksCount: instance.runningTasksCount,
    pendingTasksCount: instance.pendingTasksCount,
  };
}
