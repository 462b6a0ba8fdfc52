import type Docker from 'dockerode';
import type { TaskRecord } from '../../model.js';
import { LogBook } from '../log-book.js';
import type { ContainerRuntime, RuntimeHost } from '../runtime.js';
import { removeContainer, type DockerContext } from './context.js';
import { watchContainerEvents, type ContainerEvent } from './events.js';
import { LABEL, ownedBy } from './labels.js';
import { MetadataEndpoints } from './metadata-endpoint.js';
import { applyHealth } from './task-health.js';
import { holdStart, holdStop } from './task-hold.js';
import { TaskContainers } from './task-containers.js';
import { startContainers } from './task-start.js';
import { stopContainers } from './task-stop.js';
import { removeTaskVolumes } from './task-volumes.js';

/**
 * Tasks as real containers on a Docker engine, the way the ECS agent runs them on an instance
 * (task-start.ts, task-stop.ts). The task's state follows its containers: its simulated steps
 * are held from launch (task-hold.ts) and it becomes RUNNING when its containers run, STOPPED
 * when they are gone. Docker's event stream tells at once of a container that exits or is
 * killed from outside, and of health changes. Stopping the sandbox removes its containers,
 * unless they are to be kept for the next start, which finds them again by their labels.
 */
export interface DockerRuntimeOptions {
  docker: Docker;
  /** The sandbox label's value: the same across restarts of one sandbox (its state file). */
  owner: string;
  /** Leave the containers running when the sandbox stops (`--keep-containers`). */
  keepContainers?: boolean;
}

/** The agent starts pulling as soon as it has the task. */
const STARTS_AT: ReadonlySet<string> = new Set(['PROVISIONING', 'PENDING', 'ACTIVATING', 'RUNNING']);
const GONE = new Set(['STOPPED', 'DELETED']);
const OOM_REASON = 'OutOfMemoryError: Container killed due to memory usage';

function onEvent(ctx: DockerContext, event: ContainerEvent): void {
  const ref = ctx.byId.get(event.id);
  const entry = ref && ctx.tasks.get(ref.taskArn);
  const state = entry?.containers.get(ref!.name);
  if (!entry || !state || ctx.closing) return;
  if (event.action === 'die') {
    if (state.ended) return;
    const code = Number(event.attributes.exitCode);
    state.markEnded(Number.isInteger(code) ? code : undefined);
    state.release();
    if (entry.stopping) return;
    void ctx.docker
      .getContainer(event.id)
      .inspect()
      .then((info) => (info.State.OOMKilled ? OOM_REASON : undefined))
      .catch(() => undefined)
      .then((reason) => {
        const task = ctx.sb.tables.tasks.get(entry.taskArn);
        if (task && !ctx.closing) ctx.host.containerExited(task, state.name, Number.isInteger(code) ? code : undefined, reason);
      });
  } else if (event.action.startsWith('health_status')) {
    state.markHealth(event.action.endsWith(': healthy') ? 'HEALTHY' : event.action.endsWith(': unhealthy') ? 'UNHEALTHY' : 'UNKNOWN');
    const task = ctx.sb.tables.tasks.get(entry.taskArn);
    if (task && task.lastStatus !== 'STOPPED') applyHealth(ctx, entry, task);
  }
}

/** Removes what an earlier run left: containers and volumes of tasks that are stopped or forgotten. */
async function sweepLeftovers(ctx: DockerContext): Promise<void> {
  const live = (arn: string | undefined) => {
    const task = arn ? ctx.sb.tables.tasks.get(arn) : undefined;
    return task !== undefined && task.lastStatus !== 'STOPPED';
  };
  const containers = await ctx.docker.listContainers({ all: true, filters: ownedBy(ctx.owner) });
  await Promise.all(containers.filter((c) => !live(c.Labels[LABEL.taskArn])).map((c) => removeContainer(ctx, c.Id)));
  const { Volumes } = await ctx.docker.listVolumes({ filters: ownedBy(ctx.owner) });
  const gone = new Set((Volumes ?? []).map((v) => v.Labels?.[LABEL.taskArn]).filter((arn): arn is string => arn !== undefined && !live(arn)));
  await Promise.all([...gone].map((arn) => removeTaskVolumes(ctx, arn)));
}

export function createDockerRuntime(host: RuntimeHost, options: DockerRuntimeOptions): ContainerRuntime {
  const sb = host.sandbox;
  const told = new Set<string>();
  const ctx: DockerContext = {
    sb,
    host,
    docker: options.docker,
    owner: options.owner,
    events: watchContainerEvents(options.docker, options.owner, (event) => onEvent(ctx, event), host.warn),
    metadata: new MetadataEndpoints(sb, options.docker),
    tasks: new Map(),
    byId: new Map(),
    publishHosts: new Map(),
    logs: new LogBook(),
    closing: false,
    noteOnce(key, message) {
      if (told.has(key)) return;
      told.add(key);
      host.warn(message);
    },
  };
  void ctx.events.ready.then(() => sweepLeftovers(ctx)).catch((error: unknown) => host.warn(`ecsh: could not tidy the containers of an earlier run: ${(error as Error).message}`));
  let closed: Promise<void> | undefined;

  const close = async () => {
    ctx.closing = true;
    const entries = [...ctx.tasks.values()];
    for (const entry of entries) entry.abort.abort();
    await Promise.all(entries.map((entry) => entry.started));
    ctx.events.close();
    for (const entry of entries) for (const state of entry.containers.values()) state.release();
    await ctx.metadata.close();
    if (options.keepContainers) return;
    const left = await ctx.docker.listContainers({ all: true, filters: ownedBy(ctx.owner) });
    await Promise.all(left.map((info) => removeContainer(ctx, info.Id)));
    await removeTaskVolumes(ctx);
  };

  return {
    kind: 'docker',
    startsAt: STARTS_AT,
    startTask(task: TaskRecord) {
      const existing = ctx.tasks.get(task.taskArn);
      if (existing) return existing.started;
      if (ctx.closing || task.desiredStatus !== 'RUNNING') return Promise.resolve();
      if (task.lastStatus === 'PROVISIONING' || task.lastStatus === 'PENDING') holdStart(task);
      const entry = new TaskContainers(task.taskArn);
      ctx.tasks.set(task.taskArn, entry);
      entry.started = startContainers(ctx, entry);
      return entry.started;
    },
    stopTask(task: TaskRecord) {
      if (ctx.closing) return Promise.resolve();
      let entry = ctx.tasks.get(task.taskArn);
      if (!entry && GONE.has(task.lastStatus)) return Promise.resolve();
      holdStop(task);
      if (!entry) {
        // A task stopping after a restart: its containers are found by their labels.
        entry = new TaskContainers(task.taskArn);
        ctx.tasks.set(task.taskArn, entry);
      }
      return stopContainers(ctx, entry);
    },
    logs: (taskArn, containerName) => ctx.logs.lines(taskArn, containerName),
    followLogs: (taskArn, containerName, onLine) => ctx.logs.follow(taskArn, containerName, onLine),
    close() {
      closed ??= close();
      return closed;
    },
  };
}
