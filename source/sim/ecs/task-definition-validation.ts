import { clientError } from '../errors.js';
import type { Attribute, ContainerDefinition, PortMapping } from '../model.js';

/**
 * RegisterTaskDefinition's checks, with the ClientException messages ECS gives, and the
 * normalisation ECS applies before echoing a definition back (defaults filled in, task
 * cpu and memory converted to units and MiB, host ports settled per network mode).
 */
export const NETWORK_MODES = ['bridge', 'host', 'awsvpc', 'none'] as const;
export type NetworkMode = (typeof NETWORK_MODES)[number];

const COMPATIBILITIES = ['EC2', 'FARGATE', 'EXTERNAL', 'MANAGED_INSTANCES'] as const;
const NAME = /^[a-zA-Z0-9_-]+$/;
const IMAGE = /^[a-zA-Z0-9_\-:.\/#@]+$/;
const MAX_CONTAINERS = 10;
/** Docker 20.10+ keeps at least 6 MiB for a container. */
const MIN_CONTAINER_MEMORY = 6;
const DEPENDENCY_CONDITIONS = ['START', 'COMPLETE', 'SUCCESS', 'HEALTHY'];

/** Fargate's task sizes: CPU units -> allowed memory (MiB). */
const FARGATE_SIZES: Record<number, { from: number; to: number; step: number } | number[]> = {
  256: [512, 1024, 2048],
  512: { from: 1024, to: 4096, step: 1024 },
  1024: { from: 2048, to: 8192, step: 1024 },
  2048: { from: 4096, to: 16384, step: 1024 },
  4096: { from: 8192, to: 30720, step: 1024 },
  8192: { from: 16384, to: 61440, step: 4096 },
  16384: { from: 32768, to: 122880, step: 8192 },
};

export interface ValidTaskDefinition {
  family: string;
  networkMode: NetworkMode;
  containerDefinitions: ContainerDefinition[];
  volumes: Array<Record<string, unknown>>;
  placementConstraints: Array<{ type: string; expression?: string }>;
  requiresCompatibilities?: string[];
  compatibilities: string[];
  requiresAttributes: Attribute[];
  cpu?: string;
  memory?: string;
}

export function validFamily(family: unknown): string {
  if (family === undefined || family === null || family === '') throw clientError('Family can not be blank.');
  if (typeof family !== 'string' || !NAME.test(family)) throw clientError('Family contains invalid characters.');
  if (family.length > 255) throw clientError('Family name is longer than 255 characters.');
  return family;
}

/** Task-level cpu: CPU units, or "N vCPU". */
export function taskCpuUnits(value: unknown): number {
  const text = String(value).trim();
  const vcpu = /^(\d+(?:\.\d+)?)\s*vcpu$/i.exec(text);
  const units = vcpu ? Number(vcpu[1]) * 1024 : /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isInteger(units) || units <= 0) throw clientError("Invalid 'cpu' setting for task.");
  return units;
}

/** Task-level memory: MiB, or "N GB". */
export function taskMemoryMiB(value: unknown): number {
  const text = String(value).trim();
  const gb = /^(\d+(?:\.\d+)?)\s*gb$/i.exec(text);
  const mib = gb ? Number(gb[1]) * 1024 : /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isInteger(mib) || mib <= 0) throw clientError("Invalid 'memory' setting for task.");
  return mib;
}

/** Whether Fargate has a task size of `cpu` units and `memory` MiB. */
export function fargateAllows(cpu: number, memory: number): boolean {
  const sizes = FARGATE_SIZES[cpu];
  if (!sizes) return false;
  if (Array.isArray(sizes)) return sizes.includes(memory);
  return memory >= sizes.from && memory <= sizes.to && (memory - sizes.from) % sizes.step === 0;
}

function positiveInteger(value: unknown): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value > 0;
}

