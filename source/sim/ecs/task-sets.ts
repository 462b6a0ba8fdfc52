import { ecsArn, isArn, lastSegment } from '../arn.js';
import { ApiError, invalidParameter } from '../errors.js';
import { optionalArray, optionalBoolean, optionalString } from '../input.js';
import type { ClusterRecord, ServiceRecord, Tag, TaskSetRecord } from '../model.js';
import type { Operation, Sandbox } from '../sandbox.js';
import { includes, requireCluster, validTags } from './common.js';
import { newDeploymentId } from './deployments.js';
import { wakeService } from './service-controller.js';
import { renderTaskSet } from './service-render.js';
import { requireActiveService, requireService, validLoadBalancers, validServiceRegistries } from './services-validation.js';
import { computedDesiredCount } from './task-set-scheduling.js';
import { requireLaunchableTaskDefinition } from './task-definitions.js';
import { checkCompatibility, runsOn, validLaunchChoice, validPlatformVersion } from './launch-options.js';
import { checkNetworkConfiguration } from './task-eni.js';

/**
 * Task sets: the deployments of a service whose deployment controller is EXTERNAL (created
 * here by the caller) or CODE_DEPLOY (the first one made with the service). Each runs a
 * scale (a percentage) of the service's desiredCount; one of them is PRIMARY.
 */

/** ECS's quota of task sets per service. */
const MAX_TASK_SETS = 5;

const taskSetNotFound = () => new ApiError('TaskSetNotFoundException', 'The specified task set was not found.');

export interface NewTaskSet {
  taskDefinition: string;
  status: TaskSetRecord['status'];
  externalId?: string;
  startedBy?: string;
  launchType?: string;
  capacityProviderStrategy?: ServiceRecord['capacityProviderStrategy'];
  platformVersion?: string;
  networkConfiguration?: unknown;
  loadBalancers: unknown[];
  serviceRegistries: unknown[];
  scale: TaskSetRecord['scale'];
  tags: Tag[];
}

/** Adds a task set to the service (`.../task-set/CLUSTER/SERVICE/ecs-svc/NNN`). */
export function addTaskSet(sb: Sandbox, service: ServiceRecord, spec: NewTaskSet): TaskSetRecord {
  const id = newDeploymentId(sb);
  const set: TaskSetRecord = {
    id,
    taskSetArn: ecsArn(service.region, `task-set/${lastSegment(service.clusterArn)}/${service.serviceName}/${id}`),
    serviceArn: service.serviceArn,
    clusterArn: service.clusterArn,
    region: service.region,
    computedDesiredCount: 0,
    pendingCount: 0,
    runningCount: 0,
    createdAt: sb.now(),
    updatedAt: sb.now(),
    stabilityStatus: 'STEADY_STATE',
    stabilityStatusAt: sb.now(),
    ...spec,
  };
  set.computedDesiredCount = computedDesiredCount(service, set);
  if (set.computedDesiredCount > 0) set.stabilityStatus = 'STABILIZING';
  sb.tables.taskSets.set(set.taskSetArn, set);
  service.taskSets.push(set.taskSetArn);
  if (set.status === 'PRIMARY') service.taskDefinition = set.taskDefinition;
  return set;
}

function validScale(value: unknown): TaskSetRecord['scale'] {
  if (value === undefined || value === null) return { value: 100, unit: 'PERCENT' };
  const scale = value as { value?: unknown; unit?: unknown };
  if (typeof scale !== 'object' || (scale.unit !== undefined && scale.unit !== 'PERCENT')) throw invalidParameter("scale unit must be 'PERCENT'.");
  const percent = scale.value ?? 0;
  if (typeof percent !== 'number' || !Number.isFinite(percent) || percent < 0 || percent > 100) {
    throw invalidParameter('scale value must be a number from 0 to 100.');
  }
  return { value: percent, unit: 'PERCENT' };
}

/** The service of a task set request: ACTIVE, and one whose task sets the caller manages. */
function externalService(sb: Sandbox, cluster: ClusterRecord, ref: unknown): ServiceRecord {
  const service = requireActiveService(sb, cluster, ref);
  if (service.deploymentController.type !== 'EXTERNAL') {
    throw invalidParameter('Task sets can only be managed for services that use the EXTERNAL deployment controller.');
  }
  return service;
}

function lookupTaskSet(sb: Sandbox, service: ServiceRecord, ref: unknown): TaskSetRecord | undefined {
  if (typeof ref !== 'string' || ref === '') return undefined;
  for (const arn of service.taskSets) {
    const set = sb.tables.taskSets.get(arn);
    if (set && (isArn(ref) ? set.taskSetArn === ref : set.id === ref)) return set;
  }
  return undefined;
}

function requireTaskSet(sb: Sandbox, service: ServiceRecord, ref: unknown): TaskSetRecord {
  if (ref === undefined || ref === null || ref === '') throw invalidParameter('taskSet is required.');
  const set = lookupTaskSet(sb, service, ref);
  if (!set) throw taskSetNotFound();
  return set;
}

