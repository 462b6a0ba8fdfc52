import { ecsArn } from '../arn.js';
import type { Attribute, ContainerInstanceRecord, ContainerRecord, Reservation, SubnetRecord, TaskDefinitionRecord, TaskRecord } from '../model.js';
import type { Sandbox } from '../sandbox.js';
import { addTask } from './cluster-tasks.js';
import type { LaunchRequest } from './launch-request.js';
import { createTaskEni, type AwsvpcNetwork } from './task-eni.js';
import { planStart } from './task-lifecycle.js';

/** A task's record as ECS makes it at launch, wherever it runs, and its recording. */

/** Where a task runs: an instance's share (EC2) or a Fargate host of its own. */
export interface TaskHost {
  launchType: 'EC2' | 'FARGATE';
  instance?: ContainerInstanceRecord;
  availabilityZone?: string;
  /** `x86_64` or `arm64`, the task's ecs.cpu-architecture attribute. */
  architecture: string;
  capacityProviderName?: string;
  reservation: Reservation;
  /** awsvpc: the task's network, and the subnet its interface goes in. */
  network?: AwsvpcNetwork;
  subnet?: SubnetRecord;
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

export function newTaskRecord(sb: Sandbox, request: LaunchRequest, host: TaskHost): TaskRecord {
  const { cluster, taskDefinition: def, overrides } = request;
  const id = sb.random.hex(32);
  const taskArn = ecsArn(cluster.region, `task/${cluster.clusterName}/${id}`);
  const eni = host.network && host.subnet ? createTaskEni(sb, host.network, host.subnet) : undefined;
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
  const attributes: Attribute[] = [{ name: 'ecs.cpu-architecture', value: host.architecture }];
  const tags = [...(request.propagatedTags ?? []), ...(request.tags ?? [])];
  return {
    taskArn,
    id,
    clusterArn: cluster.clusterArn,
    region: cluster.region,
    taskDefinitionArn: def.taskDefinitionArn,
    containerInstanceArn: host.instance?.containerInstanceArn,
    launchType: host.launchType,
    capacityProviderName: host.capacityProviderName,
    group: request.group,
    startedBy: request.startedBy,
    lastStatus: eni ? 'PROVISIONING' : 'PENDING',
    desiredStatus: 'RUNNING',
    cpu: String(host.reservation.cpu),
    memory: String(host.reservation.memory),
    containers,
    overrides: echoedOverrides(def, overrides),
    attachments: eni ? [eni.attachment] : [],
    attributes,
    availabilityZone: host.availabilityZone,
    createdAt: sb.now(),
    healthStatus: 'UNKNOWN',
    enableExecuteCommand: request.enableExecuteCommand ?? false,
    tags: [...new Map(tags.map((t) => [t.key, t])).values()],
    version: 1,
    _reservation: host.reservation,
    _deploymentId: request.deploymentId,
    _serviceArn: request.serviceArn,
    _steps: [],
  };
}

/** Records a launched task and starts its lifecycle. */
export function beginTask(sb: Sandbox, task: TaskRecord): void {
  addTask(sb, task);
  planStart(sb, task);
  sb.events.emit('task', task);
}
