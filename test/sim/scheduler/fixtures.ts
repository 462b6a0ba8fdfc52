import type { Attribute, ContainerDefinition, ContainerInstanceRecord, TaskDefinitionRecord, TaskRecord } from '../../../source/sim/model.js';
import { Random } from '../../../source/sim/random.js';
import { instanceResources, type PlacementRequest, taskDemand } from '../../../source/sim/scheduler/index.js';

const ARN = 'arn:aws:ecs:us-east-1:123456789012';

export interface InstanceOptions {
  id?: string;
  cpu?: number;
  memory?: number;
  zone?: string;
  instanceType?: string;
  attributes?: Attribute[];
  status?: ContainerInstanceRecord['status'];
  agentConnected?: boolean;
  ec2InstanceId?: string;
  registeredAt?: number;
  agentVersion?: string;
}

let serial = 0;

/** A registered container instance of cluster `test`, as the instances code would make it. */
export function instance(options: InstanceOptions = {}): ContainerInstanceRecord {
  const id = options.id ?? `ci-${++serial}`;
  const zone = options.zone ?? 'us-east-1a';
  return {
    containerInstanceArn: `${ARN}:container-instance/test/${id}`,
    id,
    clusterArn: `${ARN}:cluster/test`,
    region: 'us-east-1',
    ec2InstanceId: 'ec2InstanceId' in options ? options.ec2InstanceId : `i-${id}`,
    version: 1,
    versionInfo: { agentVersion: options.agentVersion ?? '1.89.0', agentHash: 'abc', dockerVersion: 'DockerVersion: 25.0.8' },
    status: options.status ?? 'ACTIVE',
    agentConnected: options.agentConnected ?? true,
    ...instanceResources(options.cpu ?? 2048, options.memory ?? 3904),
    attributes: [
      { name: 'ecs.availability-zone', value: zone },
      { name: 'ecs.instance-type', value: options.instanceType ?? 't3.medium' },
      { name: 'ecs.os-type', value: 'linux' },
      ...(options.attributes ?? []),
    ],
    tags: [],
    registeredAt: options.registeredAt ?? Date.UTC(2024, 0, 1),
    runningTasksCount: 0,
    pendingTasksCount: 0,
  };
}

export function container(fields: Partial<ContainerDefinition> = {}): ContainerDefinition {
  return { name: fields.name ?? `c${++serial}`, image: 'nginx', essential: true, ...fields };
}

export function taskDefinition(fields: Partial<TaskDefinitionRecord> & { containers?: ContainerDefinition[] } = {}): TaskDefinitionRecord {
  const { containers, ...rest } = fields;
  return {
    taskDefinitionArn: `${ARN}:task-definition/web:1`,
    family: 'web',
    revision: 1,
    region: 'us-east-1',
    containerDefinitions: containers ?? [container({ memory: 256 })],
    status: 'ACTIVE',
    volumes: [],
    placementConstraints: [],
    requiresAttributes: [],
    compatibilities: ['EC2'],
    registeredAt: 0,
    registeredBy: 'test',
    tags: [],
    ...rest,
  };
}

/** A task of `group` on `on` (not STOPPED unless told), with the fields placement reads. */
export function task(on: ContainerInstanceRecord | undefined, group = 'family:web', lastStatus: TaskRecord['lastStatus'] = 'RUNNING'): TaskRecord {
  const id = `t-${++serial}`;
  return {
    taskArn: `${ARN}:task/test/${id}`,
    id,
    clusterArn: `${ARN}:cluster/test`,
    region: 'us-east-1',
    taskDefinitionArn: `${ARN}:task-definition/web:1`,
    containerInstanceArn: on?.containerInstanceArn,
    launchType: 'EC2',
    group,
    lastStatus,
    desiredStatus: lastStatus === 'STOPPED' ? 'STOPPED' : 'RUNNING',
    containers: [],
    overrides: {},
    attachments: [],
    attributes: [],
    createdAt: 0,
    healthStatus: 'UNKNOWN',
    enableExecuteCommand: false,
    tags: [],
    version: 1,
    _reservation: { cpu: 0, memory: 0, ports: [], portsUdp: [] },
    _steps: [],
  };
}

/** A placement request with defaults: one task of a 256 MiB definition, random placement. */
export function request(fields: Partial<PlacementRequest> & { def?: TaskDefinitionRecord; seed?: number }): PlacementRequest {
  const { def, seed, ...rest } = fields;
  return {
    instances: [],
    tasks: [],
    demand: taskDemand(def ?? taskDefinition()),
    count: 1,
    group: 'family:web',
    strategies: [],
    constraints: [],
    random: new Random(seed ?? 7),
    ...rest,
  };
}

/** How many placements went to each instance, by id. */
export function tally(placements: Array<{ instance: ContainerInstanceRecord }>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const p of placements) counts[p.instance.id] = (counts[p.instance.id] ?? 0) + 1;
  return counts;
}

/** The error a call throws, for asserting on its code and message. */
export function thrown(action: () => unknown): { code?: string; message: string } {
  try {
    action();
  } catch (error) {
    return error as { code?: string; message: string };
  }
  throw new Error('expected an error');
}
