import type Docker from 'dockerode';
import { Server } from 'node:net';
import { containerChanged, stopTask, taskReported } from '../../ecs/task-lifecycle.js';
import type { ContainerDefinition, NetworkBinding, TaskDefinitionRecord, TaskRecord } from '../../model.js';
import { bindLoopback, dockerContainerName, FALLBACK_HOST, httpUrl, publishEndpoint, taskTwin } from '../../network/index.js';
import { containerCreateOptions, networkModeOf } from './container-config.js';
import { followLogs } from './container-logs.js';
import { containersOfTask, removeContainer, type DockerContext } from './context.js';
import { daemonMessage, ensureImage, PullError } from './images.js';
import { containerLabels } from './labels.js';
import { adoptDockerPorts, dockerBindings } from './port-bindings.js';
import { applyHealth } from './task-health.js';
import { ContainerState, StartAborted, type TaskContainers } from './task-containers.js';
import { taskVolumeSources } from './task-volumes.js';

/**
 * A task's way up on Docker, as the agent goes: pull the images (pullStartedAt, pullStoppedAt),
 * create and start each container once what it depends on holds (dependsOn, links,
 * volumesFrom), publish its ports on the instance's loopback twin, then report the task RUNNING
 * with Docker's ports. A container that cannot be created or started stops the task with
 * Docker's error, as ECS words it. After a restart, a task's containers are found again by their
 * labels instead of being started twice.
 */
const UP_STATUSES = new Set(['ACTIVATING', 'RUNNING']);

/** Where a task's ports are published: its instance's twin, or 127.0.0.1 where the twin cannot be bound (tried once). */
function publishHostFor(ctx: DockerContext, task: TaskRecord): Promise<string> {
  const twin = taskTwin(ctx.sb, task) ?? FALLBACK_HOST;
  let host = ctx.publishHosts.get(twin);
  if (!host) {
    const probe = new Server();
    host = bindLoopback(ctx.sb, probe, twin, 0).then((bound) => {
      probe.close();
      return bound.host;
    });
    ctx.publishHosts.set(twin, host);
  }
  return host;
}

function currentTask(ctx: DockerContext, entry: TaskContainers): TaskRecord | undefined {
  const task = ctx.sb.tables.tasks.get(entry.taskArn);
  return task && task.desiredStatus === 'RUNNING' && !ctx.closing ? task : undefined;
}

/** The task cannot start: it stops with `reason` (ECS's stoppedReason), as do the containers named. */
function failStart(ctx: DockerContext, task: TaskRecord, reason: string, containers: string[]): void {
  stopTask(ctx.sb, task, reason, 'TaskFailedToStart');
  for (const name of containers) containerChanged(ctx.sb, task, name, { status: 'STOPPED', reason });
  ctx.sb.touch();
}

/** A container that did not come up: the task stops when it was essential. */
function containerFailed(ctx: DockerContext, entry: TaskContainers, state: ContainerState, reason: string): void {
  state.markEnded(undefined);
  const task = currentTask(ctx, entry);
  if (!task) return;
  if (state.definition.essential ?? true) failStart(ctx, task, reason, [state.name]);
  else {
    containerChanged(ctx.sb, task, state.name, { status: 'STOPPED', reason });
    ctx.sb.touch();
  }
}

/** A running container: its ports published, its output followed, its state told. */
async function containerUp(ctx: DockerContext, entry: TaskContainers, state: ContainerState, bound: Map<string, NetworkBinding[]>): Promise<void> {
  const info = await ctx.docker.getContainer(state.id!).inspect();
  const task = currentTask(ctx, entry);
  if (!task || state.ended || !info.State.Running) return;
  const bindings = dockerBindings(info);
  bound.set(state.name, bindings);
  for (const binding of bindings) {
    if (binding.protocol !== 'tcp') continue;
    const name = `${state.name}:${binding.containerPort} (task ${task.id})`;
    state.unpublish.push(publishEndpoint(ctx.sb, { kind: 'task-port', name, arn: task.taskArn, url: httpUrl(binding.bindIP, binding.hostPort) }));
  }
  const print = (line: string) => ctx.logs.append(task.taskArn, state.name, line);
  state.stopLogs = await followLogs(ctx.docker, state.id!, print).catch(() => undefined);
  const health = info.State.Health?.Status;
  if (health === 'healthy' || health === 'unhealthy') state.markHealth(health === 'healthy' ? 'HEALTHY' : 'UNHEALTHY');
  state.markStarted();
  if (state.ended) return state.release();
  containerChanged(ctx.sb, task, state.name, { status: 'RUNNING', runtimeId: state.id });
  ctx.sb.touch();
}

