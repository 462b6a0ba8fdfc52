import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { ConsulAgent } from './agent.js';
import { agentEndpoint } from './agent-endpoints.js';
import { catalogEndpoint } from './catalog-endpoints.js';
import { notFound, text, type ConsulReply, type ConsulRequest } from './http-common.js';
import { kvEndpoint } from './kv-endpoints.js';

/** Bodies above this are refused before they are read to the end. */
const MAX_BODY_BYTES = 1024 * 1024;

/**
 * An agent's HTTP API (what `consul agent` serves on :8500): the request listener to bind
 * wherever the agent listens.
 */
export function consulRequestListener(agent: ConsulAgent): RequestListener {
  return (req, res) => {
    const aborter = new AbortController();
    res.on('close', () => aborter.abort());
    readBody(req)
      .then((body) => {
        if (body === undefined) return text(413, `Request body too large, max size: ${MAX_BODY_BYTES} bytes`);
        const url = new URL(req.url ?? '/', 'http://consul');
        const request: ConsulRequest = {
          method: req.method ?? 'GET',
          path: url.pathname.replace(/^\/v1\//, ''),
          query: url.searchParams,
          body,
          agent,
          signal: aborter.signal,
        };
        return route(url.pathname, request);
      })
      .catch((error: unknown) => text(500, error instanceof Error ? error.message : String(error)))
      .then((reply) => send(res, reply))
      .catch(() => res.destroy());
  };
}

function route(pathname: string, req: ConsulRequest): ConsulReply | Promise<ConsulReply> {
  if (pathname === '/') return text(200, 'Consul Agent: UI disabled. To enable, set ui_config.enabled=true in the agent configuration and restart.');
  if (!pathname.startsWith('/v1/')) return notFound();
  const path = req.path;
  if (path.startsWith('agent/')) return agentEndpoint(req);
  if (path.startsWith('catalog/') || path.startsWith('health/') || path.startsWith('status/')) return catalogEndpoint(req);
  if (path === 'kv' || path.startsWith('kv/')) return kvEndpoint(req);
  return notFound();
}

/** The body, or undefined when it is larger than Consul would take. */
function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? undefined : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, reply: ConsulReply): void {
  if (res.destroyed) return;
  const body = typeof reply.body === 'string' ? Buffer.from(reply.body, 'utf8') : reply.body;
  const headers: Record<string, string | number> = { ...reply.headers, 'content-length': body.length, vary: 'Accept-Encoding' };
  if (reply.contentType) headers['content-type'] = reply.contentType;
  res.writeHead(reply.status, headers);
  res.end(body);
}
