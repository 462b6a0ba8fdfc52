import type Docker from 'dockerode';
import { containerChanged, taskReported } from '../../ecs/task-lifecycle.js';
import type { ContainerDefinition, TaskRecord } from '../../model.js';
import { stopTimeoutOf } from './container-config.js';
import { alreadyDone, containersOfTask, removeContainer, type DockerContext } from './context.js';
import type { TaskContainers } from './task-containers.js';
import { removeTaskVolumes } from './task-volumes.js';

/**
 * A task's way down on Docker, as the agent goes: each container gets SIGTERM and, after its
 * stopTimeout (30 s by default), SIGKILL, a container only once those that depend on it have
 * stopped; their exit codes go to the task; then the containers and the task's own volumes are
 * removed, and only then is the task STOPPED, so that a STOPPED task leaves nothing behind.
 */

/**
 * The stopTimeout in real seconds: simulated time runs `speed` times faster than real time, and
 * so does the wait for a container that ignores SIGTERM (30 s at speed 10: 3 s). Docker counts
 * whole seconds, rounded up here: a wait that scales below a second still gets one, so that a
 * container can finish what it does on SIGTERM. A manual clock (speed 0) does not run by
 * itself: the wait is as written.
 */
export function realStopTimeout(stopTimeoutSeconds: number, speed: number): number {
  return speed > 0 ? Math.ceil(stopTimeoutSeconds / speed) : stopTimeoutSeconds;
}

/** The containers that depend on `name` (dependsOn, links, volumesFrom): they stop first. */
function dependentsOf(definitions: ContainerDefinition[], name: string): string[] {
  return definitions
    .filter(
      (d) =>
        d.dependsOn?.some((x) => x.containerName === name) ||
        d.links?.some((l) => l.split(':')[0] === name) ||
        d.volumesFrom?.some((v) => v.sourceContainer === name),
    )
    .map((d) => d.name);
}

async function stopContainer(ctx: DockerContext, info: Docker.ContainerInfo | undefined, timeout: number): Promise<void> {
  if (!info || info.State !== 'running') return;
  try {
    await ctx.docker.getContainer(info.Id).stop({ t: timeout });
  } catch (error) {
    if (!alreadyDone(error)) throw error;
  }
}

/** Stops every container of the task, dependents before what they depend on. */
async function stopInOrder(ctx: DockerContext, definitions: ContainerDefinition[], found: Map<string, Docker.ContainerInfo>): Promise<void> {
  const stops = new Map<string, Promise<void>>();
  const stop = (definition: ContainerDefinition, path: Set<string>): Promise<void> => {
    let done = stops.get(definition.name);
    if (!done) {
      const inner = new Set(path).add(definition.name);
      const dependents = dependentsOf(definitions, definition.name)
        .filter((name) => !inner.has(name))
        .map((name) => stop(definitions.find((d) => d.name === name)!, inner));
      const timeout = realStopTimeout(stopTimeoutOf(definition), ctx.sb.clock.speed);
      done = Promise.all(dependents).then(() => stopContainer(ctx, found.get(definition.name), timeout));
      stops.set(definition.name, done);
    }
    return done;
  };
  const known = new Set(definitions.map((d) => d.name));
  await Promise.all([
    ...definitions.map((d) => stop(d, new Set())),
    ...[...found].filter(([name]) => !known.has(name)).map(([, info]) => stopContainer(ctx, info, 0)),
  ]);
}

/** The exit codes Docker recorded, onto the containers that were still running. */
async function recordExitCodes(ctx: DockerContext, task: TaskRecord, found: Map<string, Docker.ContainerInfo>): Promise<void> {
  for (const [name, info] of found) {
    const record = task.containers.find((c) => c.name === name);
    if (!record || record.lastStatus === 'STOPPED') continue;
    const state = await ctx.docker.getContainer(info.Id).inspect().catch(() => undefined);
    const ran = state && state.State.StartedAt && !state.State.StartedAt.startsWith('0001-');
    containerChanged(ctx.sb, task, name, { status: 'STOPPED', exitCode: ran ? state.State.ExitCode : undefined });
  }
}

async function stopTaskContainers(ctx: DockerContext, entry: TaskContainers): Promise<void> {
  entry.abort.abort();
  await entry.started;
  const task = ctx.sb.tables.tasks.get(entry.taskArn);
  const def = task && ctx.sb.tables.taskDefinitions.get(task.taskDefinitionArn);
  const found = await containersOfTask(ctx, entry.taskArn);
  await stopInOrder(ctx, def?.containerDefinitions ?? [], found);
  if (task && !ctx.closing) await recordExitCodes(ctx, task, found);
  await Promise.all([...found.values()].map((info) => removeContainer(ctx, info.Id)));
  await removeTaskVolumes(ctx, entry.taskArn);
  for (const state of entry.containers.values()) {
    state.release();
    if (state.id) ctx.byId.delete(state.id);
  }
  for (const info of found.values()) ctx.byId.delete(info.Id);
  if (task) ctx.metadata.forget(task);
  ctx.tasks.delete(entry.taskArn);
  ctx.logs.prune((arn) => !ctx.sb.tables.tasks.has(arn) && !ctx.tasks.has(arn));
  if (!task || ctx.closing) return;
  taskReported(ctx.sb, task, 'STOPPED');
  ctx.sb.touch();
}

/** Stops and removes a task's containers, then reports it STOPPED; stopping twice waits for the first. */
export function stopContainers(ctx: DockerContext, entry: TaskContainers): Promise<void> {
  entry.stopping ??= stopTaskContainers(ctx, entry).catch((error: unknown) => {
    ctx.host.warn(`ecsh: stopping the containers of task ${entry.taskArn} failed: ${(error as Error).message}`);
    ctx.tasks.delete(entry.taskArn);
    const task = ctx.sb.tables.tasks.get(entry.taskArn);
    if (task && !ctx.closing) taskReported(ctx.sb, task, 'STOPPED');
  });
  return entry.stopping;
}
