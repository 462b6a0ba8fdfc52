import { invalidParameter } from '../errors.js';
import { oneOf, optionalArray, optionalBoolean, optionalString, paginate, requireString } from '../input.js';
import type { Operation } from '../sandbox.js';
import { matchesClusterQuery, parseClusterQuery } from '../scheduler/index.js';
import { activeTasksOf } from './cluster-tasks.js';
import { requireCluster } from './common.js';
import { UpdateContainerAgent } from './container-instance-agent-update.js';
import { RegisterContainerInstance } from './container-instance-registration.js';
import { renderContainerInstance } from './container-instance-render.js';
import { containerInstanceRefArn, findContainerInstance, instanceChanged, liveTasksOn, requireContainerInstance } from './container-instances.js';
import { stopTask } from './task-launch.js';

/** A list of instance references, 1 to `max` of them. */
function instanceRefs(input: any, max: number): string[] {
  const refs = optionalArray<unknown>(input, 'containerInstances');
  if (!refs || refs.length === 0) throw invalidParameter('containerInstances is required and must list at least one container instance.');
  if (refs.length > max) throw invalidParameter(`containerInstances can have at most ${max} items.`);
  for (const ref of refs) if (typeof ref !== 'string' || ref.length === 0) throw invalidParameter('containerInstances must list IDs or ARNs.');
  return refs as string[];
}

/** The stop reason ECS gives the tasks of an instance deregistered with force. */
const FORCED_DEREGISTRATION = 'Container instance deregistration forced by user';

export const DeregisterContainerInstance: Operation = (sb, input, ctx) => {
  const cluster = requireCluster(sb, ctx, input.cluster);
  const instance = requireContainerInstance(sb, cluster, input);
  const force = optionalBoolean(input, 'force') ?? false;
  if (instance.status !== 'INACTIVE') {
    const tasks = liveTasksOn(sb, instance);
    if (tasks.length > 0 && !force) throw invalidParameter('Found running tasks on the instance.');
    // ECS stops tracking them; in the sandbox they stop, so their services replace them elsewhere.
    for (const task of tasks) stopTask(sb, task, FORCED_DEREGISTRATION, 'UserInitiated');
    instance.status = 'INACTIVE';
    instance.agentConnected = false;
    instanceChanged(sb, instance);
  }
  return { containerInstance: renderContainerInstance(sb, instance) };
};

export const DescribeContainerInstances: Operation = (sb, input, ctx) => {
  const cluster = requireCluster(sb, ctx, input.cluster);
  const containerInstances = [];
  const failures = [];
  for (const ref of instanceRefs(input, 100)) {
    const instance = findContainerInstance(sb, cluster, ref);
    if (instance) containerInstances.push(renderContainerInstance(sb, instance, input));
    else failures.push({ arn: containerInstanceRefArn(cluster, ref), reason: 'MISSING' });
  }
  return { containerInstances, failures };
};

/** The statuses ListContainerInstances filters on; without one it lists all but INACTIVE. */
const LISTED_STATUSES = ['ACTIVE', 'DRAINING', 'REGISTERING', 'DEREGISTERING', 'REGISTRATION_FAILED'] as const;

export const ListContainerInstances: Operation = (sb, input, ctx) => {
  const cluster = requireCluster(sb, ctx, input.cluster);
  const status = oneOf(optionalString(input, 'status'), 'status', LISTED_STATUSES);
  const filter = optionalString(input, 'filter');
  const query = filter ? parseClusterQuery(filter) : undefined;
  const instances = [...sb.tables.containerInstances.values()].filter(
    (i) => i.clusterArn === cluster.clusterArn && (status ? i.status === status : i.status !== 'INACTIVE'),
  );
  let matching = instances;
  if (query) {
    const tasks = activeTasksOf(sb, cluster.clusterArn);
    matching = instances.filter((i) => matchesClusterQuery(query, i, tasks));
  }
  const { page, nextToken } = paginate(
    matching.map((i) => i.containerInstanceArn),
    input.nextToken,
    input.maxResults,
    { defaultSize: 100, maxSize: 100 },
  );
  return { containerInstanceArns: page, nextToken };
};

/**
 * ACTIVE <-> DRAINING. A DRAINING instance takes no new tasks; the services of the cluster are
 * woken to move their tasks off it (instanceChanged), which is how ECS drains.
 */
export const UpdateContainerInstancesState: Operation = (sb, input, ctx) => {
  const cluster = requireCluster(sb, ctx, input.cluster);
  const refs = instanceRefs(input, 10);
  const requested = requireString(input, 'status');
  const status = oneOf(requested, 'status', ['ACTIVE', 'DRAINING'] as const)!;
  const containerInstances = [];
  const failures = [];
  for (const ref of refs) {
    const instance = findContainerInstance(sb, cluster, ref);
    if (!instance) {
      failures.push({ arn: containerInstanceRefArn(cluster, ref), reason: 'MISSING' });
      continue;
    }
    if (instance.status !== 'ACTIVE' && instance.status !== 'DRAINING') {
      failures.push({
        arn: instance.containerInstanceArn,
        reason: instance.status,
        detail: `A container instance can only move between ACTIVE and DRAINING; this one is ${instance.status}.`,
      });
      continue;
    }
    if (instance.status !== status) {
      instance.status = status;
      instanceChanged(sb, instance);
    }
    containerInstances.push(renderContainerInstance(sb, instance));
  }
  return { containerInstances, failures };
};

export const containerInstanceOperations: Record<string, Operation> = {
  RegisterContainerInstance,
  DeregisterContainerInstance,
  DescribeContainerInstances,
  ListContainerInstances,
  UpdateContainerInstancesState,
  UpdateContainerAgent,
};
