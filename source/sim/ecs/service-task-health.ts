import type { TaskRecord } from '../model.js';
import type { Sandbox } from '../sandbox.js';

/**
 * When the service scheduler counts a task as healthy: toward minimumHealthyPercent, and for a
 * deployment to complete. As DeploymentConfiguration documents it, the task is RUNNING and
 * staying, and then:
 * - if an essential container has a health check, once the task is HEALTHY;
 * - if it is behind a load balancer, once its targets are healthy there (and HEALTHY as well,
 *   if it has health checks);
 * - with neither, 40 seconds after it reached RUNNING.
 */
export const UNCHECKED_TASK_WAIT_MS = 40_000;

function hasContainerHealthCheck(sb: Sandbox, task: TaskRecord): boolean {
  const def = sb.tables.taskDefinitions.get(task.taskDefinitionArn);
  return def?.containerDefinitions.some((c) => c.essential !== false && !!c.healthCheck) ?? false;
}

function isUp(task: TaskRecord): boolean {
  return task.lastStatus === 'RUNNING' && task.desiredStatus === 'RUNNING';
}

/** Its health checks say it is unhealthy: nothing to wait for, it is to be replaced. */
export function isFailing(task: TaskRecord): boolean {
  return task.healthStatus === 'UNHEALTHY';
}

export function isHealthy(sb: Sandbox, task: TaskRecord): boolean {
  if (!isUp(task) || isFailing(task)) return false;
  const checked = hasContainerHealthCheck(sb, task);
  if (checked && task.healthStatus !== 'HEALTHY') return false;
  // Set when the task's targets were registered: whether all of them are healthy now.
  if (task._loadBalancerHealthy !== undefined) return task._loadBalancerHealthy;
  return checked || sb.now() >= countsFrom(sb, task);
}

function countsFrom(sb: Sandbox, task: TaskRecord): number {
  return (task.startedAt ?? sb.now()) + UNCHECKED_TASK_WAIT_MS;
}

/**
 * The earliest time one of `tasks`, RUNNING without health checks or load balancer, starts to
 * count: when the scheduler should look again. Undefined if none is waiting for that.
 */
export function nextCountedAt(sb: Sandbox, tasks: readonly TaskRecord[]): number | undefined {
  let next: number | undefined;
  for (const task of tasks) {
    if (!isUp(task) || isFailing(task) || task._loadBalancerHealthy !== undefined || hasContainerHealthCheck(sb, task)) continue;
    const at = countsFrom(sb, task);
    if (at > sb.now() && (next === undefined || at < next)) next = at;
  }
  return next;
}
