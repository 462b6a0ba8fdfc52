import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { Pool, type Dispatcher } from 'undici';
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

function forwardedHeaders(req: IncomingMessage, listenerPort: number): IncomingHttpHeaders {
  const headers: IncomingHttpHeaders = {};
  for (const [name, value] of Object.entries(req.headers)) if (!HOP_BY_HOP.has(name)) headers[name] = value;
  const client = (req.socket.remoteAddress ?? '').replace(/^::ffff:/, '');
  const prior = req.headers['x-forwarded-for'];
  headers['x-forwarded-for'] = prior ? `${prior}, ${client}` : client;
  headers['x-forwarded-proto'] = 'http';
  headers['x-forwarded-port'] = String(listenerPort);
  headers['x-amzn-trace-id'] ??= traceId();
  return headers;
}

function hasBody(req: IncomingMessage): boolean {
  return req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
}

/**
 * Connections to the targets, a keep-alive pool per target address (undici's: it costs a
 * fraction of node:http's client per request, which is most of a proxy's work).
 */
export class TargetPools {
  private readonly pools = new Map<string, Pool>();

  get(target: TargetAddress): Pool {
    const origin = `http://${target.host}:${target.port}`;
    let pool = this.pools.get(origin);
    if (!pool) {
      pool = new Pool(origin, { connections: 64, keepAliveTimeout: IDLE_TIMEOUT_MS, headersTimeout: IDLE_TIMEOUT_MS, bodyTimeout: IDLE_TIMEOUT_MS });
      this.pools.set(origin, pool);
    }
    return pool;
  }

  async close(): Promise<void> {
    const pools = [...this.pools.values()];
    this.pools.clear();
    await Promise.all(pools.map((pool) => pool.destroy().catch(() => undefined)));
  }
}

function answerHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) if (value !== undefined && !HOP_BY_HOP.has(name)) out[name] = value;
  return out;
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
  options: { pools: TargetPools; listenerPort: number; style: LoadBalancerStyle },
): void {
  const body = hasBody(req) ? req : undefined;
  options.pools
    .get(target)
    .stream(
      { path: req.url ?? '/', method: (req.method ?? 'GET') as Dispatcher.HttpMethod, headers: forwardedHeaders(req, options.listenerPort) as Record<string, string>, body, opaque: res },
      ({ statusCode, headers, opaque }) => {
        const out = opaque as ServerResponse;
        out.writeHead(statusCode, answerHeaders(headers));
        return out;
      },
    )
    .catch((error: { code?: string }) => {
      if (res.destroyed) return;
      const timedOut = error.code === 'UND_ERR_HEADERS_TIMEOUT' || error.code === 'UND_ERR_BODY_TIMEOUT';
      loadBalancerError(res, timedOut ? 504 : 502, options.style);
    });
  res.on('close', () => {
    if (!res.writableFinished) req.destroy();
  });
}
