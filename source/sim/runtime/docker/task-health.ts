import { containerChanged } from '../../ecs/task-lifecycle.js';
import type { TaskRecord } from '../../model.js';
import type { DockerContext } from './context.js';
import type { TaskContainers } from './task-containers.js';

/**
 * Health as Docker's checks find it. A container with a healthCheck is UNKNOWN until its first
 * check, then HEALTHY or UNHEALTHY; the task is UNHEALTHY when an essential container is,
 * HEALTHY when every essential container with a check is, UNKNOWN otherwise, as ECS rolls it up.
 */
export function applyHealth(ctx: DockerContext, entry: TaskContainers, task: TaskRecord): void {
  if (!entry.reported) return;
  const checked = [...entry.containers.values()].filter((state) => state.definition.healthCheck !== undefined);
  if (checked.length === 0) return;
  for (const state of checked) {
    const record = task.containers.find((c) => c.name === state.name);
    if (record) record.healthStatus = state.health;
  }
  const essential = checked.filter((state) => state.definition.essential ?? true).map((state) => state.health);
  task.healthStatus = essential.includes('UNHEALTHY') ? 'UNHEALTHY' : essential.length > 0 && essential.every((h) => h === 'HEALTHY') ? 'HEALTHY' : 'UNKNOWN';
  // A change with nothing else in it: the task's version moves and its listeners hear of it.
  containerChanged(ctx.sb, task, checked[0]!.name, {});
  ctx.sb.touch();
}
