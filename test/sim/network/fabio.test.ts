import { createServer, get, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFabio, type RunningFabio } from '../../../source/sim/network/fabio/fabio.js';
import { fabioProperties } from '../../../source/sim/network/fabio/properties.js';
import { routeCommands } from '../../../source/sim/network/fabio/route-commands.js';
import { RouteTable } from '../../../source/sim/network/fabio/route-table.js';
import { startConsulFixture, startHttpServer, waitForConsul, type ConsulFixture } from './consul-fixtures.js';

type Json = any;

let consul: ConsulFixture;
let fabio: RunningFabio;
const closers: Array<() => Promise<void>> = [];

async function listenLocal(handler: RequestListener): Promise<string> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(
    () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A backend that answers with its name and the path it was asked for. */
async function backend(name: string) {
  const server = await startHttpServer((req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ name, path: req.url, host: req.headers.host, forwardedFor: req.headers['x-forwarded-for'] }));
  });
  closers.push(server.close);
  return server;
}

/** GET with a Host header of our choosing (fetch does not let a caller set one). */
function getWithHost(url: string, host: string): Promise<Json> {
  return new Promise((resolve, reject) => {
    get(url, { headers: { host } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))));
    }).on('error', reject);
  });
}

/** Registers an instance with a TTL check and passes it, so that it is routed at once. */
async function registerPassing(id: string, name: string, port: number, tags: string[]) {
  await consul.put('/v1/agent/service/register', { ID: id, Name: name, Address: '127.0.0.1', Port: port, Tags: tags, Check: { TTL: '10m' } });
  await consul.put(`/v1/agent/check/pass/service:${id}`);
}

