import { arnRegion, ecsArn, isArn, lastSegment } from '../arn.js';
import { ApiError, invalidParameter } from '../errors.js';
import { oneOf, optionalArray, optionalBoolean, optionalInteger, optionalString, paginate } from '../input.js';
import type { ClusterRecord, ContainerInstanceRecord, Tag, TaskDefinitionRecord, TaskRecord } from '../model.js';
import type { Operation, RequestContext, Sandbox } from '../sandbox.js';
import { MAX_CONSTRAINTS, NO_CONTAINER_INSTANCES, validatePlacement } from '../scheduler/index.js';
import { includes, requireCluster, validTags } from './common.js';
import { containerInstanceArnOf, containerInstanceRefArn, findContainerInstance } from './container-instances.js';
import { checkFargatePlacement, LAUNCH_TYPES, runsOn, validLaunchChoice, validPlatformVersion, type LaunchChoice, type RunsOn } from './launch-options.js';
import { requireLaunchableTaskDefinition } from './task-definitions.js';
import { launchTasks, stopTask, type LaunchFailure, type LaunchRequest } from './task-launch.js';
import { renderTask } from './task-render.js';

/** The task API: RunTask, StartTask, StopTask, DescribeTasks, ListTasks and task protection. */

const STARTED_BY = /^[a-zA-Z0-9_\-/]{1,128}$/;
const FAMILY = /^[a-zA-Z0-9\-_]+$/;
const MAX_OVERRIDES_LENGTH = 8192;
const DEFAULT_PROTECTION_MINUTES = 120;
const MAX_PROTECTION_MINUTES = 2880;

/** A task of the cluster by id or ARN (the long `task/CLUSTER/ID` form or the old `task/ID`). */
export function findTask(sb: Sandbox, cluster: ClusterRecord, ref: string): TaskRecord | undefined {
  if (isArn(ref)) {
    if (arnRegion(ref) !== cluster.region) return undefined;
    const task = sb.tables.tasks.get(ref) ?? sb.tables.tasks.get(taskArnOf(cluster, lastSegment(ref)));
    return task?.clusterArn === cluster.clusterArn ? task : undefined;
  }
  return sb.tables.tasks.get(taskArnOf(cluster, ref));
}

function taskArnOf(cluster: ClusterRecord, id: string): string {
  return ecsArn(cluster.region, `task/${cluster.clusterName}/${id}`);
}

function failureArn(cluster: ClusterRecord, ref: string): string {
  return isArn(ref) ? ref : taskArnOf(cluster, ref);
}

function validGroup(input: any, def: TaskDefinitionRecord): string {
  const group = optionalString(input, 'group') ?? `family:${def.family}`;
  if (group.length === 0 || group.length > 255) throw invalidParameter('group must be between 1 and 255 characters.');
  return group;
}

function validStartedBy(input: any): string | undefined {
  const startedBy = optionalString(input, 'startedBy');
  if (startedBy !== undefined && !STARTED_BY.test(startedBy)) {
    throw invalidParameter('startedBy can have up to 128 letters, numbers, hyphens, forward slashes and underscores.');
  }
  return startedBy;
}

/** RunTask and StartTask overrides: every container they name must be in the definition. */
function validOverrides(def: TaskDefinitionRecord, overrides: unknown): Record<string, unknown> | undefined {
  if (overrides === undefined || overrides === null) return undefined;
  if (typeof overrides !== 'object' || Array.isArray(overrides)) throw invalidParameter('overrides must be an object.');
  const list = (overrides as any).containerOverrides;
  if (list !== undefined && list !== null) {
    if (!Array.isArray(list)) throw invalidParameter('containerOverrides must be a list.');
    if (JSON.stringify(list).length > MAX_OVERRIDES_LENGTH) throw invalidParameter(`Container Overrides length must be at most ${MAX_OVERRIDES_LENGTH}`);
    for (const o of list) {
      if (!def.containerDefinitions.some((c) => c.name === o?.name)) {
        throw invalidParameter(`Override for container named ${o?.name} is not a container in the TaskDefinition.`);
      }
      for (const field of ['command', 'environment', 'environmentFiles', 'resourceRequirements']) {
        if (o[field] !== undefined && !Array.isArray(o[field])) throw invalidParameter(`containerOverrides ${field} for ${o.name} must be a list.`);
      }
    }
  }
  return overrides as Record<string, unknown>;
}

