import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { lastSegment } from '../arn.js';
import type { ContainerInstanceRecord, ContainerRecord, TaskRecord } from '../model.js';
import type { Sandbox } from '../sandbox.js';
import { bindLoopback, ec2InstanceTwin, httpUrl, isAwsvpcTask, taskEniAddress } from './addresses.js';
import { dockerContainerName, taskFamilyAndRevision } from './agent-names.js';
import { publishEndpoint } from './endpoints.js';

/**
 * The container agent's introspection API, on port 51678 of each registered instance's
 * loopback twin, answering as the agent's v1 handlers do: /v1/metadata, /v1/tasks (all, or
 * one by ?taskarn= or ?dockerid=), /license, and the list of those paths for anything else.
 */
export const AGENT_INTROSPECTION_PORT = 51678;

const PATHS = ['/v1/metadata', '/v1/tasks', '/license'];
/** Docker's short container ids: a dockerid this long or shorter is matched as a prefix. */
const DOCKER_SHORT_ID_LENGTH = 12;
const LICENSE =
  'Amazon Elastic Container Service Container Agent\n' +
  'Copyright Amazon.com, Inc. or its affiliates. All Rights Reserved.\n\n' +
  'Licensed under the Apache License, Version 2.0 (the "License"). You may not use this file except in\n' +
  'compliance with the License. A copy of the License is located at http://aws.amazon.com/apache2.0/\n';

const STARTING = new Set(['PROVISIONING', 'PENDING']);
const CONTAINERS_UP = new Set(['ACTIVATING', 'RUNNING', 'DEACTIVATING', 'STOPPING']);

/** What the agent itself knows of a task: its containers are up from ACTIVATING until they stop. */
function knownStatus(task: TaskRecord): string {
  if (STARTING.has(task.lastStatus)) return 'PENDING';
  return CONTAINERS_UP.has(task.lastStatus) ? 'RUNNING' : 'STOPPED';
}

function tasksOn(sb: Sandbox, instance: ContainerInstanceRecord): TaskRecord[] {
  return [...sb.tables.tasks.values()].filter((task) => task.containerInstanceArn === instance.containerInstanceArn);
}

/** The known bindings, or before there are any, the mappings ECS sent (a dynamic host port as 0). */
function portsOf(sb: Sandbox, task: TaskRecord, container: ContainerRecord) {
  const awsvpc = isAwsvpcTask(task);
  const definition = sb.tables.taskDefinitions.get(task.taskDefinitionArn)?.containerDefinitions.find((c) => c.name === container.name);
  const bindings =
    container.networkBindings.length > 0
      ? container.networkBindings
      : (definition?.portMappings ?? []).map((m) => ({ containerPort: m.containerPort ?? 0, hostPort: m.hostPort ?? 0, protocol: m.protocol ?? 'tcp' }));
  return bindings.map((b) => {
    const hostPort = awsvpc ? b.containerPort : b.hostPort;
    return { ContainerPort: b.containerPort || undefined, Protocol: b.protocol, HostPort: hostPort || undefined };
  });
}

function containerResponse(sb: Sandbox, task: TaskRecord, container: ContainerRecord) {
  const ports = portsOf(sb, task, container);
  const address = isAwsvpcTask(task) ? taskEniAddress(task) : undefined;
  return {
    DockerId: container.runtimeId ?? '',
    DockerName: dockerContainerName(task, container),
    Name: container.name,
    ...(ports.length > 0 ? { Ports: ports } : {}),
    ...(address ? { Networks: [{ NetworkMode: 'awsvpc', IPv4Addresses: [address] }] } : {}),
  };
}

function taskResponse(sb: Sandbox, task: TaskRecord) {
  const known = knownStatus(task);
  const { family, revision } = taskFamilyAndRevision(task);
  // The agent leaves out a desired status that would contradict what it knows.
  const desired = known === 'STOPPED' && task.desiredStatus !== 'STOPPED' ? undefined : task.desiredStatus;
  return {
    Arn: task.taskArn,
    ...(desired ? { DesiredStatus: desired } : {}),
    KnownStatus: known,
    Family: family,
    Version: revision,
    Containers: task.containers.map((c) => containerResponse(sb, task, c)),
  };
}

const NOT_FOUND_TASK = { Arn: '', KnownStatus: '', Family: '', Version: '', Containers: null };

