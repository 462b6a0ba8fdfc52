import type { TaskRecord } from '../model.js';
import type { Sandbox } from '../sandbox.js';

/**
 * The tasks of each cluster that are not STOPPED, which is what placement looks at on every
 * RunTask and every service step. Kept beside the tasks table (derived, never saved), so a
 * placement does not scan every task the sandbox remembers; rebuilt from the table when a
 * sandbox is created or its state reloaded.
 */
type Index = Map<string, Map<string, TaskRecord>>;

const indexes = new WeakMap<Map<string, TaskRecord>, Index>();

function indexOf(sb: Sandbox): Index {
  const table = sb.tables.tasks;
  let index = indexes.get(table);
  if (!index) {
    index = new Map();
    for (const task of table.values()) if (task.lastStatus !== 'STOPPED') add(index, task);
    indexes.set(table, index);
  }
  return index;
}

function add(index: Index, task: TaskRecord): void {
  let tasks = index.get(task.clusterArn);
  if (!tasks) index.set(task.clusterArn, (tasks = new Map()));
  tasks.set(task.taskArn, task);
}

/** The cluster's tasks whose lastStatus is not STOPPED. */
export function activeTasksOf(sb: Sandbox, clusterArn: string): TaskRecord[] {
  return [...(indexOf(sb).get(clusterArn)?.values() ?? [])];
}

/** Records a new task (in the table and the index). */
export function addTask(sb: Sandbox, task: TaskRecord): void {
  const index = indexOf(sb);
  sb.tables.tasks.set(task.taskArn, task);
  add(index, task);
}

/** A task reached STOPPED: placement no longer counts it. */
export function taskStopped(sb: Sandbox, task: TaskRecord): void {
  indexOf(sb).get(task.clusterArn)?.delete(task.taskArn);
}

/** Forgets a stopped task for good. */
export function removeTask(sb: Sandbox, task: TaskRecord): void {
  indexOf(sb).get(task.clusterArn)?.delete(task.taskArn);
  sb.tables.tasks.delete(task.taskArn);
}
