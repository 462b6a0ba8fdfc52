import type { ServiceRecord, TaskRecord } from '../model.js';
import type { Sandbox } from '../sandbox.js';
import { table } from '../state.js';
import { isHealthy, UNCHECKED_TASK_WAIT_MS } from './service-task-health.js';

/**
 * ECS's service throttle logic. When a service's tasks keep failing to start (they stop on
 * their own before they ever got going), the scheduler waits longer and longer before it
 * starts the next one, up to 27 minutes, and says "(service NAME) is unable to consistently
 * start tasks successfully." It never gives up. A task that does start, or a new deployment
 * (a new task definition), puts the service back to normal at once. Tasks the scheduler
 * stopped itself (a deployment, failed load balancer health checks) do not count.
 */
interface ThrottleRecord {
  /** The deployment that was failing: a new one ends the throttle. */
  deploymentId: string;
  /** Failed starts in a row. */
  failures: number;
  lastFailureAt: number;
  /** No task starts before then. */
  retryAt: number;
  /** Failed tasks already counted that are still on their way to STOPPED. */
  counted: string[];
}

/** The first failure is retried at once; from the second, 15 s, doubling, up to ECS's 27 minutes. */
const FIRST_DELAY_MS = 15_000;
const MAX_DELAY_MS = 27 * 60_000;
const FAILED_START_STOP_CODES: ReadonlySet<string> = new Set(['TaskFailedToStart', 'EssentialContainerExited']);

function throttles(sb: Sandbox): Map<string, ThrottleRecord> {
  return table<ThrottleRecord>(sb.tables, 'serviceLaunchThrottles');
}

function delayAfter(failures: number): number {
  if (failures < 2) return 0;
  return Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** (failures - 2));
}

function currentDeploymentId(service: ServiceRecord): string {
  return service.deployments[0]?.id ?? '';
}

/**
 * A task that stopped on its own before it got going: never RUNNING, or its essential
 * container exited within the time the scheduler gives a task to prove itself.
 */
function failedToStart(task: TaskRecord): boolean {
  if (!task.stopCode || !FAILED_START_STOP_CODES.has(task.stopCode)) return false;
  if (task.startedAt === undefined) return true;
  return (task.stoppingAt ?? task.stoppedAt ?? task.startedAt) - task.startedAt < UNCHECKED_TASK_WAIT_MS;
}

function save(sb: Sandbox, service: ServiceRecord, record: ThrottleRecord): void {
  if (record.failures === 0 && record.counted.length === 0) throttles(sb).delete(service.serviceArn);
  else throttles(sb).set(service.serviceArn, record);
}

/** The service's record, back to normal if a newer deployment has started since. */
function recordOf(sb: Sandbox, service: ServiceRecord): ThrottleRecord {
  const deploymentId = currentDeploymentId(service);
  const record = throttles(sb).get(service.serviceArn) ?? { deploymentId, failures: 0, lastFailureAt: 0, retryAt: 0, counted: [] };
  if (record.deploymentId !== deploymentId) Object.assign(record, { deploymentId, failures: 0, retryAt: 0 });
  return record;
}

/**
 * Counts the current deployment's tasks that failed to start since the last step, as soon
 * as they begin to stop (the scheduler replaces a task as it leaves, so the wait must be
 * known by then).
 */
export function noteFailedStarts(sb: Sandbox, service: ServiceRecord, tasks: readonly TaskRecord[]): void {
  const record = recordOf(sb, service);
  const ours = (t: TaskRecord) => record.deploymentId === '' || t._deploymentId === record.deploymentId;
  const failed = tasks.filter((t) => t.desiredStatus === 'STOPPED' && ours(t) && failedToStart(t));
  const counted = new Set(record.counted);
  const fresh = failed.filter((t) => !counted.has(t.taskArn)).length;
  record.counted = failed.filter((t) => t.lastStatus !== 'STOPPED').map((t) => t.taskArn);
  if (fresh > 0) {
    record.failures += fresh;
    record.lastFailureAt = sb.now();
    record.retryAt = sb.now() + delayAfter(record.failures);
  }
  save(sb, service, record);
}

/** After a step: a task started since the last failure that counts as healthy ends the throttle. */
export function reviewThrottle(sb: Sandbox, service: ServiceRecord, live: readonly TaskRecord[]): void {
  if (!throttles(sb).has(service.serviceArn)) return;
  const record = recordOf(sb, service);
  if (live.some((t) => t.startedAt !== undefined && t.startedAt > record.lastFailureAt && isHealthy(sb, t))) {
    record.failures = 0;
    record.retryAt = 0;
  }
  save(sb, service, record);
}

/** Until when the service may start no task, if it is throttled now. */
export function throttledUntil(sb: Sandbox, service: ServiceRecord): number | undefined {
  const record = throttles(sb).get(service.serviceArn);
  if (!record || record.deploymentId !== currentDeploymentId(service) || record.retryAt <= sb.now()) return undefined;
  return record.retryAt;
}

export function throttledMessage(service: ServiceRecord): string {
  return (
    `(service ${service.serviceName}) is unable to consistently start tasks successfully. ` +
    'For more information, see the Troubleshooting section of the Amazon ECS Developer Guide.'
  );
}

/** A deleted service is forgotten. */
export function forgetThrottle(sb: Sandbox, serviceArn: string): void {
  throttles(sb).delete(serviceArn);
}
