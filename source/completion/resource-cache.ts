// Live resource names for completion (cluster names, task ids, ...), fetched through a
// provider and kept per backend+region(+cluster for cluster-scoped kinds) for a short time.
// Reads never wait: they return what is cached and start a refresh in the background when
// the entry is missing, old, or invalidated by a command that changed it.
import type { ResourceKind } from '../commands/index.js';
import { resourcesChangedBy } from './resource-changes.js';

/**
 * A kind of live names that completion lists: the command language's resource kinds, plus AMIs
 * (`--image-id`) and the ARNs of taggable ECS resources (`--resource-arn`), which only the menu needs.
 */
export type ListedKind = ResourceKind | 'image' | 'resource-arn';

/** Lists the names of one kind of resource; `cluster` scopes services, tasks and container instances. */
export type ResourceProvider = (kind: ListedKind, scope: { cluster?: string }) => Promise<string[]>;

/** Kinds whose names belong to one cluster (the taggable ARNs include the cluster's services and tasks). */
export const CLUSTER_SCOPED_KINDS: ReadonlySet<ListedKind> = new Set<ListedKind>(['service', 'task', 'container-instance', 'resource-arn']);

export const DEFAULT_RESOURCE_TTL_MS = 5_000;

export interface ResourceCacheOptions {
  provider: ResourceProvider;
  /** Names the backend and region the provider talks to now (e.g. "sandbox", "aws:prod@eu-west-1"). */
  scopeKey?: () => string;
  /** How long fetched names count as fresh. */
  ttlMs?: number;
  now?: () => number;
}

export interface ResourceLookup {
  values: readonly string[];
  /** A fetch is under way; values may be empty or out of date meanwhile. */
  loading: boolean;
  /** Why the last fetch failed, if it did. */
  error?: string;
}

export type ResourceListener = (kind: ListedKind, cluster: string | undefined) => void;

interface Entry {
  kind: ListedKind;
  cluster: string | undefined;
  scope: string;
  values: readonly string[];
  fetchedAt: number;
  /** Set by invalidation: the values are known to be out of date. */
  outdated: boolean;
  /** Bumped by invalidation so that a fetch started before it cannot store its result. */
  generation: number;
  inFlight?: Promise<readonly string[]>;
  error?: string;
}

export class ResourceCache {
  private readonly entries = new Map<string, Entry>();
  private readonly listeners = new Set<ResourceListener>();
  private readonly provider: ResourceProvider;
  private readonly scopeKey: () => string;
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(options: ResourceCacheOptions) {
    this.provider = options.provider;
    this.scopeKey = options.scopeKey ?? (() => '');
    this.ttlMs = options.ttlMs ?? DEFAULT_RESOURCE_TTL_MS;
    this.now = options.now ?? Date.now;
  }

  /** What is cached now, without waiting; starts a background fetch when the entry needs one. */
  lookup(kind: ListedKind, cluster?: string): ResourceLookup {
    const entry = this.entry(kind, cluster);
    if (this.needsFetch(entry) && !entry.inFlight) this.fetch(entry).catch(() => undefined);
    return { values: entry.values, loading: entry.inFlight !== undefined, ...(entry.error ? { error: entry.error } : {}) };
  }

  /**
   * The names, fetched if missing or invalidated; names that are merely old are returned at
   * once while a refresh runs in the background. Rejects when the fetch it waits for fails.
   */
  async get(kind: ListedKind, cluster?: string): Promise<readonly string[]> {
    const entry = this.entry(kind, cluster);
    if (!this.needsFetch(entry)) return entry.values;
    const fetching = entry.inFlight ?? this.fetch(entry);
    if (entry.fetchedAt > Number.NEGATIVE_INFINITY && !entry.outdated && !entry.error) {
      fetching.catch(() => undefined);
      return entry.values;
    }
    return fetching;
  }

  /** Fetches again now (joining a fetch already under way). */
  refresh(kind: ListedKind, cluster?: string): Promise<readonly string[]> {
    const entry = this.entry(kind, cluster);
    return entry.inFlight ?? this.fetch(entry);
  }

  /** Marks a kind (all kinds when omitted) out of date in the current scope, for every cluster. */
  invalidate(kind?: ListedKind): void {
    const scope = this.scopeKey();
    for (const entry of this.entries.values()) {
      if (entry.scope !== scope || (kind !== undefined && entry.kind !== kind)) continue;
      entry.outdated = true;
      entry.generation++;
      entry.inFlight = undefined;
    }
  }

  /** Invalidates what a successful `operation` (API name) of `service` changed; returns those kinds. */
  invalidateAfter(service: string, operation: string): readonly ListedKind[] {
    const kinds = resourcesChangedBy(service, operation);
    for (const kind of kinds) this.invalidate(kind);
    return kinds;
  }

  /** Calls `listener` whenever fetched names (or a failure) land; returns the unsubscribe function. */
  subscribe(listener: ResourceListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private entry(kind: ListedKind, cluster: string | undefined): Entry {
    const scope = this.scopeKey();
    const scopedCluster = CLUSTER_SCOPED_KINDS.has(kind) ? cluster : undefined;
    const key = `${scope}\u0000${kind}\u0000${scopedCluster ?? ''}`;
    let entry = this.entries.get(key);
    if (!entry) {
      entry = { kind, cluster: scopedCluster, scope, values: [], fetchedAt: Number.NEGATIVE_INFINITY, outdated: false, generation: 0 };
      this.entries.set(key, entry);
    }
    return entry;
  }

  private needsFetch(entry: Entry): boolean {
    return entry.outdated || this.now() - entry.fetchedAt >= this.ttlMs;
  }

  private fetch(entry: Entry): Promise<readonly string[]> {
    const generation = entry.generation;
    const scope = entry.cluster === undefined ? {} : { cluster: entry.cluster };
    let started: Promise<string[]>;
    try {
      started = Promise.resolve(this.provider(entry.kind, scope));
    } catch (error) {
      started = Promise.reject(error);
    }
    const fetching = started.then(
      (values) => {
        if (entry.generation !== generation) return values;
        entry.values = values;
        entry.fetchedAt = this.now();
        entry.outdated = false;
        entry.inFlight = undefined;
        delete entry.error;
        this.notify(entry);
        return values;
      },
      (error: unknown) => {
        if (entry.generation === generation) {
          // Keep the old names, and wait a TTL before asking again.
          entry.fetchedAt = this.now();
          entry.outdated = false;
          entry.inFlight = undefined;
          entry.error = error instanceof Error ? error.message : String(error);
          this.notify(entry);
        }
        throw error;
      },
    );
    entry.inFlight = fetching;
    return fetching;
  }

  private notify(entry: Entry): void {
    for (const listener of this.listeners) listener(entry.kind, entry.cluster);
  }
}
