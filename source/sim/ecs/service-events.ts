import type { ServiceRecord, TaskRecord } from '../model.js';
import type { Sandbox } from '../sandbox.js';

/**
 * A service's event log, worded as the ECS service scheduler words it. DescribeServices
 * shows the newest first and at most 100; a warning (a task that cannot be placed, a
 * deployment that cannot move) is written once and not repeated until its cause changes
 * or six hours pass, as ECS does.
 */
const MAX_SERVICE_EVENTS = 100;
const REPEAT_AFTER_MS = 6 * 60 * 60 * 1000;

export function addServiceEvent(sb: Sandbox, service: ServiceRecord, message: string): void {
  service.events.unshift({ id: sb.random.uuid(), createdAt: sb.now(), message });
  if (service.events.length > MAX_SERVICE_EVENTS) service.events.length = MAX_SERVICE_EVENTS;
}

/** `(service web)` or, for a task set's tasks, `(service web, taskSet ecs-svc/123)`. */
function subject(service: ServiceRecord, taskSetId?: string): string {
  return taskSetId ? `(service ${service.serviceName}, taskSet ${taskSetId})` : `(service ${service.serviceName})`;
}

function taskList(tasks: TaskRecord[]): string {
  return tasks.map((t) => `(task ${t.id})`).join(' ');
}

export function startedTasksEvent(sb: Sandbox, service: ServiceRecord, tasks: TaskRecord[], taskSetId?: string): void {
  if (tasks.length === 0) return;
  addServiceEvent(sb, service, `${subject(service, taskSetId)} has started ${tasks.length} tasks: ${taskList(tasks)}.`);
}

export function stoppedTasksEvent(sb: Sandbox, service: ServiceRecord, tasks: TaskRecord[], taskSetId?: string): void {
  if (tasks.length === 0) return;
  addServiceEvent(sb, service, `${subject(service, taskSetId)} has stopped ${tasks.length} running tasks: ${taskList(tasks)}.`);
}

export function deploymentCompletedEvent(sb: Sandbox, service: ServiceRecord, deploymentId: string): void {
  addServiceEvent(sb, service, `(service ${service.serviceName}) (deployment ${deploymentId}) deployment completed.`);
}

export function deploymentFailedEvent(sb: Sandbox, service: ServiceRecord, deploymentId: string): void {
  addServiceEvent(sb, service, `(service ${service.serviceName}) (deployment ${deploymentId}) deployment failed: tasks failed to start.`);
}

/**
 * "has reached a steady state.": written when the service settles, then again every six
 * hours while it stays settled. Returns when it is next due.
 */
export function steadyStateEvent(sb: Sandbox, service: ServiceRecord): number {
  const last = service._steadySince;
  if (last === undefined || sb.now() - last >= REPEAT_AFTER_MS) {
    addServiceEvent(sb, service, `(service ${service.serviceName}) has reached a steady state.`);
    service._steadySince = sb.now();
  }
  return service._steadySince! + REPEAT_AFTER_MS;
}

/** The service left its steady state: the next time it settles is news again. */
export function unsettled(service: ServiceRecord): void {
  service._steadySince = undefined;
}

/** Writes a warning unless the same one was written less than six hours ago. */
export function warningEvent(sb: Sandbox, service: ServiceRecord, message: string): void {
  const last = service._warning;
  if (last && last.message === message && sb.now() - last.at < REPEAT_AFTER_MS) return;
  addServiceEvent(sb, service, message);
  service._warning = { message, at: sb.now() };
}

/** The cause of the last warning went away (tasks placed, deployment moving). */
export function warningResolved(service: ServiceRecord): void {
  service._warning = undefined;
}

export function deploymentStuckMessage(service: ServiceRecord): string {
  return (
    `(service ${service.serviceName}) was unable to stop or start tasks during a deployment because of the service ` +
    'deployment configuration. Update the minimumHealthyPercent or maximumPercent value and try again.'
  );
}