/** The v1 handlers' answers; Go sniffs a JSON body written without a type as text/plain. */
function answer(sb: Sandbox, instance: ContainerInstanceRecord, url: URL): { status: number; type: string; body: string } {
  const sniffed = 'text/plain; charset=utf-8';
  switch (url.pathname) {
    case '/v1/metadata': {
      const cluster = sb.tables.clusters.get(instance.clusterArn)?.clusterName ?? lastSegment(instance.clusterArn);
      const { agentVersion, agentHash } = instance.versionInfo;
      const body = { Cluster: cluster, ContainerInstanceArn: instance.containerInstanceArn, Version: `Amazon ECS Agent - v${agentVersion} (${agentHash})` };
      return { status: 200, type: 'application/json', body: JSON.stringify(body) };
    }
    case '/v1/tasks': {
      const dockerId = url.searchParams.get('dockerid') ?? '';
      const taskArn = url.searchParams.get('taskarn') ?? '';
      const tasks = tasksOn(sb, instance);
      if (dockerId && taskArn) return { status: 400, type: sniffed, body: '' };
      if (!dockerId && !taskArn) return { status: 200, type: sniffed, body: JSON.stringify({ Tasks: tasks.map((t) => taskResponse(sb, t)) }) };
      let found: TaskRecord[];
      if (taskArn) found = tasks.filter((t) => t.taskArn === taskArn);
      else if (dockerId.length > DOCKER_SHORT_ID_LENGTH) found = tasks.filter((t) => t.containers.some((c) => c.runtimeId === dockerId));
      else found = tasks.filter((t) => t.containers.some((c) => c.runtimeId?.startsWith(dockerId)));
      if (found.length > 1) return { status: 400, type: sniffed, body: '' };
      if (found.length === 0) return { status: 404, type: sniffed, body: JSON.stringify(NOT_FOUND_TASK) };
      return { status: 200, type: sniffed, body: JSON.stringify(taskResponse(sb, found[0]!)) };
    }
    case '/license':
      return { status: 200, type: sniffed, body: LICENSE };
    default:
      return { status: 200, type: sniffed, body: JSON.stringify({ AvailableCommands: PATHS }) };
  }
}

function handler(sb: Sandbox, instanceArn: string) {
  return (req: IncomingMessage, res: ServerResponse) => {
    const instance = sb.tables.containerInstances.get(instanceArn);
    if (!instance) {
      res.writeHead(503).end();
      return;
    }
    const { status, type, body } = answer(sb, instance, new URL(req.url ?? '/', 'http://agent'));
    res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
    res.end(req.method === 'HEAD' ? undefined : body);
  };
}

interface AgentListener {
  server: Server;
  closed: boolean;
  unpublish?: () => void;
}

/** An agent runs on an instance that is registered with its agent connected and has an address. */
function agentRuns(sb: Sandbox, instance: ContainerInstanceRecord): boolean {
  return (instance.status === 'ACTIVE' || instance.status === 'DRAINING') && instance.agentConnected && ec2InstanceTwin(sb, instance.ec2InstanceId) !== undefined;
}

/** Serves each running agent's API while it runs. */
export function installAgentApi(sb: Sandbox, onError: (error: unknown) => void): void {
  const listeners = new Map<string, AgentListener>();

  const open = (instance: ContainerInstanceRecord) => {
    const listener: AgentListener = { server: createServer(handler(sb, instance.containerInstanceArn)), closed: false };
    listeners.set(instance.containerInstanceArn, listener);
    bindLoopback(sb, listener.server, ec2InstanceTwin(sb, instance.ec2InstanceId)!, AGENT_INTROSPECTION_PORT)
      .then((bound) => {
        if (listener.closed) return listener.server.close();
        listener.unpublish = publishEndpoint(sb, {
          kind: 'agent',
          name: instance.ec2InstanceId ?? instance.id,
          arn: instance.containerInstanceArn,
          url: httpUrl(bound.host, bound.port),
        });
      })
      .catch(onError);
  };

  const close = (arn: string) => {
    const listener = listeners.get(arn);
    if (!listener) return;
    listeners.delete(arn);
    listener.closed = true;
    listener.unpublish?.();
    if (listener.server.listening) {
      listener.server.closeAllConnections();
      listener.server.close();
    }
  };

  const sync = (instance: ContainerInstanceRecord) => {
    const running = agentRuns(sb, instance);
    if (running && !listeners.has(instance.containerInstanceArn)) open(instance);
    else if (!running) close(instance.containerInstanceArn);
  };

  sb.events.on('instance', sync);
  sb.events.once('close', () => {
    sb.events.off('instance', sync);
    for (const arn of [...listeners.keys()]) close(arn);
  });
  for (const instance of sb.tables.containerInstances.values()) sync(instance);
}
