import type { ContainerRecord, TaskRecord } from '../../model.js';
import { taskFamilyAndRevision } from '../../network/index.js';
import type { Sandbox } from '../../sandbox.js';

/**
 * The labels the ECS agent puts on each container it runs, and ecsh's own: which sandbox runs
 * it. The agent's labels let a user find a task's containers as on an instance
 * (`docker ps --filter label=com.amazonaws.ecs.task-arn=...`); the sandbox label keeps two
 * sandboxes on one engine (tests in parallel, a shell beside `ecsh serve`) out of each other's
 * way, and finds a sandbox's containers again after it restarts.
 */
export const LABEL = {
  cluster: 'com.amazonaws.ecs.cluster',
  taskArn: 'com.amazonaws.ecs.task-arn',
  containerName: 'com.amazonaws.ecs.container-name',
  family: 'com.amazonaws.ecs.task-definition-family',
  version: 'com.amazonaws.ecs.task-definition-version',
  sandbox: 'io.ecsh.sandbox',
} as const;

/** The agent's labels for one container, and the sandbox's. */
export function containerLabels(sb: Sandbox, owner: string, task: TaskRecord, container: ContainerRecord): Record<string, string> {
  const { family, revision } = taskFamilyAndRevision(task);
  return {
    [LABEL.cluster]: sb.tables.clusters.get(task.clusterArn)?.clusterName ?? task.clusterArn,
    [LABEL.taskArn]: task.taskArn,
    [LABEL.containerName]: container.name,
    [LABEL.family]: family,
    [LABEL.version]: revision,
    [LABEL.sandbox]: owner,
  };
}

/** A `filters` value selecting this sandbox's containers (or volumes), and those of one task if given. */
export function ownedBy(owner: string, taskArn?: string): { label: string[] } {
  const label = [`${LABEL.sandbox}=${owner}`];
  if (taskArn) label.push(`${LABEL.taskArn}=${taskArn}`);
  return { label };
}
