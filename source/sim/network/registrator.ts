import type { ContainerDefinition, ContainerRecord, TaskRecord } from '../model.js';
import type { Sandbox } from '../sandbox.js';
import { runtimeOf } from '../runtime/index.js';
import { urlAddress } from './addresses.js';
import { dockerContainerName } from './agent-names.js';
import { consulQuery, consulWrite } from './consul/client.js';
import { agentAt } from './consul/datacenter.js';
import { listEndpoints } from './endpoints.js';
import { parseServiceId, servicesFor, type ContainerView, type NamingConfig, type RegistratorService } from './registrator-rules.js';
import { sandboxSleep, sandboxTimer } from './sandbox-timers.js';

/**
 * Registrator on one container instance: it watches that instance's tasks (the sandbox's
 * 'task' events stand in for Docker's start and die events), registers every published port
 * of each running container into Consul with Registrator's naming rules (registrator-rules.ts),
 * and deregisters them when the container stops. The address is the instance's loopback twin
 * (where the ports really listen, as `-ip` gives the private IP on AWS), the port the real
 * host port. `-resync` re-registers everything on the sandbox clock; `-cleanup` also removes
 * services this host registered for containers that are gone.
 *
 * Each service is deregistered where it was registered. Until the instance's own Consul agent
 * answers, the Consul it reaches may be the cluster's server (the sandbox's stand-in for an
 * agent that is not there yet, as ECS starts an instance's tasks in no set order); once the
 * instance's agent is there, Registrator moves what it registered elsewhere to it, so that
 * every service ends up on the node of the instance it runs on.
 */
export interface RegistratorSettings extends Omit<NamingConfig, 'hostIp'> {
  /** `-ip`, already mapped to where the instance is reached. */
  hostIp?: string;
  deregister: 'always' | 'on-success';
  resyncMs: number;
  cleanup: boolean;
  /** How many times to ping Consul before giving up (-1: forever). */
  retryAttempts: number;
  retryIntervalMs: number;
}

export interface RegistratorOptions {
  sandbox: Sandbox;
  containerInstanceArn: string;
  /** Where the instance's ports listen (its loopback twin). */
  instanceAddress: string;
  settings: RegistratorSettings;
  /** The Consul agent's URL now, if one can be reached. */
  consulUrl(): string | undefined;
  log(line: string): void;
  /** Registrator gives up (Consul never answered): its process exits with this code. */
  exit(code: number): void;
}

const RUNNING = new Set(['ACTIVATING', 'RUNNING']);
const STOPPED = new Set(['STOPPING', 'DEPROVISIONING', 'STOPPED', 'DELETED']);

function environmentOf(task: TaskRecord, definition: ContainerDefinition): Record<string, string> {
  const env: Record<string, string> = {};
  for (const { name, value } of definition.environment ?? []) if (name) env[name] = value ?? '';
  const overrides = (task.overrides.containerOverrides as Array<{ name?: string; environment?: Array<{ name?: string; value?: string }> }> | undefined) ?? [];
  for (const { name, value } of overrides.find((o) => o.name === definition.name)?.environment ?? []) if (name) env[name] = value ?? '';
  return env;
}

export class Registrator {
  /** Registered services by container (task ARN + container name). */
  private readonly services = new Map<string, RegistratorService[]>();
  /** The URL of the agent each service (by ID) was registered with. */
  private readonly registeredAt = new Map<string, string>();
  private stopResync = () => {};
  private stopped = false;
  private readonly aborter = new AbortController();
  /** Events and syncs run one after another, as Registrator's bridge holds a lock for each. */
  private queue: Promise<void> = Promise.resolve();
  private readonly onTask = (task: TaskRecord) => this.enqueue(() => this.follow(task));

  constructor(private readonly options: RegistratorOptions) {}

  /** Pings Consul until it answers (or gives up), then syncs and follows the instance's tasks. */
  async start(): Promise<void> {
    if (!(await this.ping())) return;
    this.options.sandbox.events.on('task', this.onTask);
    this.enqueue(() => this.sync());
    if (this.options.settings.resyncMs > 0) {
      const tick = () => {
        this.stopResync = sandboxTimer(this.options.sandbox, this.options.settings.resyncMs, tick);
        this.enqueue(() => this.sync());
      };
      this.stopResync = sandboxTimer(this.options.sandbox, this.options.settings.resyncMs, tick);
    }
  }

