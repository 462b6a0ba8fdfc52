import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders, type RequestListener } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { RouteTable, RouteTarget, Strategy } from './route-table.js';

/**
 * Fabio's HTTP proxy (:9999): each request goes to a target of the route that matches its
 * host and path, with the route's options applied (strip=, prepend=, host=dst), and the
 * forwarding headers Fabio adds. No route: 404 (proxy.noroutestatus); a target that does not
 * answer: 502, as Go's reverse proxy says it.
 */
export interface ProxyOptions {
  table(): RouteTable;
  strategy: Strategy;
  random(): number;
  noRouteStatus: number;
}

const HOP_BY_HOP = ['connection', 'keep-alive', 'proxy-authenticate', 'proxy-authorization', 'te', 'trailer', 'transfer-encoding', 'upgrade'];

/** Joins the target's base path and the request's path with exactly one slash between them. */
function joinPath(base: string, path: string): string {
  if (base.endsWith('/') && path.startsWith('/')) return base + path.slice(1);
  if (!base.endsWith('/') && !path.startsWith('/')) return `${base}/${path}`;
  return base + path;
}

function outgoingPath(target: RouteTarget, pathname: string): string {
  let path = pathname;
  const strip = target.opts.strip;
  if (strip && path.startsWith(strip)) path = path.slice(strip.length) || '/';
  const prepend = target.opts.prepend;
  if (prepend) path = joinPath(prepend, path);
  return joinPath(target.dst.pathname, path);
}

function forwardedHeaders(incoming: IncomingHttpHeaders, clientIp: string, localIp: string, localPort: number, target: RouteTarget): IncomingHttpHeaders {
  const headers: IncomingHttpHeaders = { ...incoming };
  for (const name of HOP_BY_HOP) delete headers[name];
  const prior = incoming['x-forwarded-for'];
  headers['x-forwarded-for'] = prior ? `${prior}, ${clientIp}` : clientIp;
  headers['x-forwarded-proto'] ??= 'http';
  headers['x-forwarded-port'] ??= String(localPort);
  headers.forwarded = `for=${clientIp}; proto=http; by=${localIp}`;
  if (target.opts.host === 'dst') headers.host = target.dst.host;
  else if (target.opts.host) headers.host = target.opts.host;
  return headers;
}

/** The proxy's request listener, and how to drop the connections it keeps open to targets. */
export function fabioProxy(options: ProxyOptions): { listener: RequestListener; close(): void } {
  const httpAgent = new HttpAgent({ keepAlive: true });
  const httpsAgent = new HttpsAgent({ keepAlive: true });
  const listener: RequestListener = (req, res) => {
    const url = new URL(req.url ?? '/', 'http://fabio');
    const target = options.table().lookup(req.headers.host, url.pathname, options.strategy, options.random);
    if (!target) {
      res.writeHead(options.noRouteStatus, { 'content-length': 0 });
      res.end();
      return;
    }
    const redirect = target.opts.redirect;
    if (redirect) {
      res.writeHead(Number(redirect) || 301, { location: target.dst.href.replace('$path', url.pathname.slice(1)), 'content-length': 0 });
      res.end();
      return;
    }
    const socket = req.socket;
    const headers = forwardedHeaders(req.headers, socket.remoteAddress ?? '', socket.localAddress ?? '', socket.localPort ?? 0, target);
    const https = target.dst.protocol === 'https:';
    const send = https ? httpsRequest : httpRequest;
    const upstream = send(
      {
        protocol: target.dst.protocol,
        hostname: target.dst.hostname,
        port: target.dst.port,
        method: req.method,
        path: outgoingPath(target, url.pathname) + url.search,
        headers,
        agent: https ? httpsAgent : httpAgent,
        rejectUnauthorized: target.opts.tlsskipverify !== 'true',
      },
      (answer) => {
        const out: IncomingHttpHeaders = { ...answer.headers };
        for (const name of HOP_BY_HOP) if (name !== 'transfer-encoding') delete out[name];
        res.writeHead(answer.statusCode ?? 502, out);
        answer.pipe(res);
        answer.on('error', () => res.destroy());
      },
    );
    upstream.on('error', () => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      res.writeHead(502, { 'content-length': 0 });
      res.end();
    });
    req.pipe(upstream);
    res.on('close', () => {
      if (!res.writableFinished) upstream.destroy();
    });
  };
  return {
    listener,
    close: () => {
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  };
}
