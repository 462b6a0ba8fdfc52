import { ecsArn } from '../arn.js';
import { instanceGone, registerInstance } from '../ecs/container-instances.js';
import type { Attribute, Ec2InstanceRecord, Ec2InstanceStateName, Tag } from '../model.js';
import type { Sandbox } from '../sandbox.js';
import { ecsRegisteredResources, instanceTypeSpec } from './instance-types.js';
import { releasePrivateIp } from './subnets.js';

/**
 * An instance's life on the simulated clock: pending -> running, stopping -> stopped,
 * shutting-down -> terminated, each after a seeded delay; then, on a running instance
 * with the ECS agent, the agent registering with its cluster (and retrying quietly while
 * the cluster does not exist, as the agent does). Terminated instances stay visible for
 * an hour, as in EC2, then disappear.
 */

export const STATE_CODES: Record<Ec2InstanceStateName, number> = {
  pending: 0,
  running: 16,
  'shutting-down': 32,
  terminated: 48,
  stopping: 64,
  stopped: 80,
};

const TRANSITION_JOB = 'ec2-instance';
const AGENT_JOB = 'ecs-agent';
const PURGE_JOB = 'ec2-instance-purge';

/** Median and 99th percentile of each step, in simulated ms: a few seconds, as the sandbox keeps things brisk. */
const DELAYS: Record<'pending' | 'stopping' | 'shutting-down' | 'agent', [number, number]> = {
  pending: [4000, 8000],
  stopping: [5000, 10_000],
  'shutting-down': [4000, 8000],
  agent: [2000, 4000],
};
/** The agent retries sooner at first, then about once a minute. */
const AGENT_RETRY_MS = { min: 10_000, max: 60_000 };
const TERMINATED_VISIBLE_MS = 60 * 60 * 1000;

export function setState(sb: Sandbox, instance: Ec2InstanceRecord, name: Ec2InstanceStateName): void {
  instance.state = { code: STATE_CODES[name], name };
  sb.events.emit('ec2-instance', instance);
}

/** Puts an instance into a transitional state and schedules the step that ends it. */
export function beginTransition(sb: Sandbox, instance: Ec2InstanceRecord, name: 'pending' | 'stopping' | 'shutting-down'): void {
  setState(sb, instance, name);
  const [median, p99] = DELAYS[name];
  const delay = Math.round(sb.random.logNormal(median, p99));
  instance._transitionAt = sb.now() + delay;
  sb.schedule(delay, TRANSITION_JOB, instance.instanceId);
}

/** How EC2 words a user-initiated change: "User initiated (2026-01-01 12:00:00 GMT)". */
export function userInitiated(sb: Sandbox): string {
  return `User initiated (${new Date(sb.now()).toISOString().slice(0, 19).replace('T', ' ')} GMT)`;
}

/** The host is going down: its agent disconnects and ECS stops the tasks on it. */
export function disconnectAgent(sb: Sandbox, instance: Ec2InstanceRecord, what: 'stopped' | 'terminated'): void {
  const arn = instance._containerInstanceArn;
  if (!arn) return;
  const containerInstance = sb.tables.containerInstances.get(arn);
  if (containerInstance) instanceGone(sb, containerInstance, `Host EC2 (instance ${instance.instanceId}) ${what}.`);
  if (what === 'terminated') instance._containerInstanceArn = undefined;
}

function finishTransition(sb: Sandbox, instanceId: string): void {
  const instance = sb.tables.ec2Instances.get(instanceId);
  // A job for a transition that was superseded (a start after a stop, say) finds a later due time.
  if (!instance || instance._transitionAt === undefined || instance._transitionAt > sb.now()) return;
  instance._transitionAt = undefined;
  switch (instance.state.name) {
    case 'pending':
      instance.stateReason = undefined;
      setState(sb, instance, 'running');
      if (instance._ecsCluster) sb.schedule(Math.round(sb.random.logNormal(...DELAYS.agent)), AGENT_JOB, instanceId);
      break;
    case 'stopping':
      instance.publicIpAddress = undefined;
      instance.publicDnsName = undefined;
      setState(sb, instance, 'stopped');
      break;
    case 'shutting-down':
      instance.publicIpAddress = undefined;
      instance.publicDnsName = undefined;
      releasePrivateIp(sb, instance.subnetId, instance.privateIpAddress);
      setState(sb, instance, 'terminated');
      sb.schedule(TERMINATED_VISIBLE_MS, PURGE_JOB, instanceId);
      break;
    default:
      break;
  }
}

