import type { ContainerInstanceRecord } from '../model.js';
import type { Sandbox } from '../sandbox.js';
import { renderRemainingResources } from '../scheduler/index.js';
import { includes, seconds } from './common.js';

/** The version fields the agent reported, leaving out the ones it did not. */
function renderVersionInfo(info: ContainerInstanceRecord['versionInfo']) {
  return {
    agentVersion: info.agentVersion || undefined,
    agentHash: info.agentHash || undefined,
    dockerVersion: info.dockerVersion || undefined,
  };
}

/**
 * The instance's health as ECS reports it with `include: [CONTAINER_INSTANCE_HEALTH]`: the
 * container runtime is OK while the agent reports in, and unknown once it has gone quiet.
 */
function renderHealth(sb: Sandbox, instance: ContainerInstanceRecord) {
  const status = instance.agentConnected ? 'OK' : 'INSUFFICIENT_DATA';
  return {
    overallStatus: status,
    details: [{ type: 'CONTAINER_RUNTIME', status, lastUpdated: seconds(sb.now()), lastStatusChange: seconds(instance.registeredAt) }],
  };
}

/** A ContainerInstance as DescribeContainerInstances and the other container instance calls return it. */
export function renderContainerInstance(sb: Sandbox, instance: ContainerInstanceRecord, input: unknown = {}) {
  return {
    containerInstanceArn: instance.containerInstanceArn,
    ec2InstanceId: instance.ec2InstanceId,
    capacityProviderName: instance.capacityProviderName,
    version: instance.version,
    versionInfo: renderVersionInfo(instance.versionInfo),
    remainingResources: renderRemainingResources(instance),
    registeredResources: instance.registeredResources,
    status: instance.status,
    statusReason: instance.statusReason,
    agentConnected: instance.agentConnected,
    runningTasksCount: instance.runningTasksCount,
    pendingTasksCount: instance.pendingTasksCount,
    agentUpdateStatus: instance.agentUpdateStatus,
    attributes: instance.attributes.map((a) => ({ name: a.name, value: a.value })),
    registeredAt: seconds(instance.registeredAt),
    attachments: [],
    tags: includes(input, 'TAGS') ? instance.tags : undefined,
    healthStatus: includes(input, 'CONTAINER_INSTANCE_HEALTH') ? renderHealth(sb, instance) : undefined,
  };
}
