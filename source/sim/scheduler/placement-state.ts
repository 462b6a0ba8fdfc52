import type { ContainerInstanceRecord, TaskRecord } from '../model.js';
import { standalone } from './cluster-query.js';
import type { TaskDemand } from './demand.js';
import type { GroupCounts } from './group-counts.js';
import { InstanceSnapshot } from './instance-snapshot.js';
import { pickDynamicPorts } from './ports.js';

/**
 * The cluster as one placeTasks call sees it: the records as they are, plus what the tasks
 * placed earlier in the same call take (kept here, so the records are never touched).
 * Everything is indexed by the instance's position in the request, and the per-instance
 * arrays are scratch buffers shared by all calls (placement is synchronous), so a call
 * allocates almost nothing however large the cluster.
 */

let scratchSize = 0;
let usedCpu = new Float64Array(0);
let usedMemory = new Float64Array(0);
let placedCount = new Uint32Array(0);
let groupCount = new Uint32Array(0);

function scratch(n: number): void {
  if (n > scratchSize) {
    scratchSize = Math.max(n, scratchSize * 2, 64);
    usedCpu = new Float64Array(scratchSize);
    usedMemory = new Float64Array(scratchSize);
    placedCount = new Uint32Array(scratchSize);
    groupCount = new Uint32Array(scratchSize);
  } else {
    usedCpu.fill(0, 0, n);
    usedMemory.fill(0, 0, n);
    placedCount.fill(0, 0, n);
  }
}

/**
 * Where each instance is in the request, by ARN. Callers pass the same records call after call,
 * so the map is kept while the list holds the same records in the same order (checking that
 * costs a pointer comparison per instance; building it, a hash insertion per instance).
 */
let indexedList: ContainerInstanceRecord[] = [];
let indexByArn = new Map<string, number>();

function instanceIndex(instances: readonly ContainerInstanceRecord[]): Map<string, number> {
  let same = instances.length === indexedList.length;
  for (let i = 0; same && i < instances.length; i++) same = instances[i] === indexedList[i];
  if (!same) {
    indexedList = [...instances];
    indexByArn = new Map(instances.map((instance, i) => [instance.containerInstanceArn, i]));
  }
  return indexByArn;
}

/** Each group's counts by instance position, for the instance list they were last read with. */
const aligned = new WeakMap<GroupCounts, { list: readonly ContainerInstanceRecord[]; counts: Uint32Array }>();

/**
 * A group's tasks per instance position. Read whole the first time (or when the instances
 * changed); after that only the instances whose counts moved since are looked up.
 */
function alignedCounts(known: GroupCounts, instances: readonly ContainerInstanceRecord[]): Uint32Array {
  const index = instanceIndex(instances);
  const changes = known.takeChanges();
  let entry = aligned.get(known);
  if (!entry || entry.list !== indexedList) {
    const counts = new Uint32Array(instances.length);
    known.forEach((tasks, arn) => {
      const i = index.get(arn);
      if (i !== undefined) counts[i] = tasks;
    });
    entry = { list: indexedList, counts };
    aligned.set(known, entry);
    return counts;
  }
  for (const arn of changes) {
    const i = index.get(arn);
    if (i !== undefined) entry.counts[i] = known.get(arn);
  }
  return entry.counts;
}

/** Host ports taken by this call's earlier placements on one instance. */
interface PortsTaken {
  ports: number[];
  portsUdp: number[];
}

const NONE: readonly number[] = [];

/** The buckets of one spread step: which bucket each instance is in, and the group's tasks in each. */
interface Buckets {
  attributes: readonly string[];
  of: Int32Array;
  counts: number[];
}

function attributeValue(instance: ContainerInstanceRecord, name: string): string | undefined {
  const attributes = instance.attributes;
  for (let j = 0; j < attributes.length; j++) if (attributes[j]!.name === name) return attributes[j]!.value ?? '';
  return undefined;
}

/** The values of several attributes as one bucket key; a missing attribute is a value of its own. */
function compositeValue(instance: ContainerInstanceRecord, names: readonly string[]): string {
  let key = '';
  for (const name of names) key += `${attributeValue(instance, name) ?? '\u0001'}\u0000`;
  return key;
}

/** Which bucket each instance is in for one list of spread attributes, kept between calls. */
interface BucketLayout {
  snapshot: InstanceSnapshot;
  of: Int32Array;
  size: number;
}

const layouts = new Map<string, BucketLayout>();

/**
 * Buckets by value. The layout only changes when instances come or go or their attributes are
 * replaced, so it is kept while its snapshot holds.
 * Values are usually few (zones, instance types): a short list beats a hash then.
 */
function bucketLayout(instances: readonly ContainerInstanceRecord[], attributes: readonly string[]): BucketLayout {
  const key = attributes.join('\u0000');
  const cached = layouts.get(key);
  if (cached && cached.snapshot.matches(instances)) return cached;
  const values: Array<string | undefined> = [];
  const byValue = new Map<string | undefined, number>();
  const n = instances.length;
  const of = new Int32Array(n);
  const single = attributes.length === 1 ? attributes[0]! : undefined;
  for (let i = 0; i < n; i++) {
    const instance = instances[i]!;
    const value = single !== undefined ? attributeValue(instance, single) : compositeValue(instance, attributes);
    let b = -1;
    if (values.length > 16) b = byValue.get(value) ?? -1;
    else for (let v = 0; v < values.length && b === -1; v++) if (values[v] === value) b = v;
    if (b === -1) {
      b = values.push(value) - 1;
      byValue.set(value, b);
    }
    of[i] = b;
  }
  const layout = { snapshot: new InstanceSnapshot(instances), of, size: values.length };
  layouts.set(key, layout);
  return layout;
}

