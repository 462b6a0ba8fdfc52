import type { InstanceBlock } from './placement-model.js';
import type { PaneApi } from './pane-api.js';
import type { TaskRow } from './tasks-model.js';
import { commandLine } from './cli-words.js';

/**
 * A change a pane makes, asked for with one key and confirmed with y. `command` is the same
 * change as a line of the shell's command language: echoed to the output log when it runs, so
 * that what the pane did can be typed, scripted and looked up.
 */
export interface PaneAction {
  question: string;
  command: string;
  /** The ECS API operation and its input: what `command` sends. */
  operation: string;
  input: Record<string, unknown>;
}

/** A service scaling being decided: +/- move `to` while the question is open. */
export interface ScaleChoice {
  cluster: string;
  service: string;
  from: number;
  to: number;
}

export function stopTaskAction(cluster: string, task: TaskRow): PaneAction {
  return {
    question: `Stop task ${task.id.slice(0, 8)} (${task.taskDefinition})?`,
    command: commandLine(['ecs', 'stop-task', '--cluster', cluster, '--task', task.id]),
    operation: 'StopTask',
    input: { cluster, task: task.id },
  };
}

export function scaleServiceAction({ cluster, service, from, to }: ScaleChoice): PaneAction {
  return {
    question: `Scale ${service} from ${from} to ${to} tasks? (+/- to change)`,
    command: commandLine(['ecs', 'update-service', '--cluster', cluster, '--service', service, '--desired-count', String(to)]),
    operation: 'UpdateService',
    input: { cluster, service, desiredCount: to },
  };
}

export function forceDeploymentAction(cluster: string, service: string): PaneAction {
  return {
    question: `Start a new deployment of ${service} (replacing all its tasks)?`,
    command: commandLine(['ecs', 'update-service', '--cluster', cluster, '--service', service, '--force-new-deployment']),
    operation: 'UpdateService',
    input: { cluster, service, forceNewDeployment: true },
  };
}

/** Drains an ACTIVE instance; on a DRAINING one, the same key makes it ACTIVE again. */
export function drainInstanceAction(cluster: string, instance: InstanceBlock): PaneAction {
  const status = instance.status === 'DRAINING' ? 'ACTIVE' : 'DRAINING';
  const name = instance.ec2InstanceId ?? instance.id.slice(0, 8);
  return {
    question: status === 'DRAINING' ? `Drain ${name} (its tasks move elsewhere)?` : `Make ${name} ACTIVE again?`,
    command: commandLine(['ecs', 'update-container-instances-state', '--cluster', cluster, '--container-instances', instance.id, '--status', status]),
    operation: 'UpdateContainerInstancesState',
    input: { cluster, containerInstances: [instance.id], status },
  };
}

/** Sends the action; a failure the API reports in `failures` (not as an error) is thrown as one. */
export async function runAction(api: PaneApi, action: PaneAction): Promise<void> {
  const out = await api.send<{ failures?: { arn?: string; reason?: string; detail?: string }[] }>(action.operation, action.input);
  const failure = out.failures?.[0];
  if (failure) throw new Error(`${action.operation} failed: ${failure.reason ?? 'unknown reason'}${failure.detail ? ` (${failure.detail})` : ''}`);
}
