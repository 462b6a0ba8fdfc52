import { ApiError } from '../errors.js';
import type { ContainerInstanceRecord, ServiceRecord, Tag, TaskDefinitionRecord, TaskRecord } from '../model.js';
import type { Sandbox } from '../sandbox.js';
import { SERVICE_DEFAULT_STRATEGIES, unableToPlaceMessage } from '../scheduler/index.js';
import { runsOn, type LaunchChoice } from './launch-options.js';
import { startedTasksEvent, stoppedTasksEvent, warningEvent, warningResolved } from './service-events.js';
import { throttledMessage, throttledUntil } from './service-throttle.js';
import { launchTasks, stopTask } from './task-launch.js';

/**
 * What the service scheduler does to tasks, whatever drives it (replicas, daemons, task
 * sets): find the service's tasks, start them where the scheduler places them, stop them
 * with ECS's reason, and choose which ones to stop.
 */

const PENDING_STATUSES: ReadonlySet<string> = new Set(['PROVISIONING', 'PENDING', 'ACTIVATING']);

export function isPending(task: TaskRecord): boolean {
  return PENDING_STATUSES.has(task.lastStatus);
}

/** Scale-in protection (UpdateTaskProtection): the scheduler does not pick it to stop until it lapses. */
export function isProtected(sb: Sandbox, task: TaskRecord): boolean {
  const p = task.protection;
  return p?.protectionEnabled === true && (p.expirationDate === undefined || p.expirationDate > sb.now());
}

/** Already told to stop, on its way to STOPPED. */
export function isLeaving(task: TaskRecord): boolean {
  return task.desiredStatus === 'STOPPED';
}

function hostOf(sb: Sandbox, task: TaskRecord): ContainerInstanceRecord | undefined {
  return task.containerInstanceArn ? sb.tables.containerInstances.get(task.containerInstanceArn) : undefined;
}

/** On an instance being drained: the task is to be replaced elsewhere, then stopped. */
export function onDrainingHost(sb: Sandbox, task: TaskRecord): boolean {
  return hostOf(sb, task)?.status === 'DRAINING';
}

/**
 * The service's tasks that are not STOPPED yet. The service keeps the ARNs of the tasks it
 * started; those that reached STOPPED (or were forgotten) are dropped here, each handed to
 * `stopped` once, which is how the circuit breaker hears of tasks that failed.
 */
export function liveServiceTasks(sb: Sandbox, service: ServiceRecord, stopped: (task: TaskRecord) => void): TaskRecord[] {
  const live: TaskRecord[] = [];
  const keep: string[] = [];
  for (const arn of service._taskArns) {
    const task = sb.tables.tasks.get(arn);
    if (!task) continue;
    if (task.lastStatus === 'STOPPED') {
      stopped(task);
      continue;
    }
    live.push(task);
    keep.push(arn);
  }
  service._taskArns = keep;
  return live;
}

/** The tags a service's tasks carry: propagated from the service or the task definition, and ECS's managed ones. */
function tagsFor(sb: Sandbox, service: ServiceRecord, def: TaskDefinitionRecord): Tag[] {
  const tags: Tag[] = [];
  if (service.propagateTags === 'SERVICE') tags.push(...service.tags);
  if (service.propagateTags === 'TASK_DEFINITION') tags.push(...def.tags);
  if (service.enableECSManagedTags) {
    const cluster = sb.tables.clusters.get(service.clusterArn);
    tags.push({ key: 'aws:ecs:clusterName', value: cluster?.clusterName ?? '' }, { key: 'aws:ecs:serviceName', value: service.serviceName });
  }
  return tags;
}

export interface ServiceLaunch {
  /** The deployment or task set the tasks belong to (also their startedBy). */
  deploymentId: string;
  taskDefinition: string;
  launchType?: string;
  networkConfiguration?: unknown;
  /** How many to place; or, for a daemon, one on each of these instances. */
  count?: number;
  containerInstances?: ContainerInstanceRecord[];
  /** Set for a task set's tasks, which the events name. */
  taskSetId?: string;
}

/** How the deployment or task set launches its tasks: its launch type or strategy, and platform version. */
function launchSettingsOf(sb: Sandbox, service: ServiceRecord, launch: ServiceLaunch): LaunchChoice & { platformVersion?: string } {
  const deployment = service.deployments.find((d) => d.id === launch.deploymentId);
  if (deployment) return deployment;
  for (const arn of service.taskSets) {
    const set = sb.tables.taskSets.get(arn);
    if (set && set.id === launch.taskSetId) return set;
  }
  return { launchType: launch.launchType, capacityProviderStrategy: service.capacityProviderStrategy, platformVersion: service.platformVersion };
}

/** The deployment's live tasks on each capacity provider, which a strategy's base and weights count. */
function providerCounts(sb: Sandbox, service: ServiceRecord, deploymentId: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const arn of service._taskArns) {
    const task = sb.tables.tasks.get(arn);
    if (!task || task._deploymentId !== deploymentId || task.desiredStatus !== 'RUNNING' || !task.capacityProviderName) continue;
    counts.set(task.capacityProviderName, (counts.get(task.capacityProviderName) ?? 0) + 1);
  }
  return counts;
}

