import type { DeploymentRecord, ServiceRecord, TaskSetRecord } from '../model.js';
import type { Sandbox } from '../sandbox.js';
import { seconds } from './common.js';
import { serviceDeployments } from './deployments.js';

/** Services, deployments and task sets as DescribeServices and friends return them. */

export function renderDeployment(d: DeploymentRecord) {
  return {
    id: d.id,
    status: d.status,
    taskDefinition: d.taskDefinition,
    desiredCount: d.desiredCount,
    pendingCount: d.pendingCount,
    runningCount: d.runningCount,
    failedTasks: d.failedTasks,
    createdAt: seconds(d.createdAt),
    updatedAt: seconds(d.updatedAt),
    launchType: d.launchType,
    capacityProviderStrategy: d.capacityProviderStrategy,
    platformVersion: d.platformVersion,
    networkConfiguration: d.networkConfiguration,
    rolloutState: d.rolloutState,
    rolloutStateReason: d.rolloutStateReason,
  };
}

export function renderTaskSet(set: TaskSetRecord, options: { tags?: boolean } = {}) {
  return {
    id: set.id,
    taskSetArn: set.taskSetArn,
    serviceArn: set.serviceArn,
    clusterArn: set.clusterArn,
    startedBy: set.startedBy,
    externalId: set.externalId,
    status: set.status,
    taskDefinition: set.taskDefinition,
    computedDesiredCount: set.computedDesiredCount,
    pendingCount: set.pendingCount,
    runningCount: set.runningCount,
    createdAt: seconds(set.createdAt),
    updatedAt: seconds(set.updatedAt),
    launchType: set.launchType,
    capacityProviderStrategy: set.capacityProviderStrategy,
    platformVersion: set.platformVersion,
    networkConfiguration: set.networkConfiguration,
    loadBalancers: set.loadBalancers,
    serviceRegistries: set.serviceRegistries,
    scale: set.scale,
    stabilityStatus: set.stabilityStatus,
    stabilityStatusAt: seconds(set.stabilityStatusAt),
    tags: options.tags ? set.tags : undefined,
  };
}

/** The revisions the service runs now, with their task counts (currentServiceRevisions). */
function currentRevisions(service: ServiceRecord) {
  const byRevision = new Map<string, { arn: string; requestedTaskCount: number; runningTaskCount: number; pendingTaskCount: number }>();
  for (const d of service.deployments) {
    if (!d._serviceRevisionArn) continue;
    const entry = byRevision.get(d._serviceRevisionArn) ?? { arn: d._serviceRevisionArn, requestedTaskCount: 0, runningTaskCount: 0, pendingTaskCount: 0 };
    entry.requestedTaskCount += d.desiredCount;
    entry.runningTaskCount += d.runningCount;
    entry.pendingTaskCount += d.pendingCount;
    byRevision.set(d._serviceRevisionArn, entry);
  }
  return [...byRevision.values()];
}

export function renderService(sb: Sandbox, service: ServiceRecord, options: { tags?: boolean } = {}) {
  const usesTaskSets = service.deploymentController.type !== 'ECS';
  const taskSets = service.taskSets.map((arn) => sb.tables.taskSets.get(arn)).filter((s): s is TaskSetRecord => !!s);
  const current = service._currentServiceDeploymentArn;
  return {
    serviceArn: service.serviceArn,
    serviceName: service.serviceName,
    clusterArn: service.clusterArn,
    loadBalancers: service.loadBalancers,
    serviceRegistries: service.serviceRegistries,
    status: service.status,
    desiredCount: service.desiredCount,
    runningCount: service.runningCount,
    pendingCount: service.pendingCount,
    launchType: service.launchType,
    capacityProviderStrategy: service.capacityProviderStrategy,
    platformVersion: service.platformVersion,
    platformFamily: service.platformFamily,
    taskDefinition: service.taskDefinition,
    deploymentConfiguration: service.deploymentConfiguration,
    taskSets: usesTaskSets ? taskSets.map((s) => renderTaskSet(s)) : undefined,
    deployments: usesTaskSets ? [] : service.deployments.map(renderDeployment),
    roleArn: service.roleArn,
    events: service.events.map((e) => ({ id: e.id, createdAt: seconds(e.createdAt), message: e.message })),
    createdAt: seconds(service.createdAt),
    currentServiceDeployment: current && serviceDeployments(sb).has(current) ? current : undefined,
    currentServiceRevisions: usesTaskSets ? undefined : currentRevisions(service),
    placementConstraints: service.placementConstraints,
    placementStrategy: service.placementStrategy,
    networkConfiguration: service.networkConfiguration,
    healthCheckGracePeriodSeconds: service.healthCheckGracePeriodSeconds,
    schedulingStrategy: service.schedulingStrategy,
    deploymentController: service.deploymentController,
    tags: options.tags ? service.tags : undefined,
    createdBy: service.createdBy,
    enableECSManagedTags: service.enableECSManagedTags,
    propagateTags: service.propagateTags,
    enableExecuteCommand: service.enableExecuteCommand,
    availabilityZoneRebalancing: service.availabilityZoneRebalancing,
  };
}