/** Polls Fabio's routing table until it satisfies `ready` (each round waits for the event loop to turn). */
async function waitForRoutes(ready: (routes: Json[]) => boolean): Promise<Json[]> {
  for (let round = 0; round < 200; round++) {
    const routes = (await (await fetch(`${fabio.uiUrl}/api/routes`)).json()) as Json[];
    if (ready(routes)) return routes;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('the routing table never got there');
}

beforeEach(async () => {
  consul = await startConsulFixture();
  fabio = await startFabio({
    sandbox: consul.t.running.sandbox,
    properties: fabioProperties([], {}),
    consulUrl: () => consul.http,
    listenProxy: listenLocal,
    listenUi: listenLocal,
    hostname: 'fabio-test',
    log: () => undefined,
  });
});

afterEach(async () => {
  await fabio.stop();
  for (const close of closers.splice(0)) await close();
  await consul.close();
});

describe('Fabio', () => {
  it('routes by path prefix to passing instances, round-robin', async () => {
    const a = await backend('web-a');
    const b = await backend('web-b');
    await registerPassing('web-a', 'web', a.port, ['urlprefix-/web']);
    await registerPassing('web-b', 'web', b.port, ['urlprefix-/web']);
    await waitForRoutes((routes) => routes.length === 2);
    const names = [];
    for (let i = 0; i < 4; i++) {
      const body = (await (await fetch(`${fabio.proxyUrl}/web/page?x=1`)).json()) as Json;
      expect(body.path).toBe('/web/page?x=1');
      expect(body.forwardedFor).toBe('127.0.0.1');
      names.push(body.name);
    }
    expect(names.slice(0, 2).sort()).toEqual(['web-a', 'web-b']);
    expect(names.slice(2)).toEqual(names.slice(0, 2));
    expect((await fetch(`${fabio.proxyUrl}/other`)).status).toBe(404);
  });

  it('strips a prefix and routes by host before path-only routes', async () => {
    const api = await backend('api');
    const site = await backend('site');
    await registerPassing('api', 'api', api.port, ['urlprefix-/api strip=/api', 'v1']);
    await registerPassing('site', 'site', site.port, ['urlprefix-example.com/']);
    await waitForRoutes((routes) => routes.length === 2);
    const stripped = (await (await fetch(`${fabio.proxyUrl}/api/users`)).json()) as Json;
    expect(stripped).toMatchObject({ name: 'api', path: '/users' });
    const hosted = await getWithHost(`${fabio.proxyUrl}/api/users`, 'example.com');
    expect(hosted).toMatchObject({ name: 'site', path: '/api/users', host: 'example.com' });

    const routes = await waitForRoutes(() => true);
    expect(routes.find((r) => r.service === 'api')).toMatchObject({ host: '', path: '/api', src: '/api', opts: 'strip=/api', weight: 1, tags: ['v1'], cmd: 'route add' });
    expect(routes.find((r) => r.service === 'site')).toMatchObject({ host: 'example.com', path: '/', dst: `http://127.0.0.1:${site.port}/` });
    const raw = await (await fetch(`${fabio.uiUrl}/api/routes?raw`)).text();
    expect(raw).toContain(`route add api /api http://127.0.0.1:${api.port}/ tags "v1" opts "strip=/api"`);
  });

  it('drops an instance when it is deregistered or its check fails', async () => {
    const a = await backend('a');
    const b = await backend('b');
    await registerPassing('a', 'svc', a.port, ['urlprefix-/svc']);
    await registerPassing('b', 'svc', b.port, ['urlprefix-/svc']);
    await waitForRoutes((routes) => routes.length === 2);
    await consul.put('/v1/agent/service/deregister/a');
    await waitForRoutes((routes) => routes.length === 1 && routes[0].dst.endsWith(`:${b.port}/`));
    await consul.put('/v1/agent/check/fail/service:b');
    await waitForRoutes((routes) => routes.length === 0);
    expect((await fetch(`${fabio.proxyUrl}/svc`)).status).toBe(404);
  });

  it('answers 502 when a routed instance does not answer', async () => {
    const gone = await backend('gone');
    await registerPassing('gone', 'gone', gone.port, ['urlprefix-/gone']);
    await waitForRoutes((routes) => routes.length === 1);
    await gone.close();
    expect((await fetch(`${fabio.proxyUrl}/gone`)).status).toBe(502);
  });

  it('serves its health, registers itself in Consul and passes its own check', async () => {
    expect(await (await fetch(`${fabio.uiUrl}/health`)).text()).toBe('OK\n');
    consul.t.advance(1000);
    const services = await waitForConsul<Json>(consul, '/v1/catalog/services', (body) => 'fabio' in body);
    expect(services.fabio).toEqual([]);
    consul.t.advance(2000);
    const passing = await waitForConsul<Json[]>(consul, '/v1/health/service/fabio?passing', (body) => body.length === 1);
    expect(passing[0].Service).toMatchObject({ ID: `fabio-fabio-test-${new URL(fabio.uiUrl).port}`, Port: Number(new URL(fabio.uiUrl).port) });
  });
});

describe('Fabio route commands', () => {
  const svc = (tags: string[], address = '10.0.0.5') => ({ Node: 'n', Address: '10.0.0.1', ServiceID: 'x', ServiceName: 'x', ServiceTags: tags, ServiceAddress: address, ServicePort: 8080 });

  it('turns urlprefix- tags into route commands as Fabio does', () => {
    const commands = routeCommands(svc(['urlprefix-/a', 'urlprefix-Example.com/b strip=/b', 'urlprefix-$DC.example/c', 'blue', 'urlprefix-:1234 proto=tcp']), 'urlprefix-', { DC: 'dc1' });
    expect(commands.map((c) => [c.src, c.dst, c.opts, c.tags])).toEqual([
      ['/a', 'http://10.0.0.5:8080/', [], ['blue']],
      ['example.com/b', 'http://10.0.0.5:8080/', ['strip=/b'], ['blue']],
      ['dc1.example/c', 'http://10.0.0.5:8080/', [], ['blue']],
      [':1234', 'tcp://10.0.0.5:8080', [], ['blue']],
    ]);
    expect(routeCommands(svc(['urlprefix-/a'], ''), 'urlprefix-', {})[0]!.dst).toBe('http://10.0.0.1:8080/');
  });

  it('gives a fixed weight its share and splits the rest, on a weighted round-robin ring', () => {
    const base = { service: 'x', src: '/', tags: [], opts: [] };
    const table = new RouteTable([
      { ...base, dst: 'http://a:1/', weight: 0.5 },
      { ...base, dst: 'http://b:1/', weight: 0 },
      { ...base, dst: 'http://c:1/', weight: 0 },
    ]);
    expect(table.apiRoutes().map((r) => [r.dst, r.weight])).toEqual([
      ['http://a:1/', 0.5],
      ['http://b:1/', 0.25],
      ['http://c:1/', 0.25],
    ]);
    const counts: Record<string, number> = {};
    for (let i = 0; i < 400; i++) {
      const target = table.lookup('any', '/x', 'rr', () => 0)!;
      counts[target.dst.host] = (counts[target.dst.host] ?? 0) + 1;
    }
    expect(counts).toEqual({ 'a:1': 200, 'b:1': 100, 'c:1': 100 });
  });

  it('reads its settings from flags and FABIO_ variables', () => {
    const props = fabioProperties(['-proxy.strategy=rnd', '-registry.consul.addr', '10.0.0.1:8500'], { FABIO_registry_consul_register_enabled: 'false' });
    expect(props).toMatchObject({ strategy: 'rnd', consulAddr: '10.0.0.1:8500', registerEnabled: false, proxyPort: 9999, uiPort: 9998, tagPrefix: 'urlprefix-' });
  });
});
