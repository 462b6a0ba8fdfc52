import { invalidParameter } from '../errors.js';
import { availableAddresses } from '../ec2/index.js';
import type { SubnetRecord, TaskDefinitionRecord, TaskRecord } from '../model.js';
import type { Sandbox } from '../sandbox.js';
import { parseTaskCpu, parseTaskMemory } from '../scheduler/index.js';
import { activeTasksOf } from './cluster-tasks.js';
import { nextCapacityProvider, taskPlatformVersion } from './launch-options.js';
import { fargateAllows } from './task-definition-validation.js';
import type { AwsvpcNetwork } from './task-eni.js';
import type { LaunchOutcome, LaunchRequest } from './launch-request.js';
import { beginTask, newTaskRecord } from './task-record.js';

/**
 * Tasks on Fargate: no container instance, a host of their own for each. A task's size is its
 * task-level cpu and memory (overrides included), which must be one of Fargate's combinations.
 * Each task goes in one of its subnets, in the zone that has the fewest tasks of its group or
 * deployment (ties at random), so a service's tasks spread over the zones it was given; with a capacity
 * provider strategy each goes to FARGATE or FARGATE_SPOT as the strategy's base and weights say.
 */
const DEFAULT_EPHEMERAL_GIB = 20;
const EPHEMERAL_GIB = { min: 21, max: 200 };

function sizeOf(def: TaskDefinitionRecord, overrides: Record<string, any> | undefined): { cpu: number; memory: number } {
  const cpuText = overrides?.cpu ?? def.cpu;
  const memoryText = overrides?.memory ?? def.memory;
  if (cpuText === undefined || cpuText === null) throw invalidParameter("Fargate requires that 'cpu' be defined at the task level.");
  if (memoryText === undefined || memoryText === null) throw invalidParameter("Fargate requires that 'memory' be defined at the task level.");
  const cpu = parseTaskCpu(cpuText);
  const memory = parseTaskMemory(memoryText);
  if (!fargateAllows(cpu, memory)) {
    throw invalidParameter(`No Fargate configuration exists for given values: ${cpu} CPU, ${memory} memory. See the Amazon ECS documentation for the valid values.`);
  }
  for (const container of def.containerDefinitions) {
    if (container.memory !== undefined && container.memory > memory) {
      throw invalidParameter(`The 'memory' setting for container '${container.name}' is greater than for the task.`);
    }
  }
  return { cpu, memory };
}

function ephemeralStorageOf(def: TaskDefinitionRecord, overrides: Record<string, any> | undefined): number {
  const asked = overrides?.ephemeralStorage?.sizeInGiB ?? (def.ephemeralStorage as { sizeInGiB?: number } | undefined)?.sizeInGiB;
  if (asked === undefined || asked === null) return DEFAULT_EPHEMERAL_GIB;
  if (!Number.isInteger(asked) || asked < EPHEMERAL_GIB.min || asked > EPHEMERAL_GIB.max) {
    throw invalidParameter(`The ephemeral storage size must be between ${EPHEMERAL_GIB.min} and ${EPHEMERAL_GIB.max} GiB.`);
  }
  return asked;
}

function architectureOf(def: TaskDefinitionRecord): string {
  const arch = (def.runtimePlatform as { cpuArchitecture?: string } | undefined)?.cpuArchitecture;
  return arch === 'ARM64' ? 'arm64' : 'x86_64';
}

/**
 * How many live tasks of the group each zone has; for a service, of the same deployment, so
 * that each deployment ends up spread once the one before it is gone.
 */
function groupTasksPerZone(sb: Sandbox, request: LaunchRequest): Map<string, number> {
  const load = new Map<string, number>();
  for (const task of activeTasksOf(sb, request.cluster.clusterArn)) {
    if (task.group !== request.group || (request.deploymentId !== undefined && task._deploymentId !== request.deploymentId)) continue;
    if (task.desiredStatus === 'RUNNING' && task.availabilityZone) {
      load.set(task.availabilityZone, (load.get(task.availabilityZone) ?? 0) + 1);
    }
  }
  return load;
}

/** A subnet with a free address in the least loaded zone; undefined when every subnet is full. */
function chooseSubnet(sb: Sandbox, subnets: readonly SubnetRecord[], load: ReadonlyMap<string, number>): SubnetRecord | undefined {
  const open = subnets.filter((s) => availableAddresses(s) > 0);
  if (open.length === 0) return undefined;
  const least = Math.min(...open.map((s) => load.get(s.availabilityZone) ?? 0));
  const zones = [...new Set(open.filter((s) => (load.get(s.availabilityZone) ?? 0) === least).map((s) => s.availabilityZone))];
  const zone = sb.random.pick(zones);
  return sb.random.pick(open.filter((s) => s.availabilityZone === zone));
}

export function launchFargateTasks(sb: Sandbox, request: LaunchRequest, network: AwsvpcNetwork): LaunchOutcome {
  const def = request.taskDefinition;
  const { cpu, memory } = sizeOf(def, request.overrides);
  const storage = ephemeralStorageOf(def, request.overrides);
  const architecture = architectureOf(def);
  const platformVersion = taskPlatformVersion(request.platformVersion);
  const load = groupTasksPerZone(sb, request);
  const strategy = request.capacityProviderStrategy ?? [];
  const counts = new Map(request.providerCounts ?? []);
  const tasks: TaskRecord[] = [];
  for (let i = 0; i < request.count; i++) {
    const subnet = chooseSubnet(sb, network.subnets, load);
    if (!subnet) {
      const ids = network.subnets.map((s) => s.subnetId).join(', ');
      return { tasks, failures: [{ reason: 'RESOURCE:ENI', detail: `There are no free IP addresses left in subnets ${ids}.` }] };
    }
    const provider = strategy.length > 0 ? nextCapacityProvider(strategy, counts) : undefined;
    if (provider) counts.set(provider, (counts.get(provider) ?? 0) + 1);
    const task = newTaskRecord(sb, request, {
      launchType: 'FARGATE',
      availabilityZone: subnet.availabilityZone,
      architecture,
      capacityProviderName: provider,
      reservation: { cpu, memory, ports: [], portsUdp: [] },
      network,
      subnet,
    });
    task.platformVersion = platformVersion;
    task.platformFamily = 'Linux';
    task.ephemeralStorage = { sizeInGiB: storage };
    load.set(subnet.availabilityZone, (load.get(subnet.availabilityZone) ?? 0) + 1);
    tasks.push(task);
    beginTask(sb, task);
  }
  return { tasks, failures: [] };
}