  /** Stops watching. Like Registrator, it leaves what it registered in place. */
  stop(): void {
    this.stopped = true;
    this.aborter.abort();
    this.options.sandbox.events.off('task', this.onTask);
    this.stopResync();
  }

  private enqueue(step: () => Promise<void>): void {
    this.queue = this.queue.then(step).catch((error: unknown) => this.options.log(`registrator: ${(error as Error).message}`));
  }

  /** GET /v1/status/leader, retried every -retry-interval of the sandbox clock. */
  private async ping(): Promise<boolean> {
    const { retryAttempts, retryIntervalMs } = this.options.settings;
    for (let attempt = 0; !this.stopped; attempt++) {
      const url = this.options.consulUrl();
      try {
        if (!url) throw new Error('no Consul agent reachable');
        const { value: leader } = await consulQuery<string>(`${url}/v1/status/leader`, this.aborter.signal);
        this.options.log(`consul: current leader  ${leader}`);
        return true;
      } catch (error) {
        if (this.stopped) return false;
        if (retryAttempts !== -1 && attempt >= retryAttempts) {
          this.options.log(`${(error as Error).message}`);
          this.options.exit(1);
          return false;
        }
        await sandboxSleep(this.options.sandbox, retryIntervalMs, this.aborter.signal);
      }
    }
    return false;
  }

  private onThisInstance(task: TaskRecord): boolean {
    return task.containerInstanceArn === this.options.containerInstanceArn;
  }

  /** A task changed: containers that started get registered, containers that died deregistered. */
  private async follow(task: TaskRecord): Promise<void> {
    if (this.stopped || !this.onThisInstance(task)) return;
    const taskGone = STOPPED.has(task.lastStatus);
    for (const container of task.containers) {
      const key = `${task.taskArn}|${container.name}`;
      if (taskGone || container.lastStatus === 'STOPPED') {
        if (this.services.has(key) && this.shouldDeregister(container)) await this.remove(key);
        else this.forget(key);
      }
    }
    if (task.desiredStatus === 'RUNNING' && RUNNING.has(task.lastStatus)) await this.addTask(task);
    await this.moveToOwnAgent();
  }

  /** -deregister on-success keeps a container that failed (exit code neither 0 nor a signal's). */
  private shouldDeregister(container: ContainerRecord): boolean {
    if (this.options.settings.deregister === 'always') return true;
    const code = container.exitCode;
    return code === undefined || code === 0 || (code & 128) === 128;
  }

  private async addTask(task: TaskRecord): Promise<void> {
    // Docker's start event comes once the container runs: wait for the runtime to have started it.
    await runtimeOf(this.options.sandbox)?.startTask(task);
    const current = this.options.sandbox.tables.tasks.get(task.taskArn);
    if (this.stopped || !current || current.desiredStatus !== 'RUNNING' || !RUNNING.has(current.lastStatus)) return;
    for (const container of current.containers) {
      const key = `${current.taskArn}|${container.name}`;
      if (this.services.has(key) || container.lastStatus === 'STOPPED') continue;
      await this.add(key, current, container);
    }
  }

  /** What Registrator would see inspecting the container: its name, image, env, labels and published ports. */
  private view(task: TaskRecord, container: ContainerRecord): ContainerView | undefined {
    const def = this.options.sandbox.tables.taskDefinitions.get(task.taskDefinitionArn);
    const definition = def?.containerDefinitions.find((c) => c.name === container.name);
    if (!definition) return undefined;
    const published = listEndpoints(this.options.sandbox).filter((e) => e.kind === 'task-port' && e.arn === task.taskArn);
    return {
      name: dockerContainerName(task, container),
      image: definition.image,
      environment: environmentOf(task, definition),
      labels: (definition.dockerLabels as Record<string, string> | undefined) ?? {},
      ports: container.networkBindings.map((binding) => {
        const listening = published.find((e) => e.name.startsWith(`${container.name}:${binding.containerPort} `) && binding.protocol === 'tcp');
        const address = listening ? urlAddress(listening.url) : undefined;
        return {
          exposedPort: binding.containerPort,
          hostPort: address?.port ?? binding.hostPort,
          hostIp: address?.host ?? this.options.instanceAddress,
          protocol: binding.protocol,
        };
      }),
    };
  }

