import { isArn } from '../arn.js';
import { ApiError } from '../errors.js';
import type { TaskRecord } from '../model.js';
import type { Sandbox } from '../sandbox.js';
import { lookupCluster } from './common.js';
import { stopTask } from './task-lifecycle.js';

/**
 * Fargate Spot interruptions, which AWS sends when it wants its capacity back and the sandbox
 * sends on request (a control route): each task is stopped with stopCode SpotInterruption and
 * ECS's reason; a service replaces it as it replaces any task that stops.
 */
export const SPOT_INTERRUPTION_REASON = 'Your Spot Task was interrupted.';

export interface SpotInterruption {
  /** One task, by ARN. */
  taskArn?: string;
  /** Or every running FARGATE_SPOT task of a cluster (name or ARN). */
  cluster?: string;
  /** Where a cluster name is looked up. */
  region: string;
}

function interruptible(task: TaskRecord): boolean {
  return task.capacityProviderName === 'FARGATE_SPOT' && task.desiredStatus === 'RUNNING';
}

/** Interrupts the task or the cluster's Spot tasks; returns the ARNs of the tasks interrupted. */
export function interruptSpotTasks(sb: Sandbox, target: SpotInterruption): string[] {
  let tasks: TaskRecord[];
  if (typeof target.taskArn === 'string' && target.taskArn !== '') {
    const task = isArn(target.taskArn) ? sb.tables.tasks.get(target.taskArn) : undefined;
    if (!task) throw new ApiError('TaskNotFound', `No task ${target.taskArn}: give a task's full ARN.`, 404);
    if (task.capacityProviderName !== 'FARGATE_SPOT') {
      throw new ApiError('InvalidParameter', `Task ${task.id} does not run on FARGATE_SPOT: only Fargate Spot tasks are interrupted.`);
    }
    if (!interruptible(task)) throw new ApiError('InvalidParameter', `Task ${task.id} is already stopping.`);
    tasks = [task];
  } else if (typeof target.cluster === 'string' && target.cluster !== '') {
    const cluster = lookupCluster(sb, { region: target.region }, target.cluster);
    if (!cluster || cluster.status === 'INACTIVE') throw new ApiError('ClusterNotFound', `No cluster ${target.cluster} in ${target.region}.`, 404);
    tasks = [...sb.tables.tasks.values()].filter((t) => t.clusterArn === cluster.clusterArn && interruptible(t));
  } else {
    throw new ApiError('InvalidParameter', 'Give {"taskArn": ARN} or {"cluster": NAME} (and "region" for a name in another region).');
  }
  for (const task of tasks) stopTask(sb, task, SPOT_INTERRUPTION_REASON, 'SpotInterruption');
  if (tasks.length > 0) sb.touch();
  return tasks.map((t) => t.taskArn);
}
