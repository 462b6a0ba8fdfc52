import { arnRegion, arnResource, ecsArn, isArn } from '../arn.js';
import { invalidParameter } from '../errors.js';
import { requireString } from '../input.js';
import type { Attribute, ClusterRecord, ContainerInstanceRecord, Tag, TaskRecord } from '../model.js';
import type { Sandbox } from '../sandbox.js';
import { instanceResources } from '../scheduler/index.js';
import { activeTasksOf } from './cluster-tasks.js';
import { AGENT_UPDATE_JOB, agentUpdateInProgress, agentVersionInfo, type VersionInfo } from './container-agent.js';
import { agentCapabilities, hostAttributes, mergeAttributes, type HostFacts } from './container-instance-attributes.js';
import { stopTask } from './task-launch.js';

/**
 * Container instances: how one joins a cluster (its agent registers), how it leaves (its host
 * goes away), and how the rest of the sandbox hears about either. The API operations live in
 * container-instance-operations.ts and container-instance-registration.ts.
 */

export interface InstanceRegistration {
  cluster: ClusterRecord;
  ec2InstanceId?: string;
  instanceType?: string;
  availabilityZone?: string;
  amiId?: string;
  cpu: number;
  memory: number;
  attributes?: Attribute[];
  tags?: Tag[];
}

/** What a new container instance is made of, however it registers. */
export interface NewInstance {
  ec2InstanceId?: string;
  host: HostFacts;
  cpu: number;
  memory: number;
  /** Host ports the agent keeps for itself; the standard ones when absent. */
  reservedPorts?: number[];
  reservedPortsUdp?: number[];
  versionInfo: VersionInfo;
  /** Attributes the agent reports beyond its standard capabilities (custom ones included). */
  attributes: Attribute[];
  tags: Tag[];
}

export function containerInstanceArnOf(cluster: ClusterRecord, id: string): string {
  return ecsArn(cluster.region, `container-instance/${cluster.clusterName}/${id}`);
}

/** How a reference is named in a `failures` entry: as given when an ARN, else as the ARN it stands for. */
export function containerInstanceRefArn(cluster: ClusterRecord, ref: string): string {
  return isArn(ref) ? ref : containerInstanceArnOf(cluster, ref);
}

/**
 * The container instance `ref` names in `cluster` (its ID, its ARN, or an ARN in the older
 * `container-instance/ID` form), INACTIVE ones included; undefined when there is none.
 */
export function findContainerInstance(sb: Sandbox, cluster: ClusterRecord, ref: string): ContainerInstanceRecord | undefined {
  let id = ref;
  if (isArn(ref)) {
    const parts = arnResource(ref).split('/');
    if (parts[0] !== 'container-instance' || arnRegion(ref) !== cluster.region) return undefined;
    if (parts.length === 3 && parts[1] !== cluster.clusterName) return undefined;
    if (parts.length !== 2 && parts.length !== 3) return undefined;
    id = parts[parts.length - 1]!;
  }
  const instance = sb.tables.containerInstances.get(containerInstanceArnOf(cluster, id));
  return instance?.clusterArn === cluster.clusterArn ? instance : undefined;
}

/** The container instance a single-instance call names, or the error ECS gives for a wrong one. */
export function requireContainerInstance(sb: Sandbox, cluster: ClusterRecord, input: any): ContainerInstanceRecord {
  const ref = requireString(input, 'containerInstance');
  const instance = findContainerInstance(sb, cluster, ref);
  if (!instance) throw invalidParameter(`The referenced container instance ${ref} was not found in cluster ${cluster.clusterName}.`);
  return instance;
}

/** The tasks on an instance that still hold its resources (every status short of STOPPED). */
export function liveTasksOn(sb: Sandbox, instance: ContainerInstanceRecord): TaskRecord[] {
  return activeTasksOf(sb, instance.clusterArn).filter((task) => task.containerInstanceArn === instance.containerInstanceArn);
}

/**
 * Announces a change to the runtime and network layers, and wakes every ACTIVE service of the
 * cluster: an instance that came, went, drained or changed attributes may give a service room
 * to place tasks, or tasks to move.
 */
function announce(sb: Sandbox, instance: ContainerInstanceRecord): void {
  sb.events.emit('instance', instance);
  for (const service of sb.tables.services.values()) {
    if (service.clusterArn === instance.clusterArn && service.status === 'ACTIVE') sb.schedule(0, 'service', service.serviceArn);
  }
}

/** Records a change to an instance: ECS bumps its version on every change it reports. */
export function instanceChanged(sb: Sandbox, instance: ContainerInstanceRecord): void {
  instance.version += 1;
  announce(sb, instance);
}

