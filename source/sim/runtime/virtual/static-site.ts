import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { posix } from 'node:path';
import type { ContainerFiles } from './container-files.js';
import { formatDate } from './shell-programs.js';

/**
 * A web server's static files: GET and HEAD of a file under its document root (a directory's
 * index.html), its own pages for 404 and 405, and an access log line per request in the
 * common log format, as nginx and httpd write to their container's output.
 */
export interface StaticSite {
  files: ContainerFiles;
  root: string;
  /** The Server header. */
  server: string;
  notFound(path: string): string;
  notAllowed(method: string): string;
  /** nginx's `main` log format, or Apache's common one. */
  logFormat: 'nginx' | 'common';
  /** Where the access log goes. */
  log(line: string): void;
  /** Sandbox time, for the log. */
  now(): number;
  /** Pages computed per request (a PHP script), by path. */
  dynamic?: Record<string, (req: IncomingMessage) => { status?: number; type?: string; body: string; headers?: Record<string, string> }>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.htm': 'text/html',
  '.css': 'text/css',
  '.js': 'application/javascript',
  '.json': 'application/json',
  '.txt': 'text/plain',
};

function accessLog(site: StaticSite, req: IncomingMessage, status: number, bytes: number): void {
  const when = formatDate(site.now(), '%d/%b/%Y:%H:%M:%S +0000');
  const common = `${req.socket.remoteAddress ?? '-'} - - [${when}] "${req.method} ${req.url} HTTP/${req.httpVersion}" ${status} ${bytes}`;
  if (site.logFormat === 'common') return site.log(common);
  const header = (name: string) => String(req.headers[name] ?? '-');
  site.log(`${common} "${header('referer')}" "${header('user-agent')}" "${header('x-forwarded-for')}"`);
}

function reply(site: StaticSite, req: IncomingMessage, res: ServerResponse, status: number, type: string, body: string, headers: Record<string, string> = {}): void {
  const length = Buffer.byteLength(body);
  res.writeHead(status, { server: site.server, 'content-type': type, 'content-length': length, ...headers });
  res.end(req.method === 'HEAD' ? undefined : body);
  accessLog(site, req, status, length);
}

export function staticSite(site: StaticSite): RequestListener {
  return (req, res) => {
    let path: string;
    try {
      path = posix.normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://site').pathname));
    } catch {
      return reply(site, req, res, 400, 'text/plain', 'Bad Request\n');
    }
    const page = site.dynamic?.[path];
    if (page) {
      const out = page(req);
      return reply(site, req, res, out.status ?? 200, out.type ?? 'text/html; charset=UTF-8', out.body, out.headers);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return reply(site, req, res, 405, 'text/html', site.notAllowed(req.method ?? ''));
    const file = path.endsWith('/') ? `${path}index.html` : path;
    const content = site.files.read(posix.join(site.root, file));
    if (content === undefined) return reply(site, req, res, 404, 'text/html', site.notFound(path));
    reply(site, req, res, 200, TYPES[posix.extname(file)] ?? 'application/octet-stream', content);
  };
}
