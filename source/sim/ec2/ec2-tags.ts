import { ApiError } from '../errors.js';
import type { Tag } from '../model.js';
import type { Operation, RequestContext, Sandbox } from '../sandbox.js';
import { table } from '../state.js';
import { filterRecords } from './filters.js';
import { ec2Page, invalidValue, missingParameter, stringList, structList, type QueryObject } from './params.js';

/**
 * EC2 tags: `Tag.N.Key` / `Tag.N.Value` on CreateTags and DeleteTags, TagSpecifications on
 * the Create and Run operations, and DescribeTags across every taggable resource.
 */

const MAX_TAGS = 50;

/** The resource kinds the sandbox can tag, by id prefix: their table and DescribeTags resource type. */
const RESOURCE_KINDS: Record<string, { table: string; type: string; notFound: string; label: string }> = {
  i: { table: 'ec2Instances', type: 'instance', notFound: 'InvalidInstanceID.NotFound', label: 'instance ID' },
  vpc: { table: 'vpcs', type: 'vpc', notFound: 'InvalidVpcID.NotFound', label: 'vpc ID' },
  subnet: { table: 'subnets', type: 'subnet', notFound: 'InvalidSubnetID.NotFound', label: 'subnet ID' },
  sg: { table: 'securityGroups', type: 'security-group', notFound: 'InvalidGroup.NotFound', label: 'security group' },
  igw: { table: 'internetGateways', type: 'internet-gateway', notFound: 'InvalidInternetGatewayID.NotFound', label: 'internetGateway ID' },
  key: { table: 'keyPairs', type: 'key-pair', notFound: 'InvalidKeyPair.NotFound', label: 'key pair' },
};

interface Taggable {
  region: string;
  tags: Tag[];
}

/** One tag as given: a key EC2 accepts, and a value (empty when omitted). */
export function validTag(key: unknown, value: unknown): Tag {
  if (typeof key !== 'string' || key === '') throw invalidValue('Tag keys must not be empty.');
  if (key.length > 128) throw invalidValue(`Tag key exceeds the maximum length of 128 characters: '${key}'.`);
  if (key.toLowerCase().startsWith('aws:')) throw invalidValue("Tag keys starting with 'aws:' are reserved for internal use");
  const text = value === undefined ? '' : value;
  if (typeof text !== 'string') throw invalidValue(`Tag value for key '${key}' must be a string.`);
  if (text.length > 256) throw invalidValue(`Tag value exceeds the maximum length of 256 characters for key '${key}'.`);
  return { key, value: text };
}

function parseTags(params: QueryObject, name: string): Tag[] {
  return structList(params, name).map((tag) => validTag(tag.Key, tag.Value));
}

/** Adds or replaces tags by key, as CreateTags does, within the limit of 50 a resource. */
export function mergeEc2Tags(existing: Tag[], added: Tag[]): Tag[] {
  const byKey = new Map(existing.map((t) => [t.key, t]));
  for (const tag of added) byKey.set(tag.key, tag);
  if (byKey.size > MAX_TAGS) throw new ApiError('TagLimitExceeded', 'The maximum number of Tags for a resource has been reached.');
  return [...byKey.values()];
}

/**
 * The tags a Create or Run call asks for, by resource type. Each type the operation can
 * tag may appear once; any other type is refused as EC2 refuses it.
 */
export function tagSpecifications(params: QueryObject, allowedTypes: readonly string[]): Map<string, Tag[]> {
  const byType = new Map<string, Tag[]>();
  for (const spec of structList(params, 'TagSpecification')) {
    const type = spec.ResourceType;
    if (typeof type !== 'string' || type === '') throw missingParameter('TagSpecification.ResourceType');
    if (!allowedTypes.includes(type)) throw invalidValue(`'${type}' is not a valid taggable resource type for this operation.`);
    if (byType.has(type)) throw invalidValue(`The same resource type may not be specified more than once in tag specifications: '${type}'.`);
    const tags = parseTags(spec, 'Tag');
    if (tags.length === 0) throw invalidValue('Tag specification must have at least one tag');
    byType.set(type, mergeEc2Tags([], tags));
  }
  return byType;
}

/** The record a resource id names in the caller's region, or the NotFound error for its kind. */
function taggableResource(sb: Sandbox, ctx: RequestContext, id: string): { record: Taggable; type: string } {
  const dash = id.indexOf('-');
  const kind = dash > 0 ? RESOURCE_KINDS[id.slice(0, dash)] : undefined;
  if (!kind || !/^[0-9a-f]{8}(?:[0-9a-f]{9})?$/.test(id.slice(dash + 1))) {
    throw new ApiError('InvalidID', `The ID '${id}' is not valid`);
  }
  const record = table<Taggable>(sb.tables, kind.table).get(id);
  if (!record || record.region !== ctx.region) throw new ApiError(kind.notFound, `The ${kind.label} '${id}' does not exist`);
  return { record, type: kind.type };
}

function resourceIds(params: QueryObject): string[] {
  const ids = stringList(params, 'ResourceId');
  if (ids.length === 0) throw missingParameter('resourceIdSet');
  return ids;
}

export const CreateTags: Operation = (sb, params, ctx) => {
  const resources = resourceIds(params).map((id) => taggableResource(sb, ctx, id));
  const tags = parseTags(params, 'Tag');
  if (tags.length === 0) throw missingParameter('tagSet');
  // Checked for every resource before any is changed: the call is all or nothing.
  const merged = resources.map(({ record }) => mergeEc2Tags(record.tags, tags));
  resources.forEach(({ record }, i) => (record.tags = merged[i]!));
  return { return: true };
};

export const DeleteTags: Operation = (sb, params, ctx) => {
  const resources = resourceIds(params).map((id) => taggableResource(sb, ctx, id));
  const wanted = structList(params, 'Tag').map((tag) => {
    if (typeof tag.Key !== 'string' || tag.Key === '') throw invalidValue('Tag keys must not be empty.');
    return { key: tag.Key, value: typeof tag.Value === 'string' ? tag.Value : undefined };
  });
  for (const { record } of resources) {
    // No tags named: all of them go. A tag given with a value goes only if the value matches.
    record.tags = wanted.length === 0
      ? []
      : record.tags.filter((tag) => !wanted.some((w) => w.key === tag.key && (w.value === undefined || w.value === tag.value)));
  }
  return { return: true };
};

interface TagView {
  key: string;
  value: string;
  resourceId: string;
  resourceType: string;
}

export const DescribeTags: Operation = (sb, params, ctx) => {
  const views: Array<TagView & { tags: Tag[] }> = [];
  for (const [prefix, kind] of Object.entries(RESOURCE_KINDS)) {
    for (const [id, record] of table<Taggable>(sb.tables, kind.table)) {
      if (record.region !== ctx.region || !id.startsWith(`${prefix}-`)) continue;
      for (const tag of record.tags) {
        views.push({ key: tag.key, value: tag.value, resourceId: id, resourceType: kind.type, tags: record.tags });
      }
    }
  }
  const order = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  views.sort((a, b) => order(a.resourceId, b.resourceId) || order(a.key, b.key));
  const matching = filterRecords(views, params, {
    key: (v) => v.key,
    value: (v) => v.value,
    'resource-id': (v) => v.resourceId,
    'resource-type': (v) => v.resourceType,
  });
  const { page, nextToken } = ec2Page(matching, params, { min: 5, max: 1000 });
  return {
    tagSet: page.map((v) => ({ resourceId: v.resourceId, resourceType: v.resourceType, key: v.key, value: v.value })),
    nextToken,
  };
};

export const tagOperations = { CreateTags, DeleteTags, DescribeTags };
