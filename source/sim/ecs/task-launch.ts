import { ecsArn } from '../arn.js';
import { invalidParameter, unsupported } from '../errors.js';
import type {
  Attribute,
  ClusterRecord,
  ContainerInstanceRecord,
  ContainerRecord,
  SubnetRecord,
  Tag,
  TaskDefinitionRecord,
  TaskRecord,
} from '../model.js';
import { allocatePrivateIp } from '../ec2/index.js';
import type { Sandbox } from '../sandbox.js';
import {
  placeTasks,
  reserve,
  taskDemand,
  type Placement,
  type PlacementConstraint,
  type PlacementFailure,
  type PlacementStrategy,
} from '../scheduler/index.js';
import { activeTasksView, addTask, groupCountsOf } from './cluster-tasks.js';
import { planStart, stopTask } from './task-lifecycle.js';

/**
 * Starting tasks: where they go (the scheduler), what their records look like at launch, and
 * the start of their lifecycle. RunTask, StartTask and the service controller all come here.
 */
export interface LaunchRequest {
  cluster: ClusterRecord;
  taskDefinition: TaskDefinitionRecord;
  count: number;
  group: string;
  startedBy?: string;
  launchType?: 'EC2' | 'FARGATE' | 'EXTERNAL';
  placementStrategy?: PlacementStrategy[];
  placementConstraints?: PlacementConstraint[];
  overrides?: Record<string, unknown>;
  tags?: Tag[];
  serviceArn?: string;
  deploymentId?: string;
  networkConfiguration?: unknown;
  enableExecuteCommand?: boolean;
  propagatedTags?: Tag[];
  /** StartTask: one task on each of these instances, no placement. */
  containerInstances?: ContainerInstanceRecord[];
}

export type { PlacementFailure as LaunchFailure } from '../scheduler/index.js';

/** Stopping lives with the rest of the lifecycle; contract B offers it here beside launching. */
export { stopTask };

interface AwsvpcNetwork {
  subnets: SubnetRecord[];
  securityGroups: string[];
}

/**
 * The networkConfiguration a task of `def` needs: required for awsvpc (subnets that exist,
 * no public IP on EC2), refused for every other network mode. Returns the subnets to use.
 */
export function checkNetworkConfiguration(sb: Sandbox, def: TaskDefinitionRecord, config: unknown, region: string): AwsvpcNetwork | undefined {
  if (def.networkMode !== 'awsvpc') {
    if (config !== undefined && config !== null) {
      throw invalidParameter('Network Configuration is not valid for the given networkMode of this task definition.');
    }
    return undefined;
  }
  const vpc = (config as any)?.awsvpcConfiguration;
  if (!vpc) throw invalidParameter("Network Configuration must be provided when networkMode 'awsvpc' is specified.");
  const ids = vpc.subnets;
  if (!Array.isArray(ids) || ids.length === 0) throw invalidParameter('subnets can not be empty.');
  if (ids.length > 16) throw invalidParameter('At most 16 subnets can be specified.');
  const groups = vpc.securityGroups ?? [];
  if (!Array.isArray(groups) || groups.length > 5) throw invalidParameter('At most 5 security groups can be specified.');
  if (vpc.assignPublicIp === 'ENABLED') throw invalidParameter('Assign public IP is not supported for this launch type.');
  const subnets = ids.map((id: unknown) => {
    const subnet = typeof id === 'string' ? sb.tables.subnets.get(id) : undefined;
    if (!subnet || subnet.region !== region) {
      throw invalidParameter(`Error retrieving subnet information for [${String(id)}]: The subnet ID '${String(id)}' does not exist`);
    }
    return subnet;
  });
  for (const id of groups) {
    const group = typeof id === 'string' ? sb.tables.securityGroups.get(id) : undefined;
    if (!group || group.region !== region) {
      throw invalidParameter(`Error retrieving security group information for [${String(id)}]: The security group '${String(id)}' does not exist`);
    }
  }
  return { subnets, securityGroups: groups as string[] };
}

