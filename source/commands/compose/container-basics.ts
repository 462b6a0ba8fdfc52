import type { ContainerDefinition, ContainerDependency, HostEntry, SystemControl } from '@aws-sdk/client-ecs';
import { fail } from './compose-error.js';
import { keyValueMap, scalarText, stringList } from './key-values.js';
import { isObject } from './merge.js';
import type { ServiceContext } from './service-context.js';
import { shellWords } from './shell-words.js';
import { seconds } from './units.js';

/** The compose settings that map one to one onto a container definition's fields. */
export function containerBasics(spec: Record<string, unknown>, ctx: ServiceContext): ContainerDefinition {
  const text = (key: string) => scalarText(spec[key], ctx.where(key), `${key} of service ${ctx.name}`) ?? undefined;
  const flag = (key: string) => {
    const value = spec[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'boolean') fail(ctx.where(key), `${key} of service ${ctx.name} is true or false`);
    return value;
  };
  const list = (key: string) => nonEmpty(stringList(spec[key], ctx.where(key), `${key} of service ${ctx.name}`));
  const labels = keyValueMap(spec.labels, '=', ctx.where('labels'), `labels of service ${ctx.name}`);
  return {
    name: ctx.name,
    image: text('image'),
    command: words(spec.command, 'command', ctx),
    entryPoint: words(spec.entrypoint, 'entrypoint', ctx),
    hostname: text('hostname'),
    user: text('user'),
    workingDirectory: text('working_dir'),
    links: links(spec.links, ctx),
    dockerLabels: Object.keys(labels).length > 0 ? Object.fromEntries(Object.entries(labels).map(([k, v]) => [k, v ?? ''])) : undefined,
    dnsServers: list('dns'),
    dnsSearchDomains: list('dns_search'),
    extraHosts: extraHosts(spec.extra_hosts, ctx),
    dockerSecurityOptions: list('security_opt'),
    privileged: flag('privileged'),
    readonlyRootFilesystem: flag('read_only'),
    pseudoTerminal: flag('tty'),
    interactive: flag('stdin_open'),
    stopTimeout: spec.stop_grace_period === undefined ? undefined : seconds(spec.stop_grace_period, ctx.where('stop_grace_period'), 'stop_grace_period'),
    systemControls: systemControls(spec.sysctls, ctx),
    dependsOn: dependsOn(spec.depends_on, ctx),
  };
}

/** A command as a list, or as one string split the way a shell splits it. */
function words(value: unknown, key: string, ctx: ServiceContext): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) return value.map((word) => String(word));
  if (typeof value !== 'string' && typeof value !== 'number') fail(ctx.where(key), `${key} of service ${ctx.name} is a string or a list of strings`);
  const split = shellWords(String(value));
  if (!split) fail(ctx.where(key), `${key} of service ${ctx.name} has a quote that is not closed`);
  return split;
}

function nonEmpty<T>(items: T[]): T[] | undefined {
  return items.length > 0 ? items : undefined;
}

/** `db` or `db:database`, as ECS writes them (`name:alias`). */
function links(value: unknown, ctx: ServiceContext): string[] | undefined {
  return nonEmpty(stringList(value, ctx.where('links'), `links of service ${ctx.name}`));
}

function extraHosts(value: unknown, ctx: ServiceContext): HostEntry[] | undefined {
  const where = ctx.where('extra_hosts');
  // `host:ip` splits at the first colon, but an IPv6 address has colons of its own; `host=ip` is also accepted.
  const entries = Array.isArray(value)
    ? value.map((entry) => {
        const text = String(entry);
        const at = text.includes('=') ? text.indexOf('=') : text.indexOf(':');
        if (at <= 0) fail(where, `extra_hosts entry "${text}" is not HOST:IP`);
        return [text.slice(0, at), text.slice(at + 1)] as const;
      })
    : Object.entries(keyValueMap(value, ':', where, `extra_hosts of service ${ctx.name}`));
  return nonEmpty(
    entries.map(([hostname, ipAddress]) => {
      if (!ipAddress) fail(where, `extra_hosts entry ${hostname} has no IP address`);
      return { hostname, ipAddress };
    }),
  );
}

function systemControls(value: unknown, ctx: ServiceContext): SystemControl[] | undefined {
  const map = keyValueMap(value, '=', ctx.where('sysctls'), `sysctls of service ${ctx.name}`);
  return nonEmpty(Object.entries(map).map(([namespace, v]) => ({ namespace, value: v ?? '' })));
}

const CONDITIONS: Record<string, string> = {
  service_started: 'START',
  service_healthy: 'HEALTHY',
  service_completed_successfully: 'SUCCESS',
};

/** `depends_on` as a list (the service started) or a map with conditions. */
function dependsOn(value: unknown, ctx: ServiceContext): ContainerDependency[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) return nonEmpty(value.map((name) => ({ containerName: String(name), condition: 'START' })));
  if (!isObject(value)) fail(ctx.where('depends_on'), `depends_on of service ${ctx.name} is a list of services or a map of services to conditions`);
  return nonEmpty(
    Object.entries(value).map(([containerName, settings]) => {
      const condition = isObject(settings) && settings.condition !== undefined ? String(settings.condition) : 'service_started';
      const mapped = CONDITIONS[condition];
      if (!mapped) fail(ctx.where('depends_on', containerName), `condition ${condition} is not one of ${Object.keys(CONDITIONS).join(', ')}`);
      return { containerName, condition: mapped as ContainerDependency['condition'] };
    }),
  );
}
