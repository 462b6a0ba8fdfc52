import {
  DescribeContainerInstancesCommand,
  RegisterTaskDefinitionCommand,
  RunTaskCommand,
  type RegisterTaskDefinitionCommandInput,
  type RunTaskCommandInput,
  type Task,
} from '@aws-sdk/client-ecs';
import type { TestSandbox } from '../support/sandbox.js';

export { clusterWithInstances } from '../support/cluster-instances.js';

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
