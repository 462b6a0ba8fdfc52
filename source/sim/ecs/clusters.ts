import { ApiError, clusterNotFound, invalidParameter } from '../errors.js';
import { optionalArray, optionalString, paginate } from '../input.js';
import type { ClusterRecord } from '../model.js';
import type { Operation, RequestContext, Sandbox } from '../sandbox.js';
import { clusterStatistics } from './cluster-statistics.js';
import { renderClusterAttachments, updateClusterAttachments } from './capacity-provider-attachments.js';
import { clusterArnOf, includes, lookupCluster, requireCluster, seconds, validTags } from './common.js';
import { validCapacityProviderStrategy } from './launch-options.js';

const CLUSTER_NAME = /^[a-zA-Z0-9_-]{1,255}$/;

function renderCluster(sb: Sandbox, cluster: ClusterRecord, input: any) {
  let running = 0;
  let pending = 0;
  for (const task of sb.tables.tasks.values()) {
    if (task.clusterArn !== cluster.clusterArn) continue;
    if (task.lastStatus === 'RUNNING') running++;
    else if (task.lastStatus === 'PENDING' || task.lastStatus === 'PROVISIONING' || task.lastStatus === 'ACTIVATING') pending++;
  }
  let services = 0;
  for (const service of sb.tables.services.values()) {
    if (service.clusterArn === cluster.clusterArn && service.status === 'ACTIVE') services++;
  }
  let instances = 0;
  for (const instance of sb.tables.containerInstances.values()) {
    if (instance.clusterArn === cluster.clusterArn && instance.status !== 'INACTIVE') instances++;
  }
  const active = cluster.status === 'ACTIVE';
  return {
    clusterArn: cluster.clusterArn,
    clusterName: cluster.clusterName,
    status: cluster.status,
    registeredContainerInstancesCount: active ? instances : 0,
    runningTasksCount: active ? running : 0,
    pendingTasksCount: active ? pending : 0,
    activeServicesCount: active ? services : 0,
    statistics: includes(input, 'STATISTICS') ? clusterStatistics(sb, cluster) : [],
    tags: includes(input, 'TAGS') ? cluster.tags : [],
    settings: includes(input, 'SETTINGS') ? cluster.settings : undefined,
    configuration: includes(input, 'CONFIGURATIONS') ? cluster.configuration : undefined,
    capacityProviders: cluster.capacityProviders,
    defaultCapacityProviderStrategy: cluster.defaultCapacityProviderStrategy,
    serviceConnectDefaults: cluster.serviceConnectDefaults,
    ...renderClusterAttachments(cluster, includes(input, 'ATTACHMENTS')),
  };
}

function validSettings(settings: unknown) {
  const list = optionalArray<any>({ settings }, 'settings') ?? [];
  return list.map((s) => {
    if (s?.name !== 'containerInsights') throw invalidParameter(`Unsupported cluster setting name '${s?.name}'. The only setting is containerInsights.`);
    if (!['enabled', 'disabled', 'enhanced'].includes(s.value)) {
      throw invalidParameter(`containerInsights must be enabled, disabled or enhanced; got '${s.value}'.`);
    }
    return { name: 'containerInsights', value: s.value as string };
  });
}

function validStrategy(strategy: unknown, providers: string[]) {
  return validCapacityProviderStrategy(providers, optionalArray({ defaultCapacityProviderStrategy: strategy }, 'defaultCapacityProviderStrategy') ?? []);
}

export const CreateCluster: Operation = (sb, input, ctx) => {
  const name = optionalString(input, 'clusterName') ?? 'default';
  if (!CLUSTER_NAME.test(name)) {
    throw invalidParameter('Cluster name can only contain letters, numbers, hyphens and underscores, up to 255 characters.');
  }
  const arn = clusterArnOf(ctx.region, name);
  const existing = sb.tables.clusters.get(arn);
  // CreateCluster is idempotent on an ACTIVE cluster: ECS returns it as it is.
  if (existing && existing.status === 'ACTIVE') return { cluster: renderCluster(sb, existing, { include: ['TAGS', 'SETTINGS'] }) };
  const capacityProviders = optionalArray<string>(input, 'capacityProviders') ?? [];
  const cluster: ClusterRecord = {
    clusterArn: arn,
    clusterName: name,
    region: ctx.region,
    status: 'ACTIVE',
    settings: input.settings ? validSettings(input.settings) : [{ name: 'containerInsights', value: 'disabled' }],
    configuration: input.configuration,
    serviceConnectDefaults: input.serviceConnectDefaults,
    capacityProviders,
    defaultCapacityProviderStrategy: validStrategy(input.defaultCapacityProviderStrategy, capacityProviders),
    tags: validTags(input.tags),
    createdAt: sb.now(),
  };
  sb.tables.clusters.set(arn, cluster);
  if (capacityProviders.length === 0) return { cluster: renderCluster(sb, cluster, { include: ['TAGS', 'SETTINGS'] }) };
  updateClusterAttachments(sb, cluster);
  return { cluster: renderCluster(sb, cluster, { include: ['TAGS', 'SETTINGS', 'ATTACHMENTS'] }) };
};

