import { EventEmitter } from 'node:events';
import { Random } from '../../random.js';

/**
 * One Consul datacenter's replicated state: nodes, services, checks and the KV store, with
 * the Raft-style index that blocking queries wait on. Every write bumps the global index and
 * stamps the tables it touched, so a read reports the highest index of the tables it reads
 * (as Consul's state store does), and a blocking query returns once that passes the index
 * the client already has.
 */
export type HealthStatus = 'passing' | 'warning' | 'critical';
export type CatalogTable = 'nodes' | 'services' | 'checks' | 'kvs';

export const HEALTH_STATUSES: readonly HealthStatus[] = ['passing', 'warning', 'critical'];

export interface CatalogNode {
  id: string;
  name: string;
  address: string;
  datacenter: string;
  taggedAddresses: Record<string, string>;
  meta: Record<string, string>;
  createIndex: number;
  modifyIndex: number;
}

export interface CatalogService {
  node: string;
  id: string;
  name: string;
  tags: string[];
  address: string;
  port: number;
  meta: Record<string, string>;
  weights: { Passing: number; Warning: number };
  enableTagOverride: boolean;
  createIndex: number;
  modifyIndex: number;
}

export interface CatalogCheck {
  node: string;
  checkId: string;
  name: string;
  status: HealthStatus;
  notes: string;
  output: string;
  serviceId: string;
  serviceName: string;
  serviceTags: string[];
  /** http, tcp, ttl; empty for the agent's own serfHealth. */
  type: string;
  /** What it was registered with (HTTP, TCP, Interval, ...), as Consul shows under Definition. */
  definition: Record<string, unknown>;
  createIndex: number;
  modifyIndex: number;
}

export interface KvEntry {
  key: string;
  value: Buffer | null;
  flags: number;
  createIndex: number;
  modifyIndex: number;
}

/** A service instance with its node and every check that applies to it (the node's and its own). */
export interface ServiceHealth {
  node: CatalogNode;
  service: CatalogService;
  checks: CatalogCheck[];
}

export const SERF_CHECK_ID = 'serfHealth';

const serviceKey = (node: string, id: string) => `${node}\u0000${id}`;
const checkKey = (node: string, id: string) => `${node}\u0000${id}`;

export class ConsulCatalog {
  readonly nodes = new Map<string, CatalogNode>();
  readonly services = new Map<string, CatalogService>();
  readonly checks = new Map<string, CatalogCheck>();
  readonly kv = new Map<string, KvEntry>();
  /** The servers' RPC addresses (ip:8300); the first is the leader. */
  readonly servers: string[] = [];
  /** For what happens on the sandbox clock (node IDs, check staggers). */
  readonly random: Random;
  /** For wall-clock waits (blocking-query jitter), kept apart so that queries do not shift the simulation. */
  readonly jitter: Random;

  private index = 1;
  private readonly tableIndex: Record<CatalogTable, number> = { nodes: 1, services: 1, checks: 1, kvs: 1 };
  private readonly changes = new EventEmitter();
  private closed = false;

  constructor(
    readonly datacenter: string,
    seed: number,
  ) {
    this.random = new Random(seed);
    this.jitter = new Random(seed ^ 0x5bd1e995);
    this.changes.setMaxListeners(0);
  }

  get leader(): string {
    return this.servers[0] ?? '';
  }

  /** The index a read of these tables reports (never 0: clients treat 0 as "no blocking"). */
  indexOf(tables: readonly CatalogTable[]): number {
    return Math.max(1, ...tables.map((t) => this.tableIndex[t]));
  }

