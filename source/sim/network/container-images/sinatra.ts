import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { VirtualContainerContext } from '../../runtime/index.js';
import { listenPort } from './container-common.js';

/**
 * Just enough of Sinatra for the Consul demo's Ruby services: GET routes with `:param`
 * segments, Sinatra's default text/html content type, its 404 and 500 pages, and a WEBrick
 * access log line per request (in the container's log).
 */
export interface SinatraRoute {
  /** `/weather/:city`: each `:name` segment is a parameter. */
  path: string;
  handle(params: Record<string, string>, req: IncomingMessage): Promise<SinatraResult> | SinatraResult;
}

export type SinatraResult = string | { status: number; body?: string; headers?: Record<string, string> };

/** Sinatra's port: the demo's images EXPOSE 4567. */
export const SINATRA_PORT = 4567;

const NOT_FOUND = `<!DOCTYPE html>
<html>
<head><style type="text/css">body { text-align:center;font-family:helvetica,arial;font-size:22px;color:#888;margin:20px}</style></head>
<body><h2>Sinatra doesn't know this ditty.</h2></body>
</html>
`;

function matcher(path: string): (pathname: string) => Record<string, string> | undefined {
  const names: string[] = [];
  const pattern = new RegExp(`^${path.replace(/:(\w+)/g, (_m, name: string) => (names.push(name), '([^/?#]+)'))}$`);
  return (pathname) => {
    const match = pattern.exec(pathname);
    if (!match) return undefined;
    return Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(match[i + 1]!)]));
  };
}

function send(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'text/html;charset=utf-8', 'content-length': Buffer.byteLength(body), ...headers });
  res.end(body);
}

export function sinatraApp(routes: readonly SinatraRoute[], log: (line: string) => void, now: () => number): RequestListener {
  const compiled = routes.map((route) => ({ route, match: matcher(route.path) }));
  return (req, res) => {
    const started = Date.now();
    const pathname = new URL(req.url ?? '/', 'http://app').pathname;
    res.on('finish', () => {
      const when = new Date(now()).toUTCString();
      const length = res.getHeader('content-length') ?? '-';
      log(`${req.socket.remoteAddress ?? '-'} - - [${when}] "${req.method} ${req.url} HTTP/${req.httpVersion}" ${res.statusCode} ${length} ${((Date.now() - started) / 1000).toFixed(4)}`);
    });
    const found = req.method === 'GET' || req.method === 'HEAD' ? compiled.map((c) => ({ ...c, params: c.match(pathname) })).find((c) => c.params) : undefined;
    if (!found) return send(res, 404, NOT_FOUND, { 'x-cascade': 'pass' });
    Promise.resolve()
      .then(() => found.route.handle(found.params!, req))
      .then((result) => {
        if (typeof result === 'string') send(res, 200, result);
        else send(res, result.status, result.body ?? '', result.headers);
      })
      .catch((error: unknown) => {
        log(`${(error as Error).name}: ${(error as Error).message}`);
        send(res, 500, '<h1>Internal Server Error</h1>');
      });
  };
}

/** Serves `routes` on the container's Sinatra port, saying so in its output as Sinatra does; resolves to how to stop it. */
export async function serveSinatra(ctx: VirtualContainerContext, routes: readonly SinatraRoute[]): Promise<{ stop: () => Promise<void> }> {
  const app = sinatraApp(routes, (line) => ctx.log(line), () => ctx.sandbox.now());
  const served = await listenPort(ctx, SINATRA_PORT, app);
  ctx.log(`== Sinatra has taken the stage on ${SINATRA_PORT} for development with backup from WEBrick`);
  return { stop: served.close };
}
