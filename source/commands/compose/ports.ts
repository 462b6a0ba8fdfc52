import type { PortMapping } from '@aws-sdk/client-ecs';
import { fail } from './compose-error.js';
import type { ServiceContext } from './service-context.js';
import { isObject } from './merge.js';

/**
 * `ports:` as ECS port mappings. Short forms: `"80"` (a dynamic host port), `"8080:80"`,
 * `"8080:80/udp"`, `"3000-3002"` and `"9000-9002:8000-8002"` (ranges, one mapping per port),
 * `"127.0.0.1:8080:80"` (the IP dropped with a warning: ECS publishes on all of the
 * instance's addresses). Long form (v3): `{target, published, protocol}`.
 */
export function portMappings(value: unknown, networkMode: string, ctx: ServiceContext): PortMapping[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) fail(ctx.where('ports'), `ports of service ${ctx.name} is a list`);
  return value.flatMap((entry, index) => {
    const where = ctx.where('ports', index);
    if (!isObject(entry) && typeof entry !== 'string' && typeof entry !== 'number') fail(where, `a port is a string such as "8080:80" or a map with target:`);
    const mappings = isObject(entry) ? longForm(entry, where, ctx) : shortForm(String(entry), where, ctx);
    return networkMode === 'awsvpc' || networkMode === 'host' ? mappings.map((m) => sameHostPort(m, networkMode, where)) : mappings;
  });
}

/** In awsvpc and host mode a container listens on the host's (or the ENI's) own port: there is no mapping. */
function sameHostPort(mapping: PortMapping, networkMode: string, where: string): PortMapping {
  if (mapping.hostPort !== 0 && mapping.hostPort !== mapping.containerPort) {
    fail(where, `in ${networkMode} network mode a port is published as itself: ${mapping.hostPort}:${mapping.containerPort} cannot be mapped (write ${mapping.containerPort})`);
  }
  return { ...mapping, hostPort: mapping.containerPort };
}

function shortForm(text: string, where: string, ctx: ServiceContext): PortMapping[] {
  const [spec, protocolText, extra] = text.trim().split('/');
  if (extra !== undefined) fail(where, `port "${text}" has more than one /protocol`);
  const protocol = protocolOf(protocolText ?? 'tcp', where);
  let rest = spec!;
  let ip: string | undefined;
  const bracketed = /^\[([^\]]*)\]:(.*)$/.exec(rest);
  if (bracketed) {
    ip = bracketed[1];
    rest = bracketed[2]!;
  }
  const parts = rest.split(':');
  if (parts.length === 3 && ip === undefined) ip = parts.shift();
  if (parts.length > 2) fail(where, `port "${text}" is not [IP:][HOST:]CONTAINER[/PROTOCOL]`);
  const containerRange = range(parts[parts.length - 1]!, where, text);
  const hostText = parts.length === 2 ? parts[0]! : '';
  if (ip) ctx.warn(`Dropped the host IP of a port mapping: ECS publishes ports on every address of the instance`, { port: text });
  if (hostText === '') return containerRange.map((containerPort) => ({ containerPort, hostPort: 0, protocol }));
  const hostRange = range(hostText, where, text);
  if (hostRange.length !== containerRange.length) {
    fail(where, `port "${text}" maps ${hostRange.length} host ports to ${containerRange.length} container ports: the ranges must be the same length`);
  }
  return containerRange.map((containerPort, i) => ({ containerPort, hostPort: hostRange[i]!, protocol }));
}

function longForm(entry: Record<string, unknown>, where: string, ctx: ServiceContext): PortMapping[] {
  for (const key of Object.keys(entry)) {
    if (!['target', 'published', 'protocol', 'mode', 'host_ip', 'name', 'app_protocol'].includes(key)) fail(where, `unknown key ${key} in a port mapping (target, published, protocol, mode)`);
  }
  if (entry.target === undefined) fail(where, 'a port mapping in the long form needs target: (the container port)');
  const containerPort = port(entry.target, where, 'target');
  const protocol = protocolOf(String(entry.protocol ?? 'tcp'), where);
  if (entry.host_ip !== undefined) ctx.warn(`Dropped the host IP of a port mapping: ECS publishes ports on every address of the instance`, { port: `${String(entry.host_ip)}:${String(entry.published ?? '')}:${containerPort}` });
  if (entry.mode === 'ingress') ctx.warn('Published the port on the instance: ECS has no ingress routing mesh (use a load balancer)', { port: String(containerPort) });
  const published = entry.published === undefined || entry.published === '' ? [0] : range(String(entry.published), where, String(entry.published));
  if (published.length !== 1) fail(where, `published ${String(entry.published)} is a range, but target ${containerPort} is one port`);
  return [{ containerPort, hostPort: published[0]!, protocol }];
}

function protocolOf(text: string, where: string): 'tcp' | 'udp' {
  const protocol = text.toLowerCase();
  if (protocol !== 'tcp' && protocol !== 'udp') fail(where, `protocol ${text} is not supported by ECS (tcp or udp)`);
  return protocol;
}

const MAX_RANGE = 1000;

function range(text: string, where: string, whole: string): number[] {
  const bounds = text.split('-');
  if (bounds.length > 2) fail(where, `port "${whole}" is not a port or a range such as 3000-3005`);
  const low = port(bounds[0]!, where, whole);
  const high = bounds.length === 2 ? port(bounds[1]!, where, whole) : low;
  if (high < low) fail(where, `port range ${text} ends before it starts`);
  if (high - low >= MAX_RANGE) fail(where, `port range ${text} is more than ${MAX_RANGE} ports`);
  return Array.from({ length: high - low + 1 }, (_, i) => low + i);
}

function port(value: unknown, where: string, what: string): number {
  const number = typeof value === 'number' ? value : /^\d+$/.test(String(value).trim()) ? Number(String(value).trim()) : NaN;
  if (!Number.isInteger(number) || number < 1 || number > 65535) fail(where, `port ${JSON.stringify(what)} is not a port number (1-65535)`);
  return number;
}
