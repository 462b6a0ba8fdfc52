import type { RequestListener } from 'node:http';
import type { ContainerDefinition, ContainerInstanceRecord, ContainerRecord, TaskRecord } from '../../model.js';
import type { Sandbox } from '../../sandbox.js';

/** What a virtual container sees of its task, its instance and the host, and what it can do. */
export interface VirtualContainerContext {
  sandbox: Sandbox;
  task: TaskRecord;
  container: ContainerRecord;
  definition: ContainerDefinition;
  /** The container instance it runs on (absent for a task without one). */
  instance?: ContainerInstanceRecord;
  /** Where its host ports listen (the instance's loopback twin). */
  address: string;
  /** The definition's environment with the task's overrides applied. */
  environment: Record<string, string>;
  /** Its port mappings with the host ports ECS bound; `url` once the port listens. */
  ports: Array<{ containerPort: number; hostPort: number; protocol: 'tcp' | 'udp'; url?: string }>;
  /** Binds the host port mapped to `containerPort` and serves HTTP on it; resolves to its URL. */
  listen(containerPort: number, handler: RequestListener): Promise<string>;
  /** What the container prints (kept for its logs). */
  log(line: string): void;
  /** The container ends by itself, with an exit code, as its process would. */
  exit(code: number, reason?: string): void;
  /** A task volume shared between its containers: file path (inside the volume) -> contents. */
  volume(name: string): Map<string, string>;
}

/** An image the virtual runtime can run in-process. */
export interface VirtualImage {
  /** For messages. */
  name: string;
  /** By the repository's last path component, any tag or registry. */
  matches(image: string): boolean;
  start(context: VirtualContainerContext): Promise<{ stop(): Promise<void> }>;
}