export class PlacementState {
  private extraPorts: Map<number, PortsTaken> | undefined;
  /** The group's tasks by instance position, once a strategy asks. */
  private groupCounts: Uint32Array | undefined;
  private groupSets: Map<string, Set<string>> | undefined;
  private buckets: Buckets | undefined;

  constructor(
    readonly instances: readonly ContainerInstanceRecord[],
    private readonly tasks: Iterable<TaskRecord>,
    readonly demand: TaskDemand,
    readonly group: string,
    private readonly knownGroupCounts?: GroupCounts,
  ) {
    scratch(instances.length);
  }

  cpuLeft(i: number): number {
    return this.instances[i]!._remaining.cpu - usedCpu[i];
  }

  memoryLeft(i: number): number {
    return this.instances[i]!._remaining.memory - usedMemory[i];
  }

  /** Tasks this call placed on instance i. */
  placedOn(i: number): number {
    return placedCount[i];
  }

  portsTakenHere(i: number): readonly number[] {
    return this.extraPorts?.get(i)?.ports ?? NONE;
  }

  udpPortsTakenHere(i: number): readonly number[] {
    return this.extraPorts?.get(i)?.portsUdp ?? NONE;
  }

  /** Not-STOPPED tasks of the request's group on instance i, this call's included. */
  groupTasksOn(i: number): number {
    return (this.groupCounts ??= this.countGroup())[i]! + placedCount[i]!;
  }

  private countGroup(): Uint32Array {
    if (this.knownGroupCounts) return alignedCounts(this.knownGroupCounts, this.instances);
    const n = this.instances.length;
    groupCount.fill(0, 0, n);
    const group = standalone(this.group);
    let index: Map<string, number> | undefined;
    for (const task of this.tasks) {
      if (task.group !== group || task.lastStatus === 'STOPPED' || !task.containerInstanceArn) continue;
      index ??= instanceIndex(this.instances);
      const i = index.get(task.containerInstanceArn);
      if (i !== undefined) groupCount[i]++;
    }
    return groupCount;
  }

  /** The groups of the tasks on an instance, for task:group in memberOf expressions. */
  groupsOn(instance: ContainerInstanceRecord, i: number): ReadonlySet<string> {
    if (!this.groupSets) {
      this.groupSets = new Map();
      for (const task of this.tasks) {
        if (task.lastStatus === 'STOPPED' || !task.containerInstanceArn) continue;
        let groups = this.groupSets.get(task.containerInstanceArn);
        if (!groups) this.groupSets.set(task.containerInstanceArn, (groups = new Set()));
        groups.add(task.group);
      }
    }
    const groups = this.groupSets.get(instance.containerInstanceArn);
    if (placedCount[i] === 0 || groups?.has(this.group)) return groups ?? new Set();
    return new Set([...(groups ?? []), this.group]);
  }

  /**
   * How many tasks of the group run where instance i's attributes have the same values (all
   * instances count, full ones too: spreading over zones counts every task in each zone).
   * `attributes` are those of this spread step and of the spread steps before it, so that a
   * second spread distributes within the buckets of the first ("across zones, then across
   * instance types within each zone"). Instances without an attribute form a bucket of their own.
   */
  tasksSharingAttributes(attributes: readonly string[], i: number): number {
    const buckets = this.bucketsOf(attributes);
    return buckets.counts[buckets.of[i]!]!;
  }

  /** The buckets of a spread step: which bucket each instance is in, and the group's tasks in each. */
  bucketsOf(attributes: readonly string[]): { of: Int32Array; counts: number[] } {
    return this.buckets?.attributes === attributes ? this.buckets : this.bucketsFor(attributes);
  }

  private bucketsFor(attributes: readonly string[]): Buckets {
    const layout = bucketLayout(this.instances, attributes);
    const counts = new Array<number>(layout.size).fill(0);
    for (let i = 0; i < this.instances.length; i++) counts[layout.of[i]!]! += this.groupTasksOn(i);
    this.buckets = { attributes, of: layout.of, counts };
    return this.buckets;
  }

  /** Chooses instance i for one task: assigns its dynamic host ports and counts what it takes. */
  take(i: number): { cpu: number; memory: number; ports: number[]; portsUdp: number[] } {
    const instance = this.instances[i]!;
    const demand = this.demand;
    const extra = this.extraPorts?.get(i);
    const ports = [
      ...demand.ports,
      ...pickDynamicPorts(demand.dynamicPorts, instance._remaining.ports, extra?.ports ?? NONE, demand.ports),
    ];
    const portsUdp = [
      ...demand.portsUdp,
      ...pickDynamicPorts(demand.dynamicPortsUdp, instance._remaining.portsUdp, extra?.portsUdp ?? NONE, demand.portsUdp),
    ];
    usedCpu[i] += demand.cpu;
    usedMemory[i] += demand.memory;
    placedCount[i] += 1;
    if (ports.length > 0 || portsUdp.length > 0) {
      this.extraPorts ??= new Map();
      if (extra) {
        extra.ports.push(...ports);
        extra.portsUdp.push(...portsUdp);
      } else this.extraPorts.set(i, { ports: [...ports], portsUdp: [...portsUdp] });
    }
    if (this.buckets) this.buckets.counts[this.buckets.of[i]!]! += 1;
    return { cpu: demand.cpu, memory: demand.memory, ports, portsUdp };
  }
}