function attributeOf(instance: ContainerInstanceRecord, name: string): string | undefined {
  return instance.attributes.find((a) => a.name === name)?.value;
}

/** The task's elastic network interface (awsvpc), in the subnet of its instance's zone. */
function networkInterface(sb: Sandbox, network: AwsvpcNetwork, instance: ContainerInstanceRecord) {
  const zone = attributeOf(instance, 'ecs.availability-zone');
  const subnet = network.subnets.find((s) => s.availabilityZone === zone) ?? network.subnets[0]!;
  const eniId = `eni-${sb.random.hex(17)}`;
  const address = allocatePrivateIp(sb, subnet, eniId);
  const mac = ['0e', ...Array.from({ length: 5 }, () => sb.random.hex(2))].join(':');
  const domain = subnet.region === 'us-east-1' ? 'ec2.internal' : `${subnet.region}.compute.internal`;
  const attachment = {
    id: sb.random.uuid(),
    type: 'ElasticNetworkInterface',
    status: 'PRECREATED',
    details: [
      { name: 'subnetId', value: subnet.subnetId },
      { name: 'networkInterfaceId', value: eniId },
      { name: 'macAddress', value: mac },
      { name: 'privateDnsName', value: `ip-${address.replaceAll('.', '-')}.${domain}` },
      { name: 'privateIPv4Address', value: address },
    ],
  };
  return { attachment, address };
}

/** RunTask's overrides as ECS echoes them: an entry for every container, named. */
function echoedOverrides(def: TaskDefinitionRecord, overrides: Record<string, unknown> | undefined) {
  const given = (overrides?.containerOverrides as Array<{ name?: string }> | undefined) ?? [];
  return {
    ...overrides,
    containerOverrides: def.containerDefinitions.map((c) => ({ ...given.find((o) => o.name === c.name), name: c.name })),
    inferenceAcceleratorOverrides: overrides?.inferenceAcceleratorOverrides ?? [],
  };
}

function createTask(sb: Sandbox, request: LaunchRequest, placement: Placement, network: AwsvpcNetwork | undefined): TaskRecord {
  const { cluster, taskDefinition: def, overrides } = request;
  const { instance, reservation } = placement;
  const id = sb.random.hex(32);
  const taskArn = ecsArn(cluster.region, `task/${cluster.clusterName}/${id}`);
  const eni = network ? networkInterface(sb, network, instance) : undefined;
  const given = (overrides?.containerOverrides as Array<Record<string, any>> | undefined) ?? [];
  const containers = def.containerDefinitions.map((c): ContainerRecord => {
    const o = given.find((x) => x.name === c.name);
    const memory = o?.memory ?? c.memory;
    const memoryReservation = o?.memoryReservation ?? c.memoryReservation;
    return {
      containerArn: ecsArn(cluster.region, `container/${cluster.clusterName}/${id}/${sb.random.uuid()}`),
      taskArn,
      name: c.name,
      image: c.image,
      lastStatus: 'PENDING',
      networkBindings: [],
      networkInterfaces: eni ? [{ attachmentId: eni.attachment.id, privateIpv4Address: eni.address }] : [],
      healthStatus: 'UNKNOWN',
      cpu: String(o?.cpu ?? c.cpu ?? 0),
      memory: memory === undefined ? undefined : String(memory),
      memoryReservation: memoryReservation === undefined ? undefined : String(memoryReservation),
      essential: c.essential ?? true,
    };
  });
  const attributes: Attribute[] = [{ name: 'ecs.cpu-architecture', value: attributeOf(instance, 'ecs.cpu-architecture') ?? 'x86_64' }];
  const tags = [...(request.propagatedTags ?? []), ...(request.tags ?? [])];
  return {
    taskArn,
    id,
    clusterArn: cluster.clusterArn,
    region: cluster.region,
    taskDefinitionArn: def.taskDefinitionArn,
    containerInstanceArn: instance.containerInstanceArn,
    launchType: 'EC2',
    capacityProviderName: instance.capacityProviderName,
    group: request.group,
    startedBy: request.startedBy,
    lastStatus: eni ? 'PROVISIONING' : 'PENDING',
    desiredStatus: 'RUNNING',
    cpu: String(reservation.cpu),
    memory: String(reservation.memory),
    containers,
    overrides: echoedOverrides(def, overrides),
    attachments: eni ? [eni.attachment] : [],
    attributes,
    availabilityZone: attributeOf(instance, 'ecs.availability-zone'),
    createdAt: sb.now(),
    healthStatus: 'UNKNOWN',
    enableExecuteCommand: request.enableExecuteCommand ?? false,
    tags: [...new Map(tags.map((t) => [t.key, t])).values()],
    version: 1,
    _reservation: reservation,
    _deploymentId: request.deploymentId,
    _serviceArn: request.serviceArn,
    _steps: [],
  };
}

