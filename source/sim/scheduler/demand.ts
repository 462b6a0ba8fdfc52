import { invalidParameter } from '../errors.js';
import type { Attribute, ContainerDefinition, TaskDefinitionRecord } from '../model.js';
import { portDemand } from './ports.js';

/** What one task needs from a container instance. Host ports are split into fixed and dynamic ones. */
export interface TaskDemand {
  cpu: number;
  memory: number;
  /** Fixed TCP host ports, in port-mapping order. */
  ports: number[];
  portsUdp: number[];
  /** How many TCP host ports the agent picks from the ephemeral range. */
  dynamicPorts: number;
  dynamicPortsUdp: number;
  requiredAttributes: Attribute[];
}

const VCPU = /^(\d+(?:\.\d+)?)\s*vcpu$/i;
const GB = /^(\d+(?:\.\d+)?)\s*gb$/i;
const WHOLE = /^\d+$/;

/** Task-level cpu as ECS takes it: CPU units ("256") or vCPUs ("0.25 vCPU", "1 vcpu"). */
export function parseTaskCpu(value: string | number): number {
  const text = String(value).trim();
  if (WHOLE.test(text)) return Number(text);
  const vcpu = VCPU.exec(text);
  if (vcpu) return Math.round(Number(vcpu[1]) * 1024);
  throw invalidParameter(`Invalid 'cpu' setting for task: '${value}'. Use CPU units (for example 256) or vCPUs (for example 0.25 vCPU).`);
}

/** Task-level memory as ECS takes it: MiB ("512") or GB ("1 GB", "0.5GB"). */
export function parseTaskMemory(value: string | number): number {
  const text = String(value).trim();
  if (WHOLE.test(text)) return Number(text);
  const gb = GB.exec(text);
  if (gb) return Math.round(Number(gb[1]) * 1024);
  throw invalidParameter(`Invalid 'memory' setting for task: '${value}'. Use MiB (for example 512) or GB (for example 1 GB).`);
}

interface ContainerOverride {
  name?: string;
  cpu?: number;
  memory?: number;
  memoryReservation?: number;
}

function overrideFor(overrides: any, name: string): ContainerOverride | undefined {
  const list = overrides?.containerOverrides;
  if (!Array.isArray(list)) return undefined;
  return list.find((o: ContainerOverride) => o?.name === name);
}

function countOf(value: unknown, what: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw invalidParameter(`${what} must be a non-negative integer; got ${JSON.stringify(value)}.`);
  }
  return value;
}

/**
 * What the container reserves: its cpu units, and its memory hard limit, or its soft limit
 * (memoryReservation) when it has no hard one. An override replaces the value it names.
 */
function containerSize(container: ContainerDefinition, override: ContainerOverride | undefined) {
  const cpu = countOf(override?.cpu, `cpu of container ${container.name}`) ?? container.cpu ?? 0;
  const hard = countOf(override?.memory, `memory of container ${container.name}`) ?? container.memory;
  const soft = countOf(override?.memoryReservation, `memoryReservation of container ${container.name}`) ?? container.memoryReservation;
  return { cpu, memory: hard ?? soft ?? 0 };
}

/**
 * The size of one task of `def` on the EC2 launch type. Task-level cpu and memory, when set
 * (in the definition or in the overrides), are what the task reserves; otherwise the sum of
 * its containers'. `overrides` is RunTask's TaskOverride.
 */
export function taskDemand(def: TaskDefinitionRecord, overrides?: any): TaskDemand {
  let cpu = 0;
  let memory = 0;
  for (const container of def.containerDefinitions) {
    const size = containerSize(container, overrideFor(overrides, container.name));
    cpu += size.cpu;
    memory += size.memory;
  }
  const taskCpu = overrides?.cpu ?? def.cpu;
  const taskMemory = overrides?.memory ?? def.memory;
  if (taskCpu !== undefined && taskCpu !== null) cpu = parseTaskCpu(taskCpu);
  if (taskMemory !== undefined && taskMemory !== null) memory = parseTaskMemory(taskMemory);
  return { cpu, memory, ...portDemand(def), requiredAttributes: def.requiresAttributes ?? [] };
}
