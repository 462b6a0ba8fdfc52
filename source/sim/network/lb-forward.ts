import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { buildConnector, Pool, type Dispatcher } from 'undici';
import type { Sandbox } from '../sandbox.js';
import { connectInProcess } from './in-process-ports.js';
import type { TargetAddress } from './lb-targets.js';

/**
 * Passing one HTTP request through a load balancer to a target, as an ALB node does: the
 * Host header kept, X-Forwarded-For/-Proto/-Port and X-Amzn-Trace-Id added, hop-by-hop
 * headers dropped; and the load balancer's own answers when it cannot (502 when the target
 * fails, 503 when there is none, 504 when it does not answer in time).
 */

/** An ALB closes a connection idle this long (wall clock: it is what a client waits). */
export const IDLE_TIMEOUT_MS = 60_000;

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'proxy-authenticate', 'proxy-authorization', 'te', 'trailer', 'transfer-encoding', 'upgrade']);

export type LoadBalancerStyle = 'application' | 'classic';

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  404: 'Not Found',
  502: 'Bad Gateway',
  503: 'Service Temporarily Unavailable',
  504: 'Gateway Time-out',
};

/** The page an ALB answers with itself (Server: awselb/2.0); a classic load balancer answers with no body. */
export function loadBalancerError(res: ServerResponse, status: number, style: LoadBalancerStyle): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  if (style === 'classic') {
    const reason = status === 503 ? 'Service Unavailable: Back-end server is at capacity' : STATUS_TEXT[status];
    res.writeHead(status, reason, { 'content-length': 0 });
    res.end();
    return;
  }
  const title = `${status} ${STATUS_TEXT[status] ?? ''}`.trim();
  const body = `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n</body>\r\n</html>\r\n`;
  res.writeHead(status, { server: 'awselb/2.0', 'content-type': 'text/html', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

/** `Root=1-<epoch seconds in hex>-<24 hex digits>`, as ALB's request tracing writes it. */
function traceId(): string {
  // randomUUID draws from a pooled buffer: a fresh randomBytes per request costs a system call.
  return `Root=1-${Math.floor(Date.now() / 1000).toString(16)}-${randomUUID().replace(/-/g, '').slice(0, 24)}`;
}

/**
 * The request's own headers as a flat list (no hop-by-hop ones) with the load balancer's, and
 * whether a body follows. Read from the raw list: Node builds `req.headers` only when asked.
 */
function forwardedHeaders(req: IncomingMessage, listenerPort: number): { headers: string[]; body: boolean } {
  const raw = req.rawHeaders;
  const headers: string[] = [];
  let prior: string | undefined;
  let trace: string | undefined;
  let body = false;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!.toLowerCase();
    if (name === 'transfer-encoding' || (name === 'content-length' && Number(raw[i + 1]) > 0)) body = true;
    if (HOP_BY_HOP.has(name)) continue;
    if (name === 'x-forwarded-for') prior = prior ? `${prior}, ${raw[i + 1]}` : raw[i + 1];
    else if (name === 'x-forwarded-proto' || name === 'x-forwarded-port') continue;
    else {
      if (name === 'x-amzn-trace-id') trace = raw[i + 1];
      headers.push(raw[i]!, raw[i + 1]!);
    }
  }
  const client = (req.socket.remoteAddress ?? '').replace(/^::ffff:/, '');
  headers.push('x-forwarded-for', prior ? `${prior}, ${client}` : client, 'x-forwarded-proto', 'http', 'x-forwarded-port', String(listenerPort));
  if (trace === undefined) headers.push('x-amzn-trace-id', traceId());
  return { headers, body };
}

/**
 * Connections to the targets, a keep-alive pool per load balancer node and target address
 * (undici's: it costs a fraction of node:http's client per request, which is most of a
 * proxy's work). A target this process serves itself is connected in memory; any other over TCP.
 */
export class TargetPools {
  private readonly pools = new Map<string, { pool: Pool; used: boolean }>();
  private readonly overTcp = buildConnector({});
  /** A pool no request used for a whole idle timeout goes (its target has usually gone too). */
  private readonly sweep = setInterval(() => this.dropIdle(), IDLE_TIMEOUT_MS).unref();

  constructor(private readonly sb: Sandbox) {}

  /** The pool from the load balancer node at `from` to `target`. */
  get(from: string, target: TargetAddress): Pool {
    const id = `${from}>${target.host}:${target.port}`;
    let entry = this.pools.get(id);
    if (!entry) {
      const connect: buildConnector.connector = (options, done) => {
        const local = connectInProcess(this.sb, from, target.host, target.port);
        if (!local) return this.overTcp(options, done);
        done(null, local as unknown as Socket);
      };
      const pool = new Pool(`http://${target.host}:${target.port}`, {
        connections: 64,
        connect,
        keepAliveTimeout: IDLE_TIMEOUT_MS,
        headersTimeout: IDLE_TIMEOUT_MS,
        bodyTimeout: IDLE_TIMEOUT_MS,
      });
      entry = { pool, used: true };
      this.pools.set(id, entry);
    }
    entry.used = true;
    return entry.pool;
  }

  private dropIdle(): void {
    for (const [id, entry] of this.pools) {
      if (entry.used) entry.used = false;
      else {
        this.pools.delete(id);
        entry.pool.destroy().catch(() => undefined);
      }
    }
  }

  async close(): Promise<void> {
    clearInterval(this.sweep);
    const pools = [...this.pools.values()];
    this.pools.clear();
    await Promise.all(pools.map(({ pool }) => pool.destroy().catch(() => undefined)));
  }
}

/**
 * One request's way back: the target's status and headers (hop-by-hop ones dropped) to the
 * client, its body as it comes with the client's backpressure, and the load balancer's own
 * answer when the target fails. Undici's handler interface: no promise or stream per request.
 */
class ForwardHandler implements Dispatcher.DispatchHandlers {
  private abort?: (error?: Error) => void;
  private resume?: () => void;

  constructor(
    private readonly res: ServerResponse,
    private readonly style: LoadBalancerStyle,
  ) {}

  onConnect(abort: (error?: Error) => void): void {
    this.abort = abort;
  }

  onHeaders(statusCode: number, raw: Buffer[], resume: () => void): boolean {
    const headers: string[] = [];
    for (let i = 0; i < raw.length; i += 2) {
      const name = raw[i]!.toString('latin1');
      if (!HOP_BY_HOP.has(name.toLowerCase())) headers.push(name, raw[i + 1]!.toString('latin1'));
    }
    this.res.writeHead(statusCode, headers);
    this.resume = resume;
    return true;
  }

  onData(chunk: Buffer): boolean {
    // The client went away: nothing more to send it.
    if (this.res.destroyed) {
      this.abort?.();
      return false;
    }
    const more = this.res.write(chunk);
    if (!more) this.res.once('drain', this.resume!);
    return more;
  }

  onComplete(): void {
    this.res.end();
  }

  onError(error: Error & { code?: string }): void {
    if (this.res.destroyed) return;
    const timedOut = error.code === 'UND_ERR_HEADERS_TIMEOUT' || error.code === 'UND_ERR_BODY_TIMEOUT';
    loadBalancerError(this.res, timedOut ? 504 : 502, this.style);
  }
}

/**
 * Forwards `req` to `target` and streams the answer back. A pooled connection the target
 * closed just as it was reused is retried by the pool for requests without a body, so a
 * target shutting down idle connections costs no request.
 */
export function forwardRequest(
  req: IncomingMessage,
  res: ServerResponse,
  target: TargetAddress,
  options: { pools: TargetPools; from: string; listenerPort: number; style: LoadBalancerStyle },
): void {
  const forwarded = forwardedHeaders(req, options.listenerPort);
  const body = forwarded.body ? req : undefined;
  const method = (req.method ?? 'GET') as Dispatcher.HttpMethod;
  options.pools.get(options.from, target).dispatch({ path: req.url ?? '/', method, headers: forwarded.headers, body }, new ForwardHandler(res, options.style));
  // An upload stops when the client goes away before the answer.
  if (body)
    res.on('close', () => {
      if (!res.writableFinished) req.destroy();
    });
}
