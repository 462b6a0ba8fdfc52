import { ACCOUNT_ID, arnRegion, arnResource, ecsArn } from '../arn.js';
import { ApiError, clusterNotFound, invalidParameter } from '../errors.js';
import { optionalArray, requireString } from '../input.js';
import type { Tag } from '../model.js';
import type { Operation, RequestContext, Sandbox } from '../sandbox.js';
import { mergeTags, validTags } from './common.js';

/**
 * TagResource, UntagResource and ListTagsForResource, for every taggable ECS resource, found by
 * its ARN: clusters, container instances, task definitions, tasks, services, task sets and
 * capacity providers. Tags live on each resource's own record.
 */

interface Tagged {
  tags: Tag[];
}

/** Why a resource could not be found; each operation words it as ECS does. */
class NotFound {
  constructor(readonly what: string) {}
}

const ECS_ARN = /^arn:aws:ecs:([a-z0-9-]+):(\d{12}):(.+)$/;

/**
 * Resource types with a cluster in their ARN, and how many path segments follow the type
 * (task sets: CLUSTER/SERVICE/ecs-svc/ID). Their older short ARNs cannot be tagged.
 */
const CLUSTER_SCOPED: Record<string, { segments: number; table: string; arnField: string; what: string }> = {
  'container-instance': { segments: 2, table: 'containerInstances', arnField: 'containerInstanceArn', what: 'container instance' },
  task: { segments: 2, table: 'tasks', arnField: 'taskArn', what: 'task' },
  service: { segments: 2, table: 'services', arnField: 'serviceArn', what: 'service' },
  'task-set': { segments: 4, table: 'taskSets', arnField: 'taskSetArn', what: 'task set' },
};

function recordByArn(sb: Sandbox, table: string, arn: string, arnField: string): Tagged | undefined {
  const map = sb.tables[table];
  const direct = map?.get(arn);
  if (direct) return direct as Tagged;
  for (const record of map?.values() ?? []) if (record[arnField] === arn) return record as Tagged;
  return undefined;
}

function activeCluster(sb: Sandbox, arn: string): Tagged {
  const cluster = sb.tables.clusters.get(arn);
  if (!cluster || cluster.status === 'INACTIVE') throw clusterNotFound();
  return cluster;
}

/** The record a resource ARN names; throws for a malformed ARN, returns NotFound for a missing resource. */
function taggable(sb: Sandbox, ctx: RequestContext, arn: string): Tagged | NotFound {
  const match = ECS_ARN.exec(arn);
  if (!match) throw invalidParameter('The ARN provided is invalid.');
  const [type = '', ...rest] = arnResource(arn).split('/');
  // Resources of another region or account are not this endpoint's to find.
  const foreign = arnRegion(arn) !== ctx.region || match[2] !== ACCOUNT_ID;
  switch (type) {
    case 'cluster':
      if (rest.length !== 1 || foreign) throw clusterNotFound();
      return activeCluster(sb, arn);
    case 'task-definition':
      if (rest.length !== 1 || !/^[^:]+:\d+$/.test(rest[0]!)) {
        throw invalidParameter('A task definition ARN must name a revision (task-definition/FAMILY:REVISION) to be tagged.');
      }
      return (!foreign && recordByArn(sb, 'taskDefinitions', arn, 'taskDefinitionArn')) || new NotFound('task definition');
    case 'capacity-provider':
      if (rest.length !== 1) throw invalidParameter('The ARN provided is invalid.');
      return (!foreign && recordByArn(sb, 'capacityProviders', arn, 'capacityProviderArn')) || new NotFound('capacity provider');
    default: {
      const scoped = CLUSTER_SCOPED[type];
      if (!scoped) throw invalidParameter(`Resources of type '${type}' cannot be tagged.`);
      if (rest.length < scoped.segments) throw invalidParameter('Long arn format must be used for tagging operations');
      if (rest.length !== scoped.segments) throw invalidParameter('The ARN provided is invalid.');
      if (foreign) throw clusterNotFound();
      activeCluster(sb, ecsArn(ctx.region, `cluster/${rest[0]}`));
      return recordByArn(sb, scoped.table, arn, scoped.arnField) ?? new NotFound(scoped.what);
    }
  }
}

/** For TagResource and UntagResource a missing resource is ResourceNotFoundException. */
function requireTaggable(sb: Sandbox, ctx: RequestContext, arn: string): Tagged {
  const found = taggable(sb, ctx, arn);
  if (found instanceof NotFound) throw new ApiError('ResourceNotFoundException', `The specified ${found.what} wasn't found.`);
  return found;
}

export const TagResource: Operation = (sb, input, ctx) => {
  const arn = requireString(input, 'resourceArn');
  if (!Array.isArray(input.tags)) throw invalidParameter('tags is required and must be a list of {key, value}.');
  const tags = validTags(input.tags);
  const record = requireTaggable(sb, ctx, arn);
  record.tags = mergeTags(record.tags ?? [], tags);
  return {};
};

export const UntagResource: Operation = (sb, input, ctx) => {
  const arn = requireString(input, 'resourceArn');
  const keys = optionalArray<unknown>(input, 'tagKeys');
  if (!keys) throw invalidParameter('tagKeys is required and must be a list of tag keys.');
  for (const key of keys) {
    if (typeof key !== 'string' || key.length === 0 || key.length > 128) throw invalidParameter(`Invalid tag key '${String(key)}'.`);
    if (key.toLowerCase().startsWith('aws:')) throw invalidParameter('Tag keys starting with aws: are reserved and cannot be removed.');
  }
  const record = requireTaggable(sb, ctx, arn);
  const removed = new Set(keys as string[]);
  record.tags = (record.tags ?? []).filter((t) => !removed.has(t.key));
  return {};
};

/** ListTagsForResource has no ResourceNotFoundException: ECS answers a missing resource as a bad parameter. */
export const ListTagsForResource: Operation = (sb, input, ctx) => {
  const arn = requireString(input, 'resourceArn');
  const found = taggable(sb, ctx, arn);
  if (found instanceof NotFound) throw invalidParameter(`The specified ${found.what} does not exist.`);
  return { tags: found.tags ?? [] };
};

export const tagOperations: Record<string, Operation> = { TagResource, UntagResource, ListTagsForResource };
