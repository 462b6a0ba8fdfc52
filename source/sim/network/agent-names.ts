import { createHash } from 'node:crypto';
import { arnResource, lastSegment } from '../arn.js';
import type { ContainerRecord, TaskRecord } from '../model.js';

/**
 * Names as the ECS agent gives them. The agent names a task's Docker containers
 * `ecs-<family>-<revision>-<container>-<20 hex digits>` (ecs-console-sample-app-static-6-
 * simple-app-86caf9bcabe3e9c61600), keeping only letters, digits, `-` and `_` of the container's
 * name. The hex part is random in the agent; here it derives from the container's ARN, so a
 * container keeps its name across restarts of the sandbox and no seeded randomness is used.
 */
export function taskFamilyAndRevision(task: TaskRecord): { family: string; revision: string } {
  const resource = lastSegment(arnResource(task.taskDefinitionArn));
  const colon = resource.lastIndexOf(':');
  return colon === -1 ? { family: resource, revision: '' } : { family: resource.slice(0, colon), revision: resource.slice(colon + 1) };
}

export function dockerContainerName(task: TaskRecord, container: ContainerRecord): string {
  const { family, revision } = taskFamilyAndRevision(task);
  const name = container.name.replace(/[^a-zA-Z0-9_-]/g, '');
  const suffix = createHash('sha1').update(container.containerArn).digest('hex').slice(0, 20);
  return `ecs-${family}-${revision}-${name}-${suffix}`;
}
