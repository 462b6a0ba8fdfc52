import type { Sandbox } from '../../sandbox.js';
import { ConsulAgent } from './agent.js';
import { ConsulCatalog } from './catalog.js';

/**
 * The Consul datacenters of a sandbox. One per region and ECS cluster: the first `consul`
 * container of a cluster creates it and acts as its server, later ones join it as agents
 * (one node per container instance, as the demo runs an agent on every instance). A server
 * started with `ecsh serve --consul` is the standalone datacenter, outside any cluster, as
 * the demo's Consul server ran on its own instance: agents of a cluster without a server of
 * its own join it, and so do Registrator, Fabio and the portal when they look for Consul.
 */
export class ConsulDatacenter {
  readonly catalog: ConsulCatalog;
  readonly agents = new Set<ConsulAgent>();

  constructor(
    readonly key: string,
    name: string,
    seed: number,
  ) {
    this.catalog = new ConsulCatalog(name, seed);
  }

  get name(): string {
    return this.catalog.datacenter;
  }

  /** The agents with a running server, the leader first. */
  servers(): ConsulAgent[] {
    return [...this.agents].filter((a) => a.server);
  }

  members(): Record<string, unknown>[] {
    return [...this.agents].map((a) => a.member());
  }
}

export const STANDALONE_KEY = 'standalone';

interface Registry {
  datacenters: Map<string, ConsulDatacenter>;
}

const registries = new WeakMap<Sandbox, Registry>();

function registryOf(sb: Sandbox): Registry {
  let registry = registries.get(sb);
  if (!registry) {
    const created: Registry = { datacenters: new Map() };
    registry = created;
    registries.set(sb, created);
    sb.events.once('close', () => {
      for (const dc of created.datacenters.values()) dc.catalog.close();
      created.datacenters.clear();
    });
  }
  return registry;
}

export function clusterKey(region: string, clusterArn: string): string {
  return `${region}|${clusterArn}`;
}

export function findDatacenter(sb: Sandbox, key: string): ConsulDatacenter | undefined {
  return registryOf(sb).datacenters.get(key);
}

/** The datacenter of a cluster, or the standalone one when the cluster has none. */
export function datacenterForCluster(sb: Sandbox, region: string, clusterArn: string): ConsulDatacenter | undefined {
  return findDatacenter(sb, clusterKey(region, clusterArn)) ?? findDatacenter(sb, STANDALONE_KEY);
}

/** Creates a datacenter under `key`, named `name` (Consul's `-datacenter`, dc1 by default). */
export function createDatacenter(sb: Sandbox, key: string, name: string): ConsulDatacenter {
  const registry = registryOf(sb);
  const dc = new ConsulDatacenter(key, name, sb.random.nextUint32());
  registry.datacenters.set(key, dc);
  return dc;
}

/** Forgets a datacenter whose last agent left. */
export function dropDatacenterIfEmpty(sb: Sandbox, dc: ConsulDatacenter): void {
  if (dc.agents.size > 0) return;
  dc.catalog.close();
  const registry = registryOf(sb);
  if (registry.datacenters.get(dc.key) === dc) registry.datacenters.delete(dc.key);
}

/**
 * The agent a client on a container instance talks to, as `consul://localhost:8500` would
 * reach it: the agent on that instance whose HTTP API the instance publishes (the demo's
 * consul-agent, not a consul-server beside it that publishes nothing), else another agent on
 * that instance, a client before a server; with none on the instance, a server of the
 * cluster's datacenter (or of the standalone one). Only agents whose HTTP API listens count.
 */
export function agentFor(sb: Sandbox, where: { region: string; clusterArn: string; containerInstanceArn?: string }): ConsulAgent | undefined {
  const dc = datacenterForCluster(sb, where.region, where.clusterArn);
  if (!dc) return undefined;
  const listening = [...dc.agents].filter((a) => a.httpUrl);
  const onInstance = listening.filter((a) => where.containerInstanceArn && a.containerInstanceArn === where.containerInstanceArn);
  return (
    onInstance.find((a) => a.httpOnHostPort) ??
    onInstance.find((a) => !a.server) ??
    onInstance[0] ??
    listening.find((a) => a.server) ??
    listening[0]
  );
}

/** The agent whose HTTP API is at `url`, in any of the sandbox's datacenters. */
export function agentAt(sb: Sandbox, url: string): ConsulAgent | undefined {
  for (const dc of registryOf(sb).datacenters.values()) {
    for (const agent of dc.agents) if (agent.httpUrl === url) return agent;
  }
  return undefined;
}
