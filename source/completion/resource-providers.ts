// The resource provider for a backend: lists names through the SDK clients (the sandbox and
// real AWS alike), page by page, up to a cap that keeps a huge account from stalling completion.
import {
  paginateListClusters,
  paginateListContainerInstances,
  paginateListServices,
  paginateListTaskDefinitionFamilies,
  paginateListTaskDefinitions,
  paginateListTasks,
  type ECSClient,
} from '@aws-sdk/client-ecs';
import { DescribeKeyPairsCommand, paginateDescribeInstances, paginateDescribeVpcs, type EC2Client } from '@aws-sdk/client-ec2';
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
 * task definition families and family:revision, capacity provider names, EC2 ids.
 */
export function createSdkResourceProvider(
  clients: ResourceClients | (() => ResourceClients),
  options: ResourceProviderOptions = {},
): ResourceProvider {
  const current = typeof clients === 'function' ? clients : () => clients;
  const max = options.maxItems ?? DEFAULT_MAX_RESOURCE_ITEMS;
  return async (kind, { cluster }) => {
    const { ecs, ec2 } = current();
    const ecsPages = { client: ecs, pageSize: 100 };
    const ec2Pages = { client: ec2, pageSize: 1000 };
    switch (kind) {
      case 'cluster':
        return arnNames(await collect(paginateListClusters(ecsPages, {}), (page) => page.clusterArns, max));
      case 'service':
        return arnNames(await collect(paginateListServices(ecsPages, { cluster }), (page) => page.serviceArns, max));
      case 'task':
        return arnNames(await collect(paginateListTasks(ecsPages, { cluster }), (page) => page.taskArns, max));
      case 'container-instance':
        return arnNames(await collect(paginateListContainerInstances(ecsPages, { cluster }), (page) => page.containerInstanceArns, max));
      case 'task-definition-family':
        return collect(paginateListTaskDefinitionFamilies(ecsPages, { status: 'ACTIVE' }), (page) => page.families, max);
      case 'task-definition': {
        // A family alone means its latest ACTIVE revision; offer families, then family:revision (newest of each first).
        const [families, revisions] = await Promise.all([
          collect(paginateListTaskDefinitionFamilies(ecsPages, { status: 'ACTIVE' }), (page) => page.families, max),
          collect(paginateListTaskDefinitions(ecsPages, { status: 'ACTIVE', sort: 'DESC' }), (page) => page.taskDefinitionArns, max),
        ]);
        return [...families, ...arnNames(revisions)].slice(0, max);
      }
      case 'capacity-provider':
        return capacityProviderNames(ecs, max);
      case 'ec2-instance': {
        const reservations = await collect(paginateDescribeInstances(ec2Pages, {}), (page) => page.Reservations, max);
        return reservations
          .flatMap((reservation) => reservation.Instances ?? [])
          .filter((instance) => instance.State?.Name !== 'terminated')
          .map((instance) => instance.InstanceId ?? '')
          .filter(Boolean);
      }
      case 'security-group':
        return securityGroupIds(ec2, max);
      case 'subnet':
        return subnetIds(ec2, max);
      case 'vpc':
        return ids(await collect(paginateDescribeVpcs(ec2Pages, {}), (page) => page.Vpcs, max), 'VpcId');
      case 'key-pair':
        // DescribeKeyPairs has no pages: it answers every key pair of the region.
        return ids((await ec2.send(new DescribeKeyPairsCommand({}))).KeyPairs ?? [], 'KeyName').slice(0, max);
      default:
        throw new Error(`no way to list resources of kind '${kind as string}'`);
    }
  };
}

async function collect<P, T>(pages: AsyncIterable<P>, itemsOf: (page: P) => T[] | undefined, max: number): Promise<T[]> {
  const items: T[] = [];
  for await (const page of pages) {
    items.push(...(itemsOf(page) ?? []));
    if (items.length >= max) return items.slice(0, max);
  }
  return items;
}

/** The last part of each ARN: a cluster or service name, a task or container instance id, family:revision. */
function arnNames(arns: string[]): string[] {
  return arns.map((arn) => arn.slice(arn.lastIndexOf('/') + 1));
}

function ids<K extends string>(items: Partial<Record<K, string>>[], key: K): string[] {
  return items.map((item) => item[key] ?? '').filter(Boolean);
}