/** Adds a container instance to a cluster, ACTIVE with its agent connected. */
export function createInstance(sb: Sandbox, cluster: ClusterRecord, spec: NewInstance): ContainerInstanceRecord {
  const id = sb.random.hex(32);
  const resources = instanceResources(spec.cpu, spec.memory);
  if (spec.reservedPorts) setReservedPorts(resources, 'PORTS', spec.reservedPorts);
  if (spec.reservedPortsUdp) setReservedPorts(resources, 'PORTS_UDP', spec.reservedPortsUdp);
  const instance: ContainerInstanceRecord = {
    containerInstanceArn: containerInstanceArnOf(cluster, id),
    id,
    clusterArn: cluster.clusterArn,
    region: cluster.region,
    ec2InstanceId: spec.ec2InstanceId,
    version: 1,
    versionInfo: spec.versionInfo,
    status: 'ACTIVE',
    agentConnected: true,
    ...resources,
    attributes: mergeAttributes([...agentCapabilities(), ...hostAttributes(spec.host)], spec.attributes),
    tags: spec.tags,
    registeredAt: sb.now(),
    runningTasksCount: 0,
    pendingTasksCount: 0,
  };
  sb.tables.containerInstances.set(instance.containerInstanceArn, instance);
  announce(sb, instance);
  return instance;
}

/** Replaces the agent's reserved ports (ECS_RESERVED_PORTS) in freshly built resources. */
export function setReservedPorts(
  resources: Pick<ContainerInstanceRecord, 'registeredResources' | '_registered' | '_remaining'>,
  name: 'PORTS' | 'PORTS_UDP',
  ports: number[],
): void {
  const key = name === 'PORTS' ? 'ports' : 'portsUdp';
  resources._registered[key] = [...ports];
  resources._remaining[key] = [...ports];
  const rendered = resources.registeredResources.find((r) => r.name === name);
  if (rendered) rendered.stringSetValue = ports.map(String);
}

/** Its agent is back (the host started again): the instance takes tasks again. */
export function reconnectInstance(sb: Sandbox, instance: ContainerInstanceRecord): void {
  instance.agentConnected = true;
  instance.statusReason = undefined;
  // An update interrupted by the disconnection resumes where it stopped, as the agent's does.
  if (agentUpdateInProgress(instance.agentUpdateStatus)) sb.schedule(0, AGENT_UPDATE_JOB, instance.containerInstanceArn);
  instanceChanged(sb, instance);
}

/** The ACTIVE or DRAINING container instance an EC2 instance already is in `cluster`, if any. */
function registeredHost(sb: Sandbox, cluster: ClusterRecord, ec2InstanceId: string): ContainerInstanceRecord | undefined {
  for (const instance of sb.tables.containerInstances.values()) {
    if (instance.clusterArn === cluster.clusterArn && instance.ec2InstanceId === ec2InstanceId && instance.status !== 'INACTIVE') {
      return instance;
    }
  }
  return undefined;
}

/**
 * What the agent on an EC2 instance does when it starts: register with the cluster it was told
 * to join. An instance that was only stopped is still registered, so its agent reconnects to
 * the same container instance, as the real agent does with its saved state.
 */
export function registerInstance(sb: Sandbox, registration: InstanceRegistration): ContainerInstanceRecord {
  const { cluster, ec2InstanceId } = registration;
  if (ec2InstanceId) {
    const existing = registeredHost(sb, cluster, ec2InstanceId);
    if (existing) {
      reconnectInstance(sb, existing);
      return existing;
    }
  }
  const ec2 = ec2InstanceId ? sb.tables.ec2Instances.get(ec2InstanceId) : undefined;
  return createInstance(sb, cluster, {
    ec2InstanceId,
    host: {
      instanceType: registration.instanceType ?? ec2?.instanceType,
      availabilityZone: registration.availabilityZone ?? ec2?.availabilityZone,
      amiId: registration.amiId ?? ec2?.imageId,
      vpcId: ec2?.vpcId,
      subnetId: ec2?.subnetId,
    },
    cpu: registration.cpu,
    memory: registration.memory,
    versionInfo: agentVersionInfo(),
    attributes: registration.attributes ?? [],
    tags: registration.tags ?? [],
  });
}

/** The stop code ECS gives tasks whose host went away (the closest of its codes). */
const HOST_GONE_STOP_CODE = 'TerminationNotice';

/**
 * Its EC2 host stopped or terminated: the agent disconnects and the tasks on it stop with
 * `reason` (ECS says "Host EC2 (instance i-...) stopped/terminated"). A terminated host is
 * deregistered (INACTIVE); a stopped one stays registered with its agent disconnected, as ECS
 * keeps it, so that starting the host again brings the same container instance back.
 */
export function instanceGone(sb: Sandbox, instance: ContainerInstanceRecord, reason: string): void {
  if (instance.status === 'INACTIVE') return;
  const host = instance.ec2InstanceId ? sb.tables.ec2Instances.get(instance.ec2InstanceId) : undefined;
  const onlyStopped = host?.state.name === 'stopping' || host?.state.name === 'stopped';
  instance.agentConnected = false;
  if (!onlyStopped) instance.status = 'INACTIVE';
  for (const task of liveTasksOn(sb, instance)) stopTask(sb, task, reason, HOST_GONE_STOP_CODE);
  instanceChanged(sb, instance);
}