  private async add(key: string, task: TaskRecord, container: ContainerRecord): Promise<void> {
    const view = this.view(task, container);
    if (!view || view.ports.length === 0) return;
    const services = servicesFor(view, this.options.settings);
    const registered: RegistratorService[] = [];
    for (const service of services) {
      try {
        await this.register(service);
        registered.push(service);
        this.options.log(`added: ${container.runtimeId?.slice(0, 12) ?? view.name} ${service.ID}`);
      } catch (error) {
        this.options.log(`register failed: ${service.ID} ${(error as Error).message}`);
      }
    }
    if (registered.length > 0) this.services.set(key, registered);
  }

  private async register(service: RegistratorService, url = this.options.consulUrl()): Promise<void> {
    if (!url) throw new Error('no Consul agent reachable');
    await consulWrite('PUT', `${url}/v1/agent/service/register`, service);
    this.registeredAt.set(service.ID, url);
  }

  private async deregister(id: string, url: string | undefined): Promise<void> {
    if (!url) throw new Error('no Consul agent reachable');
    await consulWrite('PUT', `${url}/v1/agent/service/deregister/${encodeURIComponent(id)}`);
  }

  private async remove(key: string): Promise<void> {
    const services = this.services.get(key) ?? [];
    this.services.delete(key);
    for (const service of services) {
      const url = this.registeredAt.get(service.ID) ?? this.options.consulUrl();
      this.registeredAt.delete(service.ID);
      try {
        await this.deregister(service.ID, url);
        this.options.log(`removed: ${service.ID}`);
      } catch (error) {
        this.options.log(`deregister failed: ${service.ID} ${(error as Error).message}`);
      }
    }
  }

  /** Stops tracking a container's services, leaving them registered (-deregister on-success). */
  private forget(key: string): void {
    for (const service of this.services.get(key) ?? []) this.registeredAt.delete(service.ID);
    this.services.delete(key);
  }

  /** Whether `url` is the Consul agent of this Registrator's own instance. */
  private isOwnAgent(url: string): boolean {
    return agentAt(this.options.sandbox, url)?.containerInstanceArn === this.options.containerInstanceArn;
  }

  /** Once this instance's agent answers, moves what was registered with another agent to it. */
  private async moveToOwnAgent(): Promise<void> {
    const url = this.options.consulUrl();
    if (this.stopped || !url || !this.isOwnAgent(url)) return;
    for (const service of [...this.services.values()].flat()) {
      const previous = this.registeredAt.get(service.ID);
      if (previous === url) continue;
      try {
        await this.register(service, url);
      } catch (error) {
        this.options.log(`register failed: ${service.ID} ${(error as Error).message}`);
        continue;
      }
      this.options.log(`ecsh: moved ${service.ID} to this instance's Consul agent (${url})`);
      if (previous) await this.deregister(service.ID, previous).catch(() => undefined);
    }
  }

  /** Registers every running container again (and, with -cleanup, removes what is dangling). */
  private async sync(): Promise<void> {
    await this.moveToOwnAgent();
    const tasks = [...this.options.sandbox.tables.tasks.values()].filter((t) => this.onThisInstance(t) && t.desiredStatus === 'RUNNING' && RUNNING.has(t.lastStatus));
    for (const task of tasks) {
      for (const container of task.containers) {
        const services = this.services.get(`${task.taskArn}|${container.name}`);
        for (const service of services ?? []) await this.register(service).catch((error: Error) => this.options.log(`sync register failed: ${service.ID} ${error.message}`));
      }
      await this.addTask(task);
    }
    if (this.options.settings.cleanup) await this.cleanup();
  }

  private async cleanup(): Promise<void> {
    const url = this.options.consulUrl();
    if (!url) return;
    const ours = new Set([...this.services.values()].flat().map((s) => s.ID));
    const { value: existing } = await consulQuery<Record<string, { ID: string }>>(`${url}/v1/agent/services`).catch(() => ({ value: {} as Record<string, { ID: string }> }));
    for (const service of Object.values(existing)) {
      const parsed = parseServiceId(service.ID);
      if (!parsed || parsed.hostname !== this.options.settings.hostname || ours.has(service.ID)) continue;
      this.options.log(`dangling: ${service.ID}`);
      await consulWrite('PUT', `${url}/v1/agent/service/deregister/${encodeURIComponent(service.ID)}`).catch(() => undefined);
    }
  }
}
