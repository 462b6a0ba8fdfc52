import type { ConsulAgent } from './agent.js';
import type { CatalogTable, ConsulCatalog } from './catalog.js';
import { DurationError, parseGoDuration } from './go-duration.js';

/**
 * What the Consul HTTP endpoints share: the request as they see it, replies, and the
 * blocking-query machinery (`?index=&wait=`, in wall-clock time as a client counts it:
 * default 5 minutes, at most 10, plus up to 1/16 of jitter, as Consul's servers add).
 */
export interface ConsulRequest {
  method: string;
  /** The path after /v1/, still URL-encoded. */
  path: string;
  query: URLSearchParams;
  body: Buffer;
  agent: ConsulAgent;
  /** Aborts when the client goes away, ending a blocking wait early. */
  signal: AbortSignal;
}

export interface ConsulReply {
  status: number;
  body: string | Buffer;
  contentType?: string;
  headers?: Record<string, string>;
}

export const DEFAULT_WAIT_MS = 5 * 60_000;
export const MAX_WAIT_MS = 10 * 60_000;

export function text(status: number, message: string, headers?: Record<string, string>): ConsulReply {
  return { status, body: message, contentType: 'text/plain; charset=utf-8', headers };
}

export function json(req: ConsulRequest, value: unknown, headers?: Record<string, string>): ConsulReply {
  const body = req.query.has('pretty') ? JSON.stringify(value, null, 4) : JSON.stringify(value);
  return { status: 200, body, contentType: 'application/json', headers };
}

/** A write's reply: Consul answers most with an empty 200. */
export function empty(): ConsulReply {
  return { status: 200, body: '' };
}

export function notFound(): ConsulReply {
  return text(404, '404 page not found\n');
}

/** 405 for a method the endpoint does not take, as Consul words it. */
export function allow(req: ConsulRequest, ...methods: string[]): ConsulReply | undefined {
  if (methods.includes(req.method)) return undefined;
  return text(405, `method ${req.method} not allowed`, { allow: methods.join(', ') });
}

/**
 * The headers every read carries, which clients (Fabio's vendored Go client) insist on
 * parsing: the index of the tables read, whether there is a leader, and the time since the
 * leader was last heard from (0: every agent here talks to it directly).
 */
export function queryMeta(catalog: ConsulCatalog, tables: readonly CatalogTable[]): Record<string, string> {
  return {
    'x-consul-index': String(catalog.indexOf(tables)),
    'x-consul-knownleader': String(catalog.leader !== ''),
    'x-consul-lastcontact': '0',
  };
}

export interface QueryOptions {
  index: number;
  waitMs: number;
}

/** Parses ?index= and ?wait=, or returns the 400 Consul gives for bad ones. */
export function parseQueryOptions(req: ConsulRequest): QueryOptions | ConsulReply {
  const q = req.query;
  if (q.has('stale') && q.has('consistent')) return text(400, 'Cannot specify ?stale with ?consistent, conflicting semantics.');
  const dc = q.get('dc');
  if (dc && dc !== req.agent.catalog.datacenter) return text(500, 'No path to datacenter');
  let waitMs = 0;
  const wait = q.get('wait');
  if (wait) {
    try {
      waitMs = parseGoDuration(wait);
    } catch (error) {
      if (error instanceof DurationError) return text(400, 'Invalid wait time');
      throw error;
    }
  }
  let index = 0;
  const rawIndex = q.get('index');
  if (rawIndex) {
    if (!/^\d+$/.test(rawIndex)) return text(400, 'Invalid index');
    index = Number(rawIndex);
  }
  if (waitMs > MAX_WAIT_MS) waitMs = MAX_WAIT_MS;
  else if (waitMs <= 0) waitMs = DEFAULT_WAIT_MS;
  return { index, waitMs };
}

/**
 * A read that may block: waits (when ?index= is given) until one of `tables` moves past the
 * client's index, then renders. `render` returns the reply; the query meta headers are added.
 */
export async function blockingRead(
  req: ConsulRequest,
  tables: readonly CatalogTable[],
  render: () => ConsulReply,
): Promise<ConsulReply> {
  const options = parseQueryOptions(req);
  if ('status' in options) return options;
  const catalog = req.agent.catalog;
  if (options.index > 0) {
    const jitter = Math.floor(catalog.jitter.next() * (options.waitMs / 16));
    await catalog.waitForChange(tables, options.index, options.waitMs + jitter, req.signal);
  }
  const reply = render();
  return { ...reply, headers: { ...reply.headers, ...queryMeta(catalog, tables) } };
}

/** The segments of a path after a prefix, decoded (a KV key keeps its slashes). */
export function rest(path: string, prefix: string): string {
  return decodeURIComponent(path.slice(prefix.length));
}

/** ?passing, ?passing=true: present and not false. */
export function flag(req: ConsulRequest, name: string): boolean {
  if (!req.query.has(name)) return false;
  const value = req.query.get(name);
  return value === '' || value === null || !/^(false|0)$/i.test(value);
}
