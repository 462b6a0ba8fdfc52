import { invalidParameter } from '../errors.js';
import type { ContainerInstanceRecord, TaskRecord } from '../model.js';
import type { Sandbox } from '../sandbox.js';
import {
  NO_CONTAINER_INSTANCES,
  placeTasks,
  reserve,
  taskDemand,
  type Placement,
  type PlacementConstraint,
  type PlacementFailure,
} from '../scheduler/index.js';
import { activeTasksOf, activeTasksView, groupCountsOf } from './cluster-tasks.js';
import { launchFargateTasks } from './fargate-launch.js';
import { checkCompatibility } from './launch-options.js';
import type { LaunchOutcome, LaunchRequest } from './launch-request.js';
import { checkNetworkConfiguration, freeEniSlots, holdsEni, type AwsvpcNetwork } from './task-eni.js';
import { stopTask } from './task-lifecycle.js';
import { beginTask, newTaskRecord } from './task-record.js';

/**
 * Starting tasks: where they go (the scheduler, or Fargate), what their records look like at
 * launch, and the start of their lifecycle. RunTask, StartTask and the service controller all
 * come here.
 */
export type { LaunchOutcome, LaunchRequest } from './launch-request.js';
export type { PlacementFailure as LaunchFailure } from '../scheduler/index.js';

/** Stopping lives with the rest of the lifecycle; launching and stopping are offered together here. */
export { stopTask };

/** Without ENI trunking, an instance out of network interfaces cannot take an awsvpc task. */
const NO_FREE_ENI = 'RESOURCE:ENI';

function attributeOf(instance: ContainerInstanceRecord, name: string): string | undefined {
  return instance.attributes.find((a) => a.name === name)?.value;
}

/** An awsvpc task can only go where one of its subnets is: a zone constraint, as ECS applies it. */
function zoneConstraint(network: AwsvpcNetwork): PlacementConstraint {
  const zones = [...new Set(network.subnets.map((s) => s.availabilityZone))];
  return { type: 'memberOf', expression: `attribute:ecs.availability-zone in [${zones.join(', ')}]` };
}

/** How many interfaces each container instance of the cluster gives its awsvpc tasks now. */
function enisInUse(sb: Sandbox, clusterArn: string): Map<string, number> {
  const used = new Map<string, number>();
  for (const task of activeTasksOf(sb, clusterArn)) {
    if (task.containerInstanceArn && holdsEni(task)) used.set(task.containerInstanceArn, (used.get(task.containerInstanceArn) ?? 0) + 1);
  }
  return used;
}

/**
 * Places and starts tasks on the cluster's container instances. awsvpc tasks are placed one at a
 * time, each on an instance with an interface to spare; instances with none fail with RESOURCE:ENI.
 */
function launchEc2Tasks(sb: Sandbox, request: LaunchRequest, network: AwsvpcNetwork | undefined): LaunchOutcome {
  const { cluster, taskDefinition: def } = request;
  const demand = taskDemand(def, request.overrides);
  const tasks: TaskRecord[] = [];
  const failures: PlacementFailure[] = [];
  const enis = network ? enisInUse(sb, cluster.clusterArn) : new Map<string, number>();
  const hasEni = (instance: ContainerInstanceRecord) => !network || freeEniSlots(instance, enis.get(instance.containerInstanceArn) ?? 0) > 0;
  const start = (placement: Placement) => {
    const zone = attributeOf(placement.instance, 'ecs.availability-zone');
    const task = newTaskRecord(sb, request, {
      launchType: 'EC2',
      instance: placement.instance,
      availabilityZone: zone,
      architecture: attributeOf(placement.instance, 'ecs.cpu-architecture') ?? 'x86_64',
      capacityProviderName: placement.instance.capacityProviderName,
      reservation: placement.reservation,
      network,
      subnet: network ? (network.subnets.find((s) => s.availabilityZone === zone) ?? network.subnets[0]) : undefined,
    });
    reserve(placement.instance, placement.reservation);
    placement.instance.pendingTasksCount += 1;
    if (network) enis.set(placement.instance.containerInstanceArn, (enis.get(placement.instance.containerInstanceArn) ?? 0) + 1);
    tasks.push(task);
    beginTask(sb, task);
  };
  const base = {
    tasks: activeTasksView(sb, cluster.clusterArn),
    groupCounts: groupCountsOf(sb, cluster.clusterArn, request.group),
    demand,
    group: request.group,
    random: sb.random,
  };
  const zones = network ? [zoneConstraint(network)] : [];
  if (request.containerInstances) {
    // No choice of instance, but the instance must still fit the task and any constraint given (a daemon's).
    const constraints = [...(request.placementConstraints ?? []), ...zones];
    for (const instance of request.containerInstances) {
      if (instance.status === 'ACTIVE' && !hasEni(instance)) {
        failures.push({ arn: instance.containerInstanceArn, reason: NO_FREE_ENI });
        continue;
      }
      const outcome = placeTasks({ ...base, instances: [instance], count: 1, strategies: [], constraints });
      // An instance that is not ACTIVE is skipped by placement: name it, with its status as the reason.
      failures.push(...outcome.failures.map((f) => (f.arn ? f : { arn: instance.containerInstanceArn, reason: instance.status })));
      outcome.placements.forEach(start);
    }
    return { tasks, failures };
  }
  const instances: ContainerInstanceRecord[] = [];
  for (const instance of sb.tables.containerInstances.values()) if (instance.clusterArn === cluster.clusterArn) instances.push(instance);
  const constraints = [...(def.placementConstraints as PlacementConstraint[]), ...(request.placementConstraints ?? []), ...zones];
  const strategies = request.placementStrategy ?? [];
  if (!network) {
    const outcome = placeTasks({ ...base, instances, count: request.count, strategies, constraints });
    outcome.placements.forEach(start);
    return { tasks, failures: outcome.failures };
  }
  for (let placed = 0; placed < request.count; placed++) {
    const withEni = instances.filter(hasEni);
    const full = instances.filter((i) => i.status === 'ACTIVE' && !hasEni(i)).map((i) => ({ arn: i.containerInstanceArn, reason: NO_FREE_ENI }));
    if (withEni.length === 0) return { tasks, failures: full.length > 0 ? full : [{ reason: NO_CONTAINER_INSTANCES }] };
    const outcome = placeTasks({ ...base, instances: withEni, count: 1, strategies, constraints });
    if (outcome.placements.length === 0) {
      const named = outcome.failures.filter((f) => f.arn);
      return { tasks, failures: named.length + full.length > 0 ? [...named, ...full] : outcome.failures };
    }
    outcome.placements.forEach(start);
  }
  return { tasks, failures };
}

/**
 * Starts `count` tasks (or one on each of `containerInstances`): on Fargate, or where the
 * scheduler places them, each holding its reservation there until it is STOPPED. Returns the
 * tasks started and, for the ones that could not be, the failures.
 */
export function launchTasks(sb: Sandbox, request: LaunchRequest): LaunchOutcome {
  const { cluster, taskDefinition: def } = request;
  const on = request.launchType ?? 'EC2';
  checkCompatibility(def, on);
  const network = checkNetworkConfiguration(sb, def, request.networkConfiguration, cluster.region, on);
  if (on === 'FARGATE') {
    if (request.containerInstances) throw invalidParameter('Tasks on Fargate are not started on container instances.');
    return launchFargateTasks(sb, request, network!);
  }
  return launchEc2Tasks(sb, request, network);
}
