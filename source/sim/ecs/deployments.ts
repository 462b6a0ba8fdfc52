import { ecsArn, lastSegment } from '../arn.js';
import type { DeploymentRecord, ServiceRecord, TaskRecord } from '../model.js';
import type { Sandbox } from '../sandbox.js';
import { table } from '../state.js';
import { deploymentCompletedEvent, deploymentFailedEvent } from './service-events.js';

/**
 * Rolling deployments of a service: the `deployments` array DescribeServices shows (one
 * PRIMARY, older ones ACTIVE until drained), and the history behind it that ECS keeps as
 * service deployments (ListServiceDeployments) and service revisions (the configuration a
 * deployment rolls out), with the circuit breaker that fails and rolls back a deployment
 * whose tasks do not start.
 */

export interface RevisionSummary {
  arn: string;
  requestedTaskCount: number;
  runningTaskCount: number;
  pendingTaskCount: number;
}

export interface ServiceRevisionRecord {
  serviceRevisionArn: string;
  serviceArn: string;
  clusterArn: string;
  region: string;
  taskDefinition: string;
  launchType?: string;
  capacityProviderStrategy?: ServiceRecord['capacityProviderStrategy'];
  platformVersion?: string;
  platformFamily?: string;
  loadBalancers: ServiceRecord['loadBalancers'];
  serviceRegistries: unknown[];
  networkConfiguration?: unknown;
  containerImages: Array<{ containerName: string; image: string }>;
  serviceConnectConfiguration?: unknown;
  volumeConfigurations?: unknown[];
  createdAt: number;
  /** The deployment that first rolled it out: what a rollback to it names. */
  _deploymentId: string;
}

export type ServiceDeploymentStatus =
  | 'PENDING'
  | 'IN_PROGRESS'
  | 'SUCCESSFUL'
  | 'STOPPED'
  | 'STOP_REQUESTED'
  | 'ROLLBACK_REQUESTED'
  | 'ROLLBACK_IN_PROGRESS'
  | 'ROLLBACK_SUCCESSFUL'
  | 'ROLLBACK_FAILED';

export interface ServiceDeploymentRecord {
  serviceDeploymentArn: string;
  serviceArn: string;
  clusterArn: string;
  region: string;
  createdAt: number;
  startedAt?: number;
  finishedAt?: number;
  stoppedAt?: number;
  updatedAt: number;
  sourceServiceRevisions: RevisionSummary[];
  targetServiceRevision: RevisionSummary;
  status: ServiceDeploymentStatus;
  statusReason?: string;
  deploymentConfiguration: ServiceRecord['deploymentConfiguration'];
  rollback?: { reason: string; startedAt: number; serviceRevisionArn: string };
  deploymentCircuitBreaker: { status: 'ENABLED' | 'DISABLED'; failureCount: number; threshold: number };
  alarms: { status: 'DISABLED' };
  /** The deployment carrying it out: the target's, or the rollback's once rolling back. */
  _deploymentId: string;
}

const ONGOING: ReadonlySet<ServiceDeploymentStatus> = new Set([
  'PENDING',
  'IN_PROGRESS',
  'STOP_REQUESTED',
  'ROLLBACK_REQUESTED',
  'ROLLBACK_IN_PROGRESS',
]);

export function isOngoing(sd: ServiceDeploymentRecord): boolean {
  return ONGOING.has(sd.status);
}

/**
 * What the circuit breaker counts: tasks that failed to start or crashed, and tasks the
 * scheduler replaced because they failed their load balancer's health checks.
 */
const FAILED_TASK_STOP_CODES = new Set(['TaskFailedToStart', 'EssentialContainerExited']);
const FAILED_HEALTH_CHECKS_REASON = 'Task failed ELB health checks';

function isFailedTask(task: TaskRecord): boolean {
  if (task.stopCode && FAILED_TASK_STOP_CODES.has(task.stopCode)) return true;
  return task.stoppedReason?.startsWith(FAILED_HEALTH_CHECKS_REASON) ?? false;
}

export function serviceRevisions(sb: Sandbox): Map<string, ServiceRevisionRecord> {
  return table<ServiceRevisionRecord>(sb.tables, 'serviceRevisions');
}

export function serviceDeployments(sb: Sandbox): Map<string, ServiceDeploymentRecord> {
  return table<ServiceDeploymentRecord>(sb.tables, 'serviceDeployments');
}

