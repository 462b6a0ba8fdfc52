import type Docker from 'dockerode';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { ContainerRecord, TaskRecord } from '../../model.js';
import { bindLoopback, FALLBACK_HOST, httpUrl, taskFamilyAndRevision } from '../../network/index.js';
import type { Sandbox } from '../../sandbox.js';

/**
 * The task metadata endpoint, version 4, as the agent serves it to containers through
 * ECS_CONTAINER_METADATA_URI_V4: `${uri}` (the container), `${uri}/task` (the task and all its
 * containers), `${uri}/stats` and `${uri}/task/stats` (Docker's stats). On an instance the
 * agent listens on 127.0.0.1:51679 and 169.254.170.2 is routed there; here it listens on the
 * instance's loopback twin, port 51679, which a user and host-mode containers reach (bridge-mode
 * containers have a loopback of their own). Each container's URI ends with an id of its own
 * (the agent makes one per container; here its container ARN's last part).
 */
const METADATA_PORT = 51679;

/** Which task and container an endpoint id stands for, and its Docker id once created. */
interface MetadataTarget {
  taskArn: string;
  containerName: string;
  dockerId?: string;
}

function iso(ms: number | undefined): string | undefined {
  return ms === undefined ? undefined : new Date(ms).toISOString();
}

/** Docker's zero time means "never". */
function dockerTime(value: string | undefined): string | undefined {
  return value && !value.startsWith('0001-') ? value : undefined;
}

/** The agent's own view of a task's status: its containers are up from ACTIVATING until they stop. */
function knownStatus(task: TaskRecord): string {
  if (task.lastStatus === 'PROVISIONING' || task.lastStatus === 'PENDING') return 'PENDING';
  return ['ACTIVATING', 'RUNNING', 'DEACTIVATING', 'STOPPING'].includes(task.lastStatus) ? 'RUNNING' : 'STOPPED';
}

/** The id in a container's metadata URI. */
function metadataId(container: ContainerRecord): string {
  return container.containerArn.slice(container.containerArn.lastIndexOf('/') + 1);
}

export class MetadataEndpoints {
  private readonly servers = new Map<string, Promise<{ server: Server; url: string }>>();
  private readonly targets = new Map<string, MetadataTarget>();

  constructor(
    private readonly sb: Sandbox,
    private readonly docker: Docker,
  ) {}

  /** Serves `container`'s endpoint on `address` (binding it on first use); resolves to its URI. */
  async register(address: string | undefined, task: TaskRecord, container: ContainerRecord): Promise<string> {
    const id = metadataId(container);
    this.targets.set(id, { taskArn: task.taskArn, containerName: container.name });
    const { url } = await this.serverOn(address ?? FALLBACK_HOST);
    return `${url}/v4/${id}`;
  }

  /** The Docker id behind an endpoint, once the container is created. */
  created(container: ContainerRecord, dockerId: string): void {
    const target = this.targets.get(metadataId(container));
    if (target) target.dockerId = dockerId;
  }

  forget(task: TaskRecord): void {
    for (const container of task.containers) this.targets.delete(metadataId(container));
  }

  async close(): Promise<void> {
    const servers = await Promise.all([...this.servers.values()].map((p) => p.catch(() => undefined)));
    this.servers.clear();
    await Promise.all(
      servers.map((entry) => entry && new Promise<void>((resolve) => {
        entry.server.closeAllConnections();
        entry.server.close(() => resolve());
      })),
    );
  }

