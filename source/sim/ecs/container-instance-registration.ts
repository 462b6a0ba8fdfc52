import { ecsRegisteredResources, instanceTypeSpec } from '../ec2/instance-types.js';
import { clientError, invalidParameter, unsupported } from '../errors.js';
import { optionalArray, optionalString } from '../input.js';
import type { Attribute, ClusterRecord, ContainerInstanceRecord, Tag } from '../model.js';
import type { Operation, Sandbox } from '../sandbox.js';
import { instanceResources, reserve } from '../scheduler/index.js';
import { agentVersionInfo, type VersionInfo } from './container-agent.js';
import {
  agentCapabilities,
  hostAttributes,
  hostFactsOf,
  isBuiltInAttribute,
  mergeAttributes,
  validAttribute,
  type HostFacts,
} from './container-instance-attributes.js';
import { renderContainerInstance } from './container-instance-render.js';
import { mergeTags, requireCluster, validTags } from './common.js';
import { createInstance, findContainerInstance, instanceChanged, liveTasksOn, setReservedPorts } from './container-instances.js';

/**
 * RegisterContainerInstance: the call the container agent makes when it starts. It describes
 * its host with the EC2 instance identity document and its resources with totalResources; with
 * containerInstanceArn it re-registers (after a restart) as the instance it already is.
 */

interface IdentityDocument {
  instanceId?: string;
  instanceType?: string;
  availabilityZone?: string;
  imageId?: string;
  region?: string;
  architecture?: string;
}

function identityDocument(text: unknown, region: string): IdentityDocument {
  if (text === undefined || text === null) return {};
  let doc: any;
  try {
    doc = typeof text === 'string' ? JSON.parse(text) : undefined;
  } catch {
    doc = undefined;
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    throw invalidParameter('instanceIdentityDocument must be the EC2 instance identity document, a JSON object.');
  }
  const field = (name: string) => (typeof doc[name] === 'string' && doc[name] ? (doc[name] as string) : undefined);
  const parsed: IdentityDocument = {
    instanceId: field('instanceId'),
    instanceType: field('instanceType'),
    availabilityZone: field('availabilityZone'),
    imageId: field('imageId'),
    region: field('region'),
    architecture: field('architecture'),
  };
  if (parsed.region && parsed.region !== region) {
    throw invalidParameter(`The instance identity document is from region ${parsed.region}; this request is for ${region}.`);
  }
  return parsed;
}

interface TotalResources {
  cpu: number;
  memory: number;
  ports?: number[];
  portsUdp?: number[];
}

function integerValue(resource: any): number {
  const value = resource.integerValue;
  if ((resource.type ?? 'INTEGER') !== 'INTEGER' || !Number.isInteger(value) || value < 0) {
    throw invalidParameter(`Resource ${resource.name} must be of type INTEGER with a non-negative integerValue.`);
  }
  return value;
}

function portSet(resource: any): number[] {
  const values = resource.stringSetValue ?? [];
  if ((resource.type ?? 'STRINGSET') !== 'STRINGSET' || !Array.isArray(values)) {
    throw invalidParameter(`Resource ${resource.name} must be of type STRINGSET listing port numbers.`);
  }
  const ports = values.map((v: unknown) => Number(v));
  for (const [i, port] of ports.entries()) {
    if (!Number.isInteger(port) || port < 1 || port > 65535) throw invalidParameter(`Resource ${resource.name} lists an invalid port '${values[i]}'.`);
  }
  return [...new Set<number>(ports)];
}

/**
 * CPU and memory as the agent reports them; when it reports none, what the instance had
 * (re-registration) or what its instance type has.
 */
function totalResources(list: unknown, instanceType: string | undefined, previous?: TotalResources): TotalResources {
  const resources = optionalArray<any>({ totalResources: list }, 'totalResources') ?? [];
  const total: Partial<TotalResources> = {};
  for (const resource of resources) {
    switch (resource?.name) {
      case 'CPU':
        total.cpu = integerValue(resource);
        break;
      case 'MEMORY':
        total.memory = integerValue(resource);
        break;
      case 'PORTS':
        total.ports = portSet(resource);
        break;
      case 'PORTS_UDP':
        total.portsUdp = portSet(resource);
        break;
      default:
        if (typeof resource?.name !== 'string') throw invalidParameter('Every entry of totalResources needs a name.');
        throw unsupported(`Container instance resource ${resource.name}`);
    }
  }
  if (previous) {
    total.cpu ??= previous.cpu;
    total.memory ??= previous.memory;
    total.ports ??= previous.ports;
    total.portsUdp ??= previous.portsUdp;
  }
  if (total.cpu === undefined || total.memory === undefined) {
    const spec = instanceType ? instanceTypeSpec(instanceType) : undefined;
    if (!spec) {
      throw invalidParameter('totalResources must include CPU and MEMORY unless the instance identity document names a known instance type.');
    }
    const derived = ecsRegisteredResources(spec);
    total.cpu ??= derived.cpu;
    total.memory ??= derived.memory;
  }
  return total as TotalResources;
}

