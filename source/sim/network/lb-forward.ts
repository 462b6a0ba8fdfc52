import { randomBytes } from 'node:crypto';
import { Agent, request, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
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
  return `Root=1-${Math.floor(Date.now() / 1000).toString(16)}-${randomBytes(12).toString('hex')}`;
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
 * Forwards `req` to `target` and streams the answer back. Connections to targets are kept
 * alive; one that the target closed just as it was reused is retried once on a new one when
 * the request has no body, so a target shutting down idle connections costs no request.
 */
export function forwardRequest(
  req: IncomingMessage,
  res: ServerResponse,
  target: TargetAddress,
  options: { agent: Agent; listenerPort: number; style: LoadBalancerStyle },
): void {
  const headers = forwardedHeaders(req, options.listenerPort);
  const send = (retry: boolean) => {
    const upstream = request({ host: target.host, port: target.port, method: req.method, path: req.url, headers, agent: options.agent });
    let timedOut = false;
    upstream.setTimeout(IDLE_TIMEOUT_MS, () => {
      timedOut = true;
      upstream.destroy();
      loadBalancerError(res, 504, options.style);
    });
    upstream.on('response', (answer) => {
      const out: Record<string, string | string[]> = {};
      for (const [name, value] of Object.entries(answer.headers)) if (value !== undefined && !HOP_BY_HOP.has(name)) out[name] = value;
      res.writeHead(answer.statusCode ?? 502, answer.statusMessage, out);
      answer.pipe(res);
      answer.on('error', () => res.destroy());
    });
    upstream.on('error', (error: NodeJS.ErrnoException) => {
      if (timedOut) return;
      if (retry && upstream.reusedSocket && error.code === 'ECONNRESET' && !res.headersSent) return send(false);
      if (!res.destroyed) loadBalancerError(res, 502, options.style);
    });
    if (hasBody(req)) req.pipe(upstream);
    else upstream.end();
  };
  res.on('close', () => {
    if (!res.writableFinished) req.destroy();
  });
  send(!hasBody(req));
}
