import { arnRegion, arnResource, ecsArn, isArn } from '../arn.js';
import { clientError, invalidParameter, unsupported } from '../errors.js';
import { oneOf, optionalArray, optionalInteger, optionalString, paginate, requireString } from '../input.js';
import type { AutoScalingGroupProvider, CapacityProviderRecord } from '../model.js';
import type { JobHandler, Operation, RequestContext, Sandbox } from '../sandbox.js';
import { updateAttachmentsForProvider } from './capacity-provider-attachments.js';
import { includes, requireCluster, validTags } from './common.js';

/**
 * Capacity providers: the account's Auto Scaling group providers, plus FARGATE and FARGATE_SPOT,
 * which every account has. Updates and deletions take a moment, as in ECS: they answer with an
 * updateStatus *_IN_PROGRESS and complete on the simulated clock.
 */

export const CAPACITY_PROVIDER_JOB = 'capacity-provider';

/** How long ECS takes to apply an update and to finish a deletion (simulated ms). */
const UPDATE_MS = 5_000;
const DELETE_MS = 15_000;

const RESERVED = ['FARGATE', 'FARGATE_SPOT'] as const;
const NAME = /^[a-zA-Z0-9_-]{1,255}$/;
const ENABLED_DISABLED = ['ENABLED', 'DISABLED'] as const;

function capacityProviderArnOf(region: string, name: string): string {
  return ecsArn(region, `capacity-provider/${name}`);
}

function renderReserved(region: string, name: string) {
  return { capacityProviderArn: capacityProviderArnOf(region, name), name, status: 'ACTIVE', tags: [], type: name };
}

function render(provider: CapacityProviderRecord, input: unknown) {
  return {
    capacityProviderArn: provider.capacityProviderArn,
    name: provider.name,
    status: provider.status,
    autoScalingGroupProvider: provider.autoScalingGroupProvider,
    updateStatus: provider.updateStatus,
    updateStatusReason: provider.updateStatusReason,
    tags: includes(input, 'TAGS') ? provider.tags : [],
    type: 'EC2_AUTOSCALING',
  };
}

type ManagedScaling = AutoScalingGroupProvider['managedScaling'];

/** Managed scaling with ECS's defaults for what is left out (or what `current` had, on update). */
function managedScaling(input: unknown, current?: ManagedScaling): ManagedScaling {
  if (input !== undefined && (typeof input !== 'object' || input === null || Array.isArray(input))) {
    throw invalidParameter('managedScaling must be an object.');
  }
  const m = (input ?? {}) as Record<string, unknown>;
  return {
    status: oneOf(optionalString(m, 'status'), 'managedScaling.status', ENABLED_DISABLED) ?? current?.status ?? 'DISABLED',
    targetCapacity: optionalInteger(m, 'targetCapacity', { min: 1, max: 100 }) ?? current?.targetCapacity ?? 100,
    minimumScalingStepSize: optionalInteger(m, 'minimumScalingStepSize', { min: 1, max: 10000 }) ?? current?.minimumScalingStepSize ?? 1,
    maximumScalingStepSize: optionalInteger(m, 'maximumScalingStepSize', { min: 1, max: 10000 }) ?? current?.maximumScalingStepSize ?? 10000,
    instanceWarmupPeriod: optionalInteger(m, 'instanceWarmupPeriod', { min: 0, max: 10000 }) ?? current?.instanceWarmupPeriod ?? 300,
  };
}

/** An Auto Scaling group provider as CreateCapacityProvider takes it, or as an update changes `current`. */
function groupProvider(input: unknown, current?: AutoScalingGroupProvider): AutoScalingGroupProvider {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw invalidParameter('autoScalingGroupProvider is required and must be an object.');
  }
  const g = input as Record<string, unknown>;
  const arn = current?.autoScalingGroupArn ?? requireString(g, 'autoScalingGroupArn');
  if (isArn(arn) && !arn.startsWith('arn:aws:autoscaling:')) {
    throw invalidParameter(`autoScalingGroupArn must be an Auto Scaling group ARN or name; got '${arn}'.`);
  }
  const scaling = managedScaling(g.managedScaling ?? undefined, current?.managedScaling);
  if (scaling.minimumScalingStepSize > scaling.maximumScalingStepSize) {
    throw invalidParameter('managedScaling.minimumScalingStepSize cannot be greater than maximumScalingStepSize.');
  }
  return {
    autoScalingGroupArn: arn,
    managedScaling: scaling,
    managedTerminationProtection:
      oneOf(optionalString(g, 'managedTerminationProtection'), 'managedTerminationProtection', ENABLED_DISABLED) ??
      current?.managedTerminationProtection ??
      'DISABLED',
    managedDraining:
      oneOf(optionalString(g, 'managedDraining'), 'managedDraining', ENABLED_DISABLED) ?? current?.managedDraining ?? 'ENABLED',
  };
}