  private serverOn(address: string): Promise<{ server: Server; url: string }> {
    let entry = this.servers.get(address);
    if (!entry) {
      const server = createServer((req, res) => void this.handle(req, res));
      entry = bindLoopback(this.sb, server, address, METADATA_PORT).then((bound) => ({ server, url: httpUrl(bound.host, bound.port) }));
      this.servers.set(address, entry);
    }
    return entry;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const send = (status: number, body: unknown) => {
      const text = JSON.stringify(body);
      res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) }).end(text);
    };
    const match = /^\/v4\/([^/]+)(\/task)?(\/stats)?\/?$/.exec(new URL(req.url ?? '/', 'http://metadata').pathname);
    const target = match ? this.targets.get(match[1]!) : undefined;
    const task = target ? this.sb.tables.tasks.get(target.taskArn) : undefined;
    if (!match || !target || !task) return send(404, { message: 'no task metadata here: the path is /v4/<id>[/task][/stats] from ECS_CONTAINER_METADATA_URI_V4' });
    try {
      const [, , wholeTask, stats] = match;
      if (wholeTask && stats) return send(200, await this.taskStats(task));
      if (wholeTask) return send(200, await this.taskResponse(task));
      if (stats) return send(200, target.dockerId ? await this.stats(target.dockerId) : {});
      const container = task.containers.find((c) => c.name === target.containerName)!;
      return send(200, await this.containerResponse(task, container));
    } catch (error) {
      return send(500, { message: (error as Error).message });
    }
  }

  private dockerIdOf(container: ContainerRecord): string | undefined {
    return this.targets.get(metadataId(container))?.dockerId ?? container.runtimeId;
  }

  private async stats(dockerId: string): Promise<unknown> {
    return this.docker.getContainer(dockerId).stats({ stream: false });
  }

  private async taskStats(task: TaskRecord): Promise<Record<string, unknown>> {
    const out: Record<string, unknown> = {};
    for (const container of task.containers) {
      const id = this.dockerIdOf(container);
      if (id) out[id] = await this.stats(id).catch(() => null);
    }
    return out;
  }

  private async containerResponse(task: TaskRecord, container: ContainerRecord) {
    const id = this.dockerIdOf(container);
    const info = id ? await this.docker.getContainer(id).inspect().catch(() => undefined) : undefined;
    const networks = Object.entries(info?.NetworkSettings.Networks ?? {}).map(([mode, network]) => ({
      NetworkMode: mode,
      IPv4Addresses: network.IPAddress ? [network.IPAddress] : [],
    }));
    const health = info?.State.Health?.Status;
    return {
      DockerId: id ?? '',
      Name: container.name,
      DockerName: info?.Name.replace(/^\//, '') ?? '',
      Image: container.image,
      ImageID: info?.Image ?? '',
      Ports: container.networkBindings.length > 0
        ? container.networkBindings.map((b) => ({ ContainerPort: b.containerPort, Protocol: b.protocol, HostPort: b.hostPort, HostIp: b.bindIP }))
        : undefined,
      Labels: info?.Config.Labels ?? {},
      DesiredStatus: task.desiredStatus,
      KnownStatus: container.lastStatus,
      ExitCode: container.exitCode,
      Limits: { CPU: Number(container.cpu ?? 0), Memory: Number(container.memory ?? 0) },
      CreatedAt: dockerTime(info?.Created),
      StartedAt: dockerTime(info?.State.StartedAt),
      FinishedAt: dockerTime(info?.State.FinishedAt),
      Type: 'NORMAL',
      LogDriver: info?.HostConfig.LogConfig?.Type,
      Health: health && health !== 'none' ? { status: health.toUpperCase() } : undefined,
      ContainerARN: container.containerArn,
      Networks: networks,
    };
  }

  private async taskResponse(task: TaskRecord) {
    const def = this.sb.tables.taskDefinitions.get(task.taskDefinitionArn);
    const { family, revision } = taskFamilyAndRevision(task);
    const instance = task.containerInstanceArn ? this.sb.tables.containerInstances.get(task.containerInstanceArn) : undefined;
    const ec2 = instance?.ec2InstanceId ? this.sb.tables.ec2Instances.get(instance.ec2InstanceId) : undefined;
    const service = task._serviceArn ? this.sb.tables.services.get(task._serviceArn) : undefined;
    const cpu = def?.cpu ? Number(def.cpu) / 1024 : undefined;
    const memory = def?.memory ? Number(def.memory) : undefined;
    return {
      Cluster: this.sb.tables.clusters.get(task.clusterArn)?.clusterName ?? task.clusterArn,
      TaskARN: task.taskArn,
      Family: family,
      Revision: revision,
      ServiceName: service?.serviceName,
      DesiredStatus: task.desiredStatus,
      KnownStatus: knownStatus(task),
      Limits: cpu !== undefined || memory !== undefined ? { CPU: cpu, Memory: memory } : undefined,
      PullStartedAt: iso(task.pullStartedAt),
      PullStoppedAt: iso(task.pullStoppedAt),
      ExecutionStoppedAt: iso(task.executionStoppedAt),
      AvailabilityZone: task.availabilityZone,
      LaunchType: task.launchType,
      VPCID: ec2?.vpcId,
      Containers: await Promise.all(task.containers.map((c) => this.containerResponse(task, c))),
    };
  }
}
