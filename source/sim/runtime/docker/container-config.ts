import type Docker from 'dockerode';
import type { ContainerDefinition, ContainerRecord, PortMapping, TaskDefinitionRecord, TaskRecord } from '../../model.js';

/**
 * A container definition as the ECS agent hands it to Docker: image, command and entry point,
 * environment, working directory, user, links, CPU shares, hard and soft memory limits,
 * ulimits, stop timeout, health check, labels, network mode, port bindings and mounts. Pure:
 * what to create, not creating it.
 */

/** The agent's default for a container without stopTimeout (ECS_CONTAINER_STOP_TIMEOUT). */
const DEFAULT_STOP_TIMEOUT_S = 30;
/** Docker's smallest CPU share; the agent gives it to a container without cpu units. */
const MIN_CPU_SHARES = 2;
const MIB = 1024 * 1024;
const NS_PER_S = 1_000_000_000;
/** ECS's health check defaults, in seconds. */
const HEALTH_DEFAULTS = { interval: 30, timeout: 5, retries: 3, startPeriod: 0 };

interface ContainerPlan {
  task: TaskRecord;
  def: TaskDefinitionRecord;
  definition: ContainerDefinition;
  /** Its record: CPU and memory with the task's overrides applied. */
  record: ContainerRecord;
  dockerName: string;
  /** The agent's labels and the sandbox's. */
  labels: Record<string, string>;
  /** The Docker names of the task's containers, by container name, for links and volumesFrom. */
  dockerNames: ReadonlyMap<string, string>;
  /** What each task volume mounts: a host path, or a Docker volume's name. */
  volumeSources: ReadonlyMap<string, string>;
  /** The loopback address its ports are published on (bridge mode). */
  publishHost: string;
  /** Its task metadata endpoint (v4). */
  metadataUri: string;
}

type Override = { name?: string; command?: string[]; environment?: Array<{ name?: string; value?: string }> };
type HealthCheck = { command?: string[]; interval?: number; timeout?: number; retries?: number; startPeriod?: number };
type Ulimit = { name?: string; softLimit?: number; hardLimit?: number };

export function stopTimeoutOf(definition: ContainerDefinition): number {
  const value = definition.stopTimeout;
  return typeof value === 'number' && value >= 0 ? value : DEFAULT_STOP_TIMEOUT_S;
}

export function networkModeOf(def: TaskDefinitionRecord): 'bridge' | 'host' | 'none' | 'awsvpc' {
  const mode = def.networkMode;
  return mode === 'host' || mode === 'none' || mode === 'awsvpc' ? mode : 'bridge';
}

function overrideOf(task: TaskRecord, name: string): Override | undefined {
  return ((task.overrides.containerOverrides as Override[] | undefined) ?? []).find((o) => o.name === name);
}

/** The definition's environment with the task's overrides, and what the agent adds. */
function environment(plan: ContainerPlan): string[] {
  const env = new Map<string, string>();
  for (const { name, value } of plan.definition.environment ?? []) if (name) env.set(name, value ?? '');
  for (const { name, value } of overrideOf(plan.task, plan.definition.name)?.environment ?? []) if (name) env.set(name, value ?? '');
  env.set('ECS_CONTAINER_METADATA_URI_V4', plan.metadataUri);
  env.set('AWS_EXECUTION_ENV', 'AWS_ECS_EC2');
  return [...env].map(([name, value]) => `${name}=${value}`);
}

/** Each container port of a mapping (a containerPortRange gives several), with its fixed host port if any. */
function mappedPorts(mapping: PortMapping): Array<{ containerPort: number; hostPort?: number }> {
  const range = typeof mapping.containerPortRange === 'string' ? /^(\d+)-(\d+)$/.exec(mapping.containerPortRange.trim()) : null;
  if (range) {
    const ports = [];
    for (let p = Number(range[1]); p <= Number(range[2]); p++) ports.push({ containerPort: p });
    return ports;
  }
  if (mapping.containerPort === undefined) return [];
  return [{ containerPort: mapping.containerPort, hostPort: mapping.hostPort || undefined }];
}

