import type { ContainerInstance, Service, Task } from '@aws-sdk/client-ecs';
import { commandClass, type Backend } from '../../api/index.js';
import { batches, DESCRIBE_LIMITS } from './batches.js';
import { RequestGate } from './request-gate.js';
import { ServerClock } from './server-clock.js';

/** What the panes need of a Backend: its ECS client, and the sandbox's address for its clock. */
export type PaneBackend = Pick<Backend, 'kind' | 'ecs' | 'endpoints'>;

/** Pages of a list call are at most this long (the API's maximum). */
const PAGE_SIZE = 100;

/**
 * The ECS calls the panes make, through the backend's SDK client: list calls follow every
 * page, describe calls are cut to the API's limits, and all go through one RequestGate per
 * backend so that no two requests of a kind are ever in flight together.
 */
export class PaneApi {
  private readonly gate = new RequestGate();
  /** The time the backend's timestamps are in. */
  readonly clock: ServerClock;

  constructor(readonly backend: PaneBackend) {
    this.clock = new ServerClock(backend.kind === 'sandbox' ? backend.endpoints : undefined);
  }

  syncClock(): Promise<void> {
    return this.gate.run('clock', '', () => this.clock.sync());
  }

  /** Any ECS operation, by its API name (`UpdateService`), for the pane's actions. */
  send<T>(operation: string, input: Record<string, unknown>): Promise<T> {
    const Command = commandClass('@aws-sdk/client-ecs', operation);
    if (!Command) throw new Error(`the ECS client has no ${operation} operation`);
    return this.backend.ecs.send(new Command(input) as never) as Promise<T>;
  }

  listTaskArns(cluster: string, desiredStatus: 'RUNNING' | 'STOPPED', serviceName?: string): Promise<string[]> {
    return this.list('ListTasks', 'taskArns', { cluster, desiredStatus, serviceName });
  }

  listContainerInstanceArns(cluster: string): Promise<string[]> {
    return this.list('ListContainerInstances', 'containerInstanceArns', { cluster });
  }

  listServiceArns(cluster: string): Promise<string[]> {
    return this.list('ListServices', 'serviceArns', { cluster });
  }

  describeTasks(cluster: string, arns: readonly string[]): Promise<Task[]> {
    return this.describe('DescribeTasks', 'tasks', 'tasks', DESCRIBE_LIMITS.tasks, cluster, arns);
  }

  describeContainerInstances(cluster: string, arns: readonly string[]): Promise<ContainerInstance[]> {
    return this.describe('DescribeContainerInstances', 'containerInstances', 'containerInstances', DESCRIBE_LIMITS.containerInstances, cluster, arns);
  }

  describeServices(cluster: string, arns: readonly string[]): Promise<Service[]> {
    return this.describe('DescribeServices', 'services', 'services', DESCRIBE_LIMITS.services, cluster, arns);
  }

  private async list(operation: string, resultKey: string, input: Record<string, unknown>): Promise<string[]> {
    const arns: string[] = [];
    let nextToken: string | undefined;
    do {
      const pageInput = { ...input, maxResults: PAGE_SIZE, nextToken };
      const page = await this.gate.run(operation, JSON.stringify(pageInput), () =>
        this.send<Record<string, unknown>>(operation, pageInput),
      );
      arns.push(...((page[resultKey] as string[] | undefined) ?? []));
      nextToken = page.nextToken as string | undefined;
    } while (nextToken);
    return arns;
  }

  /** One call per batch, one batch after the other: the batches are requests of one kind. */
  private async describe<T>(operation: string, inputKey: string, resultKey: string, limit: number, cluster: string, arns: readonly string[]): Promise<T[]> {
    const found: T[] = [];
    for (const batch of batches(arns, limit)) {
      const input = { cluster, [inputKey]: batch };
      const out = await this.gate.run(operation, JSON.stringify(input), () => this.send<Record<string, unknown>>(operation, input));
      found.push(...((out[resultKey] as T[] | undefined) ?? []));
    }
    return found;
  }
}

const apis = new WeakMap<PaneBackend, PaneApi>();

/** The one PaneApi of a backend, shared by all its panes (and so their RequestGate). */
export function paneApiFor(backend: PaneBackend): PaneApi {
  let api = apis.get(backend);
  if (!api) {
    api = new PaneApi(backend);
    apis.set(backend, api);
  }
  return api;
}
