// The resource provider for a backend: lists names through the SDK clients (the sandbox and
// real AWS alike), page by page, up to a cap that keeps a huge account from stalling completion.
import type { ECSClient } from '@aws-sdk/client-ecs';
import type { EC2Client } from '@aws-sdk/client-ec2';
import { imageIds, instanceIds, keyPairNames, vpcIds } from './ec2-resources.js';
import { clusterNames, containerInstanceIds, serviceNames, taggableArns, taskDefinitionNames, taskIds } from './ecs-resources.js';
import { capacityProviderNames, securityGroupIds, subnetIds } from './network-resources.js';
import type { ResourceProvider } from './resource-cache.js';

export interface ResourceClients {
  ecs: ECSClient;
  ec2: EC2Client;
}

export interface ResourceProviderOptions {
  /** Most names listed for one kind (default 10,000). */
  maxItems?: number;
}

export const DEFAULT_MAX_RESOURCE_ITEMS = 10_000;

/**
 * Lists resource names with the clients the shell uses now (a function, so that switching
 * backend or region is seen): cluster and service names, task and container instance ids,
 * task definition families and family:revision, capacity provider names, EC2 ids, AMIs, and
 * the ARNs of taggable ECS resources. Lists are in menu order, most with a line per name.
 */
export function createSdkResourceProvider(
  clients: ResourceClients | (() => ResourceClients),
  options: ResourceProviderOptions = {},
): ResourceProvider {
  const current = typeof clients === 'function' ? clients : () => clients;
  const max = options.maxItems ?? DEFAULT_MAX_RESOURCE_ITEMS;
  return async (kind, { cluster }) => {
    const { ecs, ec2 } = current();
    switch (kind) {
      case 'cluster':
        return clusterNames(ecs, max);
      case 'service':
        return serviceNames(ecs, cluster, max);
      case 'task':
        return taskIds(ecs, cluster, max);
      case 'container-instance':
        return containerInstanceIds(ecs, cluster, max);
      case 'task-definition-family':
        return taskDefinitionNames(ecs, max, false);
      case 'task-definition':
        // A family alone means its latest ACTIVE revision; offer families, then family:revision.
        return taskDefinitionNames(ecs, max, true);
      case 'capacity-provider':
        return capacityProviderNames(ecs, max);
      case 'resource-arn':
        return taggableArns(ecs, cluster, max);
      case 'ec2-instance':
        return instanceIds(ec2, max);
      case 'security-group':
        return securityGroupIds(ec2, max);
      case 'subnet':
        return subnetIds(ec2, max);
      case 'vpc':
        return vpcIds(ec2, max);
      case 'key-pair':
        return keyPairNames(ec2, max);
      case 'image':
        return imageIds(ec2, max);
      default:
        throw new Error(`no way to list resources of kind '${kind as string}'`);
    }
  };
}