/** An awsvpc task can only go where one of its subnets is: a zone constraint, as ECS applies it. */
function zoneConstraint(network: AwsvpcNetwork): PlacementConstraint {
  const zones = [...new Set(network.subnets.map((s) => s.availabilityZone))];
  return { type: 'memberOf', expression: `attribute:ecs.availability-zone in [${zones.join(', ')}]` };
}

/**
 * Places and starts `count` tasks (or one on each of `containerInstances`). Each task holds
 * its reservation from now until it is STOPPED. Returns the tasks started and, for the ones
 * that could not be, the scheduler's failures.
 */
export function launchTasks(sb: Sandbox, request: LaunchRequest): { tasks: TaskRecord[]; failures: PlacementFailure[] } {
  const { cluster, taskDefinition: def } = request;
  const launchType = request.launchType ?? 'EC2';
  if (launchType !== 'EC2') throw unsupported(`The ${launchType} launch type`);
  const network = checkNetworkConfiguration(sb, def, request.networkConfiguration, cluster.region);
  const demand = taskDemand(def, request.overrides);
  const active = activeTasksView(sb, cluster.clusterArn);
  const tasks: TaskRecord[] = [];
  const failures: PlacementFailure[] = [];
  const start = (placement: Placement) => {
    const task = createTask(sb, request, placement, network);
    reserve(placement.instance, placement.reservation);
    placement.instance.pendingTasksCount += 1;
    addTask(sb, task);
    tasks.push(task);
    planStart(sb, task);
    sb.events.emit('task', task);
  };
  const base = { tasks: active, groupCounts: groupCountsOf(sb, cluster.clusterArn, request.group), demand, group: request.group, random: sb.random };
  const zones = network ? [zoneConstraint(network)] : [];
  if (request.containerInstances) {
    // No choice of instance, but the instance must still fit the task and any constraint given (a daemon's).
    const constraints = [...(request.placementConstraints ?? []), ...zones];
    for (const instance of request.containerInstances) {
      const outcome = placeTasks({ ...base, instances: [instance], count: 1, strategies: [], constraints });
      // An instance that is not ACTIVE is skipped by placement: name it, with its status as the reason.
      failures.push(...outcome.failures.map((f) => (f.arn ? f : { arn: instance.containerInstanceArn, reason: instance.status })));
      outcome.placements.forEach(start);
    }
    return { tasks, failures };
  }
  const instances: ContainerInstanceRecord[] = [];
  for (const instance of sb.tables.containerInstances.values()) if (instance.clusterArn === cluster.clusterArn) instances.push(instance);
  const constraints = [
    ...(def.placementConstraints as PlacementConstraint[]),
    ...(request.placementConstraints ?? []),
    ...zones,
  ];
  const outcome = placeTasks({ ...base, instances, count: request.count, strategies: request.placementStrategy ?? [], constraints });
  outcome.placements.forEach(start);
  failures.push(...outcome.failures);
  return { tasks, failures };
}
