import { ecsArn } from '../arn.js';
import { AGENT_JOB, ecsRegisteredResources, instanceTypeSpec, namesAgentCluster } from '../ec2/index.js';
import type { Attribute, ClusterRecord, Ec2InstanceRecord, Tag } from '../model.js';
import type { Sandbox } from '../sandbox.js';
import { CreateCluster } from './clusters.js';
import { instanceGone, registerInstance } from './container-instances.js';

/**
 * The ECS agent on an EC2 instance, as ECS sees it: it starts once the instance runs,
 * registers with its cluster (retrying quietly while the cluster does not exist, as the agent
 * does), and disconnects when its host stops or terminates, which stops the tasks on it.
 * An agent told no cluster registers into `default`, creating it first if the account has
 * none: that is how an account "receives a default cluster when you launch your first
 * container instance".
 */

/** The agent retries sooner at first, then about once a minute. */
const AGENT_RETRY_MS = { min: 10_000, max: 60_000 };

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
  let cluster: ClusterRecord | undefined = sb.tables.clusters.get(ecsArn(instance.region, `cluster/${instance._ecsCluster}`));
  if ((!cluster || cluster.status !== 'ACTIVE') && !namesAgentCluster(instance.userData)) {
    CreateCluster(sb, {}, { region: instance.region });
    cluster = sb.tables.clusters.get(ecsArn(instance.region, 'cluster/default'));
  }
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

/** The host is going down: its agent disconnects and ECS stops the tasks on it. */
function hostDown(sb: Sandbox, instance: Ec2InstanceRecord, what: 'stopped' | 'terminated'): void {
  const arn = instance._containerInstanceArn;
  if (!arn) return;
  const containerInstance = sb.tables.containerInstances.get(arn);
  if (containerInstance) instanceGone(sb, containerInstance, `Host EC2 (instance ${instance.instanceId}) ${what}.`);
  if (what === 'terminated') instance._containerInstanceArn = undefined;
}

export function installInstanceAgent(sb: Sandbox): void {
  sb.onJob(AGENT_JOB, startAgent);
  sb.events.on('ec2-host-down', (instance: Ec2InstanceRecord, what: 'stopped' | 'terminated') => hostDown(sb, instance, what));
}