function refuseManagedInstances(input: any): void {
  if (input.cluster !== undefined || input.managedInstancesProvider !== undefined) {
    throw unsupported('Amazon ECS Managed Instances capacity providers (cluster, managedInstancesProvider)');
  }
}

/** The account's provider a name or ARN refers to in this region, deleted ones included. */
function lookup(sb: Sandbox, ctx: RequestContext, ref: string): CapacityProviderRecord | undefined {
  if (isArn(ref) && (arnRegion(ref) !== ctx.region || !arnResource(ref).startsWith('capacity-provider/'))) return undefined;
  const name = isArn(ref) ? arnResource(ref).slice('capacity-provider/'.length) : ref;
  return sb.tables.capacityProviders.get(capacityProviderArnOf(ctx.region, name));
}

function reservedName(ref: string): string | undefined {
  const name = isArn(ref) ? arnResource(ref).slice('capacity-provider/'.length) : ref;
  return (RESERVED as readonly string[]).includes(name) ? name : undefined;
}

/** The ACTIVE provider an update or deletion names, or the error for a wrong name. */
function requireProvider(sb: Sandbox, ctx: RequestContext, ref: string, verb: 'updated' | 'deleted'): CapacityProviderRecord {
  if (reservedName(ref)) throw invalidParameter(`The FARGATE and FARGATE_SPOT capacity providers are reserved and can't be ${verb}.`);
  const provider = lookup(sb, ctx, ref);
  if (!provider || provider.status !== 'ACTIVE') {
    throw invalidParameter(`The specified capacity provider '${ref}' does not exist. Specify a valid name or ARN and try again.`);
  }
  return provider;
}

export const CreateCapacityProvider: Operation = (sb, input, ctx) => {
  const name = requireString(input, 'name');
  if (!NAME.test(name)) {
    throw invalidParameter('Capacity provider names can have up to 255 letters (uppercase and lowercase), numbers, underscores and hyphens.');
  }
  if (/^(aws|ecs|fargate)/i.test(name)) {
    throw invalidParameter(`The capacity provider name '${name}' is invalid: names can't begin with "aws", "ecs" or "fargate".`);
  }
  refuseManagedInstances(input);
  const provider = groupProvider(input.autoScalingGroupProvider);
  const tags = validTags(input.tags);
  const existing = lookup(sb, ctx, name);
  if (existing && existing.status === 'ACTIVE') {
    throw clientError(
      'The specified capacity provider already exists. To change the configuration of an existing capacity provider, update the capacity provider.',
    );
  }
  for (const other of sb.tables.capacityProviders.values()) {
    if (other.region === ctx.region && other.status === 'ACTIVE' && other.autoScalingGroupProvider?.autoScalingGroupArn === provider.autoScalingGroupArn) {
      throw clientError(
        'The specified Auto Scaling group ARN is already being used by another capacity provider. Specify a unique Auto Scaling group ARN and try again.',
      );
    }
  }
  const record: CapacityProviderRecord = {
    capacityProviderArn: capacityProviderArnOf(ctx.region, name),
    name,
    region: ctx.region,
    status: 'ACTIVE',
    autoScalingGroupProvider: provider,
    tags,
  };
  sb.tables.capacityProviders.set(record.capacityProviderArn, record);
  return { capacityProvider: render(record, { include: ['TAGS'] }) };
};

