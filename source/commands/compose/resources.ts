import type { Ulimit, UlimitName } from '@aws-sdk/client-ecs';
import { fail } from './compose-error.js';
import { isObject } from './merge.js';
import type { ServiceContext } from './service-context.js';
import { mebibytes, wholeNumber } from './units.js';

export interface ContainerResources {
  memory?: number;
  memoryReservation?: number;
  cpu?: number;
}

/**
 * What a container may use: `mem_limit` / `mem_reservation` / `cpu_shares` / `cpus`
 * (v1, v2 and the Compose Specification) and v3's `deploy.resources` (limits and
 * reservations of memory and cpus, one cpu being 1024 ECS units).
 */
export function containerResources(spec: Record<string, unknown>, ctx: ServiceContext): ContainerResources {
  const deploy = isObject(spec.deploy) ? spec.deploy : {};
  const resources = isObject(deploy.resources) ? deploy.resources : {};
  const limits = isObject(resources.limits) ? resources.limits : {};
  const reservations = isObject(resources.reservations) ? resources.reservations : {};
  const memory = (value: unknown, ...path: string[]) => (value === undefined || value === null ? undefined : mebibytes(value, ctx.where(...path), path.join('.')));
  const cpus = (value: unknown, ...path: string[]) => {
    if (value === undefined || value === null) return undefined;
    const n = Number(value);
    if (!Number.isFinite(n) || n <= 0) fail(ctx.where(...path), `${path.join('.')} is a number of CPUs such as 0.5, not ${JSON.stringify(value)}`);
    return Math.round(n * 1024);
  };
  return {
    memory: memory(spec.mem_limit, 'mem_limit') ?? memory(limits.memory, 'deploy', 'resources', 'limits', 'memory'),
    memoryReservation: memory(spec.mem_reservation, 'mem_reservation') ?? memory(reservations.memory, 'deploy', 'resources', 'reservations', 'memory'),
    cpu:
      (spec.cpu_shares === undefined ? undefined : wholeNumber(spec.cpu_shares, ctx.where('cpu_shares'), 'cpu_shares')) ??
      cpus(reservations.cpus, 'deploy', 'resources', 'reservations', 'cpus') ??
      cpus(limits.cpus, 'deploy', 'resources', 'limits', 'cpus') ??
      cpus(spec.cpus, 'cpus'),
  };
}

const ULIMIT_NAMES = new Set(['core', 'cpu', 'data', 'fsize', 'locks', 'memlock', 'msgqueue', 'nice', 'nofile', 'nproc', 'rss', 'rtprio', 'rttime', 'sigpending', 'stack']);

/** `ulimits: {nproc: 65535, nofile: {soft: 20000, hard: 40000}}`; a single value sets both. */
export function ulimits(value: unknown, ctx: ServiceContext): Ulimit[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isObject(value)) fail(ctx.where('ulimits'), `ulimits of service ${ctx.name} is a map of names to limits`);
  const list = Object.entries(value).map(([name, limit]) => {
    const where = ctx.where('ulimits', name);
    if (!ULIMIT_NAMES.has(name)) fail(where, `ulimit ${name} is not one ECS supports (${[...ULIMIT_NAMES].join(', ')})`);
    if (isObject(limit)) {
      const softLimit = wholeNumber(limit.soft, where, `soft limit of ${name}`, -1);
      const hardLimit = wholeNumber(limit.hard, where, `hard limit of ${name}`, -1);
      if (softLimit > hardLimit && hardLimit !== -1) fail(where, `the soft limit of ${name} (${softLimit}) is above its hard limit (${hardLimit})`);
      return { name: name as UlimitName, softLimit, hardLimit };
    }
    const both = wholeNumber(limit, where, `ulimit ${name}`, -1);
    return { name: name as UlimitName, softLimit: both, hardLimit: both };
  });
  return list.length > 0 ? list : undefined;
}
