import { taskReported } from '../../ecs/task-lifecycle.js';
import type { TaskRecord } from '../../model.js';
import type { Sandbox } from '../../sandbox.js';

/**
 * With real containers, a task's state follows them rather than the simulated clock. The
 * lifecycle plans its steps on the clock (task-lifecycle.ts); the Docker runtime holds them
 * (their time moves to never) and reports what Docker says instead: RUNNING once the containers
 * run, STOPPED once they are gone, which runs the held steps at once. The pull is not a step
 * any more: the runtime records the real one.
 */
const HELD = Number.MAX_SAFE_INTEGER;
const PULL_STEPS = new Set(['PULL_STARTED', 'PULL_STOPPED']);

function isHeld(task: TaskRecord): boolean {
  return task._steps.some((step) => step.at >= HELD);
}

/** Holds a starting task's steps until the runtime reports it RUNNING. */
export function holdStart(task: TaskRecord): void {
  task._steps = task._steps.filter((step) => !PULL_STEPS.has(step.to)).map((step) => ({ at: HELD, to: step.to }));
}

/** Holds a stopping task's remaining steps until the runtime reports it STOPPED. */
export function holdStop(task: TaskRecord): void {
  for (const step of task._steps) step.at = HELD;
}

/**
 * Lets go of the steps held for containers that no runtime will report: a state saved by a
 * sandbox on Docker and reloaded on another runtime. Its tasks carry on as if reported.
 */
export function releaseHeldSteps(sb: Sandbox): void {
  for (const task of [...sb.tables.tasks.values()]) {
    if (isHeld(task)) taskReported(sb, task, task.desiredStatus === 'RUNNING' ? 'RUNNING' : 'STOPPED');
  }
}