function jsonObject(text: string | undefined): Record<string, unknown> | undefined {
  if (text === undefined) return undefined;
  try {
    const value = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Custom attributes and tags from the agent's configuration (ECS_INSTANCE_ATTRIBUTES, ECS_CONTAINER_INSTANCE_TAGS). */
function agentExtras(instance: Ec2InstanceRecord): { attributes: Attribute[]; tags: Tag[] } {
  const config = instance._agentConfig ?? {};
  const attributes = Object.entries(jsonObject(config.ECS_INSTANCE_ATTRIBUTES) ?? {})
    .filter(([, value]) => typeof value === 'string')
    .map(([name, value]) => ({ name, value: value as string }));
  const tags = new Map<string, string>();
  if (config.ECS_CONTAINER_INSTANCE_PROPAGATE_TAGS_FROM === 'ec2_instance') {
    for (const tag of instance.tags) tags.set(tag.key, tag.value);
  }
  for (const [key, value] of Object.entries(jsonObject(config.ECS_CONTAINER_INSTANCE_TAGS) ?? {})) {
    if (typeof value === 'string') tags.set(key, value);
  }
  return { attributes, tags: [...tags].map(([key, value]) => ({ key, value })) };
}

/** The agent starts on a running instance and registers, or tries again later. */
function startAgent(sb: Sandbox, instanceId: string): void {
  const instance = sb.tables.ec2Instances.get(instanceId);
  if (!instance || instance.state.name !== 'running' || !instance._ecsCluster) return;
  const current = instance._containerInstanceArn ? sb.tables.containerInstances.get(instance._containerInstanceArn) : undefined;
  if (current && current.agentConnected && current.status !== 'INACTIVE') return;
  const cluster = sb.tables.clusters.get(ecsArn(instance.region, `cluster/${instance._ecsCluster}`));
  if (!cluster || cluster.status !== 'ACTIVE') {
    const waited = sb.now() - instance.launchTime;
    const delay = Math.min(AGENT_RETRY_MS.max, Math.max(AGENT_RETRY_MS.min, waited / 4) + sb.random.int(0, 5000));
    sb.schedule(delay, AGENT_JOB, instanceId);
    return;
  }
  const spec = instanceTypeSpec(instance.instanceType);
  if (!spec) return;
  const resources = ecsRegisteredResources(spec);
  const reserved = Number(instance._agentConfig?.ECS_RESERVED_MEMORY ?? 0);
  const memory = Number.isInteger(reserved) && reserved > 0 ? Math.max(0, resources.memory - reserved) : resources.memory;
  const containerInstance = registerInstance(sb, {
    cluster,
    ec2InstanceId: instance.instanceId,
    instanceType: instance.instanceType,
    availabilityZone: instance.availabilityZone,
    amiId: instance.imageId,
    cpu: resources.cpu,
    memory,
    ...agentExtras(instance),
  });
  instance._containerInstanceArn = containerInstance.containerInstanceArn;
}

function purge(sb: Sandbox, instanceId: string): void {
  const instance = sb.tables.ec2Instances.get(instanceId);
  if (instance?.state.name === 'terminated') sb.tables.ec2Instances.delete(instanceId);
}

export function installInstanceJobs(sb: Sandbox): void {
  sb.onJob(TRANSITION_JOB, finishTransition);
  sb.onJob(AGENT_JOB, startAgent);
  sb.onJob(PURGE_JOB, purge);
}