export const CreateTaskSet: Operation = (sb, input, ctx) => {
  const cluster = requireCluster(sb, ctx, input.cluster);
  const service = externalService(sb, cluster, input.service);
  const def = requireLaunchableTaskDefinition(sb, ctx, input.taskDefinition);
  const launch =
    input.launchType !== undefined || input.capacityProviderStrategy !== undefined
      ? validLaunchChoice(cluster, input.launchType, input.capacityProviderStrategy)
      : { launchType: service.launchType, capacityProviderStrategy: service.capacityProviderStrategy };
  const on = runsOn(launch);
  checkCompatibility(def, on);
  const network = checkNetworkConfiguration(sb, def, input.networkConfiguration, cluster.region, on);
  const externalId = optionalString(input, 'externalId');
  if (externalId !== undefined && externalId.length > 255) throw invalidParameter('externalId can have at most 255 characters.');
  const spec: NewTaskSet = {
    taskDefinition: def.taskDefinitionArn,
    status: 'ACTIVE',
    externalId,
    ...launch,
    platformVersion: validPlatformVersion(input.platformVersion, on),
    networkConfiguration: network?.configuration ?? input.networkConfiguration,
    loadBalancers: validLoadBalancers(input.loadBalancers, def),
    serviceRegistries: validServiceRegistries(input.serviceRegistries),
    scale: validScale(input.scale),
    tags: validTags(input.tags),
  };
  if (service.taskSets.length >= MAX_TASK_SETS) throw invalidParameter(`A service can have at most ${MAX_TASK_SETS} task sets.`);
  const set = addTaskSet(sb, service, spec);
  wakeService(sb, service);
  return { taskSet: renderTaskSet(set, { tags: true }) };
};

export const UpdateTaskSet: Operation = (sb, input, ctx) => {
  const cluster = requireCluster(sb, ctx, input.cluster);
  const service = externalService(sb, cluster, input.service);
  const set = requireTaskSet(sb, service, input.taskSet);
  if (input.scale === undefined || input.scale === null) throw invalidParameter('scale is required.');
  const scale = validScale(input.scale);
  if (set.status === 'DRAINING') throw invalidParameter('The task set is being deleted (DRAINING) and cannot be scaled.');
  set.scale = scale;
  set.computedDesiredCount = computedDesiredCount(service, set);
  set.updatedAt = sb.now();
  wakeService(sb, service);
  return { taskSet: renderTaskSet(set) };
};

export const DeleteTaskSet: Operation = (sb, input, ctx) => {
  const cluster = requireCluster(sb, ctx, input.cluster);
  const service = externalService(sb, cluster, input.service);
  const set = requireTaskSet(sb, service, input.taskSet);
  const force = optionalBoolean(input, 'force') ?? false;
  if (!force && (set.scale.value > 0 || set.runningCount + set.pendingCount > 0) && set.status !== 'DRAINING') {
    throw invalidParameter('The task set cannot be deleted while it is scaled above 0. Scale it to 0 first, or use force.');
  }
  set.status = 'DRAINING';
  set.computedDesiredCount = 0;
  set.updatedAt = sb.now();
  wakeService(sb, service);
  return { taskSet: renderTaskSet(set) };
};

export const DescribeTaskSets: Operation = (sb, input, ctx) => {
  const cluster = requireCluster(sb, ctx, input.cluster);
  const service = requireService(sb, cluster, input.service);
  const refs = optionalArray<string>(input, 'taskSets');
  const tags = includes(input, 'TAGS');
  if (!refs || refs.length === 0) {
    const sets = service.taskSets.map((arn) => sb.tables.taskSets.get(arn)).filter((s): s is TaskSetRecord => !!s);
    return { taskSets: sets.map((s) => renderTaskSet(s, { tags })), failures: [] };
  }
  const taskSets = [];
  const failures = [];
  for (const ref of refs) {
    const set = lookupTaskSet(sb, service, ref);
    if (set) taskSets.push(renderTaskSet(set, { tags }));
    else failures.push({ arn: ref, reason: 'MISSING' });
  }
  return { taskSets, failures };
};

export const UpdateServicePrimaryTaskSet: Operation = (sb, input, ctx) => {
  const cluster = requireCluster(sb, ctx, input.cluster);
  const service = externalService(sb, cluster, input.service);
  const set = requireTaskSet(sb, service, input.primaryTaskSet);
  if (set.status === 'DRAINING') throw invalidParameter('A task set that is being deleted (DRAINING) cannot become the primary task set.');
  for (const arn of service.taskSets) {
    const other = sb.tables.taskSets.get(arn);
    if (other && other !== set && other.status === 'PRIMARY') {
      other.status = 'ACTIVE';
      other.updatedAt = sb.now();
    }
  }
  set.status = 'PRIMARY';
  set.updatedAt = sb.now();
  service.taskDefinition = set.taskDefinition;
  wakeService(sb, service);
  return { taskSet: renderTaskSet(set) };
};

export const taskSetOperations: Record<string, Operation> = {
  CreateTaskSet,
  UpdateTaskSet,
  DeleteTaskSet,
  DescribeTaskSets,
  UpdateServicePrimaryTaskSet,
};