/** Finds out how a container that is no longer running ended, and reports it. */
async function containerGone(ctx: DockerContext, entry: TaskContainers, state: ContainerState): Promise<void> {
  const info = await ctx.docker.getContainer(state.id!).inspect().catch(() => undefined);
  state.markEnded(info?.State.ExitCode);
  const task = currentTask(ctx, entry);
  if (task) ctx.host.containerExited(task, state.name, info?.State.ExitCode, info?.State.OOMKilled ? 'OutOfMemoryError: Container killed due to memory usage' : undefined);
}

async function dependenciesHold(entry: TaskContainers, definition: ContainerDefinition): Promise<string | undefined> {
  const waits = [
    ...(definition.dependsOn ?? []).map((d) => ({ name: d.containerName, condition: d.condition })),
    ...(definition.links ?? []).map((l) => ({ name: l.split(':')[0]!, condition: 'START' })),
    ...(definition.volumesFrom ?? []).map((v) => ({ name: v.sourceContainer ?? '', condition: 'START' })),
  ];
  for (const { name, condition } of waits) {
    const dependency = entry.containers.get(name);
    if (dependency && !(await entry.unlessStopped(dependency.satisfies(condition)))) {
      return `DependencyNotSatisfied: container ${name} did not meet its ${condition} condition`;
    }
  }
  return undefined;
}

interface StartPlan {
  task: TaskRecord;
  def: TaskDefinitionRecord;
  found: Map<string, Docker.ContainerInfo>;
  volumeSources: Map<string, string>;
  publishHost: string;
  bound: Map<string, NetworkBinding[]>;
}

async function startContainer(ctx: DockerContext, entry: TaskContainers, state: ContainerState, plan: StartPlan): Promise<void> {
  const unmet = await dependenciesHold(entry, state.definition);
  if (unmet) return containerFailed(ctx, entry, state, unmet);
  const record = plan.task.containers.find((c) => c.name === state.name);
  if (!record || !currentTask(ctx, entry)) return;
  const existing = plan.found.get(state.name);
  if (existing?.State === 'running') {
    state.id = existing.Id;
    ctx.byId.set(existing.Id, { taskArn: entry.taskArn, name: state.name });
    await ctx.metadata.register(taskTwin(ctx.sb, plan.task), plan.task, record);
    ctx.metadata.created(record, existing.Id);
    return containerUp(ctx, entry, state, plan.bound);
  }
  if (existing) await removeContainer(ctx, existing.Id);
  const driver = (state.definition.logConfiguration as { logDriver?: string } | undefined)?.logDriver;
  if (driver) {
    // awslogs and the like need AWS or a log service; the container logs to Docker instead, which `.logs` reads.
    ctx.noteOnce(`log-driver ${driver}`, `ecsh: the ${driver} log configuration is kept but not used on Docker: containers log to Docker's json-file, which .logs TASK shows`);
  }
  const options = containerCreateOptions({
    task: plan.task,
    def: plan.def,
    definition: state.definition,
    record,
    dockerName: state.dockerName,
    labels: containerLabels(ctx.sb, ctx.owner, plan.task, record),
    dockerNames: new Map([...entry.containers].map(([name, s]) => [name, s.dockerName])),
    volumeSources: plan.volumeSources,
    publishHost: plan.publishHost,
    metadataUri: await ctx.metadata.register(taskTwin(ctx.sb, plan.task), plan.task, record),
  });
  // Not given up half-way, unlike the waits: a container created unseen would outlive its task.
  let container: Docker.Container;
  try {
    container = await ctx.docker.createContainer(options);
  } catch (error) {
    return containerFailed(ctx, entry, state, `CannotCreateContainerError: ${daemonMessage(error)}`);
  }
  state.id = container.id;
  ctx.byId.set(container.id, { taskArn: entry.taskArn, name: state.name });
  ctx.metadata.created(record, container.id);
  if (!currentTask(ctx, entry) || entry.abort.signal.aborted) return;
  try {
    await container.start();
  } catch (error) {
    return containerFailed(ctx, entry, state, `CannotStartContainerError: ${daemonMessage(error)}`);
  }
  await containerUp(ctx, entry, state, plan.bound);
}

