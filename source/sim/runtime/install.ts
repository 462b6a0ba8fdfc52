import { containerChanged } from '../ecs/task-lifecycle.js';
import type { TaskRecord } from '../model.js';
import { networkNotice } from '../network/index.js';
import type { Sandbox } from '../sandbox.js';
import { createDockerRuntime, releaseHeldSteps, type DockerRuntimeOptions } from './docker/index.js';
import type { ContainerRuntime, RuntimeHost, RuntimeKind } from './runtime.js';
import { createVirtualRuntime } from './virtual/virtual-runtime.js';

/**
 * Plugs a runtime into the sandbox. A task's containers start as it comes up (at ACTIVATING,
 * before a load balancer checks it, or at RUNNING) and stop once ECS stops them (STOPPING and
 * after: a task being deregistered from a load balancer still serves while it drains). A
 * container that ends by itself is reported to the tasks code, which stops the task when the
 * container was essential.
 */
const STARTED = new Set(['ACTIVATING', 'RUNNING']);
const STOPPED = new Set(['STOPPING', 'DEPROVISIONING', 'STOPPED', 'DELETED']);

const runtimes = new WeakMap<Sandbox, ContainerRuntime>();

/** The runtime installed on a sandbox, if any. */
export function runtimeOf(sb: Sandbox): ContainerRuntime | undefined {
  return runtimes.get(sb);
}

/** What a container printed, oldest first. */
export function containerLogs(sb: Sandbox, taskArn: string, containerName: string): string[] {
  return runtimes.get(sb)?.logs(taskArn, containerName) ?? [];
}

/** `docker` is the engine to use with the docker kind (connectDockerRuntime). */
export function installRuntime(sb: Sandbox, kind: RuntimeKind = 'virtual', docker?: DockerRuntimeOptions): void {
  // Steps held for a Docker run that this runtime will not report on would wait for ever.
  if (kind !== 'docker') releaseHeldSteps(sb);
  if (kind === 'none') return;
  if (kind === 'docker' && !docker) throw new Error('the docker runtime needs an engine (connectDockerRuntime)');
  const warn = (message: string) => networkNotice(sb, message);
  const host: RuntimeHost = {
    sandbox: sb,
    warn,
    containerExited(task, containerName, exitCode, reason) {
      const current = sb.tables.tasks.get(task.taskArn);
      if (!current || current.lastStatus === 'STOPPED') return;
      containerChanged(sb, current, containerName, { status: 'STOPPED', exitCode, reason });
      sb.touch();
    },
  };
  const runtime = kind === 'docker' && docker ? createDockerRuntime(host, docker) : createVirtualRuntime(host);
  runtimes.set(sb, runtime);
  const failed = (task: TaskRecord) => (error: unknown) => warn(`ecsh: the ${runtime.kind} runtime failed on task ${task.id}: ${(error as Error).message}`);
  const startsAt = runtime.startsAt ?? STARTED;

  const follow = (task: TaskRecord) => {
    if (task.desiredStatus === 'RUNNING' && startsAt.has(task.lastStatus)) runtime.startTask(task).catch(failed(task));
    else if (STOPPED.has(task.lastStatus)) runtime.stopTask(task).catch(failed(task));
  };
  sb.events.on('task', follow);
  sb.events.once('close', () => {
    sb.events.off('task', follow);
    runtimes.delete(sb);
    runtime.close().catch((error: unknown) => warn(`ecsh: stopping the runtime failed: ${(error as Error).message}`));
  });
  // A sandbox reloaded from its state file has tasks that were already running.
  for (const task of sb.tables.tasks.values()) follow(task);
}
