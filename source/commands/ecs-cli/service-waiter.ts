import { DescribeServicesCommand, type Service } from '@aws-sdk/client-ecs';
import type { Backend } from '../../api/index.js';
import { REAL_CLOCK, type EcsCliContext } from './context.js';
import { EcsCliError } from './errors.js';
import type { VerbLog } from './log.js';

/** ecs-cli's service waiter looks every 5 seconds. */
const POLL_MS = 5000;

export async function describeService(backend: Backend, cluster: string, name: string): Promise<Service | undefined> {
  const { services = [] } = await backend.ecs.send(new DescribeServicesCommand({ cluster, services: [name] }));
  return services[0];
}

/**
 * Past this, a deployment whose running count keeps changing (tasks that start and die) is
 * given up on too: ecs-cli's timeout alone counts only from the last change, and never comes.
 */
const OVERALL_MINUTES = 30;

/**
 * Waits, as ecs-cli's waiter does, until the service has one deployment and runs as many tasks
 * as it wants. Each look logs, in ecs-cli's order: the status when the running count changed
 * (from 0, so a first look at 0 running says nothing), the service events that are new, then
 * how the new deployment replaces the old, or the stable state. Gives up when the running count
 * has not changed for `timeoutMinutes`; 0 does not wait at all.
 */
export async function waitForService(backend: Backend, cluster: string, name: string, timeoutMinutes: number, before: Service | undefined, context: EcsCliContext, log: VerbLog): Promise<void> {
  if (timeoutMinutes === 0) {
    log.warn('Timeout was specified as zero. Your service deployment may not have completed yet.');
    return;
  }
  const clock = context.clock ?? REAL_CLOCK;
  const events = new EventLog(before);
  let lastRunning = 0;
  let lastProgress = '';
  const start = clock.now();
  let changedAt = start;
  for (;;) {
    const service = await describeService(backend, cluster, name);
    if (!service || service.status === 'INACTIVE') throw new EcsCliError(`service ${name} is gone from cluster ${cluster}`);
    const fields = { desiredCount: service.desiredCount ?? 0, runningCount: service.runningCount ?? 0, serviceName: name };
    if (fields.runningCount !== lastRunning) {
      lastRunning = fields.runningCount;
      changedAt = clock.now();
      log.info('Service status', fields);
    }
    events.logNew(service, log);
    if ((service.deployments ?? []).length === 1 && fields.desiredCount === fields.runningCount) {
      log.info('ECS Service has reached a stable state', fields);
      return;
    }
    const progress = deploymentProgress(service);
    if (progress && progress !== lastProgress) log.info('Deployment progress', { deployments: progress });
    lastProgress = progress;
    if (clock.now() - changedAt >= timeoutMinutes * 60_000) {
      throw new EcsCliError(`Deployment has not completed: Running count has not changed for ${timeoutMinutes.toFixed(2)} minutes`);
    }
    const overall = Math.max(OVERALL_MINUTES, timeoutMinutes);
    if (clock.now() - start >= overall * 60_000) {
      throw new EcsCliError(
        `Deployment has not completed after ${overall.toFixed(2)} minutes: ${fields.runningCount} of ${fields.desiredCount} tasks running, and the count keeps changing: the service events above say why`,
      );
    }
    await clock.sleep(POLL_MS, context.signal);
  }
}

/** After DeleteService: waits until the service has no task left and is INACTIVE. */
export async function waitForDeletion(backend: Backend, cluster: string, name: string, timeoutMinutes: number, before: Service | undefined, context: EcsCliContext, log: VerbLog): Promise<void> {
  if (timeoutMinutes === 0) return;
  const clock = context.clock ?? REAL_CLOCK;
  const events = new EventLog(before);
  const start = clock.now();
  for (;;) {
    const service = await describeService(backend, cluster, name);
    if (service) events.logNew(service, log);
    if (!service || service.status === 'INACTIVE') {
      log.info('ECS Service has reached a stable state', { desiredCount: 0, runningCount: 0, serviceName: name });
      return;
    }
    if (clock.now() - start >= timeoutMinutes * 60_000) {
      throw new EcsCliError(`service ${name} is still ${service.status} with ${service.runningCount} running tasks after ${timeoutMinutes.toFixed(2)} minutes`);
    }
    await clock.sleep(POLL_MS, context.signal);
  }
}

/** "PRIMARY 1/2, ACTIVE 1": how far the newest deployment is, while an older one still runs tasks. */
function deploymentProgress(service: Service): string {
  const deployments = service.deployments ?? [];
  if (deployments.length < 2) return '';
  return deployments.map((d) => (d.status === 'PRIMARY' ? `PRIMARY ${d.runningCount ?? 0}/${d.desiredCount ?? 0}` : `${d.status} ${d.runningCount ?? 0}`)).join(', ');
}

/**
 * The service's events that are new since the command began (those of the service as it was
 * before are known), each logged once, oldest first. Known by id, not by time, so that a
 * local clock ahead of AWS's loses none.
 */
class EventLog {
  private readonly seen: Set<string>;

  constructor(before: Service | undefined) {
    this.seen = new Set((before?.events ?? []).map((e) => e.id!));
  }

  logNew(service: Service, log: VerbLog): void {
    const fresh = (service.events ?? []).filter((e) => e.id && !this.seen.has(e.id));
    for (const event of fresh.reverse()) {
      this.seen.add(event.id!);
      log.info(event.message ?? '', { timestamp: goTime(event.createdAt!) });
    }
  }
}

/** A time as Go prints one: `2026-01-05 12:00:03.25 +0000 UTC`. */
function goTime(date: Date): string {
  const iso = date.toISOString();
  const fraction = iso.slice(20, 23).replace(/0+$/, '');
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}${fraction ? `.${fraction}` : ''} +0000 UTC`;
}