function validPortMappings(container: any, networkMode: NetworkMode): PortMapping[] {
  const name = container.name as string;
  const mappings = container.portMappings ?? [];
  if (!Array.isArray(mappings)) throw clientError(`Invalid 'portMappings' setting for container '${name}'.`);
  if (mappings.length > 0 && networkMode === 'none') {
    throw clientError(`Port mappings are not supported for container '${name}' when networkMode=none.`);
  }
  return mappings.map((m: any): PortMapping => {
    const protocol = m?.protocol ?? 'tcp';
    if (protocol !== 'tcp' && protocol !== 'udp') throw clientError(`Invalid 'protocol' setting for container '${name}': '${protocol}'.`);
    const out: PortMapping = { ...m, protocol };
    if (m?.containerPortRange !== undefined) {
      const range = /^(\d+)-(\d+)$/.exec(String(m.containerPortRange));
      if (!range || Number(range[1]) < 1 || Number(range[2]) > 65535 || Number(range[1]) >= Number(range[2])) {
        throw clientError(`Invalid 'containerPortRange' setting for container '${name}'.`);
      }
      if (m.containerPort !== undefined || m.hostPort !== undefined) {
        throw clientError(`Container '${name}' cannot specify containerPort or hostPort together with containerPortRange.`);
      }
      return out;
    }
    if (!positiveInteger(m?.containerPort) || m.containerPort > 65535) {
      throw clientError(`Invalid 'containerPort' setting for container '${name}'.`);
    }
    const host = m.hostPort;
    if (host !== undefined && (typeof host !== 'number' || !Number.isInteger(host) || host < 0 || host > 65535)) {
      throw clientError(`Invalid 'hostPort' setting for container '${name}'.`);
    }
    if (networkMode === 'awsvpc' || networkMode === 'host') {
      // Both modes put the container on a real interface: the port is the port.
      if (host !== undefined && host !== 0 && host !== m.containerPort) {
        throw clientError(`When networkMode=${networkMode}, the host ports and container ports in port mappings must match.`);
      }
      out.hostPort = m.containerPort;
    } else {
      out.hostPort = host ?? 0;
    }
    return out;
  });
}

function validContainer(raw: any, networkMode: NetworkMode): ContainerDefinition {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw clientError('Each container definition must be an object.');
  if (raw.name === undefined || raw.name === null || raw.name === '') throw clientError('Container.name should not be null or empty.');
  if (typeof raw.name !== 'string' || !NAME.test(raw.name) || raw.name.length > 255) {
    throw clientError('Container.name contains invalid characters.');
  }
  const name: string = raw.name;
  if (raw.image === undefined || raw.image === null || raw.image === '') throw clientError('Container.image should not be null or empty.');
  if (typeof raw.image !== 'string' || raw.image.length > 255 || !IMAGE.test(raw.image)) {
    throw clientError('Container.image contains invalid characters.');
  }
  for (const field of ['cpu', 'memory', 'memoryReservation'] as const) {
    const value = raw[field];
    if (value === undefined || value === null) continue;
    const ok = typeof value === 'number' && Number.isInteger(value) && (field === 'cpu' ? value >= 0 : value > 0);
    if (!ok) throw clientError(`Invalid '${field}' setting for container '${name}'.`);
  }
  if (raw.memory !== undefined && raw.memory < MIN_CONTAINER_MEMORY) {
    throw clientError(`Invalid 'memory' setting for container '${name}'. The minimum is ${MIN_CONTAINER_MEMORY} MiB.`);
  }
  if (raw.memory !== undefined && raw.memoryReservation !== undefined && raw.memory < raw.memoryReservation) {
    throw clientError(`Invalid setting for container '${name}'. 'memory' must be greater than or equal to 'memoryReservation'.`);
  }
  if (raw.links !== undefined && (!Array.isArray(raw.links) || (raw.links.length > 0 && networkMode !== 'bridge'))) {
    throw clientError(`Invalid 'links' setting for container '${name}'. Links are supported only when networkMode=bridge.`);
  }
  for (const list of ['command', 'entryPoint', 'environment', 'mountPoints', 'volumesFrom', 'dependsOn'] as const) {
    if (raw[list] !== undefined && raw[list] !== null && !Array.isArray(raw[list])) {
      throw clientError(`Invalid '${list}' setting for container '${name}': it must be a list.`);
    }
  }
  const { portMappings: _given, ...rest } = raw;
  return {
    ...rest,
    cpu: raw.cpu ?? 0,
    portMappings: validPortMappings(raw, networkMode),
    essential: raw.essential ?? true,
    environment: raw.environment ?? [],
    mountPoints: raw.mountPoints ?? [],
    volumesFrom: raw.volumesFrom ?? [],
  };
}