  /**
   * Resolves once one of the tables moves past `minIndex`, after `timeoutMs` of wall-clock
   * time, when `signal` aborts (the client went away) or when the datacenter shuts down.
   */
  waitForChange(tables: readonly CatalogTable[], minIndex: number, timeoutMs: number, signal?: AbortSignal): Promise<void> {
    if (this.closed || this.indexOf(tables) > minIndex || signal?.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.changes.off('change', onChange);
        this.changes.off('close', done);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const onChange = () => {
        if (this.indexOf(tables) > minIndex) done();
      };
      const timer = setTimeout(done, timeoutMs);
      this.changes.on('change', onChange);
      this.changes.once('close', done);
      signal?.addEventListener('abort', done, { once: true });
    });
  }

  /** Ends every blocking query: the datacenter is going away. */
  close(): void {
    this.closed = true;
    this.changes.emit('close');
  }

  private write(tables: readonly CatalogTable[]): number {
    this.index += 1;
    for (const table of tables) this.tableIndex[table] = this.index;
    queueMicrotask(() => this.changes.emit('change'));
    return this.index;
  }

  registerNode(node: Omit<CatalogNode, 'createIndex' | 'modifyIndex' | 'datacenter'>): CatalogNode {
    const existing = this.nodes.get(node.name);
    const index = this.write(['nodes', 'checks']);
    const record: CatalogNode = { ...node, datacenter: this.datacenter, createIndex: existing?.createIndex ?? index, modifyIndex: index };
    this.nodes.set(node.name, record);
    this.checks.set(checkKey(node.name, SERF_CHECK_ID), {
      node: node.name,
      checkId: SERF_CHECK_ID,
      name: 'Serf Health Status',
      status: 'passing',
      notes: '',
      output: 'Agent alive and reachable',
      serviceId: '',
      serviceName: '',
      serviceTags: [],
      type: '',
      definition: {},
      createIndex: index,
      modifyIndex: index,
    });
    return record;
  }

  /** A node leaves: its services and checks go with it. */
  deregisterNode(name: string): void {
    if (!this.nodes.has(name)) return;
    this.write(['nodes', 'services', 'checks']);
    this.nodes.delete(name);
    for (const [key, service] of this.services) if (service.node === name) this.services.delete(key);
    for (const [key, check] of this.checks) if (check.node === name) this.checks.delete(key);
  }

  service(node: string, id: string): CatalogService | undefined {
    return this.services.get(serviceKey(node, id));
  }

  check(node: string, id: string): CatalogCheck | undefined {
    return this.checks.get(checkKey(node, id));
  }

  /** Adds or replaces a service; an identical re-registration writes nothing, as anti-entropy skips it. */
  registerService(service: Omit<CatalogService, 'createIndex' | 'modifyIndex'>): void {
    const key = serviceKey(service.node, service.id);
    const existing = this.services.get(key);
    if (existing && sameService(existing, service)) return;
    const index = this.write(['services']);
    this.services.set(key, { ...service, createIndex: existing?.createIndex ?? index, modifyIndex: index });
    for (const check of this.checks.values()) {
      if (check.node === service.node && check.serviceId === service.id) {
        check.serviceName = service.name;
        check.serviceTags = [...service.tags];
      }
    }
  }

  /** Removes a service and its checks. Returns whether it existed. */
  deregisterService(node: string, id: string): boolean {
    const key = serviceKey(node, id);
    if (!this.services.has(key)) return false;
    this.write(['services', 'checks']);
    this.services.delete(key);
    for (const [ck, check] of this.checks) if (check.node === node && check.serviceId === id) this.checks.delete(ck);
    return true;
  }

  registerCheck(check: Omit<CatalogCheck, 'createIndex' | 'modifyIndex'>): void {
    const key = checkKey(check.node, check.checkId);
    const existing = this.checks.get(key);
    const index = this.write(['checks']);
    this.checks.set(key, { ...check, createIndex: existing?.createIndex ?? index, modifyIndex: index });
  }

  deregisterCheck(node: string, id: string): boolean {
    const key = checkKey(node, id);
    if (!this.checks.has(key)) return false;
    this.write(['checks']);
    this.checks.delete(key);
    return true;
  }

  /**
   * A check's new result. Only a change of status is a write (and wakes blocking queries);
   * the output of an unchanged status is refreshed in place, as Consul defers output-only syncs.
   */
  updateCheck(node: string, id: string, status: HealthStatus, output: string): void {
    const check = this.checks.get(checkKey(node, id));
    if (!check) return;
    if (check.status === status) {
      check.output = output;
      return;
    }
    check.status = status;
    check.output = output;
    check.modifyIndex = this.write(['checks']);
  }

  /** Every instance of a service, with its checks, optionally only those carrying all `tags`. */
  serviceHealth(name: string, tags: readonly string[] = []): ServiceHealth[] {
    const out: ServiceHealth[] = [];
    for (const service of this.services.values()) {
      if (service.name !== name) continue;
      if (!tags.every((tag) => service.tags.includes(tag))) continue;
      const node = this.nodes.get(service.node);
      if (!node) continue;
      const checks = [...this.checks.values()].filter(
        (c) => c.node === service.node && (c.serviceId === '' || c.serviceId === service.id),
      );
      out.push({ node, service, checks });
    }
    return out.sort((a, b) => a.node.name.localeCompare(b.node.name) || a.service.id.localeCompare(b.service.id));
  }

  kvGet(key: string): KvEntry | undefined {
    return this.kv.get(key);
  }

  /** Entries under a prefix, in key order. */
  kvList(prefix: string): KvEntry[] {
    return [...this.kv.values()].filter((e) => e.key.startsWith(prefix)).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  /** Sets a key; with `cas`, only if its ModifyIndex is `cas` (0: only if absent). */
  kvPut(key: string, value: Buffer | null, flags: number, cas?: number): boolean {
    const existing = this.kv.get(key);
    if (cas !== undefined && (existing?.modifyIndex ?? 0) !== cas) return false;
    const index = this.write(['kvs']);
    this.kv.set(key, { key, value, flags, createIndex: existing?.createIndex ?? index, modifyIndex: index });
    return true;
  }

  /** Deletes a key (or every key under it with `recurse`); with `cas`, only at that ModifyIndex. */
  kvDelete(key: string, recurse: boolean, cas?: number): boolean {
    if (cas !== undefined && !recurse) {
      const existing = this.kv.get(key);
      if (!existing) return true;
      if (existing.modifyIndex !== cas) return false;
    }
    const doomed = recurse ? this.kvList(key).map((e) => e.key) : this.kv.has(key) ? [key] : [];
    if (doomed.length === 0) return true;
    this.write(['kvs']);
    for (const k of doomed) this.kv.delete(k);
    return true;
  }
}

function sameService(a: CatalogService, b: Omit<CatalogService, 'createIndex' | 'modifyIndex'>): boolean {
  return (
    a.name === b.name &&
    a.address === b.address &&
    a.port === b.port &&
    a.enableTagOverride === b.enableTagOverride &&
    JSON.stringify(a.tags) === JSON.stringify(b.tags) &&
    JSON.stringify(a.meta) === JSON.stringify(b.meta) &&
    JSON.stringify(a.weights) === JSON.stringify(b.weights)
  );
}

/** The worst status of a set of checks, as Consul aggregates them (no checks is passing). */
export function aggregateStatus(checks: readonly CatalogCheck[]): HealthStatus {
  if (checks.some((c) => c.status === 'critical')) return 'critical';
  if (checks.some((c) => c.status === 'warning')) return 'warning';
  return 'passing';
}
