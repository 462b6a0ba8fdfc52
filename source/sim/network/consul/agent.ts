import type { Sandbox } from '../../sandbox.js';
import { SERF_CHECK_ID, type CatalogCheck, type CatalogService, type ConsulCatalog, type HealthStatus } from './catalog.js';
import type { ConsulDatacenter } from './datacenter.js';
import { CheckRunner, type CheckDefinition } from './checks.js';
import { definitionOf, type ServiceRegistration } from './definitions.js';
import { formatGoDuration } from './go-duration.js';

/**
 * A Consul agent: one node of the datacenter, which owns the services and checks registered
 * through it and runs their checks. Its writes go straight to the datacenter's catalog (the
 * sandbox has no network between agent and servers to sync over).
 */
export interface ConsulAgentOptions {
  sandbox: Sandbox;
  datacenter: ConsulDatacenter;
  nodeName: string;
  /** Where the node is reached: its address in the catalog and in DNS. */
  address: string;
  server: boolean;
  /** Node metadata (Consul's node_meta). */
  meta?: Record<string, string>;
  /** The container instance it runs on, and the task running it (none for `ecsh serve --consul`). */
  containerInstanceArn?: string;
  taskArn?: string;
  /** Whether its HTTP API is on a port its instance publishes (what `localhost:8500` reaches there). */
  httpOnHostPort?: boolean;
}

/** Consul's version, as /v1/agent/self reports it. */
export const CONSUL_VERSION = '1.20.2';
export const SERVER_RPC_PORT = 8300;
export const SERF_LAN_PORT = 8301;
/** The service every server node has in the catalog. */
const CONSUL_SERVICE_ID = 'consul';

export class ConsulAgent {
  readonly sandbox: Sandbox;
  readonly datacenter: ConsulDatacenter;
  readonly catalog: ConsulCatalog;
  readonly nodeName: string;
  readonly containerInstanceArn?: string;
  readonly taskArn?: string;
  readonly httpOnHostPort: boolean;
  readonly address: string;
  readonly server: boolean;
  readonly nodeId: string;
  /** Where its HTTP API and DNS listen, once they do. */
  httpUrl?: string;
  dnsAddress?: { host: string; port: number };
  private readonly runners = new Map<string, CheckRunner>();
  private readonly meta: Record<string, string>;
  private left = false;

  constructor(options: ConsulAgentOptions) {
    this.sandbox = options.sandbox;
    this.datacenter = options.datacenter;
    this.catalog = options.datacenter.catalog;
    this.containerInstanceArn = options.containerInstanceArn;
    this.taskArn = options.taskArn;
    this.httpOnHostPort = options.httpOnHostPort ?? false;
    this.nodeName = options.nodeName;
    this.address = options.address;
    this.server = options.server;
    this.meta = { 'consul-network-segment': '', ...options.meta };
    this.nodeId = this.catalog.random.uuid();
  }

  /** Joins the datacenter: the node (with its serfHealth check) and, for a server, the `consul` service. */
  join(): void {
    this.datacenter.agents.add(this);
    this.catalog.registerNode({
      id: this.nodeId,
      name: this.nodeName,
      address: this.address,
      taggedAddresses: { lan: this.address, lan_ipv4: this.address, wan: this.address, wan_ipv4: this.address },
      meta: this.meta,
    });
    if (!this.server) return;
    const rpc = `${this.address}:${SERVER_RPC_PORT}`;
    if (!this.catalog.servers.includes(rpc)) this.catalog.servers.push(rpc);
    this.catalog.registerService({
      node: this.nodeName,
      id: CONSUL_SERVICE_ID,
      name: 'consul',
      tags: [],
      address: '',
      port: SERVER_RPC_PORT,
      meta: {},
      weights: { Passing: 1, Warning: 1 },
      enableTagOverride: false,
    });
  }

  /** Leaves gracefully (leave_on_terminate): the node and everything on it leave the catalog. */
  leave(): void {
    if (this.left) return;
    this.left = true;
    this.datacenter.agents.delete(this);
    for (const runner of this.runners.values()) runner.stop();
    this.runners.clear();
    this.catalog.deregisterNode(this.nodeName);
    const rpc = `${this.address}:${SERVER_RPC_PORT}`;
    const at = this.catalog.servers.indexOf(rpc);
    if (at >= 0) this.catalog.servers.splice(at, 1);
  }

  /**
   * The services registered through this agent. A server's `consul` service is not one: the
   * leader puts it in the catalog, so /v1/agent/services leaves it out, as Consul's does.
   */
  services(): CatalogService[] {
    return [...this.catalog.services.values()].filter((s) => s.node === this.nodeName && !(this.server && s.id === CONSUL_SERVICE_ID));
  }

