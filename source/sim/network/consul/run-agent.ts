import { createServer, type RequestListener, type Server } from 'node:http';
import type { Sandbox } from '../../sandbox.js';
import { bindLoopback, httpUrl } from '../addresses.js';
import { startConsulDns, type ConsulDns } from '../consul-dns.js';
import { publishEndpoint } from '../endpoints.js';
import { ConsulAgent } from './agent.js';
import { dropDatacenterIfEmpty, type ConsulDatacenter } from './datacenter.js';
import { consulRequestListener } from './http-server.js';
import { loadBalancerLookup } from './load-balancer-names.js';

/**
 * A running Consul agent: it joins its datacenter, serves the HTTP API and DNS, lists both
 * in /_ecsh/endpoints, and on stop leaves (as leave_on_terminate does) and closes them.
 */
export interface RunAgentOptions {
  sandbox: Sandbox;
  datacenter: ConsulDatacenter;
  nodeName: string;
  /** The node's address: where its services are reached unless they say otherwise. */
  address: string;
  server: boolean;
  /** Serves the HTTP API; resolves to its URL. */
  listenHttp(handler: RequestListener): Promise<string>;
  dns: { udp: { host: string; port: number }; tcp: { host: string; port: number } };
  containerInstanceArn?: string;
  taskArn?: string;
  /** Whether the HTTP API is on a port the instance publishes. */
  httpOnHostPort?: boolean;
}

export interface RunningAgent {
  agent: ConsulAgent;
  httpUrl: string;
  /** Where its DNS answers over UDP (and TCP, the same unless a mapping said otherwise). */
  dns: { host: string; port: number };
  dnsTcp: { host: string; port: number };
  stop(): Promise<void>;
}

export async function runConsulAgent(options: RunAgentOptions): Promise<RunningAgent> {
  const sb = options.sandbox;
  const agent = new ConsulAgent({
    sandbox: sb,
    datacenter: options.datacenter,
    nodeName: options.nodeName,
    address: options.address,
    server: options.server,
    containerInstanceArn: options.containerInstanceArn,
    taskArn: options.taskArn,
    httpOnHostPort: options.httpOnHostPort,
  });
  agent.join();
  let dns: ConsulDns | undefined;
  const unpublish: Array<() => void> = [];
  try {
    const url = await options.listenHttp(consulRequestListener(agent));
    agent.httpUrl = url;
    dns = await startConsulDns({
      sandbox: sb,
      catalog: agent.catalog,
      udp: options.dns.udp,
      tcp: options.dns.tcp,
      lookupLoadBalancer: loadBalancerLookup(sb),
    });
    agent.dnsAddress = dns.udp;
    const name = `${options.nodeName} (${options.datacenter.name})`;
    const arn = options.taskArn ? { arn: options.taskArn } : {};
    unpublish.push(publishEndpoint(sb, { kind: 'consul-http', name, ...arn, url }));
    const { udp, tcp } = dns;
    unpublish.push(publishEndpoint(sb, { kind: 'consul-dns', name, ...arn, url: `dns://${udp.host}:${udp.port}` }));
    if (tcp.host !== udp.host || tcp.port !== udp.port) {
      unpublish.push(publishEndpoint(sb, { kind: 'consul-dns', name: `${name} TCP`, ...arn, url: `dns://${tcp.host}:${tcp.port}` }));
    }
  } catch (error) {
    agent.leave();
    dropDatacenterIfEmpty(sb, options.datacenter);
    throw error;
  }
  const running = dns;
  let stopped: Promise<void> | undefined;
  return {
    agent,
    httpUrl: agent.httpUrl,
    dns: running.udp,
    dnsTcp: running.tcp,
    stop: () => {
      stopped ??= (async () => {
        for (const withdraw of unpublish.splice(0)) withdraw();
        agent.leave();
        dropDatacenterIfEmpty(sb, options.datacenter);
        await running.close();
      })();
      return stopped;
    },
  };
}

/**
 * Serves a handler on its own loopback server (for an agent whose 8500 no port mapping
 * publishes, and for `ecsh serve --consul`). Returns the URL and how to close it.
 */
export async function ownHttpServer(sb: Sandbox, host: string, port: number, handler: RequestListener): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer(handler);
  const bound = await bindLoopback(sb, server, host, port);
  return {
    url: httpUrl(bound.host, bound.port),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