/** After a restart: the containers of a task that was running, found by their labels. */
async function adoptRunning(ctx: DockerContext, entry: TaskContainers, plan: StartPlan): Promise<void> {
  const vanished: string[] = [];
  for (const record of plan.task.containers) {
    const state = entry.containers.get(record.name);
    if (!state || record.lastStatus === 'STOPPED') continue;
    const found = plan.found.get(record.name);
    if (!found) {
      vanished.push(record.name);
      state.markEnded(undefined);
      continue;
    }
    state.id = found.Id;
    ctx.byId.set(found.Id, { taskArn: entry.taskArn, name: record.name });
    await ctx.metadata.register(taskTwin(ctx.sb, plan.task), plan.task, record);
    ctx.metadata.created(record, found.Id);
    if (found.State === 'running') await containerUp(ctx, entry, state, plan.bound);
    else await containerGone(ctx, entry, state);
  }
  entry.reported = true;
  const task = currentTask(ctx, entry);
  if (!task) return;
  applyHealth(ctx, entry, task);
  if (vanished.length === 0) return;
  const reason = `Docker container of ${vanished.join(', ')} not found after the sandbox restarted`;
  const essential = vanished.some((name) => entry.containers.get(name)?.definition.essential ?? true);
  if (essential) stopTask(ctx.sb, task, reason, 'EssentialContainerExited');
  for (const name of vanished) containerChanged(ctx.sb, task, name, { status: 'STOPPED', reason });
  ctx.sb.touch();
}

async function pullImages(ctx: DockerContext, entry: TaskContainers, task: TaskRecord, def: TaskDefinitionRecord): Promise<boolean> {
  task.pullStartedAt = ctx.sb.now();
  task.version += 1;
  for (const image of new Set(def.containerDefinitions.map((c) => c.image))) {
    try {
      await entry.unlessStopped(ensureImage(ctx.docker, image));
    } catch (error) {
      if (!(error instanceof PullError)) throw error;
      const current = currentTask(ctx, entry);
      if (current) failStart(ctx, current, error.message, def.containerDefinitions.filter((c) => c.image === image).map((c) => c.name));
      return false;
    }
  }
  task.pullStoppedAt = ctx.sb.now();
  task.version += 1;
  ctx.sb.touch();
  return true;
}

async function startTaskContainers(ctx: DockerContext, entry: TaskContainers): Promise<void> {
  const task = currentTask(ctx, entry);
  const def = task && ctx.sb.tables.taskDefinitions.get(task.taskDefinitionArn);
  if (!task || !def) return;
  for (const definition of def.containerDefinitions) {
    const record = task.containers.find((c) => c.name === definition.name);
    if (record) entry.containers.set(definition.name, new ContainerState(definition, dockerContainerName(task, record)));
  }
  if (networkModeOf(def) === 'awsvpc') {
    return failStart(ctx, task, 'CannotStartContainerError: ecsh runs awsvpc tasks on the virtual runtime only; use the bridge or host network mode on Docker', task.containers.map((c) => c.name));
  }
  await entry.unlessStopped(ctx.events.ready);
  const plan: StartPlan = { task, def, found: await containersOfTask(ctx, task.taskArn), volumeSources: new Map(), publishHost: FALLBACK_HOST, bound: new Map() };
  if (UP_STATUSES.has(task.lastStatus)) return adoptRunning(ctx, entry, plan);
  if (!(await pullImages(ctx, entry, task, def))) return;
  plan.volumeSources = await taskVolumeSources(ctx, task, def);
  plan.publishHost = await publishHostFor(ctx, task);
  // Every container's start settles before the task's does, so that a stop that follows sees all it created.
  const starts = await Promise.allSettled([...entry.containers.values()].map((state) => startContainer(ctx, entry, state, plan)));
  for (const start of starts) if (start.status === 'rejected') throw start.reason;
  const current = currentTask(ctx, entry);
  if (!current || entry.abort.signal.aborted || current.lastStatus === 'STOPPED') return;
  adoptDockerPorts(ctx.sb, current, def, plan.bound, ctx.host.warn);
  taskReported(ctx.sb, current, 'RUNNING');
  entry.reported = true;
  applyHealth(ctx, entry, current);
  ctx.sb.touch();
}

/** Starts (or finds again) a task's containers; settles once it is RUNNING, failed, or being stopped. */
export function startContainers(ctx: DockerContext, entry: TaskContainers): Promise<void> {
  return startTaskContainers(ctx, entry).catch((error: unknown) => {
    if (error instanceof StartAborted) return;
    const task = currentTask(ctx, entry);
    if (task) failStart(ctx, task, `CannotStartContainerError: ${(error as Error).message}`, []);
  });
}
