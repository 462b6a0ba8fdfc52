import type { Service } from '@aws-sdk/client-ecs';
import { familyRevision, millis } from './arn-ids.js';
import type { PaneApi } from './pane-api.js';
import type { PaneScope } from './pane-scope.js';
import { compareText, shapeChanged } from './reuse-rows.js';

/** How many of a service's latest events the pane shows (the details view has them all). */
export const EVENTS_SHOWN = 3;

export interface DeploymentLine {
  id: string;
  status: string;
  rolloutState?: string;
  taskDefinition: string;
  desired: number;
  running: number;
  pending: number;
  failed: number;
}

export interface EventLine {
  id: string;
  createdAt?: number;
  message: string;
}

export interface ServiceBlock {
  key: string;
  signature: string;
  name: string;
  status: string;
  desired: number;
  running: number;
  pending: number;
  taskDefinition: string;
  schedulingStrategy?: string;
  deployments: DeploymentLine[];
  /** The latest first. */
  events: EventLine[];
}

export interface ServicesSnapshot {
  scope: PaneScope;
  services: ServiceBlock[];
  /** The services as DescribeServices returned them, for the details view. */
  described: readonly Service[];
}

export async function loadServices(api: PaneApi, scope: PaneScope, previous?: ServicesSnapshot): Promise<ServicesSnapshot> {
  await api.syncClock();
  const arns = await api.listServiceArns(scope.cluster);
  const services = await api.describeServices(scope.cluster, arns);
  return servicesSnapshot(scope, services, previous);
}

export function servicesSnapshot(scope: PaneScope, services: readonly Service[], previous?: ServicesSnapshot): ServicesSnapshot {
  const blocks = shapeChanged(previous?.services, services.filter((s) => s.serviceArn), (s) => s.serviceArn!, serviceSignature, serviceBlock);
  blocks.sort((a, b) => compareText(a.name, b.name));
  return {
    scope,
    services: blocks,
    described: services,
  };
}

/** What the block shows, read straight from the answer (services have no version counter). */
function serviceSignature(service: Service): string {
  const deployments = (service.deployments ?? []).map(
    (d) => `${d.id}:${d.status}:${d.rolloutState}:${d.taskDefinition}:${d.desiredCount}:${d.runningCount}:${d.pendingCount}:${d.failedTasks}`,
  );
  const events = (service.events ?? []).slice(0, EVENTS_SHOWN).map((e) => e.id);
  return [service.status, service.desiredCount, service.runningCount, service.pendingCount, service.taskDefinition, ...deployments, ...events].join('|');
}

function serviceBlock(service: Service, key: string, signature: string): ServiceBlock {
  return {
    key,
    signature,
    name: service.serviceName ?? service.serviceArn!,
    status: service.status ?? 'UNKNOWN',
    desired: service.desiredCount ?? 0,
    running: service.runningCount ?? 0,
    pending: service.pendingCount ?? 0,
    taskDefinition: familyRevision(service.taskDefinition),
    schedulingStrategy: service.schedulingStrategy,
    deployments: (service.deployments ?? []).map((d) => ({
      id: d.id ?? '',
      status: d.status ?? 'UNKNOWN',
      rolloutState: d.rolloutState,
      taskDefinition: familyRevision(d.taskDefinition),
      desired: d.desiredCount ?? 0,
      running: d.runningCount ?? 0,
      pending: d.pendingCount ?? 0,
      failed: d.failedTasks ?? 0,
    })),
    events: (service.events ?? [])
      .slice(0, EVENTS_SHOWN)
      .map((e) => ({ id: e.id ?? '', createdAt: millis(e.createdAt), message: e.message ?? '' })),
  };
}
