import type { ContainerInstance, Resource, Task } from '@aws-sdk/client-ecs';
import { familyOf, idOf } from './arn-ids.js';
import { sumFamilies, type FamilyCount } from './family-counts.js';
import { fargateBlocks, type FargateBlock } from './fargate-model.js';
import type { PaneApi } from './pane-api.js';
import type { PaneScope } from './pane-scope.js';
import { compareText, shapeChanged } from './reuse-rows.js';
import { isFargate } from './task-network.js';

export type { FamilyCount } from './family-counts.js';
export type { FargateBlock } from './fargate-model.js';

export interface Capacity {
  registered: number;
  remaining: number;
}

export interface InstanceBlock {
  key: string;
  signature: string;
  id: string;
  ec2InstanceId?: string;
  instanceType?: string;
  availabilityZone: string;
  status: string;
  agentConnected: boolean;
  cpu: Capacity;
  memory: Capacity;
  /** Host ports the instance's tasks hold (`8080`, `53/udp`); the agent's reserved ones left out. */
  ports: string[];
  /** Tasks on the instance by family, in family order. */
  tasks: FamilyCount[];
}

export interface ZoneGroup {
  zone: string;
  instances: InstanceBlock[];
  /** The zone's Fargate tasks, shown after its instances. */
  fargate?: FargateBlock;
  /** Tasks in the zone (on its instances and on Fargate), by family: with one line per zone, spread and binpack show at a glance. */
  tasks: FamilyCount[];
  taskCount: number;
}

export interface PlacementSnapshot {
  scope: PaneScope;
  zones: ZoneGroup[];
  /** Every family on the cluster, sorted: a family's colour is its place in this list. */
  families: string[];
  /** The instances as DescribeContainerInstances returned them, for the details view. */
  described: readonly ContainerInstance[];
  /** The live Fargate tasks as DescribeTasks returned them, for the details view of a zone's Fargate row. */
  fargateTasks: readonly Task[];
}

const NO_ZONE = '(no zone)';

/** The cluster's container instances and the tasks placed on them. */
export async function loadPlacement(api: PaneApi, scope: PaneScope, previous?: PlacementSnapshot): Promise<PlacementSnapshot> {
  await api.syncClock();
  const instanceArns = await api.listContainerInstanceArns(scope.cluster);
  const instances = await api.describeContainerInstances(scope.cluster, instanceArns);
  const taskArns = await api.listTaskArns(scope.cluster, 'RUNNING');
  const tasks = await api.describeTasks(scope.cluster, taskArns);
  return placementSnapshot(scope, instances, tasks, previous);
}

export function placementSnapshot(
  scope: PaneScope,
  instances: readonly ContainerInstance[],
  tasks: readonly Task[],
  previous?: PlacementSnapshot,
): PlacementSnapshot {
  const tasksByInstance = new Map<string, Task[]>();
  for (const task of tasks) {
    if (!task.containerInstanceArn || task.desiredStatus === 'STOPPED') continue;
    const list = tasksByInstance.get(task.containerInstanceArn) ?? [];
    list.push(task);
    tasksByInstance.set(task.containerInstanceArn, list);
  }
  const blocks = shapeChanged(
    previous && allInstances(previous),
    instances.filter((instance) => instance.containerInstanceArn),
    (instance) => instance.containerInstanceArn!,
    (instance) => instanceSignature(instance, tasksByInstance.get(instance.containerInstanceArn!) ?? []),
    (instance, key, signature) => instanceBlock(instance, key, signature, tasksByInstance.get(key) ?? []),
  );

  const fargateTasks = tasks.filter((task) => !task.containerInstanceArn && task.desiredStatus !== 'STOPPED' && isFargate(task));
  const fargate = fargateBlocks(
    fargateTasks,
    (task) => task.availabilityZone ?? NO_ZONE,
    previous?.zones.flatMap((zone) => (zone.fargate ? [zone.fargate] : [])),
  );

  const byZone = new Map<string, InstanceBlock[]>();
  for (const block of blocks) {
    const list = byZone.get(block.availabilityZone) ?? [];
    list.push(block);
    byZone.set(block.availabilityZone, list);
  }
  // A zone where only Fargate tasks run is a zone of the cluster too.
  for (const zone of fargate.keys()) if (!byZone.has(zone)) byZone.set(zone, []);
  const zones = [...byZone.entries()]
    .sort(([a], [b]) => (a === NO_ZONE ? 1 : b === NO_ZONE ? -1 : compareText(a, b)))
    .map(([zone, list]) => {
      list.sort((a, b) => compareText(a.ec2InstanceId ?? a.id, b.ec2InstanceId ?? b.id));
      const onFargate = fargate.get(zone);
      const zoneTasks = sumFamilies([...list.flatMap((b) => b.tasks), ...(onFargate?.tasks ?? [])]);
      return { zone, instances: list, ...(onFargate ? { fargate: onFargate } : {}), tasks: zoneTasks, taskCount: zoneTasks.reduce((n, f) => n + f.count, 0) };
    });
  const families = [...new Set(tasks.map((task) => familyOf(task.taskDefinitionArn)))].sort();
  return { scope, zones, families, described: instances, fargateTasks };
}

