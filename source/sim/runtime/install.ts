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

/** A runtime plugged into a sandbox, and what unplugs it (its listeners on the sandbox). */
interface Installed {
  runtime: ContainerRuntime;
  detach(): void;
}

const installed = new WeakMap<Sandbox, Installed>();

/** The runtime installed on a sandbox, if any. */
export function runtimeOf(sb: Sandbox): ContainerRuntime | undefined {
  return installed.get(sb)?.runtime;
}

/** What a container printed, oldest first. */
export function containerLogs(sb: Sandbox, taskArn: string, containerName: string): string[] {
  return runtimeOf(sb)?.logs(taskArn, containerName) ?? [];
}

/**
 * Unplugs the sandbox's runtime and stops its containers (its close), leaving the tasks as they
 * are, as a restart of the sandbox would; `runtime-replaced` tells those following its output.
 */
export async function uninstallRuntime(sb: Sandbox): Promise<void> {
  const current = installed.get(sb);
  if (!current) return;
  current.detach();
  sb.events.emit('runtime-replaced');
  await current.runtime.close();
}

/** `docker` is the engine to use with the docker kind (connectDockerRuntime). */
export function installRuntime(sb: Sandbox, kind: RuntimeKind = 'virtual', docker?: DockerRuntimeOptions): void {
  // Steps held for a Docker run that this runtime will not report on would wait for ever.
  if (kind !== 'docker') releaseHeldSteps(sb);
  if (kind === 'none') return;
  if (kind === 'docker' && !docker) throw new Error('the docker runtime needs an engine (connectDockerRuntime)');
  if (installed.has(sb)) throw new Error('the sandbox has a runtime already (uninstallRuntime first)');
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
  const failed = (task: TaskRecord) => (error: unknown) => warn(`ecsh: the ${runtime.kind} runtime failed on task ${task.id}: ${(error as Error).message}`);
  const startsAt = runtime.startsAt ?? STARTED;

  const follow = (task: TaskRecord) => {
    if (task.desiredStatus === 'RUNNING' && startsAt.has(task.lastStatus)) runtime.startTask(task).catch(failed(task));
    else if (STOPPED.has(task.lastStatus)) runtime.stopTask(task).catch(failed(task));
  };
  const detach = () => {
    sb.events.off('task', follow);
    sb.events.off('close', onClose);
    installed.delete(sb);
  };
  const onClose = () => {
    detach();
    runtime.close().catch((error: unknown) => warn(`ecsh: stopping the runtime failed: ${(error as Error).message}`));
  };
  installed.set(sb, { runtime, detach });
  sb.events.on('task', follow);
  sb.events.once('close', onClose);
  // A sandbox reloaded from its state file has tasks that were already running.
  for (const task of sb.tables.tasks.values()) follow(task);
}
