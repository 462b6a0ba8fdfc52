import type { ContainerDefinition } from '../../model.js';
import { deferred } from '../deferred.js';

export type Health = 'HEALTHY' | 'UNHEALTHY' | 'UNKNOWN';

/**
 * What the Docker runtime knows of one task's containers while it runs them: their Docker ids,
 * health, endpoints and log streams, and the conditions other containers wait for
 * (dependsOn START, COMPLETE, SUCCESS, HEALTHY; a link waits for START).
 */
export class ContainerState {
  id?: string;
  health: Health = 'UNKNOWN';
  /** Set once it exited, or can no longer start. */
  ended = false;
  /** Set once it ran, however briefly. */
  ran = false;
  readonly unpublish: Array<() => void> = [];
  stopLogs?: () => void;
  private readonly startedSignal = deferred<void>();
  private readonly exitedSignal = deferred<number | undefined>();
  private readonly healthySignal = deferred<boolean>();

  constructor(
    readonly definition: ContainerDefinition,
    readonly dockerName: string,
  ) {}

  get name(): string {
    return this.definition.name;
  }

  markStarted(): void {
    this.ran = true;
    this.startedSignal.resolve();
  }

  markHealth(health: Health): void {
    this.health = health;
    if (health !== 'UNKNOWN') this.healthySignal.resolve(health === 'HEALTHY');
  }

  /** It exited (with its code), or it never ran (no code). */
  markEnded(code: number | undefined): void {
    this.ended = true;
    if (code !== undefined) this.ran = true;
    this.startedSignal.resolve();
    this.exitedSignal.resolve(code);
    this.healthySignal.resolve(false);
  }

  /** Resolves to whether `condition` holds for it, once that is known. */
  satisfies(condition: string): Promise<boolean> {
    switch (condition) {
      case 'COMPLETE':
        return this.exitedSignal.promise.then((code) => code !== undefined);
      case 'SUCCESS':
        return this.exitedSignal.promise.then((code) => code === 0);
      case 'HEALTHY':
        return this.healthySignal.promise;
      default:
        return this.startedSignal.promise.then(() => this.ran);
    }
  }

  /** Closes what it holds open on the host: its endpoints and its log stream. */
  release(): void {
    for (const unpublish of this.unpublish.splice(0)) unpublish();
    this.stopLogs?.();
    this.stopLogs = undefined;
  }
}

export class TaskContainers {
  readonly containers = new Map<string, ContainerState>();
  readonly abort = new AbortController();
  started: Promise<void> = Promise.resolve();
  stopping?: Promise<void>;
  /** Whether RUNNING was reported: container health goes to the task from then on. */
  reported = false;

  constructor(readonly taskArn: string) {}

  /** Resolves with `work`, or rejects as soon as the task is being stopped. */
  unlessStopped<T>(work: Promise<T>): Promise<T> {
    const signal = this.abort.signal;
    if (signal.aborted) return Promise.reject(new StartAborted());
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => reject(new StartAborted());
      signal.addEventListener('abort', onAbort, { once: true });
      work.then(
        (value) => {
          signal.removeEventListener('abort', onAbort);
          resolve(value);
        },
        (error: unknown) => {
          signal.removeEventListener('abort', onAbort);
          reject(error);
        },
      );
    });
  }
}

/** The task began stopping while it was starting: the start gives up where it is. */
export class StartAborted extends Error {
  constructor() {
    super('the task is stopping');
  }
}
