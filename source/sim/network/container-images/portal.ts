import { Resolver } from 'node:dns/promises';
import { request } from 'node:http';
import type { VirtualContainerContext, VirtualImage } from '../../runtime/index.js';
import { matchesBaseName } from '../../runtime/index.js';
import { agentFor } from '../consul/datacenter.js';
import { PORTAL_PAGE } from './portal-page.js';
import { serveSinatra } from './sinatra.js';

/**
 * The Consul demo's `portal` (portal.rb): its page, and /weather/:city and /stock/:symbol,
 * which find the backend as the original's lookup_service does: a DNS SRV query for the bare
 * service name (the instance's Docker daemon searched `service.consul` through the local
 * Consul agent), then the target's address, then HTTP to address:port. A backend that does
 * not answer 2xx gives an empty page, as the original returned nil; a name that does not
 * resolve is a 500.
 */
export class ServiceLookupError extends Error {
  override name = 'Resolv::ResolvError';
}

/** The DNS server the container resolves through: its instance's Consul agent (or its cluster's). */
function consulDns(ctx: VirtualContainerContext): string | undefined {
  const agent = agentFor(ctx.sandbox, { region: ctx.task.region, clusterArn: ctx.task.clusterArn, containerInstanceArn: ctx.task.containerInstanceArn });
  return agent?.dnsAddress ? `${agent.dnsAddress.host}:${agent.dnsAddress.port}` : undefined;
}

export async function lookupService(dnsServer: string | undefined, name: string): Promise<{ address: string; port: number }> {
  if (!dnsServer) throw new ServiceLookupError(`no information for ${name}`);
  const resolver = new Resolver({ timeout: 2000, tries: 2 });
  resolver.setServers([dnsServer]);
  const records = await resolver.resolveSrv(`${name}.service.consul`).catch(() => []);
  const record = records[0];
  if (!record) throw new ServiceLookupError(`no information for ${name}`);
  const [address] = await resolver.resolve4(record.name).catch(() => [] as string[]);
  if (!address) throw new ServiceLookupError(`no address for ${record.name}`);
  return { address, port: record.port };
}

function httpGet(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    request(url, { agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    })
      .on('error', reject)
      .end();
  });
}

export const portalImage: VirtualImage = {
  name: 'portal (Consul demo)',
  matches: matchesBaseName('portal'),
  async start(ctx) {
    const backend = async (service: string, path: string) => {
      const { address, port } = await lookupService(consulDns(ctx), service);
      const res = await httpGet(`http://${address}:${port}${path}`);
      return res.status >= 200 && res.status < 300 ? res.body : '';
    };
    return serveSinatra(ctx, [
      { path: '/', handle: () => ({ status: 302, headers: { location: '/index.html' } }) },
      { path: '/index.html', handle: () => PORTAL_PAGE },
      { path: '/weather/:city', handle: ({ city }) => backend('weather', `/weather/${encodeURIComponent(city!)}`) },
      { path: '/stock/:symbol', handle: ({ symbol }) => backend('stock-price', `/stock/${encodeURIComponent(symbol!)}`) },
      { path: '/health', handle: () => 'OK' },
    ]);
  },
};
