import { ApiError } from '../errors.js';
import type { Tag } from '../model.js';
import type { Operation, Sandbox } from '../sandbox.js';
import { mergeTags, renderTags, requiredStr, strList, tagList, validationError, type Params } from './params.js';
import { listeners, loadBalancers, rules, targetGroups } from './records.js';

/** ELBv2 tags on load balancers, target groups, listeners and rules: AddTags, DescribeTags, RemoveTags. */
const MAX_RESOURCES = 20;

/** Each kind of taggable resource: its table, and the error when it is not found. */
const KINDS = [
  { prefix: 'loadbalancer/', table: loadBalancers, code: 'LoadBalancerNotFound', message: 'One or more load balancers not found' },
  { prefix: 'targetgroup/', table: targetGroups, code: 'TargetGroupNotFound', message: 'One or more target groups not found' },
  { prefix: 'listener/', table: listeners, code: 'ListenerNotFound', message: 'One or more listeners not found' },
  { prefix: 'listener-rule/', table: rules, code: 'RuleNotFound', message: 'One or more rules not found' },
] as const;

function taggable(sb: Sandbox, region: string, arn: string): { tags: Tag[] } {
  const resource = arn.split(':').slice(5).join(':');
  const kind = KINDS.find((k) => resource.startsWith(k.prefix));
  if (!arn.startsWith('arn:') || !kind) throw validationError(`'${arn}' is not a valid load balancer, target group, listener or rule ARN`);
  const record = (kind.table(sb) as Map<string, { region: string; tags: Tag[] }>).get(arn);
  if (!record || record.region !== region) throw new ApiError(kind.code, kind.message);
  return record;
}

function resourceArns(params: Params): string[] {
  const arns = strList(params, 'ResourceArns');
  if (arns.length === 0) requiredStr(params, 'ResourceArns');
  if (arns.length > MAX_RESOURCES) throw validationError(`At most ${MAX_RESOURCES} resource ARNs can be specified`);
  return arns;
}

export const AddTags: Operation = (sb, params: Params, ctx) => {
  const tags = tagList(params);
  if (tags.length === 0) throw validationError('At least one tag must be specified');
  const records = resourceArns(params).map((arn) => taggable(sb, ctx.region, arn));
  const merged = records.map((record) => mergeTags(record.tags, tags));
  records.forEach((record, i) => (record.tags = merged[i]!));
  return {};
};

export const DescribeTags: Operation = (sb, params: Params, ctx) => ({
  TagDescriptions: resourceArns(params).map((arn) => ({ ResourceArn: arn, Tags: renderTags(taggable(sb, ctx.region, arn).tags) })),
});

export const RemoveTags: Operation = (sb, params: Params, ctx) => {
  const keys = new Set(strList(params, 'TagKeys'));
  if (keys.size === 0) throw validationError('At least one tag key must be specified');
  for (const record of resourceArns(params).map((arn) => taggable(sb, ctx.region, arn))) {
    record.tags = record.tags.filter((t) => !keys.has(t.key));
  }
  return {};
};

export const tagOperations: Record<string, Operation> = { AddTags, DescribeTags, RemoveTags };
