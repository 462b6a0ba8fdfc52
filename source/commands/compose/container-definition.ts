import type { ContainerDefinition } from '@aws-sdk/client-ecs';
import { fail } from './compose-error.js';
import { containerBasics } from './container-basics.js';
import { environmentOf } from './environment.js';
import { healthCheckOf } from './healthcheck.js';
import { linuxParameters } from './linux-parameters.js';
import { logConfiguration } from './logging.js';
import { isObject } from './merge.js';
import { portMappings } from './ports.js';
import { containerResources, ulimits } from './resources.js';
import type { ServiceContext } from './service-context.js';
import { containerVolumes, volumesFrom, type TaskVolumes } from './volumes.js';

/** The compose keys that become part of a container definition. */
const TRANSLATED = new Set([
  'image', 'command', 'entrypoint', 'environment', 'env_file', 'ports', 'links', 'hostname', 'user', 'working_dir',
  'labels', 'dns', 'dns_search', 'extra_hosts', 'cap_add', 'cap_drop', 'devices', 'privileged', 'read_only', 'tty',
  'stdin_open', 'shm_size', 'tmpfs', 'ulimits', 'logging', 'log_driver', 'log_opt', 'stop_grace_period', 'volumes',
  'volumes_from', 'healthcheck', 'mem_limit', 'mem_reservation', 'cpu_shares', 'cpus', 'deploy', 'depends_on',
  'security_opt', 'sysctls', 'init',
]);
/** Of v3's `deploy:`, what ECS has a place for; the rest is Swarm's. */
const DEPLOY_TRANSLATED = new Set(['resources', 'replicas']);

export interface ContainerOptions {
  networkMode: string;
  createLogGroups: boolean;
}

/** One compose service as one container of the task; what has no ECS equivalent is skipped with a warning. */
export function containerDefinition(spec: Record<string, unknown>, volumes: TaskVolumes, options: ContainerOptions, ctx: ServiceContext): ContainerDefinition {
  warnUnsupported(spec, ctx);
  const basics = containerBasics(spec, ctx);
  if (!basics.image) {
    const hint = spec.build !== undefined ? ' (ECS runs images from a registry: build and push it, then set image:)' : '';
    fail(ctx.where(), `service ${ctx.name} has no image${hint}`);
  }
  const mounts = containerVolumes(spec.volumes, volumes, ctx);
  const resources = containerResources(spec, ctx);
  return {
    ...basics,
    essential: true,
    ...resources,
    portMappings: nonEmpty(portMappings(spec.ports, options.networkMode, ctx)),
    environment: environmentOf(spec, ctx),
    mountPoints: nonEmpty(mounts.mountPoints),
    volumesFrom: volumesFrom(spec.volumes_from, ctx),
    linuxParameters: linuxParameters(spec, mounts.tmpfs, ctx),
    logConfiguration: logConfiguration(spec, ctx, options.createLogGroups),
    ulimits: ulimits(spec.ulimits, ctx),
    healthCheck: healthCheckOf(spec.healthcheck, (...keys) => ctx.where('healthcheck', ...keys), `the healthcheck of service ${ctx.name}`),
  };
}

function warnUnsupported(spec: Record<string, unknown>, ctx: ServiceContext): void {
  for (const key of Object.keys(spec)) {
    if (key.startsWith('x-')) continue;
    if (key === 'networks' && singleNetwork(spec.networks)) continue;
    if (!TRANSLATED.has(key)) ctx.warn('Skipping unsupported YAML option for service...', { 'option name': key });
  }
  if (isObject(spec.deploy)) {
    for (const key of Object.keys(spec.deploy)) {
      if (!DEPLOY_TRANSLATED.has(key)) ctx.warn('Skipping unsupported YAML option for service...', { 'option name': `deploy.${key}` });
    }
  }
}

/** One network per service is what every ECS task has anyway: nothing to warn about. */
function singleNetwork(networks: unknown): boolean {
  if (Array.isArray(networks)) return networks.length <= 1;
  return isObject(networks) && Object.keys(networks).length <= 1;
}

function nonEmpty<T>(items: T[] | undefined): T[] | undefined {
  return items && items.length > 0 ? items : undefined;
}
