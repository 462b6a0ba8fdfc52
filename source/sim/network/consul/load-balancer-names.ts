import type { Sandbox } from '../../sandbox.js';
import { loopbackTwin } from '../addresses.js';
import { listEndpoints } from '../endpoints.js';

/**
 * The load balancers' DNS names as the VPC's resolver answers them (Consul would forward them
 * to it as its recursor): the loopback addresses where their listeners really listen, or the
 * twin of the node's private address before any listener does.
 */
interface NamedLoadBalancer {
  loadBalancerArn: string;
  dnsName: string;
  _address?: string;
}

const TABLES = ['loadBalancers', 'classicLoadBalancers'];

export function loadBalancerLookup(sb: Sandbox): (name: string) => string[] | undefined {
  return (name) => {
    for (const table of TABLES) {
      for (const lb of (sb.tables[table]?.values() ?? []) as Iterable<NamedLoadBalancer>) {
        if (lb.dnsName?.toLowerCase() !== name) continue;
        const hosts = new Set<string>();
        for (const endpoint of listEndpoints(sb)) {
          if (endpoint.kind !== 'load-balancer-listener' || !endpoint.arn) continue;
          const owner = endpoint.arn.replace(':listener/', ':loadbalancer/');
          if (endpoint.arn === lb.loadBalancerArn || owner.startsWith(`${lb.loadBalancerArn}/`)) hosts.add(new URL(endpoint.url).hostname);
        }
        if (hosts.size > 0) return [...hosts];
        const twin = lb._address ? loopbackTwin(lb._address) : undefined;
        return twin ? [twin] : [];
      }
    }
    return undefined;
  };
}
