import { arnRegion } from '../arn.js';
import { ApiError, invalidParameter, unsupported } from '../errors.js';
import { oneOf, optionalArray, paginate } from '../input.js';
import type { Operation } from '../sandbox.js';
import { requireCluster, seconds } from './common.js';
import {
  isOngoing,
  rollbackTarget,
  serviceDeployments,
  serviceRevisions,
  startDeployment,
  type RevisionSummary,
  type ServiceDeploymentRecord,
  type ServiceDeploymentStatus,
  type ServiceRevisionRecord,
} from './deployments.js';
import { wakeService } from './service-controller.js';
import { requireService } from './services-validation.js';

/**
 * A service's deployment history: ListServiceDeployments, DescribeServiceDeployments,
 * DescribeServiceRevisions, and StopServiceDeployment (roll an ongoing deployment back).
 */

const STATUSES: readonly ServiceDeploymentStatus[] = [
  'PENDING',
  'SUCCESSFUL',
  'STOPPED',
  'STOP_REQUESTED',
  'IN_PROGRESS',
  'ROLLBACK_REQUESTED',
  'ROLLBACK_IN_PROGRESS',
  'ROLLBACK_SUCCESSFUL',
  'ROLLBACK_FAILED',
];
const MAX_DESCRIBE = 20;

const deploymentNotFound = () => new ApiError('ServiceDeploymentNotFoundException', 'Service deployment not found.');

function renderSummary(r: RevisionSummary) {
  return { arn: r.arn, requestedTaskCount: r.requestedTaskCount, runningTaskCount: r.runningTaskCount, pendingTaskCount: r.pendingTaskCount };
}

function renderServiceDeployment(sd: ServiceDeploymentRecord) {
  return {
    serviceDeploymentArn: sd.serviceDeploymentArn,
    serviceArn: sd.serviceArn,
    clusterArn: sd.clusterArn,
    createdAt: seconds(sd.createdAt),
    startedAt: seconds(sd.startedAt),
    finishedAt: seconds(sd.finishedAt),
    stoppedAt: seconds(sd.stoppedAt),
    updatedAt: seconds(sd.updatedAt),
    sourceServiceRevisions: sd.sourceServiceRevisions.map(renderSummary),
    targetServiceRevision: renderSummary(sd.targetServiceRevision),
    status: sd.status,
    statusReason: sd.statusReason,
    deploymentConfiguration: sd.deploymentConfiguration,
    rollback: sd.rollback && { ...sd.rollback, startedAt: seconds(sd.rollback.startedAt) },
    deploymentCircuitBreaker: sd.deploymentCircuitBreaker,
    alarms: sd.alarms,
  };
}

function renderRevision(r: ServiceRevisionRecord) {
  return {
    serviceRevisionArn: r.serviceRevisionArn,
    serviceArn: r.serviceArn,
    clusterArn: r.clusterArn,
    taskDefinition: r.taskDefinition,
    capacityProviderStrategy: r.capacityProviderStrategy,
    launchType: r.launchType,
    platformVersion: r.platformVersion,
    platformFamily: r.platformFamily,
    loadBalancers: r.loadBalancers,
    serviceRegistries: r.serviceRegistries,
    networkConfiguration: r.networkConfiguration,
    containerImages: r.containerImages,
    guardDutyEnabled: false,
    serviceConnectConfiguration: r.serviceConnectConfiguration,
    volumeConfigurations: r.volumeConfigurations,
    createdAt: seconds(r.createdAt),
  };
}

/** `createdAt: {before, after}` as the SDK sends it (epoch seconds), in simulated ms. */
function createdAtRange(value: unknown): { before: number; after: number } {
  if (value === undefined || value === null) return { before: Infinity, after: -Infinity };
  const range = value as { before?: unknown; after?: unknown };
  const ms = (v: unknown, field: string) => {
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'number' || !Number.isFinite(v)) throw invalidParameter(`createdAt.${field} must be a timestamp.`);
    return v * 1000;
  };
  return { before: ms(range.before, 'before') ?? Infinity, after: ms(range.after, 'after') ?? -Infinity };
}