/** Bridge mode: every mapping published on the instance's loopback twin; no host port lets Docker pick one. */
function ports(plan: ContainerPlan): Pick<Docker.ContainerCreateOptions, 'ExposedPorts'> & { PortBindings: Record<string, Array<{ HostIp: string; HostPort: string }>> } {
  const exposed: Record<string, {}> = {};
  const bindings: Record<string, Array<{ HostIp: string; HostPort: string }>> = {};
  for (const mapping of plan.definition.portMappings ?? []) {
    for (const { containerPort, hostPort } of mappedPorts(mapping)) {
      const key = `${containerPort}/${mapping.protocol === 'udp' ? 'udp' : 'tcp'}`;
      exposed[key] = {};
      bindings[key] = [{ HostIp: plan.publishHost, HostPort: hostPort ? String(hostPort) : '' }];
    }
  }
  return { ExposedPorts: exposed, PortBindings: bindings };
}

function healthcheck(check: HealthCheck | undefined): Docker.ContainerCreateOptions['Healthcheck'] {
  if (!check?.command?.length) return undefined;
  const seconds = (value: number | undefined, fallback: number) => (value ?? fallback) * NS_PER_S;
  return {
    Test: check.command,
    Interval: seconds(check.interval, HEALTH_DEFAULTS.interval),
    Timeout: seconds(check.timeout, HEALTH_DEFAULTS.timeout),
    Retries: check.retries ?? HEALTH_DEFAULTS.retries,
    StartPeriod: seconds(check.startPeriod, HEALTH_DEFAULTS.startPeriod),
  };
}

/** `name` or `name:alias`, as ECS writes links, with the linked container's Docker name. */
function link(plan: ContainerPlan, entry: string): string | undefined {
  const [name, alias] = entry.split(':');
  const target = name ? plan.dockerNames.get(name) : undefined;
  return target ? `${target}:${alias ?? name}` : undefined;
}

function binds(plan: ContainerPlan): string[] {
  const out: string[] = [];
  for (const mount of plan.definition.mountPoints ?? []) {
    const source = mount.sourceVolume ? plan.volumeSources.get(mount.sourceVolume) : undefined;
    if (source && mount.containerPath) out.push(`${source}:${mount.containerPath}${mount.readOnly ? ':ro' : ''}`);
  }
  return out;
}

function volumesFrom(plan: ContainerPlan): string[] {
  const out: string[] = [];
  for (const from of plan.definition.volumesFrom ?? []) {
    const source = from.sourceContainer ? plan.dockerNames.get(from.sourceContainer) : undefined;
    if (source) out.push(`${source}${from.readOnly ? ':ro' : ''}`);
  }
  return out;
}

export function containerCreateOptions(plan: ContainerPlan): Docker.ContainerCreateOptions {
  const { definition, record } = plan;
  const mode = networkModeOf(plan.def);
  const bridge = mode === 'bridge';
  const command = overrideOf(plan.task, definition.name)?.command ?? definition.command;
  const ulimits = ((definition.ulimits as Ulimit[] | undefined) ?? []).map((u) => ({ Name: u.name ?? '', Soft: u.softLimit ?? 0, Hard: u.hardLimit ?? 0 }));
  const dockerLabels = (definition.dockerLabels as Record<string, string> | undefined) ?? {};
  const linuxParameters = definition.linuxParameters as { initProcessEnabled?: boolean } | undefined;
  const published = bridge ? ports(plan) : undefined;
  return {
    name: plan.dockerName,
    Image: definition.image,
    Cmd: command?.length ? command : undefined,
    Entrypoint: definition.entryPoint?.length ? definition.entryPoint : undefined,
    Env: environment(plan),
    WorkingDir: typeof definition.workingDirectory === 'string' ? definition.workingDirectory : undefined,
    User: typeof definition.user === 'string' ? definition.user : undefined,
    Hostname: bridge && typeof definition.hostname === 'string' ? definition.hostname : undefined,
    Labels: { ...dockerLabels, ...plan.labels },
    ExposedPorts: published?.ExposedPorts,
    StopTimeout: stopTimeoutOf(definition),
    Healthcheck: healthcheck(definition.healthCheck as HealthCheck | undefined),
    HostConfig: {
      NetworkMode: mode,
      PortBindings: published?.PortBindings,
      Links: bridge ? (definition.links ?? []).map((entry) => link(plan, entry)).filter((l): l is string => l !== undefined) : undefined,
      CpuShares: Math.max(MIN_CPU_SHARES, Number(record.cpu ?? 0)),
      Memory: record.memory ? Number(record.memory) * MIB : undefined,
      MemoryReservation: record.memoryReservation ? Number(record.memoryReservation) * MIB : undefined,
      Ulimits: ulimits.length > 0 ? ulimits : undefined,
      Binds: binds(plan),
      VolumesFrom: volumesFrom(plan),
      Init: linuxParameters?.initProcessEnabled === true ? true : undefined,
    },
  };
}
