import type { ContainerInstanceRecord, TaskRecord, TaskStatus, TaskStep } from '../model.js';
import type { Sandbox } from '../sandbox.js';
import { portBindings, release } from '../scheduler/index.js';
import { activeTasksOf, removeTask, taskStopped } from './cluster-tasks.js';
import { fargateStartSteps, fargateStopSteps } from './fargate-timings.js';
import { attachTaskEni, deleteTaskEni } from './task-eni.js';

/**
 * A task's life on the simulated clock, as ECS reports it. Starting: PROVISIONING (awsvpc
 * only) -> PENDING (image pull) -> ACTIVATING (behind a load balancer only) -> RUNNING.
 * Stopping: desiredStatus STOPPED at once, then DEACTIVATING (behind a load balancer only)
 * -> STOPPING -> DEPROVISIONING (awsvpc only) -> STOPPED, a few hundred ms a step. Fargate
 * tasks take longer (fargate-timings.ts). The steps still to come live in the task record
 * (`_steps`), one job each on the clock.
 */
const TASK_LIFECYCLE_JOB = 'task-lifecycle';
const TASK_EXPIRY_JOB = 'task-expiry';
/** ECS keeps a stopped task describable for about an hour. */
const STOPPED_TASK_RETENTION_MS = 60 * 60 * 1000;
/** ECS's published start-up figures, RunTask to RUNNING: median 1.4 s, p99 2.05 s. */
const START_MEDIAN_MS = 1400;
const START_P99_MS = 2050;
const STOP_STEP_MS = { min: 200, max: 600 };
const EXIT_CODE_ON_STOP = 137;

const PENDING_STATUSES: ReadonlySet<string> = new Set(['PROVISIONING', 'PENDING', 'ACTIVATING']);

function isAwsvpcTask(task: TaskRecord): boolean {
  return task.attachments.some((a: any) => a?.type === 'ElasticNetworkInterface');
}

function behindLoadBalancer(sb: Sandbox, task: TaskRecord): boolean {
  if (!task._serviceArn) return false;
  return (sb.tables.services.get(task._serviceArn)?.loadBalancers.length ?? 0) > 0;
}

function instanceOf(sb: Sandbox, task: TaskRecord): ContainerInstanceRecord | undefined {
  return task.containerInstanceArn ? sb.tables.containerInstances.get(task.containerInstanceArn) : undefined;
}

/** Tells the runtime, the network and the service controller that a task changed. */
function announce(sb: Sandbox, task: TaskRecord): void {
  sb.events.emit('task', task);
  if (task._serviceArn) sb.schedule(0, 'service', task._serviceArn);
}

function setStatus(sb: Sandbox, task: TaskRecord, status: TaskStatus): void {
  const instance = instanceOf(sb, task);
  if (instance && PENDING_STATUSES.has(task.lastStatus) && !PENDING_STATUSES.has(status)) instance.pendingTasksCount -= 1;
  task.lastStatus = status;
  task.version += 1;
  announce(sb, task);
}

function setSteps(sb: Sandbox, task: TaskRecord, steps: TaskStep[]): void {
  const now = sb.now();
  task._steps = steps.map((s) => ({ at: Math.round(s.at), to: s.to }));
  for (const step of task._steps) sb.schedule(step.at - now, TASK_LIFECYCLE_JOB, task.taskArn);
}

/** Plans a newly launched task's way to RUNNING. */
export function planStart(sb: Sandbox, task: TaskRecord): void {
  const now = sb.now();
  if (task.launchType === 'FARGATE') return setSteps(sb, task, fargateStartSteps(sb, now, behindLoadBalancer(sb, task)));
  const total = sb.random.logNormal(START_MEDIAN_MS, START_P99_MS);
  const awsvpc = isAwsvpcTask(task);
  const steps: TaskStep[] = [];
  if (awsvpc) steps.push({ at: now + total * 0.2, to: 'PENDING' });
  steps.push({ at: now + total * (awsvpc ? 0.25 : 0.05), to: 'PULL_STARTED' });
  steps.push({ at: now + total * 0.8, to: 'PULL_STOPPED' });
  if (behindLoadBalancer(sb, task)) steps.push({ at: now + total * 0.9, to: 'ACTIVATING' });
  steps.push({ at: now + total, to: 'RUNNING' });
  setSteps(sb, task, steps);
}

