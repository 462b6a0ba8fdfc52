import type { ServiceRecord, TaskRecord } from '../model.js';
import type { Sandbox } from '../sandbox.js';
import { scheduleDaemon } from './daemon-scheduling.js';
import { completeDeployment, forgetDeploymentHistory, noteStoppedTask, refreshServiceDeployment } from './deployments.js';
import { scheduleReplicas } from './replica-scheduling.js';
import { steadyStateEvent, unsettled } from './service-events.js';
import { isHealthy, nextCountedAt } from './service-task-health.js';
import { isLeaving, isPending, liveServiceTasks, stopForService } from './service-tasks.js';
import { forgetThrottle, noteFailedStarts, reviewThrottle, throttledUntil } from './service-throttle.js';
import { scheduleTaskSets, settleTaskSets } from './task-set-scheduling.js';

/**
 * The service scheduler: the job 'service' (key: the service ARN) brings one service one step
 * closer to what it should be. It runs whenever one of its tasks changes, an instance of its
 * cluster joins, drains or leaves, or the service is created, updated or deleted; and every
 * 15 s of simulated time while the service is not settled (tasks to place, a deployment
 * under way), so that a task that could not be placed is tried again.
 */
export const SERVICE_JOB = 'service';
const CHECK_INTERVAL_MS = 15_000;

export function installServiceController(sb: Sandbox): void {
  sb.onJob(SERVICE_JOB, reconcileService);
}

/** Asks for a step of the service's scheduler as soon as the clock allows. */
export function wakeService(sb: Sandbox, service: ServiceRecord): void {
  sb.schedule(0, SERVICE_JOB, service.serviceArn);
}

/** A periodic check in `delayMs`, unless one is already due by then. */
function checkAgainIn(sb: Sandbox, service: ServiceRecord, delayMs: number): void {
  const at = sb.now() + delayMs;
  const next = service._nextCheckAt;
  if (next !== undefined && next > sb.now() && next <= at) return;
  service._nextCheckAt = at;
  sb.schedule(delayMs, SERVICE_JOB, service.serviceArn);
}

function reconcileService(sb: Sandbox, serviceArn: string): void {
  const service = sb.tables.services.get(serviceArn);
  if (!service || service.status === 'INACTIVE') return;
  if (service._nextCheckAt !== undefined && service._nextCheckAt <= sb.now()) service._nextCheckAt = undefined;
  const stoppedNow: TaskRecord[] = [];
  const stopped = (task: TaskRecord) => {
    noteStoppedTask(sb, service, task);
    stoppedNow.push(task);
  };
  const live = liveServiceTasks(sb, service, stopped);
  noteFailedStarts(sb, service, [...live, ...stoppedNow]);
  if (service.status === 'DRAINING') {
    drain(sb, service, live);
  } else {
    if (service.deploymentController.type !== 'ECS') scheduleTaskSets(sb, service, live);
    else if (service.schedulingStrategy === 'DAEMON') scheduleDaemon(sb, service, live);
    else scheduleReplicas(sb, service, live);
    settle(sb, service, liveServiceTasks(sb, service, stopped));
  }
  // For the layers that follow services (load balancers, panes).
  sb.events.emit('service', service);
}

/** Running and pending counts of the service and each deployment, from its tasks. */
function refreshCounts(sb: Sandbox, service: ServiceRecord, live: readonly TaskRecord[]): void {
  service.runningCount = live.filter((t) => t.lastStatus === 'RUNNING').length;
  service.pendingCount = live.filter(isPending).length;
  service.deployments.forEach((d, i) => {
    const tasks = live.filter((t) => t._deploymentId === d.id);
    const running = tasks.filter((t) => t.lastStatus === 'RUNNING').length;
    const pending = tasks.filter(isPending).length;
    // The PRIMARY deployment wants the service's count; an older one, the tasks it still keeps.
    const desired = i === 0 ? service.desiredCount : tasks.filter((t) => !isLeaving(t)).length;
    if (d.runningCount !== running || d.pendingCount !== pending || d.desiredCount !== desired) d.updatedAt = sb.now();
    d.runningCount = running;
    d.pendingCount = pending;
    d.desiredCount = desired;
  });
  refreshServiceDeployment(sb, service, live);
}

/**
 * After a step: drained deployments leave the list, the PRIMARY one completes when its
 * tasks all run and count as healthy (service-task-health.ts) and nothing else is left, and
 * a settled service says so (steady state) and is looked at again in six hours. An unsettled
 * one is looked at in 15 s, or sooner when a task starts to count or a throttle ends.
 */
function settle(sb: Sandbox, service: ServiceRecord, live: readonly TaskRecord[]): void {
  refreshCounts(sb, service, live);
  reviewThrottle(sb, service, live);
  let steady: boolean;
  if (service.deploymentController.type !== 'ECS') {
    steady = settleTaskSets(sb, service, live);
    const primarySet = service.taskSets.map((arn) => sb.tables.taskSets.get(arn)).find((s) => s?.status === 'PRIMARY');
    if (primarySet) service.taskDefinition = primarySet.taskDefinition;
  } else {
    service.deployments = service.deployments.filter((d, i) => i === 0 || live.some((t) => t._deploymentId === d.id));
    const primary = service.deployments[0];
    const quiet =
      !live.some(isLeaving) &&
      service.runningCount === service.desiredCount &&
      service.pendingCount === 0 &&
      live.every((t) => isHealthy(sb, t));
    if (primary && primary.rolloutState === 'IN_PROGRESS' && service.deployments.length === 1 && quiet) {
      completeDeployment(sb, service, primary);
    }
    steady = quiet && service.deployments.length === 1 && primary?.rolloutState === 'COMPLETED';
  }
  if (steady) {
    checkAgainIn(sb, service, steadyStateEvent(sb, service) - sb.now());
    return;
  }
  unsettled(service);
  const due = [sb.now() + CHECK_INTERVAL_MS, nextCountedAt(sb, live), throttledUntil(sb, service)];
  checkAgainIn(sb, service, Math.min(...due.filter((at): at is number => at !== undefined)) - sb.now());
}

/**
 * A deleted service (DRAINING) stops all its tasks; once none is left it is INACTIVE, and
 * its task sets and deployment history are gone, as ECS has it.
 */
function drain(sb: Sandbox, service: ServiceRecord, live: readonly TaskRecord[]): void {
  stopForService(sb, service, live.filter((t) => !isLeaving(t)), service.deployments[0]?.id);
  refreshCounts(sb, service, live);
  if (live.length > 0) return checkAgainIn(sb, service, CHECK_INTERVAL_MS);
  service.status = 'INACTIVE';
  service.deployments = service.deployments.slice(0, 1);
  for (const arn of service.taskSets) sb.tables.taskSets.delete(arn);
  service.taskSets = [];
  forgetDeploymentHistory(sb, service.serviceArn);
  forgetThrottle(sb, service.serviceArn);
  service._currentServiceDeploymentArn = undefined;
  service._nextCheckAt = undefined;
}