  checks(): CatalogCheck[] {
    return [...this.catalog.checks.values()].filter((c) => c.node === this.nodeName && c.checkId !== SERF_CHECK_ID);
  }

  /** Adds or updates a service; its earlier checks stay unless `replaceExistingChecks` (?replace-existing-checks). */
  registerService(registration: ServiceRegistration, replaceExistingChecks = false): void {
    const { checks, ...service } = registration;
    this.catalog.registerService({ ...service, node: this.nodeName });
    if (replaceExistingChecks) {
      const wanted = new Set(checks.map((c) => c.checkId));
      for (const check of this.checks()) {
        if (check.serviceId === registration.id && !wanted.has(check.checkId)) this.deregisterCheck(check.checkId);
      }
    }
    for (const check of checks) this.addCheck(check, registration);
  }

  /** Returns false when the agent has no such service. */
  deregisterService(id: string): boolean {
    if (!this.services().some((s) => s.id === id)) return false;
    for (const check of this.checks()) if (check.serviceId === id) this.stopRunner(check.checkId);
    return this.catalog.deregisterService(this.nodeName, id);
  }

  /** Registers a check, on a service of this agent when it names one; an unknown service is an error. */
  registerCheck(check: CheckDefinition): string | undefined {
    if (!check.serviceId) {
      this.addCheck(check);
      return undefined;
    }
    const service = this.catalog.service(this.nodeName, check.serviceId);
    if (!service) return `ServiceID "${check.serviceId}" does not exist`;
    this.addCheck(check, { id: service.id, name: service.name, tags: service.tags });
    return undefined;
  }

  deregisterCheck(id: string): boolean {
    this.stopRunner(id);
    return this.catalog.deregisterCheck(this.nodeName, id);
  }

  /** A TTL check's update. Returns an error message when there is no such TTL check. */
  updateTtl(id: string, status: HealthStatus, output: string): string | undefined {
    const runner = this.runners.get(id);
    if (!runner) return `Unknown check ID "${id}". Ensure that the check ID is passed, not the check name.`;
    if (runner.definition.type !== 'ttl') return `Check "${id}" is not a TTL check`;
    runner.updateTtl(status, output);
    return undefined;
  }

  /**
   * Adds a check and starts running it. Re-registering a check with the same definition
   * keeps its status, so that a periodic re-registration (Registrator's resync) does not flap.
   */
  private addCheck(check: CheckDefinition, service?: { id: string; name: string; tags: string[] }): void {
    const definition = definitionOf(check, formatGoDuration);
    const existing = this.catalog.check(this.nodeName, check.checkId);
    const unchanged = existing && JSON.stringify(existing.definition) === JSON.stringify(definition) && this.runners.has(check.checkId);
    if (unchanged) return;
    this.stopRunner(check.checkId);
    this.catalog.registerCheck({
      node: this.nodeName,
      checkId: check.checkId,
      name: check.name,
      status: check.status,
      notes: check.notes,
      output: '',
      serviceId: service?.id ?? '',
      serviceName: service?.name ?? '',
      serviceTags: [...(service?.tags ?? [])],
      type: check.type,
      definition,
    });
    const runner = new CheckRunner(this.sandbox, this.catalog, this.nodeName, check, (serviceId) => this.deregisterService(serviceId));
    this.runners.set(check.checkId, runner);
    runner.start();
  }

  private stopRunner(id: string): void {
    this.runners.get(id)?.stop();
    this.runners.delete(id);
  }

  /** GET /v1/agent/self: what Fabio reads (Config.Datacenter, Config.NodeName) and more. */
  self(): Record<string, unknown> {
    return {
      Config: {
        Datacenter: this.catalog.datacenter,
        PrimaryDatacenter: this.catalog.datacenter,
        NodeName: this.nodeName,
        NodeID: this.nodeId,
        Revision: 'ecsh',
        Server: this.server,
        Version: CONSUL_VERSION,
      },
      Member: this.member(),
      Meta: this.meta,
      Stats: { agent: { checks: String(this.checks().length), services: String(this.services().length) } },
    };
  }

  /** This agent as a serf LAN member (GET /v1/agent/members). */
  member(): Record<string, unknown> {
    return {
      Name: this.nodeName,
      Addr: this.address,
      Port: SERF_LAN_PORT,
      Tags: {
        role: this.server ? 'consul' : 'node',
        dc: this.catalog.datacenter,
        id: this.nodeId,
        build: `${CONSUL_VERSION}:ecsh`,
        ...(this.server ? { port: String(SERVER_RPC_PORT) } : {}),
      },
      Status: 1,
      ProtocolMin: 1,
      ProtocolMax: 5,
      ProtocolCur: 2,
      DelegateMin: 2,
      DelegateMax: 5,
      DelegateCur: 4,
    };
  }
}