/** A run of decimal digits with no leading zero, like the numbers in ECS's deployment ids. */
function randomDigits(sb: Sandbox, length: number): string {
  let out = String(sb.random.int(1, 9));
  while (out.length < length) out += String(sb.random.int(0, 9));
  return out;
}

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';

/** `ecs-svc/` and 19 digits, as ECS names deployments and task sets. */
export function newDeploymentId(sb: Sandbox): string {
  return `ecs-svc/${randomDigits(sb, 19)}`;
}

function serviceScope(service: ServiceRecord): string {
  return `${lastSegment(service.clusterArn)}/${service.serviceName}`;
}

function createRevision(sb: Sandbox, service: ServiceRecord, deploymentId: string): ServiceRevisionRecord {
  const def = service.taskDefinition ? sb.tables.taskDefinitions.get(service.taskDefinition) : undefined;
  const revision: ServiceRevisionRecord = {
    serviceRevisionArn: ecsArn(service.region, `service-revision/${serviceScope(service)}/${randomDigits(sb, 19)}`),
    serviceArn: service.serviceArn,
    clusterArn: service.clusterArn,
    region: service.region,
    taskDefinition: service.taskDefinition ?? '',
    launchType: service.launchType,
    capacityProviderStrategy: service.capacityProviderStrategy,
    platformVersion: service.platformVersion,
    platformFamily: service.platformFamily,
    loadBalancers: service.loadBalancers,
    serviceRegistries: service.serviceRegistries,
    networkConfiguration: service.networkConfiguration,
    containerImages: (def?.containerDefinitions ?? []).map((c) => ({ containerName: c.name, image: c.image })),
    serviceConnectConfiguration: service.serviceConnectConfiguration,
    volumeConfigurations: service.volumeConfigurations,
    createdAt: sb.now(),
    _deploymentId: deploymentId,
  };
  serviceRevisions(sb).set(revision.serviceRevisionArn, revision);
  return revision;
}

function summary(arn: string): RevisionSummary {
  return { arn, requestedTaskCount: 0, runningTaskCount: 0, pendingTaskCount: 0 };
}

/**
 * The failed-task count at which the circuit breaker trips: half the desired count, at
 * least 3 and at most 200, unless a thresholdConfiguration says otherwise.
 */
function failureThreshold(service: ServiceRecord): number {
  const config = (service.deploymentConfiguration.deploymentCircuitBreaker as { thresholdConfiguration?: { type?: string; value?: number } } | undefined)
    ?.thresholdConfiguration;
  if (config?.type === 'COUNT') return Math.max(1, config.value ?? 1);
  const raw = Math.ceil((service.desiredCount * (config?.value ?? 50)) / 100);
  if (config?.type === 'UNBOUNDED_PERCENT') return Math.max(1, raw);
  return Math.min(200, Math.max(3, raw));
}

function newServiceDeployment(sb: Sandbox, service: ServiceRecord, deployment: DeploymentRecord, target: string): ServiceDeploymentRecord {
  for (const sd of serviceDeployments(sb).values()) {
    if (sd.serviceArn === service.serviceArn && isOngoing(sd)) {
      sd.status = 'STOPPED';
      sd.stoppedAt = sb.now();
      sd.updatedAt = sb.now();
      sd.statusReason = 'A newer service deployment replaced this one.';
    }
  }
  const sources = new Set(service.deployments.slice(1).map((d) => d._serviceRevisionArn).filter((arn): arn is string => !!arn));
  let id = '';
  for (let i = 0; i < 22; i++) id += ID_ALPHABET[sb.random.int(0, ID_ALPHABET.length - 1)];
  const breaker = service.deploymentConfiguration.deploymentCircuitBreaker;
  const sd: ServiceDeploymentRecord = {
    serviceDeploymentArn: ecsArn(service.region, `service-deployment/${serviceScope(service)}/${id}`),
    serviceArn: service.serviceArn,
    clusterArn: service.clusterArn,
    region: service.region,
    createdAt: sb.now(),
    startedAt: sb.now(),
    updatedAt: sb.now(),
    sourceServiceRevisions: [...sources].map(summary),
    targetServiceRevision: summary(target),
    status: 'IN_PROGRESS',
    deploymentConfiguration: structuredClone(service.deploymentConfiguration),
    deploymentCircuitBreaker: { status: breaker?.enable ? 'ENABLED' : 'DISABLED', failureCount: 0, threshold: failureThreshold(service) },
    alarms: { status: 'DISABLED' },
    _deploymentId: deployment.id,
  };
  serviceDeployments(sb).set(sd.serviceDeploymentArn, sd);
  return sd;
}

