import type Docker from 'dockerode';
import type { Sandbox } from '../../sandbox.js';
import type { LogBook } from '../log-book.js';
import type { RuntimeHost } from '../runtime.js';
import type { EventWatch } from './events.js';
import { LABEL, ownedBy } from './labels.js';
import type { MetadataEndpoints } from './metadata-endpoint.js';
import type { TaskContainers } from './task-containers.js';

/** What the Docker runtime's parts share: the engine, the sandbox, and the tasks it runs. */
export interface DockerContext {
  sb: Sandbox;
  host: RuntimeHost;
  docker: Docker;
  /** The sandbox label's value on every container and volume it makes. */
  owner: string;
  events: EventWatch;
  metadata: MetadataEndpoints;
  /** The tasks it starts or stops, by ARN. */
  tasks: Map<string, TaskContainers>;
  /** Docker id -> its task and container name, for Docker's events. */
  byId: Map<string, { taskArn: string; name: string }>;
  /** The address ports are published on, by instance twin: the twin, or the fallback where it cannot be bound. */
  publishHosts: Map<string, Promise<string>>;
  /** What each container printed, by task ARN and container name. */
  logs: LogBook;
  /** Set while the sandbox closes: nothing is reported to it any more. */
  closing: boolean;
  /** Says `message` once per key. */
  noteOnce(key: string, message: string): void;
}

/** A task's containers on the engine (running or not), by container name. */
export async function containersOfTask(ctx: DockerContext, taskArn: string): Promise<Map<string, Docker.ContainerInfo>> {
  const list = await ctx.docker.listContainers({ all: true, filters: ownedBy(ctx.owner, taskArn) });
  return new Map(list.map((info) => [info.Labels[LABEL.containerName] ?? info.Id, info]));
}

/** Whether Docker's error says the thing is already gone, or already in the state asked for. */
export function alreadyDone(error: unknown): boolean {
  const status = (error as { statusCode?: number }).statusCode;
  return status === 304 || status === 404 || status === 409;
}

/** Removes a container, running or not, with its anonymous volumes; one already gone is fine. */
export async function removeContainer(ctx: DockerContext, id: string): Promise<void> {
  try {
    await ctx.docker.getContainer(id).remove({ force: true, v: true });
  } catch (error) {
    if (!alreadyDone(error)) throw error;
  }
}
