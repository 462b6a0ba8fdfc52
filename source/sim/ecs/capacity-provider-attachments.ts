import type { CapacityProviderRecord, ClusterAttachment, ClusterRecord } from '../model.js';
import type { JobHandler, Sandbox } from '../sandbox.js';

/**
 * A cluster's attachments: what ECS sets up in Auto Scaling for each of the cluster's Auto
 * Scaling group providers, a target-tracking scaling policy (`as_policy`) when the provider
 * has managed scaling and a termination lifecycle hook (`managed_draining`) when it has
 * managed draining. A change of the cluster's providers (PutClusterCapacityProviders,
 * CreateCluster, an update of a provider it uses) is UPDATE_IN_PROGRESS: new attachments
 * PRECREATED, dropped ones DELETING; after a moment it is UPDATE_COMPLETE, the new ones
 * CREATED and the dropped ones gone.
 */

export const CLUSTER_ATTACHMENTS_JOB = 'cluster-attachments';

/** How long ECS takes to create or delete the Auto Scaling resources (simulated ms). */
const UPDATE_MS = 5_000;

const DRAINING_HOOK = 'ecs-managed-draining-termination-hook';

type AttachmentType = ClusterAttachment['type'];

function providerOf(attachment: ClusterAttachment): string | undefined {
  return attachment.details.find((d) => d.name === 'capacityProviderName')?.value;
}

/** What the provider needs on a cluster. */
function typesFor(provider: CapacityProviderRecord): AttachmentType[] {
  const group = provider.autoScalingGroupProvider;
  if (!group) return [];
  const types: AttachmentType[] = [];
  if (group.managedScaling.status === 'ENABLED') types.push('as_policy');
  if (group.managedDraining === 'ENABLED') types.push('managed_draining');
  return types;
}

function newAttachment(sb: Sandbox, type: AttachmentType, provider: CapacityProviderRecord): ClusterAttachment {
  const resource =
    type === 'as_policy'
      ? { name: 'scalingPolicyName', value: `ECSManagedAutoScalingPolicy-${sb.random.uuid()}` }
      : { name: 'autoScalingLifecycleHookName', value: DRAINING_HOOK };
  return { id: sb.random.uuid(), type, status: 'PRECREATED', details: [{ name: 'capacityProviderName', value: provider.name }, resource] };
}

function groupProviders(sb: Sandbox, cluster: ClusterRecord): CapacityProviderRecord[] {
  const providers: CapacityProviderRecord[] = [];
  for (const provider of sb.tables.capacityProviders.values()) {
    if (provider.region === cluster.region && provider.status === 'ACTIVE' && cluster.capacityProviders.includes(provider.name)) providers.push(provider);
  }
  return providers;
}

/** Brings the cluster's attachment list in line with its providers; whether anything changed. */
function reconcile(sb: Sandbox, cluster: ClusterRecord): boolean {
  const current = cluster.attachments ?? [];
  const kept = new Set<ClusterAttachment>();
  const next: ClusterAttachment[] = [];
  for (const provider of groupProviders(sb, cluster)) {
    for (const type of typesFor(provider)) {
      const existing = current.find((a) => a.type === type && providerOf(a) === provider.name && a.status !== 'DELETING');
      if (existing) kept.add(existing);
      next.push(existing ?? newAttachment(sb, type, provider));
    }
  }
  const dropped = current.filter((a) => !kept.has(a));
  const changed = next.length > kept.size || dropped.some((a) => a.status !== 'DELETING');
  cluster.attachments = [...next, ...dropped.map((a): ClusterAttachment => ({ ...a, status: 'DELETING' }))];
  return changed;
}

function beginUpdate(sb: Sandbox, cluster: ClusterRecord): void {
  cluster.attachmentsStatus = 'UPDATE_IN_PROGRESS';
  cluster._attachmentsDueAt = sb.now() + UPDATE_MS;
  sb.schedule(UPDATE_MS, CLUSTER_ATTACHMENTS_JOB, cluster.clusterArn);
}

/** The cluster's providers were set: its attachments follow, in an update that completes after a moment. */
export function updateClusterAttachments(sb: Sandbox, cluster: ClusterRecord): void {
  reconcile(sb, cluster);
  beginUpdate(sb, cluster);
}

/** A provider's configuration changed: the live clusters that use it update their attachments if they need other ones now. */
export function updateAttachmentsForProvider(sb: Sandbox, provider: CapacityProviderRecord): void {
  for (const cluster of sb.tables.clusters.values()) {
    if (cluster.region !== provider.region || cluster.status !== 'ACTIVE' || !cluster.capacityProviders.includes(provider.name)) continue;
    if (reconcile(sb, cluster)) beginUpdate(sb, cluster);
  }
}

/** Completes the cluster's update, unless a later one superseded it. */
export const completeClusterAttachments: JobHandler = (sb, clusterArn) => {
  const cluster = sb.tables.clusters.get(clusterArn);
  if (!cluster || cluster.attachmentsStatus !== 'UPDATE_IN_PROGRESS' || (cluster._attachmentsDueAt ?? 0) > sb.now()) return;
  cluster.attachments = (cluster.attachments ?? [])
    .filter((a) => a.status !== 'DELETING')
    .map((a): ClusterAttachment => (a.status === 'PRECREATED' ? { ...a, status: 'CREATED' } : a));
  cluster.attachmentsStatus = 'UPDATE_COMPLETE';
  cluster._attachmentsDueAt = undefined;
};

/** The cluster's attachments as ECS shows them: the list only when asked for (ATTACHMENTS), the status always. */
export function renderClusterAttachments(cluster: ClusterRecord, withList: boolean) {
  return {
    attachments: withList ? (cluster.attachments ?? []).map((a) => ({ ...a, details: a.details.map((d) => ({ ...d })) })) : undefined,
    attachmentsStatus: cluster.attachmentsStatus,
  };
}