/** What RunTask and StartTask share: the definition, group, startedBy, overrides and tags. */
function launchBasics(sb: Sandbox, input: any, ctx: RequestContext, cluster: ClusterRecord): Omit<LaunchRequest, 'count'> {
  const def = requireLaunchableTaskDefinition(sb, ctx, input.taskDefinition);
  const propagate = oneOf(optionalString(input, 'propagateTags'), 'propagateTags', ['TASK_DEFINITION', 'SERVICE', 'NONE'] as const);
  if (propagate === 'SERVICE') throw invalidParameter('propagateTags SERVICE applies only to tasks started by a service.');
  const propagatedTags: Tag[] = propagate === 'TASK_DEFINITION' ? [...def.tags] : [];
  if (optionalBoolean(input, 'enableECSManagedTags')) propagatedTags.push({ key: 'aws:ecs:clusterName', value: cluster.clusterName });
  return {
    cluster,
    taskDefinition: def,
    group: validGroup(input, def),
    startedBy: validStartedBy(input),
    overrides: validOverrides(def, input.overrides),
    tags: validTags(input.tags),
    propagatedTags,
    networkConfiguration: input.networkConfiguration ?? undefined,
    enableExecuteCommand: optionalBoolean(input, 'enableExecuteCommand'),
  };
}

/**
 * How RunTask launches: on the cluster's instances (EC2), or on Fargate by launch type or by a
 * strategy of FARGATE and FARGATE_SPOT (the request's or the cluster's default); the choice
 * refuses Auto Scaling group providers, for every operation alike.
 */
function launchOf(input: any, cluster: ClusterRecord): LaunchChoice & { on: RunsOn } {
  const choice = validLaunchChoice(cluster, input.launchType, input.capacityProviderStrategy);
  return { ...choice, on: runsOn(choice) };
}

export const RunTask: Operation = (sb, input, ctx) => {
  const cluster = requireCluster(sb, ctx, input.cluster);
  const launch = launchOf(input, cluster);
  const basics = launchBasics(sb, input, ctx, cluster);
  const platformVersion = validPlatformVersion(input.platformVersion, launch.on);
  const count = optionalInteger(input, 'count') ?? 1;
  if (count < 1 || count > 10) throw invalidParameter('count must be between 1 and 10.');
  validatePlacement(input.placementStrategy, input.placementConstraints);
  checkFargatePlacement(launch.on, input.placementStrategy, input.placementConstraints);
  const constraints = input.placementConstraints ?? [];
  if (constraints.length + basics.taskDefinition.placementConstraints.length > MAX_CONSTRAINTS) {
    throw invalidParameter(`Maximum number of constraints is ${MAX_CONSTRAINTS}, counting the task definition's.`);
  }
  const { tasks, failures } = launchTasks(sb, {
    ...basics,
    count,
    launchType: launch.on,
    capacityProviderStrategy: launch.capacityProviderStrategy,
    platformVersion,
    placementStrategy: input.placementStrategy ?? undefined,
    placementConstraints: constraints,
  });
  if (tasks.length === 0 && failures.some((f) => !f.arn && f.reason === NO_CONTAINER_INSTANCES)) throw invalidParameter(NO_CONTAINER_INSTANCES);
  return { tasks: tasks.map((t) => renderTask(t, { tags: true })), failures };
};

export const StartTask: Operation = (sb, input, ctx) => {
  const cluster = requireCluster(sb, ctx, input.cluster);
  const refs = optionalArray<unknown>(input, 'containerInstances');
  if (!refs || refs.length === 0) throw invalidParameter('containerInstances can not be empty.');
  if (refs.length > 10) throw invalidParameter('containerInstances can have at most 10 items.');
  const basics = launchBasics(sb, input, ctx, cluster);
  const instances: ContainerInstanceRecord[] = [];
  const failures: LaunchFailure[] = [];
  for (const ref of refs) {
    if (typeof ref !== 'string' || ref.length === 0) throw invalidParameter('Each container instance must be a non-empty string.');
    const instance = findContainerInstance(sb, cluster, ref);
    if (instance) instances.push(instance);
    else failures.push({ arn: containerInstanceRefArn(cluster, ref), reason: 'MISSING' });
  }
  const launched = launchTasks(sb, { ...basics, count: instances.length, launchType: 'EC2', containerInstances: instances });
  failures.push(...launched.failures);
  return { tasks: launched.tasks.map((t) => renderTask(t, { tags: true })), failures };
};