export interface RollbackRequest {
  serviceDeployment: ServiceDeploymentRecord;
  revision: ServiceRevisionRecord;
  /** Why, as the service deployment's rollback shows it. */
  reason: string;
  rolloutStateReason: string;
}

/**
 * A new PRIMARY deployment of the service's current configuration (or, for a rollback, of
 * the revision rolled back to); the previous PRIMARY becomes ACTIVE and drains as the
 * scheduler replaces its tasks.
 */
export function startDeployment(sb: Sandbox, service: ServiceRecord, rollback?: RollbackRequest): DeploymentRecord {
  const id = newDeploymentId(sb);
  if (rollback) applyRevision(service, rollback.revision);
  const revision = rollback?.revision ?? createRevision(sb, service, id);
  for (const d of service.deployments) {
    if (d.status === 'PRIMARY') {
      d.status = 'ACTIVE';
      d.updatedAt = sb.now();
    }
  }
  const deployment: DeploymentRecord = {
    id,
    status: 'PRIMARY',
    taskDefinition: revision.taskDefinition,
    desiredCount: service.desiredCount,
    pendingCount: 0,
    runningCount: 0,
    failedTasks: 0,
    createdAt: sb.now(),
    updatedAt: sb.now(),
    launchType: revision.launchType,
    capacityProviderStrategy: revision.capacityProviderStrategy,
    platformVersion: revision.platformVersion,
    networkConfiguration: revision.networkConfiguration,
    rolloutState: 'IN_PROGRESS',
    rolloutStateReason: rollback?.rolloutStateReason ?? `ECS deployment ${id} in progress.`,
    _serviceRevisionArn: revision.serviceRevisionArn,
  };
  service.deployments.unshift(deployment);
  if (rollback) {
    const sd = rollback.serviceDeployment;
    sd.status = 'ROLLBACK_IN_PROGRESS';
    sd.rollback = { reason: rollback.reason, startedAt: sb.now(), serviceRevisionArn: revision.serviceRevisionArn };
    sd.updatedAt = sb.now();
    sd._deploymentId = id;
    deployment._serviceDeploymentArn = sd.serviceDeploymentArn;
  } else {
    const sd = newServiceDeployment(sb, service, deployment, revision.serviceRevisionArn);
    deployment._serviceDeploymentArn = sd.serviceDeploymentArn;
    service._currentServiceDeploymentArn = sd.serviceDeploymentArn;
  }
  return deployment;
}

/** A rollback puts the service back to the revision's configuration, as ECS shows it after. */
function applyRevision(service: ServiceRecord, revision: ServiceRevisionRecord): void {
  service.taskDefinition = revision.taskDefinition;
  service.launchType = revision.launchType;
  service.capacityProviderStrategy = revision.capacityProviderStrategy;
  service.platformVersion = revision.platformVersion;
  service.networkConfiguration = revision.networkConfiguration;
  service.loadBalancers = revision.loadBalancers;
  service.serviceRegistries = revision.serviceRegistries;
}

function serviceDeploymentOf(sb: Sandbox, deployment: DeploymentRecord): ServiceDeploymentRecord | undefined {
  return deployment._serviceDeploymentArn ? serviceDeployments(sb).get(deployment._serviceDeploymentArn) : undefined;
}

/** Every task of the PRIMARY deployment runs and the old ones are gone. */
export function completeDeployment(sb: Sandbox, service: ServiceRecord, deployment: DeploymentRecord): void {
  deployment.rolloutState = 'COMPLETED';
  deployment.rolloutStateReason = `ECS deployment ${deployment.id} completed.`;
  deployment.updatedAt = sb.now();
  deploymentCompletedEvent(sb, service, deployment.id);
  service._lastCompletedRevisionArn = deployment._serviceRevisionArn;
  const sd = serviceDeploymentOf(sb, deployment);
  if (sd && sd._deploymentId === deployment.id && isOngoing(sd)) {
    sd.status = sd.status === 'ROLLBACK_IN_PROGRESS' ? 'ROLLBACK_SUCCESSFUL' : 'SUCCESSFUL';
    sd.finishedAt = sb.now();
    sd.updatedAt = sb.now();
  }
}

