import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { posix } from 'node:path';
import { rawHeader } from '../../network/index.js';
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

/** The log's timestamp changes once a second: formatting it once per second, not per request, keeps a busy server cheap. */
function logClock(site: StaticSite): () => string {
  let second = Number.NaN;
  let text = '';
  return () => {
    const now = Math.floor(site.now() / 1000);
    if (now !== second) {
      second = now;
      text = formatDate(now * 1000, '%d/%b/%Y:%H:%M:%S +0000');
    }
    return text;
  };
}

type Reply = (req: IncomingMessage, res: ServerResponse, status: number, type: string, body: string, headers?: Record<string, string>) => void;

function replier(site: StaticSite): Reply {
  const when = logClock(site);
  const header = (req: IncomingMessage, name: string) => rawHeader(req, name) ?? '-';
  const accessLog = (req: IncomingMessage, status: number, bytes: number) => {
    const common = `${req.socket.remoteAddress ?? '-'} - - [${when()}] "${req.method} ${req.url} HTTP/${req.httpVersion}" ${status} ${bytes}`;
    if (site.logFormat === 'common') return site.log(common);
    site.log(`${common} "${header(req, 'referer')}" "${header(req, 'user-agent')}" "${header(req, 'x-forwarded-for')}"`);
  };
  return (req, res, status, type, body, headers) => {
    const length = Buffer.byteLength(body);
    const head: Record<string, string | number> = { server: site.server, 'content-type': type, 'content-length': length };
    if (headers) Object.assign(head, headers);
    res.writeHead(status, head);
    res.end(req.method === 'HEAD' ? undefined : body);
    accessLog(req, status, length);
  };
}

/** A request's path, decoded and normalised; undefined when it cannot be decoded. */
function requestPath(url: string): string | undefined {
  try {
    return posix.normalize(decodeURIComponent(new URL(url, 'http://site').pathname));
  } catch {
    return undefined;
  }
}

/** Where a request's URL leads: its decoded path, and the file and type a GET of it reads. */
interface Route {
  path: string;
  file: string;
  type: string;
}

function routeOf(site: StaticSite, url: string): Route | undefined {
  const path = requestPath(url);
  if (path === undefined) return undefined;
  const file = path.endsWith('/') ? `${path}index.html` : path;
  return { path, file: posix.join(site.root, file), type: TYPES[posix.extname(file)] ?? 'application/octet-stream' };
}

/** Routes seen, by the request's URL: clients ask for the same few again and again. */
const ROUTES_KEPT = 512;

export function staticSite(site: StaticSite): RequestListener {
  const reply = replier(site);
  const routes = new Map<string, Route | undefined>();
  return (req, res) => {
    const url = req.url ?? '/';
    let route = routes.get(url);
    if (route === undefined && !routes.has(url)) {
      route = routeOf(site, url);
      if (routes.size >= ROUTES_KEPT) routes.clear();
      routes.set(url, route);
    }
    if (route === undefined) return reply(req, res, 400, 'text/plain', 'Bad Request\n');
    const page = site.dynamic?.[route.path];
    if (page) {
      const out = page(req);
      return reply(req, res, out.status ?? 200, out.type ?? 'text/html; charset=UTF-8', out.body, out.headers);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return reply(req, res, 405, 'text/html', site.notAllowed(req.method ?? ''));
    const content = site.files.read(route.file);
    if (content === undefined) return reply(req, res, 404, 'text/html', site.notFound(route.path));
    reply(req, res, 200, route.type, content);
  };
}
