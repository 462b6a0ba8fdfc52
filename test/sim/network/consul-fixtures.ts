import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startStandaloneConsul } from '../../../source/sim/network/consul/standalone.js';
import { startTestSandbox, type TestSandbox } from '../../support/sandbox.js';

/**
 * A sandbox with a standalone Consul server on free loopback ports, and a plain HTTP client
 * that speaks Consul's documented API (fetch, nothing from the product).
 */
export interface ConsulFixture {
  t: TestSandbox;
  http: string;
  dns: { host: string; port: number };
  get(path: string): Promise<Response>;
  put(path: string, body?: string | object): Promise<Response>;
  del(path: string): Promise<Response>;
  close(): Promise<void>;
}

export async function startConsulFixture(): Promise<ConsulFixture> {
  const t = await startTestSandbox();
  const consul = await startStandaloneConsul(t.running.sandbox, { httpPort: 0, dnsPort: 0 });
  const http = consul.httpUrl;
  const send = (method: string, path: string, body?: string | object) =>
    fetch(`${http}${path}`, { method, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });
  return {
    t,
    http,
    dns: consul.dns,
    get: (path) => send('GET', path),
    put: (path, body) => send('PUT', path, body),
    del: (path) => send('DELETE', path),
    close: () => t.close(),
  };
}

/** A plain HTTP server on a free loopback port, standing in for a service. */
export async function startHttpServer(handler: RequestListener): Promise<{ url: string; port: number; server: Server; close(): Promise<void> }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * Waits, with Consul's own blocking queries, until `path` answers something `ready` accepts:
 * each round asks again with the last X-Consul-Index, so it wakes on every change.
 */
export async function waitForConsul<T>(fixture: ConsulFixture, path: string, ready: (body: T) => boolean, rounds = 50): Promise<T> {
  let index = '0';
  for (let round = 0; round < rounds; round++) {
    const separator = path.includes('?') ? '&' : '?';
    const res = await fixture.get(`${path}${separator}index=${index}&wait=2s`);
    const body = (await res.json()) as T;
    if (ready(body)) return body;
    index = res.headers.get('x-consul-index') ?? '0';
  }
  throw new Error(`${path} never became ready`);
}