/**
 * Starts tasks for the service and writes the events: "has started N tasks", or the
 * placement failure (once, until it changes or six hours pass). A service whose tasks keep
 * failing to start waits (service-throttle.ts) and says so instead.
 */
export function launchForService(sb: Sandbox, service: ServiceRecord, launch: ServiceLaunch): TaskRecord[] {
  const cluster = sb.tables.clusters.get(service.clusterArn);
  const def = sb.tables.taskDefinitions.get(launch.taskDefinition);
  if (!cluster || !def) return [];
  if (throttledUntil(sb, service) !== undefined) {
    warningEvent(sb, service, throttledMessage(service));
    return [];
  }
  const settings = launchSettingsOf(sb, service, launch);
  const on = runsOn(settings);
  let result: ReturnType<typeof launchTasks>;
  try {
    result = launchTasks(sb, {
      cluster,
      taskDefinition: def,
      count: launch.count ?? launch.containerInstances?.length ?? 0,
      group: `service:${service.serviceName}`,
      startedBy: launch.deploymentId,
      launchType: on,
      capacityProviderStrategy: on === 'FARGATE' ? settings.capacityProviderStrategy : undefined,
      providerCounts: providerCounts(sb, service, launch.deploymentId),
      platformVersion: settings.platformVersion,
      placementStrategy: service.placementStrategy.length > 0 ? service.placementStrategy : [...SERVICE_DEFAULT_STRATEGIES],
      placementConstraints: service.placementConstraints,
      serviceArn: service.serviceArn,
      deploymentId: launch.deploymentId,
      networkConfiguration: launch.networkConfiguration,
      enableExecuteCommand: service.enableExecuteCommand,
      propagatedTags: tagsFor(sb, service, def),
      containerInstances: launch.containerInstances,
    });
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    warningEvent(sb, service, `(service ${service.serviceName}) was unable to place a task. Reason: ${error.message.replace(/\.?$/, '.')}`);
    return [];
  }
  service._taskArns.push(...result.tasks.map((t) => t.taskArn));
  startedTasksEvent(sb, service, result.tasks, launch.taskSetId);
  const fargateFailure = on === 'FARGATE' ? result.failures[0] : undefined;
  if (fargateFailure) warningEvent(sb, service, `(service ${service.serviceName}) was unable to place a task. Reason: ${fargateFailure.detail ?? fargateFailure.reason}`);
  else if (result.failures.length > 0) warningEvent(sb, service, unableToPlaceMessage(service.serviceName, result.failures));
  else warningResolved(service);
  return result.tasks;
}

/**
 * Stops tasks as the service scheduler does, and writes "has stopped N running tasks". The
 * reason names the deployment that initiated it: `initiatedBy`, or each task's own.
 */
export function stopForService(sb: Sandbox, service: ServiceRecord, tasks: TaskRecord[], initiatedBy?: string, taskSetId?: string): void {
  if (tasks.length === 0) return;
  for (const task of tasks) {
    const deploymentId = initiatedBy ?? task._deploymentId ?? task.startedBy;
    stopTask(sb, task, `Scaling activity initiated by (deployment ${deploymentId})`, 'ServiceSchedulerInitiated');
  }
  stoppedTasksEvent(sb, service, tasks, taskSetId);
}

/**
 * Which `count` of `candidates` to stop, as ECS scales in: tasks not yet running first, then
 * keeping the service balanced, from the Availability Zone and then the instance that has
 * the most of its tasks (`population`), the newest task first. Protected tasks are spared.
 */
export function pickTasksToStop(sb: Sandbox, candidates: readonly TaskRecord[], count: number, population: readonly TaskRecord[]): TaskRecord[] {
  const perZone = new Map<string, number>();
  const perHost = new Map<string, number>();
  const bump = (map: Map<string, number>, key: string, by: number) => map.set(key, (map.get(key) ?? 0) + by);
  for (const task of population) {
    bump(perZone, task.availabilityZone ?? '', 1);
    bump(perHost, task.containerInstanceArn ?? '', 1);
  }
  const zoneLoad = (t: TaskRecord) => perZone.get(t.availabilityZone ?? '') ?? 0;
  const hostLoad = (t: TaskRecord) => perHost.get(t.containerInstanceArn ?? '') ?? 0;
  const before = (a: TaskRecord, b: TaskRecord): boolean => {
    const running = Number(a.lastStatus === 'RUNNING') - Number(b.lastStatus === 'RUNNING');
    if (running !== 0) return running < 0;
    if (zoneLoad(a) !== zoneLoad(b)) return zoneLoad(a) > zoneLoad(b);
    if (hostLoad(a) !== hostLoad(b)) return hostLoad(a) > hostLoad(b);
    if (a.createdAt !== b.createdAt) return a.createdAt > b.createdAt;
    return a.taskArn < b.taskArn;
  };
  const remaining = candidates.filter((t) => !isProtected(sb, t));
  const chosen: TaskRecord[] = [];
  while (chosen.length < count && remaining.length > 0) {
    let best = 0;
    for (let i = 1; i < remaining.length; i++) if (before(remaining[i]!, remaining[best]!)) best = i;
    const [task] = remaining.splice(best, 1);
    chosen.push(task!);
    bump(perZone, task!.availabilityZone ?? '', -1);
    bump(perHost, task!.containerInstanceArn ?? '', -1);
  }
  return chosen;
}
