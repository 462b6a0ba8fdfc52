import type { RequestListener, ServerResponse } from 'node:http';
import type { FabioProperties } from './properties.js';
import type { RouteTable } from './route-table.js';

/**
 * Fabio's UI and API port (:9998): /health (what Consul checks), /api/routes (JSON, or the
 * route commands with ?raw), /api/config, /api/version, and /routes, a page of the table.
 */
export const FABIO_VERSION = '1.6.3';

function send(res: ServerResponse, status: number, contentType: string, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(body), ...headers });
  res.end(body);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}

function routesPage(table: RouteTable): string {
  const rows = table
    .apiRoutes()
    .map((r, i) => `<tr><td>${i + 1}</td><td>${escapeHtml(r.service)}</td><td>${escapeHtml(r.host)}</td><td>${escapeHtml(r.path)}</td><td>${escapeHtml(r.dst)}</td><td>${escapeHtml(r.opts)}</td><td>${(r.weight * 100).toFixed(2)}%</td></tr>`)
    .join('\n');
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>fabio - routes</title>
<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3em .6em;text-align:left}</style>
</head><body><h1>fabio ${FABIO_VERSION}: routing table</h1>
<table><thead><tr><th>#</th><th>Service</th><th>Host</th><th>Path</th><th>Dest</th><th>Options</th><th>Weight</th></tr></thead>
<tbody>
${rows}
</tbody></table></body></html>
`;
}

export function fabioUi(table: () => RouteTable, properties: FabioProperties): RequestListener {
  return (req, res) => {
    const url = new URL(req.url ?? '/', 'http://fabio');
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain; charset=utf-8', 'Method not allowed\n');
    switch (url.pathname) {
      case '/health':
        return send(res, 200, 'text/plain; charset=utf-8', 'OK\n');
      case '/':
        return send(res, 303, 'text/html; charset=utf-8', '', { location: '/routes' });
      case '/routes':
        return send(res, 200, 'text/html; charset=utf-8', routesPage(table()));
      case '/api/routes':
        if (url.searchParams.has('raw')) return send(res, 200, 'text/plain; charset=utf-8', table().commands().join('\n') + '\n');
        return send(res, 200, 'application/json', JSON.stringify(table().apiRoutes()));
      case '/api/version':
        return send(res, 200, 'text/plain; charset=utf-8', `${FABIO_VERSION}\n`);
      case '/api/config':
        return send(res, 200, 'application/json', JSON.stringify({ Proxy: { Strategy: properties.strategy, NoRouteStatus: properties.noRouteStatus }, Registry: { Consul: properties } }));
      default:
        return send(res, 404, 'text/plain; charset=utf-8', '404 page not found\n');
    }
  };
}
