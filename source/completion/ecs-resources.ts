// ECS names for the menu with a line each. Task definitions belong to the account and region, not
// to a cluster: a family's line names its latest ACTIVE revision, a revision's says which it is.
// Taggable resources are offered by ARN, as TagResource and ListTagsForResource take them.
import {
  DescribeCapacityProvidersCommand,
  paginateListClusters,
  paginateListContainerInstances,
  paginateListServices,
  paginateListTaskDefinitionFamilies,
  paginateListTaskDefinitions,
  paginateListTasks,
  type ECSClient,
} from '@aws-sdk/client-ecs';
import { compareNames } from './fuzzy-rank.js';
import { withDocs } from './resource-docs.js';

const PAGES = 100;

/** ACTIVE task definitions: families (alphabetical), then family:revision, each family's newest first. */
export async function taskDefinitionNames(ecs: ECSClient, max: number, withRevisions: boolean): Promise<string[]> {
  const [families, revisions] = await Promise.all([activeFamilies(ecs, max), activeRevisions(ecs, max)]);
  const latest = new Map<string, number>();
  for (const { family, revision } of revisions) latest.set(family, Math.max(latest.get(family) ?? 0, revision));
  const docs = new Map<string, string>();
  for (const family of families) {
    const newest = latest.get(family);
    docs.set(family, newest === undefined ? 'task definition family' : `task definition family: its latest ACTIVE revision is ${family}:${newest}`);
  }
  if (!withRevisions) return withDocs(families.slice(0, max), docs);
  revisions.sort((a, b) => compareNames(a.family, b.family) || b.revision - a.revision);
  for (const { family, revision } of revisions) {
    docs.set(`${family}:${revision}`, `task definition, ACTIVE${latest.get(family) === revision ? `, the latest revision of ${family}` : ''}`);
  }
  return withDocs([...families, ...revisions.map(({ family, revision }) => `${family}:${revision}`)].slice(0, max), docs);
}

/**
 * The ARNs TagResource takes: every cluster, ACTIVE task definition and capacity provider of the
 * region, and the services, tasks and container instances of `cluster` (ECS's `default` when
 * none is given): walking every cluster of a large account would stall the menu.
 */
export async function taggableArns(ecs: ECSClient, cluster: string | undefined, max: number): Promise<string[]> {
  const where = `in cluster ${cluster ?? 'default'}`;
  const pages = { client: ecs, pageSize: PAGES };
  const lists: Promise<[string[], string]>[] = [
    collect(paginateListClusters(pages, {}), (page) => page.clusterArns, max).then((arns) => [arns, 'cluster']),
    collect(paginateListServices(pages, { cluster }), (page) => page.serviceArns, max).then((arns) => [arns, `service ${where}`]),
    collect(paginateListTasks(pages, { cluster }), (page) => page.taskArns, max).then((arns) => [arns, `task ${where}`]),
    collect(paginateListContainerInstances(pages, { cluster }), (page) => page.containerInstanceArns, max).then((arns) => [arns, `container instance ${where}`]),
    collect(paginateListTaskDefinitions(pages, { status: 'ACTIVE' }), (page) => page.taskDefinitionArns, max).then((arns) => [arns, 'task definition']),
    ownCapacityProviderArns(ecs, max).then((arns) => [arns, 'capacity provider']),
  ];
  const docs = new Map<string, string>();
  // A cluster that does not exist has no services or tasks to tag: the other lists still count.
  const settled = await Promise.allSettled(lists);
  for (const listed of settled) {
    if (listed.status === 'fulfilled') for (const arn of listed.value[0]) docs.set(arn, listed.value[1]);
  }
  const failed = settled.find((listed) => listed.status === 'rejected');
  if (failed && settled.every((listed) => listed.status === 'rejected')) throw failed.reason;
  const arns = [...docs.keys()].sort(compareNames).slice(0, max);
  return withDocs(arns, docs);
}

/** Sorted for the menu: cluster and service names, task and container instance ids. */
export async function clusterNames(ecs: ECSClient, max: number): Promise<string[]> {
  return arnNames(await collect(paginateListClusters({ client: ecs, pageSize: PAGES }, {}), (page) => page.clusterArns, max));
}

export async function serviceNames(ecs: ECSClient, cluster: string | undefined, max: number): Promise<string[]> {
  return arnNames(await collect(paginateListServices({ client: ecs, pageSize: PAGES }, { cluster }), (page) => page.serviceArns, max));
}

export async function taskIds(ecs: ECSClient, cluster: string | undefined, max: number): Promise<string[]> {
  return arnNames(await collect(paginateListTasks({ client: ecs, pageSize: PAGES }, { cluster }), (page) => page.taskArns, max));
}

export async function containerInstanceIds(ecs: ECSClient, cluster: string | undefined, max: number): Promise<string[]> {
  return arnNames(await collect(paginateListContainerInstances({ client: ecs, pageSize: PAGES }, { cluster }), (page) => page.containerInstanceArns, max));
}

function activeFamilies(ecs: ECSClient, max: number): Promise<string[]> {
  return collect(paginateListTaskDefinitionFamilies({ client: ecs, pageSize: PAGES }, { status: 'ACTIVE' }), (page) => page.families, max).then((families) =>
    families.sort(compareNames),
  );
}

async function activeRevisions(ecs: ECSClient, max: number): Promise<{ family: string; revision: number }[]> {
  const arns = await collect(paginateListTaskDefinitions({ client: ecs, pageSize: PAGES }, { status: 'ACTIVE', sort: 'DESC' }), (page) => page.taskDefinitionArns, max);
  return arns.map((arn) => {
    const name = arn.slice(arn.lastIndexOf('/') + 1);
    const colon = name.lastIndexOf(':');
    return { family: name.slice(0, colon), revision: Number(name.slice(colon + 1)) };
  });
}

/** The account's own capacity providers: FARGATE and FARGATE_SPOT cannot be tagged. */
async function ownCapacityProviderArns(ecs: ECSClient, max: number): Promise<string[]> {
  const arns: string[] = [];
  let nextToken: string | undefined;
  do {
    const page = await ecs.send(new DescribeCapacityProvidersCommand({ nextToken }));
    for (const provider of page.capacityProviders ?? []) {
      if (provider.capacityProviderArn && provider.name !== 'FARGATE' && provider.name !== 'FARGATE_SPOT') arns.push(provider.capacityProviderArn);
    }
    nextToken = page.nextToken;
  } while (nextToken && arns.length < max);
  return arns;
}

async function collect<P, T>(pages: AsyncIterable<P>, itemsOf: (page: P) => T[] | undefined, max: number): Promise<T[]> {
  const items: T[] = [];
  for await (const page of pages) {
    items.push(...(itemsOf(page) ?? []));
    if (items.length >= max) return items.slice(0, max);
  }
  return items;
}

/** The last part of each ARN (a cluster or service name, a task or container instance id), sorted. */
function arnNames(arns: string[]): string[] {
  return arns.map((arn) => arn.slice(arn.lastIndexOf('/') + 1)).sort(compareNames);
}