/** References between containers and volumes: mount points, volumesFrom, links, dependsOn. */
function checkReferences(containers: ContainerDefinition[], volumes: Array<Record<string, unknown>>): void {
  const names = new Set(containers.map((c) => c.name));
  const volumeNames = new Set(volumes.map((v) => v.name));
  const hostPorts = new Set<string>();
  for (const c of containers) {
    for (const m of c.mountPoints ?? []) {
      if (!volumeNames.has(m.sourceVolume)) throw clientError(`Unknown volume '${m.sourceVolume}'.`);
    }
    for (const v of c.volumesFrom ?? []) {
      if (!v.sourceContainer || !names.has(v.sourceContainer)) {
        throw clientError(`Invalid 'volumesFrom' setting for container '${c.name}'. Unknown container '${v.sourceContainer}'.`);
      }
    }
    for (const link of c.links ?? []) {
      const target = String(link).split(':')[0]!;
      if (!names.has(target) || target === c.name) throw clientError(`Invalid 'links' setting for container '${c.name}'. Unknown container '${target}'.`);
    }
    for (const d of c.dependsOn ?? []) {
      const target = containers.find((t) => t.name === d?.containerName);
      if (!target || target.name === c.name) {
        throw clientError(`Invalid 'dependsOn' setting for container '${c.name}'. Unknown container '${d?.containerName}'.`);
      }
      if (!DEPENDENCY_CONDITIONS.includes(d.condition)) {
        throw clientError(`Invalid 'dependsOn' condition '${d.condition}' for container '${c.name}'. Valid conditions: ${DEPENDENCY_CONDITIONS.join(', ')}.`);
      }
      if ((d.condition === 'SUCCESS' || d.condition === 'COMPLETE') && target.essential) {
        throw clientError('A dependency container with SUCCESS or COMPLETE condition cannot be an essential container');
      }
      if (d.condition === 'HEALTHY' && !target.healthCheck) {
        throw clientError(`Container '${target.name}' must have a healthCheck for '${c.name}' to depend on it being HEALTHY.`);
      }
    }
    for (const p of c.portMappings ?? []) {
      if (!p.hostPort) continue;
      const key = `${p.protocol}:${p.hostPort}`;
      if (hostPorts.has(key)) throw clientError(`${p.protocol!.toUpperCase()} host port '${p.hostPort}' is mapped multiple times in task.`);
      hostPorts.add(key);
    }
  }
}

function validVolumes(raw: unknown): Array<Record<string, unknown>> {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) throw clientError('volumes must be a list.');
  const seen = new Set<string>();
  return raw.map((v: any) => {
    if (typeof v?.name !== 'string' || !NAME.test(v.name) || v.name.length > 255) {
      throw clientError(`Invalid volume name '${v?.name}'. Up to 255 letters, numbers, hyphens and underscores are allowed.`);
    }
    if (seen.has(v.name)) throw clientError(`Volume names must be unique within a Task Definition: '${v.name}' appears twice.`);
    seen.add(v.name);
    return { ...v };
  });
}