export const ListServiceDeployments: Operation = (sb, input, ctx) => {
  const cluster = requireCluster(sb, ctx, input.cluster);
  const service = requireService(sb, cluster, input.service);
  const statuses = (optionalArray<string>(input, 'status') ?? []).map((s) => oneOf(s, 'status', STATUSES)!);
  const range = createdAtRange(input.createdAt);
  const matching = [...serviceDeployments(sb).values()]
    .filter((sd) => sd.serviceArn === service.serviceArn)
    .filter((sd) => statuses.length === 0 || statuses.includes(sd.status))
    .filter((sd) => sd.createdAt < range.before && sd.createdAt > range.after)
    .reverse();
  const { page, nextToken } = paginate(matching, input.nextToken, input.maxResults, { defaultSize: 20, maxSize: 100 });
  return {
    serviceDeployments: page.map((sd) => ({
      serviceDeploymentArn: sd.serviceDeploymentArn,
      serviceArn: sd.serviceArn,
      clusterArn: sd.clusterArn,
      startedAt: seconds(sd.startedAt),
      createdAt: seconds(sd.createdAt),
      finishedAt: seconds(sd.finishedAt),
      targetServiceRevisionArn: sd.targetServiceRevision.arn,
      status: sd.status,
      statusReason: sd.statusReason,
    })),
    nextToken,
  };
};

function arnList(input: any, field: string): string[] {
  const arns = optionalArray<unknown>(input, field);
  if (!arns || arns.length === 0) throw invalidParameter(`${field} is required.`);
  if (arns.length > MAX_DESCRIBE) throw invalidParameter(`${field} can have at most ${MAX_DESCRIBE} items.`);
  for (const arn of arns) if (typeof arn !== 'string') throw invalidParameter(`Each of ${field} must be a string.`);
  return arns as string[];
}

export const DescribeServiceDeployments: Operation = (sb, input, ctx) => {
  const found = [];
  const failures = [];
  for (const arn of arnList(input, 'serviceDeploymentArns')) {
    const sd = arnRegion(arn) === ctx.region ? serviceDeployments(sb).get(arn) : undefined;
    if (sd) found.push(renderServiceDeployment(sd));
    else failures.push({ arn, reason: 'MISSING' });
  }
  return { serviceDeployments: found, failures };
};

export const DescribeServiceRevisions: Operation = (sb, input, ctx) => {
  const found = [];
  const failures = [];
  for (const arn of arnList(input, 'serviceRevisionArns')) {
    const revision = arnRegion(arn) === ctx.region ? serviceRevisions(sb).get(arn) : undefined;
    if (revision) found.push(renderRevision(revision));
    else failures.push({ arn, reason: 'MISSING' });
  }
  return { serviceRevisions: found, failures };
};

const ROLLING_BACK: ReadonlySet<ServiceDeploymentStatus> = new Set(['ROLLBACK_REQUESTED', 'ROLLBACK_IN_PROGRESS', 'STOP_REQUESTED']);

/**
 * StopServiceDeployment with ROLLBACK (the default): an ongoing deployment is rolled back to
 * the service's last completed revision; one already rolling back carries on.
 */
export const StopServiceDeployment: Operation = (sb, input, ctx) => {
  const arn = input.serviceDeploymentArn;
  if (typeof arn !== 'string' || arn === '') throw invalidParameter('serviceDeploymentArn is required.');
  const stopType = oneOf(input.stopType ?? 'ROLLBACK', 'stopType', ['ROLLBACK', 'ABORT'] as const);
  if (stopType === 'ABORT') throw unsupported('StopServiceDeployment with stopType ABORT');
  const sd = arnRegion(arn) === ctx.region ? serviceDeployments(sb).get(arn) : undefined;
  if (!sd) throw deploymentNotFound();
  if (ROLLING_BACK.has(sd.status)) return { serviceDeploymentArn: arn };
  if (!isOngoing(sd)) {
    throw new ApiError('ConflictException', `The service deployment is ${sd.status} and can no longer be stopped.`);
  }
  const service = sb.tables.services.get(sd.serviceArn);
  const deployment = service?.deployments.find((d) => d.id === sd._deploymentId);
  if (!service || !deployment) throw deploymentNotFound();
  const target = rollbackTarget(sb, service, deployment);
  if (!target) {
    throw new ApiError('ConflictException', 'The service has no earlier completed service revision to roll back to.');
  }
  deployment.rolloutState = 'FAILED';
  deployment.rolloutStateReason = 'Service deployment rolled back by StopServiceDeployment.';
  deployment.updatedAt = sb.now();
  startDeployment(sb, service, {
    serviceDeployment: sd,
    revision: target,
    reason: 'StopServiceDeployment requested a rollback.',
    rolloutStateReason: `ECS deployment rolling back to deploymentId ${target._deploymentId}.`,
  });
  wakeService(sb, service);
  return { serviceDeploymentArn: arn };
};

export const serviceDeploymentOperations: Record<string, Operation> = {
  ListServiceDeployments,
  DescribeServiceDeployments,
  DescribeServiceRevisions,
  StopServiceDeployment,
};
