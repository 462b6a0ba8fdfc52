import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { connect } from 'node:net';
import type { Sandbox } from '../../sandbox.js';
import type { ConsulCatalog, HealthStatus } from './catalog.js';
import { sandboxTimer } from '../sandbox-timers.js';

/**
 * A health check as an agent runs it. HTTP and TCP checks probe for real (the probe's own
 * timeout is wall-clock, as a client counts it) every interval of the sandbox clock, first
 * after a random stagger within the interval, as Consul staggers them; a check starts
 * critical unless registered with a status, and turns passing on its first good probe.
 * TTL checks go critical when their TTL passes without an update.
 */
export interface CheckDefinition {
  checkId: string;
  name: string;
  notes: string;
  serviceId: string;
  type: 'http' | 'tcp' | 'ttl';
  http?: string;
  method?: string;
  header?: Record<string, string[]>;
  body?: string;
  tlsSkipVerify?: boolean;
  tcp?: string;
  intervalMs?: number;
  timeoutMs?: number;
  ttlMs?: number;
  deregisterCriticalAfterMs?: number;
  /** The status it starts with. */
  status: HealthStatus;
}

/** Consul raises shorter intervals to this. */
const MIN_CHECK_INTERVAL_MS = 1000;
const DEFAULT_TIMEOUT_MS = 10_000;
/** How much of a response body the output keeps, as Consul's default output_max_size. */
const OUTPUT_MAX = 4096;

interface CheckResult {
  status: HealthStatus;
  output: string;
}

export class CheckRunner {
  private stopTimer = () => {};
  private stopReaper = () => {};
  private inFlight = false;
  private stopped = false;

  constructor(
    private readonly sb: Sandbox,
    private readonly catalog: ConsulCatalog,
    private readonly node: string,
    readonly definition: CheckDefinition,
    /** Deregisters the check's service when it stayed critical past DeregisterCriticalServiceAfter. */
    private readonly reap: (serviceId: string) => void,
  ) {}

  start(): void {
    const def = this.definition;
    if (def.type === 'ttl') {
      this.armTtl();
    } else {
      const interval = Math.max(MIN_CHECK_INTERVAL_MS, def.intervalMs ?? MIN_CHECK_INTERVAL_MS);
      const stagger = Math.floor(this.catalog.random.next() * interval);
      const tick = () => {
        this.stopTimer = sandboxTimer(this.sb, interval, tick);
        this.probe();
      };
      this.stopTimer = sandboxTimer(this.sb, stagger, tick);
    }
    this.watchCritical(def.status);
  }

  stop(): void {
    this.stopped = true;
    this.stopTimer();
    this.stopReaper();
  }

  /** A TTL check's update (pass, warn, fail or update): records it and restarts the TTL. */
  updateTtl(status: HealthStatus, output: string): void {
    this.record({ status, output });
    this.armTtl();
  }

  private armTtl(): void {
    this.stopTimer();
    const ttl = this.definition.ttlMs;
    if (!ttl) return;
    this.stopTimer = sandboxTimer(this.sb, ttl, () => this.record({ status: 'critical', output: 'TTL expired' }));
  }

  private probe(): void {
    if (this.inFlight || this.stopped) return;
    this.inFlight = true;
    const def = this.definition;
    const run = def.type === 'http' ? probeHttp(def) : probeTcp(def.tcp ?? '', def.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    void run.then((result) => {
      this.inFlight = false;
      if (!this.stopped) this.record(result);
    });
  }

  private record(result: CheckResult): void {
    const before = this.catalog.check(this.node, this.definition.checkId)?.status;
    this.catalog.updateCheck(this.node, this.definition.checkId, result.status, result.output);
    if (before !== result.status) this.watchCritical(result.status);
  }

  /** Starts or stops the countdown of DeregisterCriticalServiceAfter as the status changes. */
  private watchCritical(status: HealthStatus): void {
    this.stopReaper();
    const after = this.definition.deregisterCriticalAfterMs;
    if (status !== 'critical' || !after || !this.definition.serviceId) return;
    this.stopReaper = sandboxTimer(this.sb, after, () => {
      if (this.catalog.check(this.node, this.definition.checkId)?.status === 'critical') this.reap(this.definition.serviceId);
    });
  }
}

/** How Go's HTTP client words a failed request, which Consul puts in the check's output. */
function goRequestError(method: string, url: string, error: NodeJS.ErrnoException, timedOut: boolean): string {
  const verb = method[0]! + method.slice(1).toLowerCase();
  if (timedOut) return `${verb} "${url}": context deadline exceeded (Client.Timeout exceeded while awaiting headers)`;
  const target = new URL(url);
  const port = target.port || (target.protocol === 'https:' ? '443' : '80');
  return `${verb} "${url}": ${goDialError(target.hostname, port, error)}`;
}

function goDialError(host: string, port: string, error: NodeJS.ErrnoException): string {
  const where = `dial tcp ${host}:${port}`;
  if (error.code === 'ECONNREFUSED') return `${where}: connect: connection refused`;
  if (error.code === 'EHOSTUNREACH') return `${where}: connect: no route to host`;
  if (error.code === 'ECONNRESET') return 'read: connection reset by peer';
  return `${where}: ${error.message}`;
}

function probeHttp(def: Pick<CheckDefinition, 'http' | 'method' | 'header' | 'body' | 'tlsSkipVerify' | 'timeoutMs'>): Promise<CheckResult> {
  const url = def.http ?? '';
  const method = (def.method || 'GET').toUpperCase();
  const timeout = def.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return new Promise((resolve) => {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      resolve({ status: 'critical', output: `${method} "${url}": unsupported protocol scheme ""` });
      return;
    }
    const headers: Record<string, string | string[]> = { 'user-agent': 'Consul Health Check', accept: 'text/plain, text/*, */*' };
    for (const [name, values] of Object.entries(def.header ?? {})) headers[name] = values;
    const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
    let timedOut = false;
    const req = send(target, { method, headers, agent: false, rejectUnauthorized: !def.tlsSkipVerify }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        if (size < OUTPUT_MAX) chunks.push(chunk);
        size += chunk.length;
      });
      res.on('end', () => {
        clearTimeout(timer);
        const code = res.statusCode ?? 0;
        const body = Buffer.concat(chunks).subarray(0, OUTPUT_MAX).toString('utf8');
        const output = `HTTP ${method} ${url}: ${code} ${res.statusMessage ?? ''} Output: ${body}`;
        const status: HealthStatus = code >= 200 && code < 300 ? 'passing' : code === 429 ? 'warning' : 'critical';
        resolve({ status, output });
      });
      res.on('error', (error: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        resolve({ status: 'critical', output: goRequestError(method, url, error, timedOut) });
      });
    });
    const timer = setTimeout(() => {
      timedOut = true;
      req.destroy(new Error('timeout'));
    }, timeout);
    req.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      resolve({ status: 'critical', output: goRequestError(method, url, error, timedOut) });
    });
    req.end(def.body);
  });
}

function probeTcp(address: string, timeoutMs: number): Promise<CheckResult> {
  const at = address.lastIndexOf(':');
  const host = address.slice(0, at).replace(/^\[|\]$/g, '');
  const port = address.slice(at + 1);
  return new Promise((resolve) => {
    const socket = connect({ host, port: Number(port) });
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ status: 'critical', output: `dial tcp ${address}: i/o timeout` });
    }, timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ status: 'passing', output: `TCP connect ${address}: Success` });
    });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      resolve({ status: 'critical', output: goDialError(host, port, error) });
    });
  });
}