function requireTaskRef(input: any): string {
  const ref = input.task;
  if (typeof ref !== 'string' || ref.length === 0) throw invalidParameter('task is required.');
  return ref;
}

export const StopTask: Operation = (sb, input, ctx) => {
  const cluster = requireCluster(sb, ctx, input.cluster);
  const task = findTask(sb, cluster, requireTaskRef(input));
  if (!task) throw invalidParameter('The referenced task was not found.');
  const reason = optionalString(input, 'reason') || 'Task stopped by user';
  if (reason.length > 1024) throw invalidParameter('reason can be at most 1024 characters.');
  stopTask(sb, task, reason, 'UserInitiated');
  return { task: renderTask(task, { tags: true }) };
};

export const DescribeTasks: Operation = (sb, input, ctx) => {
  const cluster = requireCluster(sb, ctx, input.cluster);
  const refs = optionalArray<unknown>(input, 'tasks');
  if (!refs || refs.length === 0) throw invalidParameter('Tasks cannot be empty.');
  if (refs.length > 100) throw invalidParameter(`Too many tasks were provided (${refs.length}); the maximum is 100.`);
  const tags = includes(input, 'TAGS');
  const tasks = [];
  const failures = [];
  for (const ref of refs) {
    if (typeof ref !== 'string' || ref.length === 0) throw invalidParameter('Each task must be a non-empty string.');
    const task = findTask(sb, cluster, ref);
    if (task) tasks.push(renderTask(task, { tags }));
    else failures.push({ arn: failureArn(cluster, ref), reason: 'MISSING' });
  }
  return { tasks, failures };
};

function serviceArnFor(sb: Sandbox, cluster: ClusterRecord, ref: string): string {
  const arn = isArn(ref) ? ref : ecsArn(cluster.region, `service/${cluster.clusterName}/${ref}`);
  const service = sb.tables.services.get(arn);
  if (!service || service.clusterArn !== cluster.clusterArn) throw new ApiError('ServiceNotFoundException', 'Service not found.');
  return arn;
}

function familyOf(taskDefinitionArn: string): string {
  const resource = lastSegment(taskDefinitionArn);
  return resource.slice(0, resource.lastIndexOf(':'));
}

export const ListTasks: Operation = (sb, input, ctx) => {
  const cluster = requireCluster(sb, ctx, input.cluster);
  const family = optionalString(input, 'family');
  if (family !== undefined && !FAMILY.test(family)) throw invalidParameter('family must match ^[a-zA-Z0-9\\-_]+$');
  const startedBy = optionalString(input, 'startedBy');
  const serviceName = optionalString(input, 'serviceName');
  const serviceArn = serviceName === undefined ? undefined : serviceArnFor(sb, cluster, serviceName);
  const instanceRef = optionalString(input, 'containerInstance');
  const instanceArn = instanceRef === undefined ? undefined : containerInstanceArnOf(cluster, lastSegment(instanceRef));
  // ECS never sets a desired status of PENDING: asking for it lists nothing.
  const desiredStatus = oneOf(optionalString(input, 'desiredStatus'), 'desiredStatus', ['RUNNING', 'PENDING', 'STOPPED'] as const) ?? 'RUNNING';
  const launchType = oneOf(optionalString(input, 'launchType'), 'launchType', LAUNCH_TYPES);
  const arns: string[] = [];
  for (const task of sb.tables.tasks.values()) {
    if (task.clusterArn !== cluster.clusterArn || task.desiredStatus !== desiredStatus) continue;
    if (family !== undefined && familyOf(task.taskDefinitionArn) !== family) continue;
    if (startedBy !== undefined && task.startedBy !== startedBy) continue;
    if (serviceArn !== undefined && task._serviceArn !== serviceArn) continue;
    if (instanceArn !== undefined && task.containerInstanceArn !== instanceArn) continue;
    if (launchType !== undefined && task.launchType !== launchType) continue;
    arns.push(task.taskArn);
  }
  const { page, nextToken } = paginate(arns, input.nextToken, input.maxResults, { defaultSize: 100, maxSize: 100 });
  return { taskArns: page, nextToken };
};

