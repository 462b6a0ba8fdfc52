import type { ContainerDefinition, TaskDefinitionRecord, TaskRecord } from '../../model.js';
import { taskTwin } from '../../network/index.js';
import { LogBook } from '../log-book.js';
import type { ContainerRuntime, RuntimeHost } from '../runtime.js';
import { imageFor } from './builtin-images.js';
import { ContainerSlot, type TaskPlace } from './container-context.js';
import { deferred, type Deferred } from '../deferred.js';

/**
 * The default runtime: each container is an in-process stand-in for its image (virtual/*.ts),
 * listening on its task's host ports. Containers start in dependsOn order; a container that
 * ends by itself is reported to the host, which tells the tasks code.
 */
interface RunningTask {
  place: TaskPlace;
  slots: Map<string, ContainerSlot>;
  /** The images' handles, until each is stopped (once). */
  handles: Map<string, { stop(): Promise<void> }>;
  stopped: boolean;
  started: Promise<void>;
}

type VolumeSpec = { name?: string; host?: { sourcePath?: string } };

/** Resolves when a dependency's condition holds (true), or can no longer hold (false). */
class ContainerSignals {
  private readonly started = new Map<string, Deferred<void>>();
  private readonly exited = new Map<string, Deferred<number | undefined>>();

  private of<T>(map: Map<string, Deferred<T>>, name: string): Deferred<T> {
    let entry = map.get(name);
    if (!entry) {
      entry = deferred<T>();
      map.set(name, entry);
    }
    return entry;
  }

  markStarted(name: string): void {
    this.of(this.started, name).resolve();
  }

  markExited(name: string, code: number | undefined): void {
    this.of(this.started, name).resolve();
    this.of(this.exited, name).resolve(code);
  }

  async satisfied(name: string, condition: string): Promise<boolean> {
    if (condition === 'COMPLETE') return this.of(this.exited, name).promise.then(() => true);
    if (condition === 'SUCCESS') return this.of(this.exited, name).promise.then((code) => code === 0);
    // START, and HEALTHY (the virtual images have no health check of their own).
    return this.of(this.started, name).promise.then(() => true);
  }
}

export function createVirtualRuntime(host: RuntimeHost): ContainerRuntime {
  const sb = host.sandbox;
  const running = new Map<string, RunningTask>();
  const logs = new LogBook();
  /** Host volumes with a source path are directories of the instance, shared by its tasks. */
  const hostDirectories = new Map<string, Map<string, string>>();

  const stopHandle = async (rt: RunningTask, name: string) => {
    const handle = rt.handles.get(name);
    rt.handles.delete(name);
    await handle?.stop().catch((error: unknown) => host.warn(`ecsh: stopping container ${name} failed: ${(error as Error).message}`));
  };

  const placeOf = (task: TaskRecord, def: TaskDefinitionRecord): TaskPlace => {
    const instance = task.containerInstanceArn ? sb.tables.containerInstances.get(task.containerInstanceArn) : undefined;
    const address = taskTwin(sb, task);
    const volumes = new Map<string, Map<string, string>>();
    const volume = (name: string) => {
      const spec = (def.volumes as VolumeSpec[]).find((v) => v.name === name);
      const sourcePath = spec?.host?.sourcePath;
      const key = sourcePath && instance ? `${instance.containerInstanceArn} ${sourcePath}` : undefined;
      const store = key ? hostDirectories : volumes;
      const id = key ?? name;
      let files = store.get(id);
      if (!files) {
        files = new Map();
        store.set(id, files);
      }
      return files;
    };
    return { sandbox: sb, task, instance, address, volume };
  };

  const startContainer = async (rt: RunningTask, definition: ContainerDefinition, signals: ContainerSignals) => {
    const { task } = rt.place;
    const record = task.containers.find((c) => c.name === definition.name);
    if (!record) return;
    const slot = new ContainerSlot(
      rt.place,
      record,
      definition,
      (code, reason) => {
        signals.markExited(definition.name, code);
        void stopHandle(rt, definition.name);
        if (!rt.stopped) host.containerExited(task, definition.name, code, reason);
      },
      (line) => logs.append(task.taskArn, definition.name, line),
    );
    rt.slots.set(definition.name, slot);
    const image = imageFor(definition.image);
    try {
      const handle = await image.start(slot.context);
      rt.handles.set(definition.name, handle);
      if (rt.stopped) await stopHandle(rt, definition.name);
    } catch (error) {
      slot.context.log(`ecsh: ${image.name} could not start: ${(error as Error).message}`);
      slot.context.exit(1, `CannotStartContainerError: ${(error as Error).message}`);
    }
    signals.markStarted(definition.name);
  };

  const startContainers = async (rt: RunningTask, def: TaskDefinitionRecord) => {
    const signals = new ContainerSignals();
    await Promise.all(
      def.containerDefinitions.map(async (definition) => {
        for (const dependency of definition.dependsOn ?? []) {
          if (await signals.satisfied(dependency.containerName, dependency.condition)) continue;
          signals.markExited(definition.name, undefined);
          if (!rt.stopped) host.containerExited(rt.place.task, definition.name, undefined, `DependencyNotSatisfied: ${dependency.containerName} did not ${dependency.condition.toLowerCase()}`);
          return;
        }
        if (!rt.stopped) await startContainer(rt, definition, signals);
      }),
    );
  };

  /** Forgets the logs of tasks the sandbox no longer knows. */
  const pruneLogs = () => logs.prune((arn) => !sb.tables.tasks.has(arn) && !running.has(arn));

  const stopTask = async (task: TaskRecord) => {
    const rt = running.get(task.taskArn);
    if (!rt) return;
    running.delete(task.taskArn);
    rt.stopped = true;
    await Promise.all(
      [...rt.slots].map(async ([name, slot]) => {
        slot.done = true;
        await stopHandle(rt, name);
        await slot.release();
      }),
    );
    pruneLogs();
  };

  return {
    kind: 'virtual',
    startTask(task) {
      const existing = running.get(task.taskArn);
      if (existing) return existing.started;
      const def = sb.tables.taskDefinitions.get(task.taskDefinitionArn);
      if (!def) return Promise.resolve();
      const rt: RunningTask = { place: placeOf(task, def), slots: new Map(), handles: new Map(), stopped: false, started: Promise.resolve() };
      running.set(task.taskArn, rt);
      rt.started = startContainers(rt, def);
      return rt.started;
    },
    stopTask,
    logs: (taskArn, containerName) => logs.lines(taskArn, containerName),
    followLogs: (taskArn, containerName, onLine) => logs.follow(taskArn, containerName, onLine),
    async close() {
      await Promise.all([...running.values()].map((rt) => stopTask(rt.place.task)));
    },
  };
}
