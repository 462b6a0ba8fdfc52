import { RunTaskCommand, StopTaskCommand, type RunTaskCommandInput, type Task } from '@aws-sdk/client-ecs';
import type { Backend } from '../../api/index.js';
import type { EcsCliContext } from './context.js';
import { EcsCliError } from './errors.js';
import type { VerbLog } from './log.js';
import { describeTasks } from './task-list.js';
import { pollUntil } from './waits.js';

/** ecs-cli's task waiter: DescribeTasks every 6 seconds, 100 times at most. */
const POLL_MS = 6000;
const MAX_POLLS = 100;
/** RunTask starts at most 10 tasks a call. */
const RUN_CHUNK = 10;

function containerFields(task: Task, name: string | undefined) {
  return {
    container: `${task.taskArn!.split('/').pop()}/${name}`,
    desiredStatus: task.desiredStatus,
    lastStatus: task.lastStatus,
    taskDefinition: task.taskDefinitionArn!.split('/').pop(),
  };
}

/** Runs `count` tasks, ten at a time; a task ECS could not place fails the command with ECS's reasons. */
export async function runTasks(backend: Backend, input: Omit<RunTaskCommandInput, 'count'>, count: number, log: VerbLog): Promise<Task[]> {
  const started: Task[] = [];
  for (let left = count; left > 0; left -= RUN_CHUNK) {
    const { tasks = [], failures = [] } = await backend.ecs.send(new RunTaskCommand({ ...input, count: Math.min(RUN_CHUNK, left) }));
    started.push(...tasks);
    for (const task of tasks) for (const container of task.containers ?? []) log.info('Starting container...', { container: containerFields(task, container.name).container });
    if (failures.length > 0) {
      throw new EcsCliError(`Couldn't run containers: ${[...new Set(failures.map((f) => f.reason ?? f.detail ?? 'unknown'))].join(', ')}${started.length > 0 ? ` (${started.length} of ${count} started)` : ''}`);
    }
  }
  return started;
}

export async function stopTasks(backend: Backend, cluster: string, tasks: Task[], reason: string, log: VerbLog): Promise<void> {
  for (const task of tasks) {
    await backend.ecs.send(new StopTaskCommand({ cluster, task: task.taskArn, reason }));
    for (const container of task.containers ?? []) log.info('Stopping container...', { container: containerFields(task, container.name).container });
  }
}

/**
 * Waits until every task's containers reach `wanted`, logging each container's status as it
 * changes, as ecs-cli logs it. A task that stops while it should start fails the command with
 * the reason ECS gives.
 */
export async function waitForTasks(backend: Backend, cluster: string, tasks: Task[], wanted: 'RUNNING' | 'STOPPED', context: EcsCliContext, log: VerbLog): Promise<void> {
  if (tasks.length === 0) return;
  const seen = new Map<string, string>();
  await pollUntil(context, { intervalMs: POLL_MS, timeoutMs: POLL_MS * MAX_POLLS, what: `${tasks.length} task${tasks.length === 1 ? '' : 's'} to be ${wanted}` }, async () => {
    const described = await describeTasks(backend, cluster, tasks.map((t) => t.taskArn!));
    for (const task of described) {
      if (wanted === 'RUNNING' && task.lastStatus === 'STOPPED') {
        const reasons = (task.containers ?? []).map((c) => c.reason).filter(Boolean);
        throw new EcsCliError(`task ${task.taskArn!.split('/').pop()} stopped: ${[task.stoppedReason, ...reasons].filter(Boolean).join('; ') || 'no reason given'}`);
      }
      for (const container of task.containers ?? []) {
        const fields = containerFields(task, container.name);
        if (seen.get(fields.container) === container.lastStatus) continue;
        seen.set(fields.container, container.lastStatus ?? '');
        const done = container.lastStatus === wanted;
        log.info(done ? (wanted === 'RUNNING' ? 'Started container...' : 'Stopped container...') : 'Describe ECS container status', { ...fields, lastStatus: container.lastStatus });
      }
    }
    return described.every((t) => t.lastStatus === wanted) ? true : undefined;
  });
}
