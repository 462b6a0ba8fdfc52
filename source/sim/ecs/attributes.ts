import { isArn } from '../arn.js';
import { ApiError, invalidParameter } from '../errors.js';
import { optionalArray, optionalString, paginate, requireString } from '../input.js';
import type { Attribute, ClusterRecord, ContainerInstanceRecord } from '../model.js';
import type { Operation, Sandbox } from '../sandbox.js';
import { requireCluster } from './common.js';
import { isBuiltInAttribute, validAttribute } from './container-instance-attributes.js';
import { findContainerInstance, instanceChanged } from './container-instances.js';

/**
 * PutAttributes, DeleteAttributes and ListAttributes: name/value pairs on container instances
 * (the only target type ECS has), which placement constraints and `requiresAttributes` match.
 */

const TARGET_TYPE = 'container-instance';

/** ECS's limits: 10 attributes per call, 10 custom attributes per container instance. */
const MAX_PER_CALL = 10;
const MAX_CUSTOM = 10;

interface Targeted {
  attribute: Attribute;
  instance: ContainerInstanceRecord;
  /** The request's own item, echoed back in the response as ECS does. */
  echo: Attribute;
}

/** Validates a PutAttributes / DeleteAttributes list and finds each item's container instance. */
function targeted(sb: Sandbox, cluster: ClusterRecord, input: any): Targeted[] {
  const items = optionalArray<any>(input, 'attributes');
  if (!items || items.length === 0) throw invalidParameter('attributes is required and must list at least one attribute.');
  if (items.length > MAX_PER_CALL) throw invalidParameter(`You can specify up to ${MAX_PER_CALL} attributes in a single call.`);
  return items.map((item) => {
    const attribute = validAttribute(item);
    const targetType = optionalString(item, 'targetType');
    if (targetType !== undefined && targetType !== TARGET_TYPE) {
      throw invalidParameter(`targetType must be ${TARGET_TYPE}; got '${targetType}'.`);
    }
    const targetId = optionalString(item, 'targetId');
    if (!targetId) throw invalidParameter(`targetId is required for attribute '${attribute.name}'.`);
    if (!isArn(targetId) && targetType === undefined) {
      throw invalidParameter(`targetType is required when targetId '${targetId}' is not a full ARN.`);
    }
    const instance = findContainerInstance(sb, cluster, targetId);
    if (!instance || instance.status === 'INACTIVE') {
      throw new ApiError('TargetNotFoundException', `Could not find ${targetId} in cluster ${cluster.clusterName}.`);
    }
    return { attribute, instance, echo: { ...attribute, targetType: targetType, targetId } };
  });
}

/** Applies `change` to each instance touched, then reports each once. */
function applyPerInstance(sb: Sandbox, items: Targeted[], change: (instance: ContainerInstanceRecord, attributes: Attribute[]) => Attribute[]) {
  const byInstance = new Map<ContainerInstanceRecord, Attribute[]>();
  for (const { instance, attribute } of items) {
    const list = byInstance.get(instance) ?? [];
    list.push(attribute);
    byInstance.set(instance, list);
  }
  const updated = [...byInstance].map(([instance, attributes]) => [instance, change(instance, attributes)] as const);
  for (const [instance, attributes] of updated) {
    instance.attributes = attributes;
    instanceChanged(sb, instance);
  }
}

export const PutAttributes: Operation = (sb, input, ctx) => {
  const cluster = requireCluster(sb, ctx, input.cluster);
  const items = targeted(sb, cluster, input);
  applyPerInstance(sb, items, (instance, added) => {
    const byName = new Map(instance.attributes.map((a) => [a.name, a]));
    for (const a of added) byName.set(a.name, a);
    const custom = [...byName.values()].filter((a) => !isBuiltInAttribute(a.name)).length;
    if (custom > MAX_CUSTOM) {
      throw new ApiError(
        'AttributeLimitExceededException',
        `You can apply up to ${MAX_CUSTOM} custom attributes for each resource; container instance ${instance.id} would have ${custom}.`,
      );
    }
    return [...byName.values()];
  });
  return { attributes: items.map((i) => i.echo) };
};

export const DeleteAttributes: Operation = (sb, input, ctx) => {
  const cluster = requireCluster(sb, ctx, input.cluster);
  const items = targeted(sb, cluster, input);
  applyPerInstance(sb, items, (instance, removed) => {
    const names = new Set(removed.map((a) => a.name));
    return instance.attributes.filter((a) => !names.has(a.name));
  });
  return { attributes: items.map((i) => i.echo) };
};

export const ListAttributes: Operation = (sb, input, ctx) => {
  const cluster = requireCluster(sb, ctx, input.cluster);
  const targetType = requireString(input, 'targetType');
  if (targetType !== TARGET_TYPE) throw invalidParameter(`targetType must be ${TARGET_TYPE}; got '${targetType}'.`);
  const name = optionalString(input, 'attributeName');
  const value = optionalString(input, 'attributeValue');
  if (value !== undefined && name === undefined) throw invalidParameter('attributeValue can only be used together with attributeName.');
  const found: Attribute[] = [];
  for (const instance of sb.tables.containerInstances.values()) {
    if (instance.clusterArn !== cluster.clusterArn || instance.status === 'INACTIVE') continue;
    for (const a of instance.attributes) {
      if (name !== undefined && a.name !== name) continue;
      if (value !== undefined && a.value !== value) continue;
      found.push({ name: a.name, value: a.value, targetType: TARGET_TYPE, targetId: instance.containerInstanceArn });
    }
  }
  const { page, nextToken } = paginate(found, input.nextToken, input.maxResults, { defaultSize: 100, maxSize: 100 });
  return { attributes: page, nextToken };
};

export const attributeOperations: Record<string, Operation> = { PutAttributes, DeleteAttributes, ListAttributes };