export const DeleteCluster: Operation = (sb, input, ctx) => {
  const cluster = requireCluster(sb, ctx, input.cluster ?? invalidRequired('cluster'));
  for (const service of sb.tables.services.values()) {
    if (service.clusterArn === cluster.clusterArn && service.status !== 'INACTIVE') {
      throw new ApiError('ClusterContainsServicesException', 'The Cluster cannot be deleted while Services are active.');
    }
  }
  for (const task of sb.tables.tasks.values()) {
    if (task.clusterArn === cluster.clusterArn && task.lastStatus !== 'STOPPED') {
      throw new ApiError('ClusterContainsTasksException', 'The Cluster cannot be deleted while Tasks are active.');
    }
  }
  for (const instance of sb.tables.containerInstances.values()) {
    if (instance.clusterArn === cluster.clusterArn && instance.status !== 'INACTIVE') {
      throw new ApiError(
        'ClusterContainsContainerInstancesException',
        'The Cluster cannot be deleted while Container Instances are active or draining.',
      );
    }
  }
  cluster.status = 'INACTIVE';
  return { cluster: renderCluster(sb, cluster, input) };
};

function invalidRequired(field: string): never {
  throw invalidParameter(`${field} is required.`);
}

export const DescribeClusters: Operation = (sb, input, ctx) => {
  const refs = optionalArray<string>(input, 'clusters') ?? ['default'];
  if (refs.length > 100) throw invalidParameter('clusters can have at most 100 items.');
  const clusters = [];
  const failures = [];
  for (const ref of refs) {
    const cluster = lookupCluster(sb, ctx, ref);
    if (cluster) clusters.push(renderCluster(sb, cluster, input));
    else failures.push({ arn: ref.startsWith('arn:') ? ref : clusterArnOf(ctx.region, ref), reason: 'MISSING' });
  }
  return { clusters, failures };
};

export const ListClusters: Operation = (sb, input, ctx) => {
  const arns = [...sb.tables.clusters.values()]
    .filter((c) => c.region === ctx.region && c.status !== 'INACTIVE')
    .map((c) => c.clusterArn);
  const { page, nextToken } = paginate(arns, input.nextToken, input.maxResults, { defaultSize: 100, maxSize: 100 });
  return { clusterArns: page, nextToken };
};

function activeCluster(sb: Sandbox, ctx: RequestContext, ref: unknown): ClusterRecord {
  if (ref === undefined) invalidRequired('cluster');
  const cluster = lookupCluster(sb, ctx, ref);
  if (!cluster || cluster.status !== 'ACTIVE') throw clusterNotFound();
  return cluster;
}

export const UpdateCluster: Operation = (sb, input, ctx) => {
  const cluster = activeCluster(sb, ctx, input.cluster);
  if (input.settings) cluster.settings = validSettings(input.settings);
  if (input.configuration) cluster.configuration = input.configuration;
  if (input.serviceConnectDefaults) cluster.serviceConnectDefaults = input.serviceConnectDefaults;
  return { cluster: renderCluster(sb, cluster, { include: ['SETTINGS', 'CONFIGURATIONS'] }) };
};

export const UpdateClusterSettings: Operation = (sb, input, ctx) => {
  const cluster = activeCluster(sb, ctx, input.cluster);
  if (!input.settings) invalidRequired('settings');
  cluster.settings = validSettings(input.settings);
  return { cluster: renderCluster(sb, cluster, { include: ['SETTINGS'] }) };
};

export const PutClusterCapacityProviders: Operation = (sb, input, ctx) => {
  const cluster = activeCluster(sb, ctx, input.cluster);
  const providers = optionalArray<string>(input, 'capacityProviders');
  if (!providers) invalidRequired('capacityProviders');
  for (const name of providers) {
    if (name === 'FARGATE' || name === 'FARGATE_SPOT') continue;
    const known = [...sb.tables.capacityProviders.values()].some((p) => p.region === ctx.region && p.name === name && p.status === 'ACTIVE');
    if (!known) throw invalidParameter(`The specified capacity provider '${name}' does not exist. Specify a valid capacity provider and try again.`);
  }
  cluster.defaultCapacityProviderStrategy = validStrategy(input.defaultCapacityProviderStrategy ?? [], providers);
  cluster.capacityProviders = providers;
  updateClusterAttachments(sb, cluster);
  return { cluster: renderCluster(sb, cluster, { ...input, include: ['ATTACHMENTS'] }) };
};

export { renderCluster };

export const clusterOperations: Record<string, Operation> = {
  CreateCluster,
  DeleteCluster,
  DescribeClusters,
  ListClusters,
  UpdateCluster,
  UpdateClusterSettings,
  PutClusterCapacityProviders,
};
