import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startConsulFixture, startHttpServer, waitForConsul, type ConsulFixture } from './consul-fixtures.js';

type Json = any;

let consul: ConsulFixture;
const extras: Array<() => Promise<void>> = [];

beforeEach(async () => {
  consul = await startConsulFixture();
});

afterEach(async () => {
  for (const close of extras.splice(0)) await close();
  await consul.close();
});

async function webService(status = 200) {
  const web = await startHttpServer((_req, res) => {
    res.writeHead(status);
    res.end('OK');
  });
  extras.push(web.close);
  return web;
}

describe('Consul HTTP API', () => {
  it('describes the agent and the leader as Fabio and Registrator read them', async () => {
    const self = (await (await consul.get('/v1/agent/self')).json()) as Json;
    expect(self.Config.Datacenter).toBe('dc1');
    expect(self.Config.NodeName).toBe('consul-server');
    const leader = await consul.get('/v1/status/leader');
    expect(await leader.json()).toBe('127.0.0.1:8300');
    expect(await (await consul.get('/v1/status/peers')).json()).toEqual(['127.0.0.1:8300']);
    const nodes = (await (await consul.get('/v1/catalog/nodes')).json()) as Json[];
    expect(nodes.map((n) => [n.Node, n.Address])).toEqual([['consul-server', '127.0.0.1']]);
  });

  it("keeps a server's own consul service in the catalog, not among the services registered through it", async () => {
    expect(await (await consul.get('/v1/catalog/service/consul')).json()).toMatchObject([{ Node: 'consul-server', ServiceID: 'consul', ServicePort: 8300 }]);
    expect(await (await consul.get('/v1/agent/services')).json()).toEqual({});
    expect((await consul.get('/v1/agent/service/consul')).status).toBe(404);
    const deregister = await consul.put('/v1/agent/service/deregister/consul');
    expect([deregister.status, await deregister.text()]).toEqual([404, 'Unknown service ID "consul". Ensure that the service ID is passed, not the service name.']);
    expect(await (await consul.get('/v1/catalog/services')).json()).toEqual({ consul: [] });
  });

  it('answers every read with the index, last contact and known leader headers', async () => {
    for (const path of ['/v1/catalog/services', '/v1/health/state/any', '/v1/catalog/service/none', '/v1/health/service/none', '/v1/agent/services']) {
      const res = await consul.get(path);
      expect(res.status).toBe(200);
      expect(Number(res.headers.get('x-consul-index'))).toBeGreaterThan(0);
      expect(res.headers.get('x-consul-knownleader')).toBe('true');
      expect(res.headers.get('x-consul-lastcontact')).toBe('0');
    }
  });

  it('registers a service whose HTTP check starts critical and passes after the first good probe', async () => {
    const web = await webService();
    const register = await consul.put('/v1/agent/service/register', {
      ID: 'web-1',
      Name: 'web',
      Tags: ['urlprefix-/web', 'http'],
      Address: '127.0.0.1',
      Port: web.port,
      Check: { HTTP: `${web.url}/health`, Interval: '10s' },
    });
    expect(register.status).toBe(200);

    const services = (await (await consul.get('/v1/agent/services')).json()) as Json;
    expect(services['web-1']).toMatchObject({ ID: 'web-1', Service: 'web', Tags: ['urlprefix-/web', 'http'], Port: web.port, Address: '127.0.0.1' });
    const checks = (await (await consul.get('/v1/agent/checks')).json()) as Json;
    expect(checks['service:web-1']).toMatchObject({ Status: 'critical', Name: "Service 'web' check", ServiceID: 'web-1', Output: '' });
    expect(await (await consul.get('/v1/health/service/web?passing')).json()).toEqual([]);

    consul.t.advance(10_000);
    const passing = await waitForConsul<Json[]>(consul, '/v1/health/service/web?passing', (body) => body.length === 1);
    expect(passing[0].Service).toMatchObject({ ID: 'web-1', Service: 'web', Port: web.port });
    expect(passing[0].Node.Node).toBe('consul-server');
    const serviceCheck = passing[0].Checks.find((c: Json) => c.CheckID === 'service:web-1');
    expect(serviceCheck.Status).toBe('passing');
    expect(serviceCheck.Output).toContain('HTTP GET');
    expect(serviceCheck.Output).toContain('200 OK');
    expect(passing[0].Checks.map((c: Json) => c.CheckID)).toContain('serfHealth');

    expect(await (await consul.get('/v1/catalog/services')).json()).toEqual({ consul: [], web: ['urlprefix-/web', 'http'] });
    const catalog = (await (await consul.get('/v1/catalog/service/web')).json()) as Json[];
    expect(catalog[0]).toMatchObject({ Node: 'consul-server', ServiceID: 'web-1', ServiceName: 'web', ServiceAddress: '127.0.0.1', ServicePort: web.port });
    expect(await (await consul.get('/v1/catalog/service/web?tag=nope')).json()).toEqual([]);
  });

  it('takes a service out of ?passing when its check starts failing, and says why', async () => {
    let status = 200;
    const api = await startHttpServer((_req, res) => {
      res.writeHead(status);
      res.end('OK');
    });
    extras.push(api.close);
    await consul.put('/v1/agent/service/register', { Name: 'api', Port: api.port, Check: { HTTP: `${api.url}/`, Interval: '5s' } });
    consul.t.advance(5_000);
    await waitForConsul<Json[]>(consul, '/v1/health/service/api?passing', (body) => body.length === 1);

    status = 500;
    consul.t.advance(5_000);
    const checks = await waitForConsul<Json[]>(consul, '/v1/health/checks/api', (body) => body[0]?.Status === 'critical');
    expect(checks[0].Output).toContain('500 Internal Server Error');
    expect(await (await consul.get('/v1/health/service/api?passing')).json()).toEqual([]);
    expect(((await (await consul.get('/v1/health/service/api')).json()) as Json[]).length).toBe(1);
    const critical = (await (await consul.get('/v1/health/state/critical')).json()) as Json[];
    expect(critical.map((c) => c.CheckID)).toEqual(['service:api']);
  });

  it('holds a blocking query until the catalog changes, then returns a higher index', async () => {
    await consul.put('/v1/agent/service/register', { ID: 'a', Name: 'a', Port: 1000 });
    const first = await consul.get('/v1/health/service/a');
    const index = Number(first.headers.get('x-consul-index'));
    const blocked = consul.get(`/v1/health/service/a?index=${index}&wait=1m`);
    await consul.put('/v1/agent/service/deregister/a');
    const res = await blocked;
    expect(Number(res.headers.get('x-consul-index'))).toBeGreaterThan(index);
    expect(await res.json()).toEqual([]);
  });

  it('returns a blocking query with the same index when its wait ends without a change', async () => {
    const first = await consul.get('/v1/catalog/services');
    const index = first.headers.get('x-consul-index');
    const res = await consul.get(`/v1/catalog/services?index=${index}&wait=200ms`);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-consul-index')).toBe(index);
  });

  it('runs TTL checks on the sandbox clock', async () => {
    await consul.put('/v1/agent/service/register', { ID: 'worker', Name: 'worker', Check: { TTL: '30s' } });
    expect((await consul.put('/v1/agent/check/pass/service:worker?note=alive')).status).toBe(200);
    let checks = (await (await consul.get('/v1/agent/checks')).json()) as Json;
    expect(checks['service:worker']).toMatchObject({ Status: 'passing', Output: 'alive', Type: 'ttl' });
    consul.t.advance(30_000);
    checks = (await (await consul.get('/v1/agent/checks')).json()) as Json;
    expect(checks['service:worker']).toMatchObject({ Status: 'critical', Output: 'TTL expired' });
    expect((await consul.put('/v1/agent/check/pass/nope')).status).toBe(404);
  });

  it('stores KV values in base64, raw, recursively and as keys', async () => {
    expect(await (await consul.put('/v1/kv/fabio/config', 'route add web /web http://x/')).json()).toBe(true);
    expect(await (await consul.put('/v1/kv/fabio/noroute.html?flags=42', '<p>none</p>')).json()).toBe(true);
    const [entry] = (await (await consul.get('/v1/kv/fabio/config')).json()) as Json[];
    expect(entry).toMatchObject({ Key: 'fabio/config', Flags: 0, LockIndex: 0 });
    expect(Buffer.from(entry.Value, 'base64').toString()).toBe('route add web /web http://x/');
    expect(await (await consul.get('/v1/kv/fabio/config?raw')).text()).toBe('route add web /web http://x/');
    const all = (await (await consul.get('/v1/kv/fabio?recurse')).json()) as Json[];
    expect(all.map((e) => [e.Key, e.Flags])).toEqual([['fabio/config', 0], ['fabio/noroute.html', 42]]);
    expect(await (await consul.get('/v1/kv/?keys&separator=/')).json()).toEqual(['fabio/']);

    const missing = await consul.get('/v1/kv/nothing');
    expect(missing.status).toBe(404);
    expect(Number(missing.headers.get('x-consul-index'))).toBeGreaterThan(0);

    expect(await (await consul.put(`/v1/kv/fabio/config?cas=1`, 'stale')).json()).toBe(false);
    expect(await (await consul.put(`/v1/kv/fabio/config?cas=${entry.ModifyIndex}`, 'fresh')).json()).toBe(true);
    expect(await (await consul.del('/v1/kv/fabio?recurse')).json()).toBe(true);
    expect((await consul.get('/v1/kv/fabio/config')).status).toBe(404);
  });

  it('wakes a blocking KV read when the key is written', async () => {
    const first = await consul.get('/v1/kv/fabio/config');
    const index = first.headers.get('x-consul-index');
    const blocked = consul.get(`/v1/kv/fabio/config?index=${index}&wait=1m`);
    await consul.put('/v1/kv/fabio/config', 'route add a /a http://a/');
    const res = await blocked;
    expect(res.status).toBe(200);
    expect(Number(res.headers.get('x-consul-index'))).toBeGreaterThan(Number(index));
  });

  it('refuses bad input with the messages Consul gives', async () => {
    const cases: Array<[string, string | object, number, string]> = [
      ['/v1/agent/service/register', 'xyz', 400, "Request decode failed: invalid character 'x' looking for beginning of value"],
      ['/v1/agent/service/register', '{"Name": "web",', 400, 'Request decode failed: unexpected EOF'],
      ['/v1/agent/service/register', '', 400, 'Request decode failed: EOF'],
      ['/v1/agent/service/register', { Name: 'web', Port: 'eighty' }, 400, 'Request decode failed: json: cannot unmarshal string into Go struct field ServiceDefinition.Port of type int'],
      ['/v1/agent/service/register', { Port: 80 }, 400, 'Missing service name'],
      ['/v1/agent/service/register', { Name: 'web', Address: '0.0.0.0' }, 400, 'Invalid service address'],
      ['/v1/agent/service/register', { Name: 'web', Check: { HTTP: 'http://x/' } }, 400, 'Invalid check: Interval must be > 0 for Script, HTTP, H2PING, TCP, UDP or OSService checks'],
      ['/v1/agent/service/register', { Name: 'web', Check: { Interval: 'soon', HTTP: 'http://x/' } }, 400, 'Request decode failed: time: invalid duration "soon"'],
      ['/v1/agent/service/register', { Name: 'web', Check: { TTL: '10s', Status: 'fine' } }, 400, "Status for checks must 'passing', 'warning', 'critical'"],
    ];
    for (const [path, body, status, message] of cases) {
      const res = await consul.put(path, body);
      expect([res.status, await res.text()]).toEqual([status, message]);
    }
    const wait = await consul.get('/v1/catalog/services?index=1&wait=forever');
    expect([wait.status, await wait.text()]).toEqual([400, 'Invalid wait time']);
    const state = await consul.get('/v1/health/state/sleepy');
    expect([state.status, await state.text()]).toEqual([400, 'Invalid state']);
    const gone = await consul.put('/v1/agent/service/deregister/ghost');
    expect(gone.status).toBe(404);
    expect(await gone.text()).toContain('Unknown service ID "ghost"');
    const method = await consul.get('/v1/agent/service/register');
    expect([method.status, await method.text()]).toEqual([405, 'method GET not allowed']);
    expect((await consul.get('/v1/agent/self')).status).toBe(200);
  });
});
