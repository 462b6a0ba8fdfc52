import type { TaskRecord } from '../model.js';
import type { Sandbox } from '../sandbox.js';

/**
 * What runs a task's containers. The virtual runtime serves them in-process; a Docker runtime
 * runs them as real containers. The install (install.ts) decides when: it starts a task's
 * containers as the task comes up and stops them as it goes down, and tells the tasks code
 * when a container ends by itself.
 */
export interface ContainerRuntime {
  readonly kind: 'virtual' | 'docker';
  /** The task statuses at which its containers start (ACTIVATING and RUNNING unless it says). */
  readonly startsAt?: ReadonlySet<string>;
  /** Starts the task's containers; resolves once their ports listen. Starting twice does nothing. */
  startTask(task: TaskRecord): Promise<void>;
  /** Stops the task's containers and frees their ports. Stopping twice does nothing. */
  stopTask(task: TaskRecord): Promise<void>;
  /** What a container printed, oldest first (empty for one it never ran). */
  logs(taskArn: string, containerName: string): string[];
  /** Calls `onLine` with each line the container prints from now on, until the returned function is called. */
  followLogs(taskArn: string, containerName: string, onLine: (line: string) => void): () => void;
  /** Stops everything: the sandbox is closing. */
  close(): Promise<void>;
}

/** What a runtime reports back to the sandbox. */
export interface RuntimeHost {
  sandbox: Sandbox;
  /** A container ended by itself (its command finished, or it crashed); no exit code when it never ran. */
  containerExited(task: TaskRecord, containerName: string, exitCode: number | undefined, reason?: string): void;
  /** Something went wrong that the person running the sandbox should hear about. */
  warn(message: string): void;
}

export type RuntimeKind = 'virtual' | 'docker' | 'none';
