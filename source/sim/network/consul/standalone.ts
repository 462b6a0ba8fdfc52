import type { Sandbox } from '../../sandbox.js';
import { createDatacenter, findDatacenter, STANDALONE_KEY } from './datacenter.js';
import { ownHttpServer, runConsulAgent, type RunningAgent } from './run-agent.js';

/**
 * A Consul server outside any cluster (`ecsh serve --consul`), as the demo's Consul server ran
 * on an instance of its own: HTTP on 8500 and DNS on 8600 of 127.0.0.1 (or free ports where
 * those are taken, said once). Clusters without a Consul server of their own use it.
 */
export interface StandaloneConsulOptions {
  host?: string;
  httpPort?: number;
  dnsPort?: number;
  datacenter?: string;
  nodeName?: string;
}

export const CONSUL_HTTP_PORT = 8500;
export const CONSUL_DNS_PORT = 8600;

export async function startStandaloneConsul(sb: Sandbox, options: StandaloneConsulOptions = {}): Promise<RunningAgent> {
  if (findDatacenter(sb, STANDALONE_KEY)) throw new Error('a standalone Consul server is already running in this sandbox');
  const host = options.host ?? '127.0.0.1';
  const datacenter = createDatacenter(sb, STANDALONE_KEY, options.datacenter ?? 'dc1');
  let closeHttp = async () => {};
  const starting = runConsulAgent({
    sandbox: sb,
    datacenter,
    nodeName: options.nodeName ?? 'consul-server',
    address: host,
    server: true,
    listenHttp: async (handler) => {
      const server = await ownHttpServer(sb, host, options.httpPort ?? CONSUL_HTTP_PORT, handler);
      closeHttp = server.close;
      return server.url;
    },
    dns: { udp: { host, port: options.dnsPort ?? CONSUL_DNS_PORT }, tcp: { host, port: options.dnsPort ?? CONSUL_DNS_PORT } },
  });
  const running = await starting.catch(async (error: unknown) => {
    await closeHttp();
    throw error;
  });
  let stopped: Promise<void> | undefined;
  const stop = () => {
    stopped ??= running.stop().then(closeHttp);
    return stopped;
  };
  sb.events.once('close', () => void stop());
  return { ...running, stop };
}
