import type { Task } from '@aws-sdk/client-ecs';
import { familyOf, familyRevision, idOf, millis } from './arn-ids.js';
import type { PaneApi } from './pane-api.js';
import type { PaneScope } from './pane-scope.js';
import { compareText, shapeChanged } from './reuse-rows.js';
import { launchLabel, taskAddress } from './task-network.js';

export interface TaskRow {
  key: string;
  signature: string;
  id: string;
  /** `family:revision`. */
  taskDefinition: string;
  family: string;
  lastStatus: string;
  desiredStatus: string;
  healthStatus?: string;
  containerInstanceId?: string;
  availabilityZone?: string;
  /** EC2, FARGATE, EXTERNAL, or the capacity provider FARGATE_SPOT. */
  launch?: string;
  /** The task's own private IP (awsvpc). */
  address?: string;
  /** Host ports bound by the task's containers (`8080`, `53/udp`). */
  hostPorts: string[];
  group?: string;
  createdAt?: number;
  startedAt?: number;
  stoppedAt?: number;
  stoppedReason?: string;
}

export interface TasksSnapshot {
  scope: PaneScope;
  rows: TaskRow[];
  /** The tasks as DescribeTasks returned them, for the details view. */
  described: readonly Task[];
}

/**
 * The scope's tasks: the running ones (PENDING included: their desired status is RUNNING) and
 * the stopped ones ECS still remembers, each described once per poll.
 */
export async function loadTasks(api: PaneApi, scope: PaneScope, previous?: TasksSnapshot): Promise<TasksSnapshot> {
  await api.syncClock();
  const running = await api.listTaskArns(scope.cluster, 'RUNNING', scope.service);
  const stopped = await api.listTaskArns(scope.cluster, 'STOPPED', scope.service);
  const tasks = await api.describeTasks(scope.cluster, [...new Set([...running, ...stopped])]);
  return tasksSnapshot(scope, tasks, previous);
}

/** Rows in the order a reader wants them: live tasks by group and age, then the latest stopped first. */
export function tasksSnapshot(scope: PaneScope, tasks: readonly Task[], previous?: TasksSnapshot): TasksSnapshot {
  const rows = shapeChanged(previous?.rows, tasks.filter((task) => task.taskArn), (task) => task.taskArn!, taskSignature, taskRow);
  rows.sort(compareTaskRows);
  return {
    scope,
    rows,
    described: tasks,
  };
}

/** ECS bumps a task's version on every change it reports (its bindings arrive with RUNNING, its reason with STOPPED). */
function taskSignature(task: Task): string {
  return `${task.version ?? ''}|${task.lastStatus}|${task.desiredStatus}|${task.healthStatus ?? ''}|${taskAddress(task) ?? ''}`;
}

function taskRow(task: Task, arn: string, signature: string): TaskRow {
  const hostPorts = (task.containers ?? []).flatMap((container) =>
    (container.networkBindings ?? [])
      .filter((binding) => binding.hostPort !== undefined)
      .map((binding) => (binding.protocol === 'udp' ? `${binding.hostPort}/udp` : String(binding.hostPort))),
  );
  return {
    key: arn,
    signature,
    id: idOf(arn),
    taskDefinition: familyRevision(task.taskDefinitionArn),
    family: familyOf(task.taskDefinitionArn),
    lastStatus: task.lastStatus ?? 'UNKNOWN',
    desiredStatus: task.desiredStatus ?? 'UNKNOWN',
    healthStatus: task.healthStatus,
    containerInstanceId: task.containerInstanceArn ? idOf(task.containerInstanceArn) : undefined,
    availabilityZone: task.availabilityZone,
    launch: launchLabel(task),
    address: taskAddress(task),
    hostPorts,
    group: task.group,
    createdAt: millis(task.createdAt),
    startedAt: millis(task.startedAt),
    stoppedAt: millis(task.stoppedAt),
    stoppedReason: task.stoppedReason,
  };
}

function compareTaskRows(a: TaskRow, b: TaskRow): number {
  const aStopped = a.desiredStatus === 'STOPPED';
  const bStopped = b.desiredStatus === 'STOPPED';
  if (aStopped !== bStopped) return aStopped ? 1 : -1;
  // Tasks still stopping have no stoppedAt yet: they are the latest of all.
  if (aStopped) return (b.stoppedAt ?? Number.MAX_SAFE_INTEGER) - (a.stoppedAt ?? Number.MAX_SAFE_INTEGER) || compareText(a.key, b.key);
  return compareText(a.group ?? '', b.group ?? '') || (a.createdAt ?? 0) - (b.createdAt ?? 0) || compareText(a.key, b.key);
}