/** Containers come up: their host ports are bound now (the scheduler chose them at launch). */
function containersRunning(sb: Sandbox, task: TaskRecord): void {
  const def = sb.tables.taskDefinitions.get(task.taskDefinitionArn);
  const bindings = def && !isAwsvpcTask(task) ? portBindings(def, task._reservation) : [];
  task.containers.forEach((container, index) => {
    if (container.lastStatus !== 'PENDING') return;
    container.lastStatus = 'RUNNING';
    container.runtimeId ??= sb.random.hex(64);
    if (container.networkBindings.length === 0) container.networkBindings = bindings[index] ?? [];
    // The first health check passes as the container comes up; a runtime may report otherwise later.
    const checked = def?.containerDefinitions.find((c) => c.name === container.name)?.healthCheck;
    if (checked) container.healthStatus = 'HEALTHY';
  });
  const watched = task.containers.filter((c) => c.essential && c.healthStatus !== 'UNKNOWN');
  if (watched.length > 0) task.healthStatus = watched.every((c) => c.healthStatus === 'HEALTHY') ? 'HEALTHY' : 'UNHEALTHY';
}

function containersStopped(sb: Sandbox, task: TaskRecord): void {
  for (const container of task.containers) {
    if (container.lastStatus === 'STOPPED') continue;
    if (container.lastStatus === 'RUNNING') container.exitCode ??= EXIT_CODE_ON_STOP;
    container.lastStatus = 'STOPPED';
  }
  task.executionStoppedAt ??= sb.now();
}

function finishStop(sb: Sandbox, task: TaskRecord): void {
  containersStopped(sb, task);
  deleteTaskEni(sb, task);
  task.stoppedAt = sb.now();
  const instance = instanceOf(sb, task);
  if (instance) release(instance, task._reservation);
  taskStopped(sb, task);
  sb.schedule(STOPPED_TASK_RETENTION_MS, TASK_EXPIRY_JOB, task.taskArn);
  setStatus(sb, task, 'STOPPED');
}

function applyStep(sb: Sandbox, task: TaskRecord, to: TaskStep['to']): void {
  const now = sb.now();
  switch (to) {
    case 'PULL_STARTED':
      task.pullStartedAt = now;
      task.version += 1;
      return;
    case 'PULL_STOPPED':
      task.pullStoppedAt = now;
      task.version += 1;
      return;
    case 'PENDING':
      attachTaskEni(sb, task, instanceOf(sb, task));
      return setStatus(sb, task, 'PENDING');
    case 'ACTIVATING':
      containersRunning(sb, task);
      return setStatus(sb, task, 'ACTIVATING');
    case 'RUNNING':
      containersRunning(sb, task);
      task.startedAt = now;
      task.connectivity = 'CONNECTED';
      task.connectivityAt = now;
      return setStatus(sb, task, 'RUNNING');
    case 'DEPROVISIONING':
      containersStopped(sb, task);
      return setStatus(sb, task, 'DEPROVISIONING');
    case 'STOPPED':
      return finishStop(sb, task);
    default:
      return setStatus(sb, task, to);
  }
}

/**
 * The job: runs the steps that are due. A task whose instance's agent is disconnected stays
 * as it is on its way up, as it would in ECS; it carries on when the agent reconnects.
 */
function runDueSteps(sb: Sandbox, taskArn: string): void {
  const task = sb.tables.tasks.get(taskArn);
  if (!task) return;
  if (task.desiredStatus === 'RUNNING' && instanceOf(sb, task)?.agentConnected === false) return;
  const now = sb.now();
  while (task._steps.length > 0 && task._steps[0]!.at <= now) applyStep(sb, task, task._steps.shift()!.to);
}

/**
 * Holds a stopping task where it is for `delayMs` more: its remaining steps move later. The
 * load balancer integration keeps a task DEACTIVATING this way while its targets drain.
 */
export function postponeStop(sb: Sandbox, task: TaskRecord, delayMs: number): void {
  if (delayMs <= 0 || task._steps.length === 0) return;
  setSteps(sb, task, task._steps.map((step) => ({ at: step.at + delayMs, to: step.to })));
}

/** Runs the planned steps at once, up to and including the one reaching `until`. */
function runStepsNow(sb: Sandbox, task: TaskRecord, until: TaskStatus): void {
  while (task._steps.length > 0) {
    const step = task._steps.shift()!;
    applyStep(sb, task, step.to);
    if (step.to === until) return;
  }
}

