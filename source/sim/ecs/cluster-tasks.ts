import type { TaskRecord } from '../model.js';
import type { Sandbox } from '../sandbox.js';
import { GroupCounts } from '../scheduler/index.js';

/**
 * The tasks of each cluster that are not STOPPED, which is what placement looks at on every
 * RunTask and every service step. Kept beside the tasks table (derived, never saved), so a
 * placement does not scan every task the sandbox remembers; rebuilt from the table when a
 * sandbox is created or its state reloaded.
 */
interface Index {
  byCluster: Map<string, Map<string, TaskRecord>>;
  /** cluster -> group -> container instance -> how many of the group's tasks it holds (spread counts these). */
  groupCounts: Map<string, Map<string, GroupCounts>>;
}

const indexes = new WeakMap<Map<string, TaskRecord>, Index>();
const NO_COUNTS = new GroupCounts();

function indexOf(sb: Sandbox): Index {
  const table = sb.tables.tasks;
  let index = indexes.get(table);
  if (!index) {
    index = { byCluster: new Map(), groupCounts: new Map() };
    for (const task of table.values()) if (task.lastStatus !== 'STOPPED') add(index, task);
    indexes.set(table, index);
  }
  return index;
}

function add(index: Index, task: TaskRecord): void {
  let tasks = index.byCluster.get(task.clusterArn);
  if (!tasks) index.byCluster.set(task.clusterArn, (tasks = new Map()));
  tasks.set(task.taskArn, task);
  countGroup(index, task, 1);
}

function drop(index: Index, task: TaskRecord): void {
  if (index.byCluster.get(task.clusterArn)?.delete(task.taskArn)) countGroup(index, task, -1);
}

function countGroup(index: Index, task: TaskRecord, delta: number): void {
  if (!task.containerInstanceArn) return;
  let groups = index.groupCounts.get(task.clusterArn);
  if (!groups) index.groupCounts.set(task.clusterArn, (groups = new Map()));
  let counts = groups.get(task.group);
  if (!counts) groups.set(task.group, (counts = new GroupCounts()));
  counts.add(task.containerInstanceArn, delta);
}

/** How many not-STOPPED tasks of `group` each container instance of the cluster holds. */
export function groupCountsOf(sb: Sandbox, clusterArn: string, group: string): GroupCounts {
  return indexOf(sb).groupCounts.get(clusterArn)?.get(group) ?? NO_COUNTS;
}

/** The cluster's tasks whose lastStatus is not STOPPED. */
export function activeTasksOf(sb: Sandbox, clusterArn: string): TaskRecord[] {
  return [...(indexOf(sb).byCluster.get(clusterArn)?.values() ?? [])];
}

/**
 * The same tasks as a live view: iterating it walks the index as it is at that moment, so a
 * caller that starts tasks between two passes sees them, and nothing is copied.
 */
export function activeTasksView(sb: Sandbox, clusterArn: string): Iterable<TaskRecord> {
  const index = indexOf(sb);
  return { [Symbol.iterator]: () => (index.byCluster.get(clusterArn)?.values() ?? [].values()) };
}

/** Records a new task (in the table and the index). */
export function addTask(sb: Sandbox, task: TaskRecord): void {
  const index = indexOf(sb);
  sb.tables.tasks.set(task.taskArn, task);
  add(index, task);
}

/** A task reached STOPPED: placement no longer counts it. */
export function taskStopped(sb: Sandbox, task: TaskRecord): void {
  drop(indexOf(sb), task);
}

/** Forgets a stopped task for good. */
export function removeTask(sb: Sandbox, task: TaskRecord): void {
  drop(indexOf(sb), task);
  sb.tables.tasks.delete(task.taskArn);
}