export const DescribeCapacityProviders: Operation = (sb, input, ctx) => {
  const refs = optionalArray<unknown>(input, 'capacityProviders');
  if (refs && refs.length > 100) throw invalidParameter('capacityProviders can have at most 100 items.');
  const cluster = input.cluster !== undefined ? requireCluster(sb, ctx, input.cluster) : undefined;
  const found: Array<ReturnType<typeof render> | ReturnType<typeof renderReserved>> = [];
  const failures = [];
  if (refs) {
    for (const ref of refs) {
      if (typeof ref !== 'string' || ref.length === 0) throw invalidParameter('capacityProviders must list names or ARNs.');
      const reserved = reservedName(ref);
      const provider = reserved ? undefined : lookup(sb, ctx, ref);
      if (reserved) found.push(renderReserved(ctx.region, reserved));
      else if (provider) found.push(render(provider, input));
      else failures.push({ arn: isArn(ref) ? ref : capacityProviderArnOf(ctx.region, ref), reason: 'MISSING' });
    }
  } else {
    for (const provider of sb.tables.capacityProviders.values()) {
      if (provider.region === ctx.region && provider.status === 'ACTIVE') found.push(render(provider, input));
    }
    for (const name of RESERVED) found.push(renderReserved(ctx.region, name));
  }
  const listed = cluster ? found.filter((p) => cluster.capacityProviders.includes(p.name)) : found;
  const { page, nextToken } = paginate(listed, input.nextToken, input.maxResults, { defaultSize: 10, maxSize: 10 });
  return { capacityProviders: page, failures, nextToken };
};

/** ECS answers with the configuration still in force; the new one applies when the update completes. */
export const UpdateCapacityProvider: Operation = (sb, input, ctx) => {
  refuseManagedInstances(input);
  const provider = requireProvider(sb, ctx, requireString(input, 'name'), 'updated');
  if (provider.updateStatus === 'DELETE_IN_PROGRESS') throw clientError(`The capacity provider ${provider.name} is being deleted.`);
  provider._pendingUpdate = groupProvider(input.autoScalingGroupProvider, provider.autoScalingGroupProvider);
  provider.updateStatus = 'UPDATE_IN_PROGRESS';
  provider.updateStatusReason = undefined;
  sb.schedule(UPDATE_MS, CAPACITY_PROVIDER_JOB, provider.capacityProviderArn);
  return { capacityProvider: render(provider, { include: ['TAGS'] }) };
};

/** Clusters in the provider's region that still list it. */
function associatedClusters(sb: Sandbox, provider: CapacityProviderRecord): string[] {
  const names: string[] = [];
  for (const cluster of sb.tables.clusters.values()) {
    if (cluster.region === provider.region && cluster.status !== 'INACTIVE' && cluster.capacityProviders.includes(provider.name)) {
      names.push(cluster.clusterName);
    }
  }
  return names;
}

/**
 * A provider still associated with a cluster is not deleted: ECS accepts the call and reports
 * DELETE_FAILED with the reason, and the provider stays ACTIVE.
 */
export const DeleteCapacityProvider: Operation = (sb, input, ctx) => {
  refuseManagedInstances(input);
  const provider = requireProvider(sb, ctx, requireString(input, 'capacityProvider'), 'deleted');
  const clusters = associatedClusters(sb, provider);
  if (clusters.length > 0) {
    provider.updateStatus = 'DELETE_FAILED';
    provider.updateStatusReason = `The capacity provider cannot be deleted because it is associated with cluster: ${clusters.join(', ')}. Remove the capacity provider from the cluster and try again.`;
  } else {
    provider.updateStatus = 'DELETE_IN_PROGRESS';
    provider.updateStatusReason = undefined;
    provider._pendingUpdate = undefined;
    sb.schedule(DELETE_MS, CAPACITY_PROVIDER_JOB, provider.capacityProviderArn);
  }
  return { capacityProvider: render(provider, { include: ['TAGS'] }) };
};

/** Completes whatever the provider has in progress. */
export const completeCapacityProviderChange: JobHandler = (sb, arn) => {
  const provider = sb.tables.capacityProviders.get(arn);
  if (!provider) return;
  if (provider.updateStatus === 'DELETE_IN_PROGRESS') {
    provider.status = 'INACTIVE';
    provider.updateStatus = 'DELETE_COMPLETE';
  } else if (provider.updateStatus === 'UPDATE_IN_PROGRESS' && provider._pendingUpdate) {
    provider.autoScalingGroupProvider = provider._pendingUpdate;
    provider._pendingUpdate = undefined;
    provider.updateStatus = 'UPDATE_COMPLETE';
    // Managed scaling or draining turned on or off: the clusters' scaling policies and hooks follow.
    updateAttachmentsForProvider(sb, provider);
  }
};

export const capacityProviderOperations: Record<string, Operation> = {
  CreateCapacityProvider,
  DescribeCapacityProviders,
  UpdateCapacityProvider,
  DeleteCapacityProvider,
};