/** The revision a rollback would return to: the last one that completed, if not the failing one. */
export function rollbackTarget(sb: Sandbox, service: ServiceRecord, failing: DeploymentRecord): ServiceRevisionRecord | undefined {
  const arn = service._lastCompletedRevisionArn;
  if (!arn || arn === failing._serviceRevisionArn) return undefined;
  return serviceRevisions(sb).get(arn);
}

const BREAKER_REASON = 'ECS deployment circuit breaker: tasks failed to start.';

/** The circuit breaker tripped: the deployment fails, and rolls back when asked to. */
function failDeployment(sb: Sandbox, service: ServiceRecord, deployment: DeploymentRecord): void {
  deployment.rolloutState = 'FAILED';
  deployment.rolloutStateReason = BREAKER_REASON;
  deployment.updatedAt = sb.now();
  deploymentFailedEvent(sb, service, deployment.id);
  const sd = serviceDeploymentOf(sb, deployment);
  if (!sd || !isOngoing(sd)) return;
  sd.updatedAt = sb.now();
  sd.statusReason = BREAKER_REASON;
  if (sd.status === 'ROLLBACK_IN_PROGRESS') {
    sd.status = 'ROLLBACK_FAILED';
    sd.finishedAt = sb.now();
    return;
  }
  const target = service.deploymentConfiguration.deploymentCircuitBreaker?.rollback ? rollbackTarget(sb, service, deployment) : undefined;
  if (target) {
    startDeployment(sb, service, {
      serviceDeployment: sd,
      revision: target,
      reason: BREAKER_REASON,
      rolloutStateReason: `ECS deployment circuit breaker: rolling back to deploymentId ${target._deploymentId}.`,
    });
  } else {
    sd.status = 'STOPPED';
    sd.stoppedAt = sb.now();
  }
}

/**
 * A task of the service reached STOPPED. One that failed (to start, by its essential
 * container exiting, or its load balancer's health checks) while its deployment was rolling
 * out counts as a failed task, and trips the circuit breaker at its threshold. A deployment
 * rolls out until its tasks count as healthy, so a service whose tasks keep crashing never
 * completes it.
 */
export function noteStoppedTask(sb: Sandbox, service: ServiceRecord, task: TaskRecord): void {
  if (!isFailedTask(task)) return;
  const deployment = service.deployments.find((d) => d.id === task._deploymentId);
  if (!deployment || deployment.rolloutState !== 'IN_PROGRESS') return;
  deployment.failedTasks += 1;
  deployment.updatedAt = sb.now();
  const sd = serviceDeploymentOf(sb, deployment);
  const breaker = service.deploymentConfiguration.deploymentCircuitBreaker;
  if (sd && breaker?.enable) sd.deploymentCircuitBreaker.failureCount = deployment.failedTasks;
  if (breaker?.enable && deployment.status === 'PRIMARY' && deployment.failedTasks >= failureThreshold(service)) {
    failDeployment(sb, service, deployment);
  }
}

/**
 * Brings the running and pending counts of the service's ongoing service deployment up to
 * date; a finished one keeps the counts it finished with, as ECS reports them.
 */
export function refreshServiceDeployment(sb: Sandbox, service: ServiceRecord, live: readonly TaskRecord[]): void {
  const arn = service._currentServiceDeploymentArn;
  const sd = arn ? serviceDeployments(sb).get(arn) : undefined;
  if (!sd || !isOngoing(sd)) return;
  const revisionOf = new Map(service.deployments.map((d) => [d.id, d._serviceRevisionArn]));
  for (const revision of [sd.targetServiceRevision, ...sd.sourceServiceRevisions]) {
    let running = 0;
    let pending = 0;
    for (const task of live) {
      if (task.desiredStatus !== 'RUNNING' || revisionOf.get(task._deploymentId ?? '') !== revision.arn) continue;
      if (task.lastStatus === 'RUNNING') running++;
      else pending++;
    }
    revision.runningTaskCount = running;
    revision.pendingTaskCount = pending;
    revision.requestedTaskCount = revision === sd.targetServiceRevision ? service.desiredCount : running + pending;
  }
}

/** ECS forgets a service's deployments and revisions when the service is deleted. */
export function forgetDeploymentHistory(sb: Sandbox, serviceArn: string): void {
  for (const [arn, sd] of serviceDeployments(sb)) if (sd.serviceArn === serviceArn) serviceDeployments(sb).delete(arn);
  for (const [arn, revision] of serviceRevisions(sb)) if (revision.serviceArn === serviceArn) serviceRevisions(sb).delete(arn);
}
