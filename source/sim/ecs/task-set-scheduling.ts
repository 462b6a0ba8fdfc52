import type { ServiceRecord, TaskRecord, TaskSetRecord } from '../model.js';
import type { Sandbox } from '../sandbox.js';
import { isHealthy } from './service-task-health.js';
import { isLeaving, isPending, launchForService, onDrainingHost, pickTasksToStop, stopForService } from './service-tasks.js';

/**
 * One step of the scheduler for a service whose deployments are task sets (the EXTERNAL and
 * CODE_DEPLOY deployment controllers): each task set keeps its computed desired count (the
 * service's desiredCount times its scale, rounded up; zero while DRAINING). Tasks on
 * DRAINING instances are replaced first, then stopped. A DRAINING task set with no tasks
 * left is gone.
 */

export function computedDesiredCount(service: ServiceRecord, set: TaskSetRecord): number {
  if (set.status === 'DRAINING') return 0;
  // Rounded up, as ECS does: 1.2 tasks is 2. The epsilon keeps 3 x 100% from becoming 4.
  return Math.ceil((service.desiredCount * set.scale.value) / 100 - 1e-9);
}

function scheduleTaskSet(sb: Sandbox, service: ServiceRecord, set: TaskSetRecord, live: readonly TaskRecord[]): void {
  const computed = computedDesiredCount(service, set);
  const staying = live.filter((t) => !isLeaving(t));
  let keep = staying.filter((t) => !onDrainingHost(sb, t));
  const draining = staying.filter((t) => onDrainingHost(sb, t));
  const stopping: TaskRecord[] = [];
  if (keep.length > computed) {
    const extra = new Set(pickTasksToStop(sb, keep, keep.length - computed, staying));
    stopping.push(...extra);
    keep = keep.filter((t) => !extra.has(t));
  }
  const replaced = Math.max(0, keep.filter((t) => isHealthy(sb, t)).length + draining.length - computed);
  stopping.push(...pickTasksToStop(sb, draining, Math.min(replaced, draining.length), staying));
  stopForService(sb, service, stopping, set.id, set.id);
  const need = computed - keep.length;
  if (need > 0) {
    launchForService(sb, service, {
      deploymentId: set.id,
      taskDefinition: set.taskDefinition,
      launchType: set.launchType,
      networkConfiguration: set.networkConfiguration,
      count: need,
      taskSetId: set.id,
    });
  }
}

function refreshTaskSet(sb: Sandbox, service: ServiceRecord, set: TaskSetRecord, live: readonly TaskRecord[]): void {
  const running = live.filter((t) => t.lastStatus === 'RUNNING').length;
  const pending = live.filter(isPending).length;
  const computed = computedDesiredCount(service, set);
  const stability = running === computed && pending === 0 && !live.some(isLeaving) ? 'STEADY_STATE' : 'STABILIZING';
  if (set.runningCount !== running || set.pendingCount !== pending || set.computedDesiredCount !== computed) set.updatedAt = sb.now();
  set.runningCount = running;
  set.pendingCount = pending;
  set.computedDesiredCount = computed;
  if (set.stabilityStatus !== stability) {
    set.stabilityStatus = stability;
    set.stabilityStatusAt = sb.now();
  }
}

export function scheduleTaskSets(sb: Sandbox, service: ServiceRecord, live: readonly TaskRecord[]): void {
  for (const arn of service.taskSets) {
    const set = sb.tables.taskSets.get(arn);
    if (set) scheduleTaskSet(sb, service, set, live.filter((t) => t._deploymentId === set.id));
  }
}

/** Counts and stability after a step; forgets DRAINING task sets that have no task left. Returns whether all are steady. */
export function settleTaskSets(sb: Sandbox, service: ServiceRecord, live: readonly TaskRecord[]): boolean {
  let steady = true;
  for (const arn of [...service.taskSets]) {
    const set = sb.tables.taskSets.get(arn);
    if (!set) continue;
    const tasks = live.filter((t) => t._deploymentId === set.id);
    if (set.status === 'DRAINING' && tasks.length === 0) {
      sb.tables.taskSets.delete(arn);
      service.taskSets = service.taskSets.filter((a) => a !== arn);
      continue;
    }
    refreshTaskSet(sb, service, set, tasks);
    if (set.stabilityStatus !== 'STEADY_STATE' || set.status === 'DRAINING') steady = false;
  }
  return steady;
}
