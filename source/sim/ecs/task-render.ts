import type { ContainerRecord, TaskRecord } from '../model.js';
import { seconds } from './common.js';

/** A task as DescribeTasks, RunTask, StartTask and StopTask return it. */

function renderContainer(container: ContainerRecord) {
  return {
    containerArn: container.containerArn,
    taskArn: container.taskArn,
    name: container.name,
    image: container.image,
    runtimeId: container.runtimeId,
    lastStatus: container.lastStatus,
    exitCode: container.exitCode,
    reason: container.reason,
    networkBindings: container.networkBindings,
    networkInterfaces: container.networkInterfaces,
    healthStatus: container.healthStatus,
    cpu: container.cpu,
    memory: container.memory,
    memoryReservation: container.memoryReservation,
  };
}

export function renderTask(task: TaskRecord, options: { tags?: boolean } = {}) {
  return {
    taskArn: task.taskArn,
    clusterArn: task.clusterArn,
    taskDefinitionArn: task.taskDefinitionArn,
    containerInstanceArn: task.containerInstanceArn,
    overrides: task.overrides,
    lastStatus: task.lastStatus,
    desiredStatus: task.desiredStatus,
    cpu: task.cpu,
    memory: task.memory,
    containers: task.containers.map(renderContainer),
    startedBy: task.startedBy,
    version: task.version,
    stoppedReason: task.stoppedReason,
    stopCode: task.stopCode,
    connectivity: task.connectivity,
    connectivityAt: seconds(task.connectivityAt),
    pullStartedAt: seconds(task.pullStartedAt),
    pullStoppedAt: seconds(task.pullStoppedAt),
    executionStoppedAt: seconds(task.executionStoppedAt),
    createdAt: seconds(task.createdAt),
    startedAt: seconds(task.startedAt),
    stoppingAt: seconds(task.stoppingAt),
    stoppedAt: seconds(task.stoppedAt),
    group: task.group,
    launchType: task.launchType,
    capacityProviderName: task.capacityProviderName,
    platformVersion: task.platformVersion,
    platformFamily: task.platformFamily,
    attachments: task.attachments,
    healthStatus: task.healthStatus,
    tags: options.tags ? task.tags : [],
    availabilityZone: task.availabilityZone,
    attributes: task.attributes,
    enableExecuteCommand: task.enableExecuteCommand,
    ephemeralStorage: task.ephemeralStorage,
    fargateEphemeralStorage: task.ephemeralStorage,
  };
}