function validPlacementConstraints(raw: unknown): Array<{ type: string; expression?: string }> {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) throw clientError('placementConstraints must be a list.');
  if (raw.length > 10) throw clientError('A task definition can have at most 10 placement constraints.');
  return raw.map((c: any) => {
    // The only constraint a task definition may carry; distinctInstance belongs to RunTask and services.
    if (c?.type !== 'memberOf') throw clientError(`Invalid placement constraint type '${c?.type}' in a task definition; only memberOf is allowed.`);
    if (typeof c.expression !== 'string' || c.expression.length === 0) throw clientError('A memberOf placement constraint needs an expression.');
    return { type: 'memberOf', expression: c.expression };
  });
}

/**
 * The capability attributes an instance needs to run this definition, as ECS derives
 * them (the scheduler matches them against the instance's attributes).
 */
function requiredAttributes(networkMode: NetworkMode, containers: ContainerDefinition[]): Attribute[] {
  const names = new Set<string>(['com.amazonaws.ecs.capability.docker-remote-api.1.18']);
  if (containers.some((c) => c.memoryReservation !== undefined)) names.add('com.amazonaws.ecs.capability.docker-remote-api.1.21');
  if (networkMode === 'awsvpc') names.add('ecs.capability.task-eni');
  if (containers.some((c) => c.healthCheck)) names.add('ecs.capability.container-health-check');
  if (containers.some((c) => (c.dependsOn ?? []).length > 0)) names.add('ecs.capability.container-ordering');
  return [...names].map((name) => ({ name }));
}

const CPU_ARCHITECTURES = ['X86_64', 'ARM64'];
const OS_FAMILIES = ['LINUX', 'WINDOWS_SERVER_2019_FULL', 'WINDOWS_SERVER_2019_CORE', 'WINDOWS_SERVER_2016_FULL', 'WINDOWS_SERVER_2004_CORE', 'WINDOWS_SERVER_2022_CORE', 'WINDOWS_SERVER_2022_FULL', 'WINDOWS_SERVER_2025_CORE', 'WINDOWS_SERVER_2025_FULL', 'WINDOWS_SERVER_20H2_CORE'];

/** Fargate's task-level extras: more ephemeral storage (21-200 GiB) and the platform the containers need. */
function checkFargateExtras(input: any): void {
  const storage = input.ephemeralStorage;
  if (storage !== undefined && storage !== null) {
    const size = storage?.sizeInGiB;
    if (typeof size !== 'number' || !Number.isInteger(size) || size < 21 || size > 200) {
      throw clientError("Invalid 'ephemeralStorage' setting for task. sizeInGiB must be an integer between 21 and 200.");
    }
  }
  const platform = input.runtimePlatform;
  if (platform !== undefined && platform !== null) {
    if (platform.cpuArchitecture !== undefined && !CPU_ARCHITECTURES.includes(platform.cpuArchitecture)) {
      throw clientError(`Invalid 'runtimePlatform' setting for task. cpuArchitecture must be one of ${CPU_ARCHITECTURES.join(', ')}.`);
    }
    if (platform.operatingSystemFamily !== undefined && !OS_FAMILIES.includes(platform.operatingSystemFamily)) {
      throw clientError(`Invalid 'runtimePlatform' setting for task. operatingSystemFamily must be one of ${OS_FAMILIES.join(', ')}.`);
    }
  }
}