export function allInstances(snapshot: PlacementSnapshot): InstanceBlock[] {
  return snapshot.zones.flatMap((zone) => zone.instances);
}

/** What the block shows, read straight from the answer: the instance's own state and its tasks'. */
function instanceSignature(instance: ContainerInstance, tasks: readonly Task[]): string {
  const left = instance.remainingResources ?? [];
  const resources = left.map((r) => `${r.name}=${r.integerValue ?? r.stringSetValue?.join(',')}`);
  const placed = tasks.map((task) => `${task.taskDefinitionArn}:${task.lastStatus}`).sort();
  return [instance.version, instance.status, instance.agentConnected, ...resources, ...placed].join(';');
}

function instanceBlock(instance: ContainerInstance, key: string, signature: string, tasks: readonly Task[]): InstanceBlock {
  const attribute = (name: string) => instance.attributes?.find((a) => a.name === name)?.value;
  const families = sumFamilies(
    tasks.map((task) => ({ family: familyOf(task.taskDefinitionArn), count: 1, pending: task.lastStatus === 'RUNNING' ? 0 : 1 })),
  );
  return {
    key,
    signature,
    id: idOf(key),
    ec2InstanceId: instance.ec2InstanceId,
    instanceType: attribute('ecs.instance-type'),
    availabilityZone: attribute('ecs.availability-zone') ?? NO_ZONE,
    status: instance.status ?? 'UNKNOWN',
    agentConnected: instance.agentConnected ?? false,
    cpu: capacity(instance, 'CPU'),
    memory: capacity(instance, 'MEMORY'),
    ports: [...portsInUse(instance, 'PORTS', ''), ...portsInUse(instance, 'PORTS_UDP', '/udp')],
    tasks: families,
  };
}

function resource(list: Resource[] | undefined, name: string): Resource | undefined {
  return list?.find((r) => r.name === name);
}

function capacity(instance: ContainerInstance, name: 'CPU' | 'MEMORY'): Capacity {
  return {
    registered: resource(instance.registeredResources, name)?.integerValue ?? 0,
    remaining: resource(instance.remainingResources, name)?.integerValue ?? 0,
  };
}

/** ECS lists the ports held in `remainingResources`, the agent's own reserved ones among them. */
function portsInUse(instance: ContainerInstance, name: 'PORTS' | 'PORTS_UDP', suffix: string): string[] {
  const reserved = new Set(resource(instance.registeredResources, name)?.stringSetValue ?? []);
  return (resource(instance.remainingResources, name)?.stringSetValue ?? [])
    .filter((port) => !reserved.has(port))
    .sort((a, b) => Number(a) - Number(b))
    .map((port) => `${port}${suffix}`);
}