/** Protection lapses by itself at its expiration date, as ECS clears it. */
function protectionOf(sb: Sandbox, task: TaskRecord) {
  const p = task.protection;
  const live = p?.protectionEnabled === true && (p.expirationDate === undefined || p.expirationDate > sb.now());
  return {
    taskArn: task.taskArn,
    protectionEnabled: live,
    expirationDate: live && p?.expirationDate !== undefined ? p.expirationDate / 1000 : undefined,
  };
}

/** Why a task cannot carry protection: only the running tasks of a service can. */
function protectionFailure(task: TaskRecord | undefined, arn: string) {
  if (!task) return { arn, reason: 'MISSING' };
  if (!task._serviceArn) return { arn, reason: 'TASK_NOT_VALID', detail: 'Task protection applies only to tasks that belong to a service.' };
  if (task.desiredStatus !== 'RUNNING') return { arn, reason: 'TASK_NOT_VALID', detail: 'The task is stopping or stopped.' };
  return undefined;
}

export const GetTaskProtection: Operation = (sb, input, ctx) => {
  const cluster = requireCluster(sb, ctx, input.cluster);
  const refs = optionalArray<unknown>(input, 'tasks');
  if (refs && refs.length > 100) throw invalidParameter('tasks can have at most 100 items.');
  const protectedTasks = [];
  const failures = [];
  const found = refs
    ? refs.map((ref) => {
        if (typeof ref !== 'string' || ref.length === 0) throw invalidParameter('Each task must be a non-empty string.');
        return { ref, task: findTask(sb, cluster, ref) };
      })
    : [...sb.tables.tasks.values()].filter((t) => t.clusterArn === cluster.clusterArn && t._serviceArn).map((task) => ({ ref: task.taskArn, task }));
  for (const { ref, task } of found) {
    const failure = protectionFailure(task, task?.taskArn ?? failureArn(cluster, ref));
    if (failure) failures.push(failure);
    else protectedTasks.push(protectionOf(sb, task!));
  }
  return { protectedTasks, failures };
};

export const UpdateTaskProtection: Operation = (sb, input, ctx) => {
  const cluster = requireCluster(sb, ctx, input.cluster);
  const refs = optionalArray<unknown>(input, 'tasks');
  if (!refs || refs.length === 0) throw invalidParameter('tasks can not be empty.');
  if (refs.length > 10) throw invalidParameter('tasks can have at most 10 items.');
  const enabled = optionalBoolean(input, 'protectionEnabled');
  if (enabled === undefined) throw invalidParameter('protectionEnabled is required.');
  const minutes = optionalInteger(input, 'expiresInMinutes', { min: 1, max: MAX_PROTECTION_MINUTES }) ?? DEFAULT_PROTECTION_MINUTES;
  const protectedTasks = [];
  const failures = [];
  for (const ref of refs) {
    if (typeof ref !== 'string' || ref.length === 0) throw invalidParameter('Each task must be a non-empty string.');
    const task = findTask(sb, cluster, ref);
    const failure = protectionFailure(task, task?.taskArn ?? failureArn(cluster, ref));
    if (failure) {
      failures.push(failure);
      continue;
    }
    task!.protection = enabled ? { protectionEnabled: true, expirationDate: sb.now() + minutes * 60_000 } : { protectionEnabled: false };
    task!.version += 1;
    protectedTasks.push(protectionOf(sb, task!));
  }
  return { protectedTasks, failures };
};

export const taskOperations: Record<string, Operation> = {
  RunTask,
  StartTask,
  StopTask,
  DescribeTasks,
  ListTasks,
  GetTaskProtection,
  UpdateTaskProtection,
};