/**
 * Stops a task: desiredStatus STOPPED now, lastStatus follows step by step. Does nothing to a
 * task already stopping or stopped, so that StopTask is idempotent and the first reason stays.
 */
export function stopTask(sb: Sandbox, task: TaskRecord, reason: string, stopCode: string): void {
  if (task.desiredStatus === 'STOPPED' || task.lastStatus === 'STOPPED') return;
  task.desiredStatus = 'STOPPED';
  task.stoppingAt = sb.now();
  task.stoppedReason = reason;
  task.stopCode = stopCode;
  task.version += 1;
  announce(sb, task);
  const started = task.lastStatus === 'RUNNING' || task.lastStatus === 'ACTIVATING';
  const deactivating = started && behindLoadBalancer(sb, task);
  if (task.launchType === 'FARGATE') return setSteps(sb, task, fargateStopSteps(sb, sb.now(), deactivating));
  let at = sb.now();
  const next = () => (at += sb.random.int(STOP_STEP_MS.min, STOP_STEP_MS.max));
  const steps: TaskStep[] = [];
  if (deactivating) steps.push({ at: next(), to: 'DEACTIVATING' });
  steps.push({ at: next(), to: 'STOPPING' });
  if (isAwsvpcTask(task)) steps.push({ at: next(), to: 'DEPROVISIONING' });
  steps.push({ at: next(), to: 'STOPPED' });
  setSteps(sb, task, steps);
}

export interface ContainerChange {
  status?: string;
  exitCode?: number;
  reason?: string;
  runtimeId?: string;
}

/**
 * A container's state as its agent or runtime reports it. When an essential container exits,
 * the task stops the way ECS words it.
 */
export function containerChanged(sb: Sandbox, task: TaskRecord, name: string, change: ContainerChange): void {
  const container = task.containers.find((c) => c.name === name);
  if (!container) return;
  if (change.runtimeId !== undefined) container.runtimeId = change.runtimeId;
  if (change.reason !== undefined) container.reason = change.reason;
  if (change.exitCode !== undefined) container.exitCode = change.exitCode;
  if (change.status === 'RUNNING' && container.lastStatus === 'PENDING') container.lastStatus = 'RUNNING';
  if (change.status === 'STOPPED') container.lastStatus = 'STOPPED';
  task.version += 1;
  if (change.status === 'STOPPED' && container.essential && task.desiredStatus === 'RUNNING') {
    stopTask(sb, task, 'Essential container in task exited', 'EssentialContainerExited');
    return;
  }
  announce(sb, task);
}

/** The whole task's state as its agent reports it: RUNNING or STOPPED now, without waiting. */
export function taskReported(sb: Sandbox, task: TaskRecord, status: string, reason?: string): void {
  if (status === 'RUNNING' && task.desiredStatus === 'RUNNING' && PENDING_STATUSES.has(task.lastStatus)) {
    runStepsNow(sb, task, 'RUNNING');
  } else if (status === 'STOPPED' && task.lastStatus !== 'STOPPED') {
    stopTask(sb, task, reason ?? 'Essential container in task exited', 'EssentialContainerExited');
    runStepsNow(sb, task, 'STOPPED');
  }
}

/** The job that forgets a task an hour after it stopped. */
function expireTask(sb: Sandbox, taskArn: string): void {
  const task = sb.tables.tasks.get(taskArn);
  if (!task || task.lastStatus !== 'STOPPED' || task.stoppedAt === undefined) return;
  if (task.stoppedAt + STOPPED_TASK_RETENTION_MS > sb.now()) return;
  removeTask(sb, task);
}

/** When an agent (re)connects, the tasks that waited for it carry on. */
function resumeTasksOn(sb: Sandbox, instance: ContainerInstanceRecord): void {
  if (!instance.agentConnected) return;
  for (const task of activeTasksOf(sb, instance.clusterArn)) {
    if (task.containerInstanceArn === instance.containerInstanceArn && task._steps.length > 0) {
      sb.schedule(0, TASK_LIFECYCLE_JOB, task.taskArn);
    }
  }
}

export function installTaskLifecycle(sb: Sandbox): void {
  sb.onJob(TASK_LIFECYCLE_JOB, runDueSteps);
  sb.onJob(TASK_EXPIRY_JOB, expireTask);
  sb.events.on('instance', (instance: ContainerInstanceRecord) => resumeTasksOn(sb, instance));
}
