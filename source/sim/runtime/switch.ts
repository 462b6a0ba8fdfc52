import type { Sandbox } from '../sandbox.js';
import { connectDockerRuntime, engineAddress } from './docker/index.js';
import { installRuntime, runtimeOf, uninstallRuntime } from './install.js';
import type { RuntimeKind } from './runtime.js';

/**
 * Moving a running sandbox to another runtime (the shell's `.runtime docker`), with its state:
 * the old runtime stops its containers and the new one takes the tasks as after a restart of
 * the sandbox. A task running on the virtual runtime has no container on Docker, so Docker
 * stops it ("not found after the sandbox restarted") and its service starts a new one; a task
 * of Docker's runs again on the virtual runtime, its containers removed from the engine.
 */
export interface RuntimeSwitchOptions {
  /** The sandbox's state file, which labels its containers on Docker (connectDockerRuntime). */
  statePath?: string;
  /** Leave the containers of the Docker runtime running when it is replaced or closed. */
  keepContainers?: boolean;
}

export interface RuntimeStatus {
  /** What runs tasks' containers now. */
  kind: RuntimeKind;
  /** Where the Docker engine is looked for: DOCKER_HOST, else the local socket. */
  dockerEngine: string;
}

export interface RuntimeSwitch extends RuntimeStatus {
  /** It ran on that runtime already, or the new one could not start: nothing changed. */
  unchanged: boolean;
  /** Why the Docker runtime could not start, in one line, when no engine answered. */
  noEngine?: string;
  /** The tasks that were up (ACTIVATING or RUNNING) on the runtime replaced. */
  tasksUp: number;
}

const UP = new Set(['ACTIVATING', 'RUNNING']);

export function runtimeStatus(sb: Sandbox): RuntimeStatus {
  return { kind: runtimeOf(sb)?.kind ?? 'none', dockerEngine: engineAddress() };
}

/** Puts the sandbox's tasks on the `kind` runtime; when no Docker engine answers, stays where it is and says why. */
export async function switchRuntime(sb: Sandbox, kind: 'virtual' | 'docker', options: RuntimeSwitchOptions = {}): Promise<RuntimeSwitch> {
  const before = runtimeStatus(sb);
  if (before.kind === kind) return { ...before, unchanged: true, tasksUp: 0 };
  let docker;
  if (kind === 'docker') {
    let noEngine: string | undefined;
    docker = await connectDockerRuntime({ ...options, notify: (message) => (noEngine = message) });
    if (!docker) return { ...before, unchanged: true, noEngine, tasksUp: 0 };
  }
  const tasksUp = [...sb.tables.tasks.values()].filter((task) => task.desiredStatus === 'RUNNING' && UP.has(task.lastStatus)).length;
  await uninstallRuntime(sb);
  installRuntime(sb, kind, docker);
  sb.touch();
  return { ...runtimeStatus(sb), unchanged: false, tasksUp };
}
