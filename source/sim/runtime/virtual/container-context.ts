import { createServer, type RequestListener, type Server } from 'node:http';
import type { ContainerDefinition, ContainerInstanceRecord, ContainerRecord, TaskRecord } from '../../model.js';
import type { Sandbox } from '../../sandbox.js';
import { bindLoopback, FALLBACK_HOST, httpUrl, isAwsvpcTask, publishEndpoint, serveInProcess } from '../../network/index.js';
import type { VirtualContainerContext } from './virtual-image.js';

export interface TaskPlace {
  sandbox: Sandbox;
  task: TaskRecord;
  instance?: ContainerInstanceRecord;
  /** The address its host ports are bound on; absent when the instance has none (ephemeral ports on 127.0.0.1). */
  address?: string;
  /** Its volumes, shared by its containers. */
  volume(name: string): Map<string, string>;
}

type Override = { name?: string; environment?: Array<{ name?: string; value?: string }> };

function environmentOf(task: TaskRecord, definition: ContainerDefinition): Record<string, string> {
  const env: Record<string, string> = {};
  for (const { name, value } of definition.environment ?? []) if (name) env[name] = value ?? '';
  const override = ((task.overrides.containerOverrides as Override[] | undefined) ?? []).find((o) => o.name === definition.name);
  for (const { name, value } of override?.environment ?? []) if (name) env[name] = value ?? '';
  return env;
}

/** Its ports as ECS bound them; an awsvpc task's container ports are its own address's ports. */
function portsOf(task: TaskRecord, container: ContainerRecord, definition: ContainerDefinition): VirtualContainerContext['ports'] {
  if (isAwsvpcTask(task)) {
    return (definition.portMappings ?? [])
      .filter((m) => m.containerPort !== undefined)
      .map((m) => ({ containerPort: m.containerPort!, hostPort: m.containerPort!, protocol: m.protocol === 'udp' ? 'udp' : 'tcp' }));
  }
  return container.networkBindings.map((b) => ({ containerPort: b.containerPort, hostPort: b.hostPort, protocol: b.protocol }));
}

async function closeServer(server: Server): Promise<void> {
  if (!server.listening) return;
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

/** A container of a running task: the context its image sees, and what stops it (its servers, its endpoints). */
export class ContainerSlot {
  readonly servers = new Set<Server>();
  readonly unpublish: Array<() => void> = [];
  /** Set once it ended or was stopped: nothing it does afterwards counts. */
  done = false;
  readonly context: VirtualContainerContext;

  constructor(
    private readonly place: TaskPlace,
    container: ContainerRecord,
    definition: ContainerDefinition,
    exited: (code: number, reason?: string) => void,
    /** Keeps a line it printed, for its logs. */
    print: (line: string) => void,
  ) {
    const { sandbox, task } = place;
    this.context = {
      sandbox,
      task,
      container,
      definition,
      instance: place.instance,
      address: place.address ?? FALLBACK_HOST,
      environment: environmentOf(task, definition),
      ports: portsOf(task, container, definition),
      listen: (containerPort, handler) => this.listen(containerPort, handler),
      log: print,
      exit: (code, reason) => {
        if (this.done) return;
        this.done = true;
        void this.release().then(() => exited(code, reason));
      },
      volume: place.volume,
    };
  }

  /** Binds the host port of `containerPort` (an ephemeral one where the instance has no address) and publishes it. */
  private async listen(containerPort: number, handler: RequestListener): Promise<string> {
    const { sandbox, task } = this.place;
    const { container } = this.context;
    const port = this.context.ports.find((p) => p.containerPort === containerPort && p.protocol === 'tcp');
    if (!port) throw new Error(`container port ${containerPort}/tcp of ${container.name} is not published`);
    const server = createServer(handler);
    const bound = this.place.address
      ? await bindLoopback(sandbox, server, this.place.address, port.hostPort)
      : await bindLoopback(sandbox, server, FALLBACK_HOST, 0);
    const url = httpUrl(bound.host, bound.port);
    if (this.done) {
      await closeServer(server);
      return url;
    }
    this.servers.add(server);
    port.url = url;
    const name = `${container.name}:${containerPort} (task ${task.id})`;
    this.unpublish.push(publishEndpoint(sandbox, { kind: 'task-port', name, arn: task.taskArn, url }));
    this.unpublish.push(serveInProcess(sandbox, bound.host, bound.port, server));
    return url;
  }

  /** Closes its listeners, as the end of its process would. */
  async release(): Promise<void> {
    for (const unpublish of this.unpublish.splice(0)) unpublish();
    await Promise.all([...this.servers].map(closeServer));
    this.servers.clear();
  }
}