function versionInfo(input: unknown): VersionInfo {
  if (input === undefined || input === null) return agentVersionInfo();
  if (typeof input !== 'object' || Array.isArray(input)) throw invalidParameter('versionInfo must be an object.');
  const info = input as Record<string, unknown>;
  const text = (field: string) => optionalString(info, field) ?? '';
  return { agentVersion: text('agentVersion'), agentHash: text('agentHash'), dockerVersion: text('dockerVersion') };
}

interface Registration {
  ec2InstanceId?: string;
  host: HostFacts;
  total: TotalResources;
  versionInfo: VersionInfo;
  attributes: Attribute[];
  tags: Tag[];
}

/**
 * The agent restarted and registers again as the instance it was: new resources, version and
 * attributes (custom ones set since are kept), the tasks on it still holding what they held.
 */
function reRegister(sb: Sandbox, instance: ContainerInstanceRecord, registration: Registration): ContainerInstanceRecord {
  const { total } = registration;
  const resources = instanceResources(total.cpu, total.memory);
  if (total.ports) setReservedPorts(resources, 'PORTS', total.ports);
  if (total.portsUdp) setReservedPorts(resources, 'PORTS_UDP', total.portsUdp);
  const rebuilt = { ...instance, ...resources, runningTasksCount: 0 };
  for (const task of liveTasksOn(sb, instance)) {
    try {
      reserve(rebuilt, task._reservation);
    } catch {
      throw invalidParameter(`The new totalResources cannot hold the tasks already on container instance ${instance.id}.`);
    }
  }
  const custom = instance.attributes.filter((a) => !isBuiltInAttribute(a.name));
  Object.assign(instance, {
    registeredResources: rebuilt.registeredResources,
    _registered: rebuilt._registered,
    _remaining: rebuilt._remaining,
    runningTasksCount: rebuilt.runningTasksCount,
    versionInfo: registration.versionInfo,
    attributes: mergeAttributes([...agentCapabilities(), ...hostAttributes(registration.host), ...custom], registration.attributes),
    tags: mergeTags(instance.tags, registration.tags),
    agentConnected: true,
    statusReason: undefined,
  });
  instanceChanged(sb, instance);
  return instance;
}

/** The instance a re-registration names: it must exist in the cluster and not be deregistered. */
function previousRegistration(sb: Sandbox, cluster: ClusterRecord, ref: string): ContainerInstanceRecord {
  const instance = findContainerInstance(sb, cluster, ref);
  if (!instance) throw invalidParameter(`The referenced container instance ${ref} was not found in cluster ${cluster.clusterName}.`);
  if (instance.status === 'INACTIVE') throw clientError(`Container instance ${instance.id} is inactive.`);
  return instance;
}

export const RegisterContainerInstance: Operation = (sb, input, ctx) => {
  const cluster = requireCluster(sb, ctx, input.cluster);
  const arn = optionalString(input, 'containerInstanceArn');
  const previous = arn ? previousRegistration(sb, cluster, arn) : undefined;
  const doc = identityDocument(input.instanceIdentityDocument, ctx.region);
  const known = doc.instanceId ? sb.tables.ec2Instances.get(doc.instanceId) : undefined;
  const ec2 = known?.region === ctx.region ? known : undefined;
  const before: HostFacts = previous ? hostFactsOf(previous.attributes) : {};
  const host: HostFacts = {
    instanceType: doc.instanceType ?? ec2?.instanceType ?? before.instanceType,
    availabilityZone: doc.availabilityZone ?? ec2?.availabilityZone ?? before.availabilityZone,
    amiId: doc.imageId ?? ec2?.imageId ?? before.amiId,
    architecture: doc.architecture ?? before.architecture,
    vpcId: ec2?.vpcId ?? before.vpcId,
    subnetId: ec2?.subnetId ?? before.subnetId,
  };
  if (input.platformDevices !== undefined && input.platformDevices !== null) throw unsupported('Registering platform devices (GPUs)');
  const registration: Registration = {
    ec2InstanceId: doc.instanceId,
    host,
    total: totalResources(input.totalResources, host.instanceType, previous?._registered),
    versionInfo: versionInfo(input.versionInfo),
    attributes: (optionalArray(input, 'attributes') ?? []).map(validAttribute),
    tags: validTags(input.tags),
  };
  const instance = previous
    ? reRegister(sb, previous, registration)
    : createInstance(sb, cluster, {
        ec2InstanceId: registration.ec2InstanceId,
        host,
        cpu: registration.total.cpu,
        memory: registration.total.memory,
        reservedPorts: registration.total.ports,
        reservedPortsUdp: registration.total.portsUdp,
        versionInfo: registration.versionInfo,
        attributes: registration.attributes,
        tags: registration.tags,
      });
  return { containerInstance: renderContainerInstance(sb, instance, { include: ['TAGS'] }) };
};