/** Checks a RegisterTaskDefinition request and returns the definition as ECS stores it. */
export function validateTaskDefinition(input: any): ValidTaskDefinition {
  const family = validFamily(input.family);
  checkFargateExtras(input);
  const networkMode = (input.networkMode ?? 'bridge') as NetworkMode;
  if (!(NETWORK_MODES as readonly string[]).includes(networkMode)) {
    throw clientError(`Invalid networkMode '${input.networkMode}'. Valid values: ${NETWORK_MODES.join(', ')}.`);
  }
  const rawContainers = input.containerDefinitions;
  if (!Array.isArray(rawContainers) || rawContainers.length === 0) throw clientError('Container list cannot be empty.');
  if (rawContainers.length > MAX_CONTAINERS) {
    throw clientError(`Too many containers: a task definition can have at most ${MAX_CONTAINERS} container definitions.`);
  }
  const requires = input.requiresCompatibilities as string[] | undefined;
  if (requires !== undefined && (!Array.isArray(requires) || requires.some((r) => !(COMPATIBILITIES as readonly string[]).includes(r)))) {
    throw clientError(`Invalid requiresCompatibilities. Valid values: ${COMPATIBILITIES.join(', ')}.`);
  }
  const containers = rawContainers.map((c: any) => validContainer(c, networkMode));
  const seen = new Set<string>();
  for (const c of containers) {
    if (seen.has(c.name)) throw clientError('Container names must be unique within a Task Definition.');
    seen.add(c.name);
  }
  if (!containers.some((c) => c.essential)) throw clientError('At least one essential container is required in a Task Definition.');
  const volumes = validVolumes(input.volumes);
  checkReferences(containers, volumes);

  const cpu = input.cpu === undefined || input.cpu === null ? undefined : taskCpuUnits(input.cpu);
  const memory = input.memory === undefined || input.memory === null ? undefined : taskMemoryMiB(input.memory);
  const fargate = requires?.includes('FARGATE') ?? false;
  if (fargate) {
    if (networkMode !== 'awsvpc') throw clientError('Fargate only supports network mode ‘awsvpc’.');
    if (cpu === undefined) throw clientError("Fargate requires that 'cpu' be defined at the task level.");
    if (memory === undefined) throw clientError("Fargate requires that 'memory' be defined at the task level.");
    if (!fargateAllows(cpu, memory)) {
      throw clientError(`No Fargate configuration exists for given values: ${cpu} CPU, ${memory} memory. See the Amazon ECS documentation for the valid values.`);
    }
  } else if (cpu !== undefined && (cpu < 128 || cpu > 196608)) {
    throw clientError("Invalid 'cpu' setting for task. Task CPU must be between 128 and 196608 units.");
  }
  if ((requires?.includes('EXTERNAL') ?? false) && networkMode === 'awsvpc') {
    throw clientError('Tasks for external instances support only the bridge, host and none network modes.');
  }
  if (memory === undefined && (requires === undefined || requires.includes('EC2') || requires.includes('EXTERNAL'))) {
    for (const c of containers) {
      if (c.memory === undefined && c.memoryReservation === undefined) {
        throw clientError(`Invalid setting for container '${c.name}'. At least one of 'memory' or 'memoryReservation' must be specified.`);
      }
    }
  }
  if (memory !== undefined) {
    for (const c of containers) {
      if (c.memory !== undefined && c.memory > memory) throw clientError(`The 'memory' setting for container '${c.name}' is greater than for the task.`);
    }
    const reserved = containers.reduce((sum, c) => sum + (c.memoryReservation ?? 0), 0);
    if (reserved > memory) throw clientError("The sum of all container 'memoryReservation' values cannot be greater than the value of the task 'memory'.");
  }
  if (cpu !== undefined && containers.reduce((sum, c) => sum + (c.cpu ?? 0), 0) > cpu) {
    throw clientError("The sum of all container 'cpu' values cannot be greater than the value of the task 'cpu'.");
  }

  // What the definition can run on: EC2 always; external instances without awsvpc; Fargate with a Fargate size.
  const compatibilities: string[] = [];
  if (networkMode !== 'awsvpc') compatibilities.push('EXTERNAL');
  compatibilities.push('EC2');
  if (networkMode === 'awsvpc' && cpu !== undefined && memory !== undefined && fargateAllows(cpu, memory)) compatibilities.push('FARGATE');
  return {
    family,
    networkMode,
    containerDefinitions: containers,
    volumes,
    placementConstraints: validPlacementConstraints(input.placementConstraints),
    requiresCompatibilities: requires,
    compatibilities,
    requiresAttributes: requiredAttributes(networkMode, containers),
    cpu: cpu === undefined ? undefined : String(cpu),
    memory: memory === undefined ? undefined : String(memory),
  };
}
