import type { ServiceRecord, TaskRecord } from '../model.js';
import type { Sandbox } from '../sandbox.js';
import { deploymentStuckMessage, warningEvent } from './service-events.js';
import { isFailing, isHealthy } from './service-task-health.js';
import { isLeaving, isPending, isProtected, launchForService, onDrainingHost, pickTasksToStop, stopForService } from './service-tasks.js';

/**
 * One step of the REPLICA scheduler for a service with the ECS (rolling update) deployment
 * controller. The PRIMARY deployment wants desiredCount tasks off draining instances; every
 * other task (older deployments, tasks on DRAINING instances) is to go. Within one step:
 * - extra PRIMARY tasks stop at once (scale in);
 * - tasks to go that are not RUNNING yet, or fail their health checks, stop at once; healthy
 *   ones (service-task-health.ts) only as far as minimumHealthyPercent of desiredCount
 *   (rounded up) stays healthy; RUNNING ones that do not count yet, once that many are healthy;
 * - new tasks start as far as maximumPercent of desiredCount (rounded down) allows tasks
 *   RUNNING or PENDING, tasks on their way out included.
 * Each task that changes wakes the service again, so a deployment rolls on in batches.
 */
export function scheduleReplicas(sb: Sandbox, service: ServiceRecord, live: readonly TaskRecord[]): void {
  const primary = service.deployments[0];
  if (!primary) return;
  const desired = service.desiredCount;
  const { maximumPercent, minimumHealthyPercent } = service.deploymentConfiguration;
  const maxTotal = Math.floor((desired * maximumPercent) / 100);
  const minHealthy = Math.ceil((desired * minimumHealthyPercent) / 100);
  // A deployment the circuit breaker failed (without rollback) launches nothing more.
  const failed = primary.rolloutState === 'FAILED';

  const staying = live.filter((t) => !isLeaving(t));
  const wanted = (t: TaskRecord) => t._deploymentId === primary.id && !onDrainingHost(sb, t);
  let keep = staying.filter(wanted);
  const toGo = staying.filter((t) => !wanted(t));
  const stopping: TaskRecord[] = [];

  if (keep.length > desired) {
    const extra = new Set(pickTasksToStop(sb, keep, keep.length - desired, staying));
    stopping.push(...extra);
    keep = keep.filter((t) => !extra.has(t));
  }
  if (!failed) {
    const healthy = (t: TaskRecord) => isHealthy(sb, t);
    const up = (t: TaskRecord) => t.lastStatus === 'RUNNING' && !isFailing(t);
    stopping.push(...toGo.filter((t) => !up(t) && !isProtected(sb, t)));
    const healthyCount = staying.filter(healthy).length - stopping.filter(healthy).length;
    // Stopping a task that does not count yet leaves the healthy count as it is.
    if (healthyCount >= minHealthy) stopping.push(...toGo.filter((t) => up(t) && !healthy(t) && !isProtected(sb, t)));
    const healthyToGo = toGo.filter(healthy);
    const spare = Math.max(0, healthyCount - minHealthy);
    stopping.push(...pickTasksToStop(sb, healthyToGo, Math.min(spare, healthyToGo.length), staying));
  }
  stopForService(sb, service, stopping, primary.id);

  const need = desired - keep.length;
  const room = maxTotal - live.length;
  const count = failed ? 0 : Math.min(need, room);
  if (count > 0) {
    launchForService(sb, service, {
      deploymentId: primary.id,
      taskDefinition: primary.taskDefinition,
      launchType: primary.launchType,
      networkConfiguration: primary.networkConfiguration,
      count,
    });
  } else if (!failed && need > 0 && stopping.length === 0 && !live.some((t) => isPending(t) || isLeaving(t))) {
    // Nothing may stop (minimumHealthyPercent) and nothing may start (maximumPercent).
    warningEvent(sb, service, deploymentStuckMessage(service));
  }
}
