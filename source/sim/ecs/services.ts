import { ACCOUNT_ID } from '../arn.js';
import { invalidParameter, unsupported } from '../errors.js';
import { oneOf, optionalArray, optionalBoolean, optionalString, paginate } from '../input.js';
import type { ClusterRecord, ServiceRecord, TaskDefinitionRecord } from '../model.js';
import type { Operation, RequestContext, Sandbox } from '../sandbox.js';
import { validatePlacement } from '../scheduler/index.js';
import { includes, requireCluster, validTags } from './common.js';
import { startDeployment } from './deployments.js';
import { wakeService } from './service-controller.js';
import { checkServiceLoadBalancers } from './service-load-balancer-checks.js';
import { renderService } from './service-render.js';
import {
  DEPLOYMENT_CONTROLLERS,
  PROPAGATE_TAGS,
  SCHEDULING_STRATEGIES,
  lookupService,
  requireActiveService,
  roleArnOf,
  serviceArnOf,
  validDeploymentConfiguration,
  validDesiredCount,
  validGracePeriod,
  validLoadBalancers,
  validServiceConnect,
  validServiceName,
  validServiceRegistries,
  type DeploymentControllerType,
  type SchedulingStrategy,
} from './services-validation.js';
import { addTaskSet } from './task-sets.js';
import { requireLaunchableTaskDefinition } from './task-definitions.js';
import { checkNetworkConfiguration } from './task-eni.js';
import { checkCompatibility, checkFargatePlacement, runsOn, validLaunchChoice, validPlatformVersion, type RunsOn } from './launch-options.js';

/** The service API: CreateService, UpdateService, DeleteService, DescribeServices, ListServices. */

const AZ_REBALANCING = ['ENABLED', 'DISABLED'] as const;
const SERVICE_LINKED_ROLE = `arn:aws:iam::${ACCOUNT_ID}:role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS`;

function checkPlacement(strategy: SchedulingStrategy, placementStrategy: unknown, constraints: unknown, def: TaskDefinitionRecord | undefined): void {
  validatePlacement(placementStrategy, [...((constraints as unknown[]) ?? []), ...(def?.placementConstraints ?? [])]);
  if (strategy === 'DAEMON' && Array.isArray(placementStrategy) && placementStrategy.length > 0) {
    throw invalidParameter('Placement strategies are not supported for services that use the DAEMON scheduling strategy.');
  }
}

/** Fargate runs no daemons and places tasks itself. */
function checkFargateService(on: RunsOn, strategy: SchedulingStrategy, placementStrategy: unknown, constraints: unknown): void {
  if (on === 'FARGATE' && strategy === 'DAEMON') throw invalidParameter('The DAEMON scheduling strategy does not support the FARGATE launch type.');
  checkFargatePlacement(on, placementStrategy, constraints);
}

function controllerOf(input: any): DeploymentControllerType {
  const type = input.deploymentController?.type;
  return oneOf(type ?? 'ECS', 'deploymentController.type', DEPLOYMENT_CONTROLLERS)!;
}

function newService(sb: Sandbox, cluster: ClusterRecord, input: any, ctx: RequestContext): { service: ServiceRecord; def?: TaskDefinitionRecord } {
  const serviceName = validServiceName(input.serviceName);
  const controller = controllerOf(input);
  const strategy = oneOf(input.schedulingStrategy ?? 'REPLICA', 'schedulingStrategy', SCHEDULING_STRATEGIES)!;
  if (strategy === 'DAEMON' && controller !== 'ECS') {
    throw invalidParameter(`The DAEMON scheduling strategy does not support the ${controller} deployment controller.`);
  }
  const def = controller === 'EXTERNAL' && !input.taskDefinition ? undefined : requireLaunchableTaskDefinition(sb, ctx, input.taskDefinition);
  const desiredCount = validDesiredCount(input.desiredCount, strategy);
  if (strategy === 'REPLICA' && desiredCount === undefined) {
    throw invalidParameter('desiredCount is required for services that use the REPLICA scheduling strategy.');
  }
  const launch = validLaunchChoice(cluster, input.launchType, input.capacityProviderStrategy);
  const on = runsOn(launch);
  const platformVersion = validPlatformVersion(input.platformVersion, on);
  checkPlacement(strategy, input.placementStrategy, input.placementConstraints, def);
  checkFargateService(on, strategy, input.placementStrategy, input.placementConstraints);
  if (def) checkCompatibility(def, on);
  const network = def ? checkNetworkConfiguration(sb, def, input.networkConfiguration, cluster.region, on) : undefined;
  const loadBalancers = validLoadBalancers(input.loadBalancers, def);
  checkServiceLoadBalancers(sb, cluster.region, loadBalancers, def);
  if (controller === 'CODE_DEPLOY' && !loadBalancers.some((lb) => lb.targetGroupArn)) {
    throw invalidParameter('A service that uses the CODE_DEPLOY deployment controller needs an Application or Network Load Balancer target group.');
  }
  const roleArn = roleArnOf(input.role);
  const service: ServiceRecord = {
    serviceArn: serviceArnOf(cluster, serviceName),
    serviceName,
    clusterArn: cluster.clusterArn,
    region: cluster.region,
    status: 'ACTIVE',
    taskDefinition: def?.taskDefinitionArn,
    desiredCount: desiredCount ?? 0,
    runningCount: 0,
    pendingCount: 0,
    ...launch,
    platformVersion,
    platformFamily: on === 'FARGATE' ? 'Linux' : undefined,
    schedulingStrategy: strategy,
    deploymentController: { type: controller },
    deploymentConfiguration: validDeploymentConfiguration(input.deploymentConfiguration, strategy, controller),
    loadBalancers,
    serviceRegistries: validServiceRegistries(input.serviceRegistries),
    placementConstraints: optionalArray(input, 'placementConstraints') ?? [],
    placementStrategy: optionalArray(input, 'placementStrategy') ?? [],
    networkConfiguration: network?.configuration ?? input.networkConfiguration ?? undefined,
    healthCheckGracePeriodSeconds: validGracePeriod(input.healthCheckGracePeriodSeconds),
    deployments: [],
    taskSets: [],
    events: [],
    roleArn: roleArn ?? (loadBalancers.length > 0 ? SERVICE_LINKED_ROLE : undefined),
    createdAt: sb.now(),
    createdBy: `arn:aws:iam::${ACCOUNT_ID}:root`,
    enableECSManagedTags: optionalBoolean(input, 'enableECSManagedTags') ?? false,
    propagateTags: oneOf(input.propagateTags ?? 'NONE', 'propagateTags', PROPAGATE_TAGS)!,
    enableExecuteCommand: optionalBoolean(input, 'enableExecuteCommand') ?? false,
    availabilityZoneRebalancing: oneOf(input.availabilityZoneRebalancing ?? 'ENABLED', 'availabilityZoneRebalancing', AZ_REBALANCING),
    serviceConnectConfiguration: validServiceConnect(input.serviceConnectConfiguration),
    volumeConfigurations: optionalArray(input, 'volumeConfigurations'),
    tags: validTags(input.tags),
    _taskArns: [],
  };
  return { service, def };
}

export const CreateService: Operation = (sb, input, ctx) => {
  const cluster = requireCluster(sb, ctx, input.cluster);
  const existing = lookupService(sb, cluster, validServiceName(input.serviceName));
  if (existing?.status === 'ACTIVE') throw invalidParameter('Creation of service was not idempotent.');
  if (existing?.status === 'DRAINING') throw invalidParameter('Unable to Start a service that is still Draining.');
  const { service } = newService(sb, cluster, input, ctx);
  sb.tables.services.set(service.serviceArn, service);
  if (service.deploymentController.type === 'ECS') startDeployment(sb, service);
  if (service.deploymentController.type === 'CODE_DEPLOY') {
    addTaskSet(sb, service, {
      taskDefinition: service.taskDefinition!,
      status: 'PRIMARY',
      launchType: service.launchType,
      capacityProviderStrategy: service.capacityProviderStrategy,
      platformVersion: service.platformVersion,
      networkConfiguration: service.networkConfiguration,
      loadBalancers: service.loadBalancers,
      serviceRegistries: service.serviceRegistries,
      scale: { value: 100, unit: 'PERCENT' },
      tags: [],
    });
  }
  wakeService(sb, service);
  return { service: renderService(sb, service, { tags: true }) };
};

const changed = (a: unknown, b: unknown) => JSON.stringify(a) !== JSON.stringify(b);

/** What only a new deployment can change, by the words ECS uses for each. */
const DEPLOYED_FIELDS: Array<[string, string]> = [
  ['taskDefinition', 'task definition'],
  ['networkConfiguration', 'network configuration'],
  ['platformVersion', 'platform version'],
  ['loadBalancers', 'load balancers'],
  ['serviceRegistries', 'service registries'],
  ['launchType', 'launch type'],
  ['capacityProviderStrategy', 'capacity provider strategy'],
];

/** A CODE_DEPLOY or EXTERNAL service deploys through CodeDeploy or task sets, not UpdateService. */
function refuseDeploymentChanges(input: any, controller: DeploymentControllerType, force: boolean): void {
  const how = controller === 'CODE_DEPLOY' ? 'Use AWS CodeDeploy to trigger a new deployment.' : 'Create a new task set instead.';
  if (force) throw invalidParameter(`Unable to force a new deployment on services with a ${controller} deployment controller. ${how}`);
  const field = DEPLOYED_FIELDS.find(([key]) => input[key] !== undefined);
  if (field) throw invalidParameter(`Unable to update ${field[1]} on services with a ${controller} deployment controller. ${how}`);
}

/**
 * UpdateService: desired count, deployment configuration and placement change in place; a
 * new task definition, forceNewDeployment, or a change to how tasks are launched (network,
 * load balancers, service registries, volumes, launch type, platform) starts a new deployment.
 */
export const UpdateService: Operation = (sb, input, ctx) => {
  const cluster = requireCluster(sb, ctx, input.cluster);
  const service = requireActiveService(sb, cluster, input.service);
  const strategy = service.schedulingStrategy;
  const controller = service.deploymentController.type;
  if (input.deploymentController?.type !== undefined && input.deploymentController.type !== controller) {
    throw unsupported('Changing the deployment controller of a service');
  }
  const desiredCount = validDesiredCount(input.desiredCount, strategy);
  const force = optionalBoolean(input, 'forceNewDeployment') ?? false;
  if (controller !== 'ECS') refuseDeploymentChanges(input, controller, force);
  const def = input.taskDefinition !== undefined ? requireLaunchableTaskDefinition(sb, ctx, input.taskDefinition) : undefined;
  const currentDef = def ?? (service.taskDefinition ? sb.tables.taskDefinitions.get(service.taskDefinition) : undefined);
  const launch =
    input.launchType !== undefined || input.capacityProviderStrategy !== undefined
      ? validLaunchChoice(cluster, input.launchType, input.capacityProviderStrategy)
      : { launchType: service.launchType, capacityProviderStrategy: service.capacityProviderStrategy };
  const on = runsOn(launch);
  const platformVersion =
    input.platformVersion !== undefined ? validPlatformVersion(input.platformVersion, on) : on === 'FARGATE' ? (service.platformVersion ?? 'LATEST') : undefined;
  const placementStrategy = input.placementStrategy !== undefined ? optionalArray(input, 'placementStrategy') ?? [] : service.placementStrategy;
  const placementConstraints = input.placementConstraints !== undefined ? optionalArray(input, 'placementConstraints') ?? [] : service.placementConstraints;
  checkPlacement(strategy, placementStrategy, placementConstraints, currentDef);
  checkFargateService(on, strategy, placementStrategy, placementConstraints);
  if (currentDef) checkCompatibility(currentDef, on);
  const networkConfiguration = input.networkConfiguration !== undefined ? input.networkConfiguration : service.networkConfiguration;
  const network = currentDef ? checkNetworkConfiguration(sb, currentDef, networkConfiguration ?? undefined, cluster.region, on) : undefined;
  const next = {
    taskDefinition: def?.taskDefinitionArn ?? service.taskDefinition,
    ...launch,
    platformVersion,
    networkConfiguration: network?.configuration ?? networkConfiguration ?? undefined,
    loadBalancers: input.loadBalancers !== undefined ? validLoadBalancers(input.loadBalancers, currentDef) : service.loadBalancers,
    serviceRegistries: input.serviceRegistries !== undefined ? validServiceRegistries(input.serviceRegistries) : service.serviceRegistries,
    volumeConfigurations: input.volumeConfigurations !== undefined ? optionalArray(input, 'volumeConfigurations') : service.volumeConfigurations,
  };
  if (input.loadBalancers !== undefined || def) checkServiceLoadBalancers(sb, cluster.region, next.loadBalancers, currentDef);
  const deploymentConfiguration =
    input.deploymentConfiguration !== undefined
      ? validDeploymentConfiguration(input.deploymentConfiguration, strategy, controller, service.deploymentConfiguration)
      : service.deploymentConfiguration;
  const healthCheckGracePeriodSeconds = input.healthCheckGracePeriodSeconds !== undefined ? validGracePeriod(input.healthCheckGracePeriodSeconds) : undefined;
  const propagateTags = oneOf(input.propagateTags, 'propagateTags', PROPAGATE_TAGS);
  const enableECSManagedTags = optionalBoolean(input, 'enableECSManagedTags');
  const availabilityZoneRebalancing = oneOf(input.availabilityZoneRebalancing, 'availabilityZoneRebalancing', AZ_REBALANCING);
  const enableExecuteCommand = optionalBoolean(input, 'enableExecuteCommand');
  const serviceConnectConfiguration =
    input.serviceConnectConfiguration !== undefined ? validServiceConnect(input.serviceConnectConfiguration) : service.serviceConnectConfiguration;

  const redeploy = force || (Object.keys(next) as Array<keyof typeof next>).some((key) => changed(next[key], service[key]));
  Object.assign(service, next, { placementStrategy, placementConstraints, deploymentConfiguration, platformFamily: on === 'FARGATE' ? 'Linux' : undefined });
  if (desiredCount !== undefined) service.desiredCount = desiredCount;
  if (healthCheckGracePeriodSeconds !== undefined) service.healthCheckGracePeriodSeconds = healthCheckGracePeriodSeconds;
  if (propagateTags !== undefined) service.propagateTags = propagateTags;
  if (enableECSManagedTags !== undefined) service.enableECSManagedTags = enableECSManagedTags;
  if (availabilityZoneRebalancing !== undefined) service.availabilityZoneRebalancing = availabilityZoneRebalancing;
  if (enableExecuteCommand !== undefined) service.enableExecuteCommand = enableExecuteCommand;
  service.serviceConnectConfiguration = serviceConnectConfiguration;
  if (controller === 'ECS' && redeploy) startDeployment(sb, service);
  else if (service.deployments[0]) service.deployments[0].desiredCount = service.desiredCount;
  wakeService(sb, service);
  return { service: renderService(sb, service) };
};

/**
 * DeleteService: a REPLICA service must be scaled to 0 first unless `force`. The service
 * goes DRAINING while its tasks stop, then INACTIVE; it stays describable after that.
 */
export const DeleteService: Operation = (sb, input, ctx) => {
  const cluster = requireCluster(sb, ctx, input.cluster);
  const service = requireActiveService(sb, cluster, input.service);
  const force = optionalBoolean(input, 'force') ?? false;
  if (service.schedulingStrategy === 'REPLICA' && service.desiredCount > 0 && !force) {
    throw invalidParameter('The service cannot be stopped while it is scaled above 0.');
  }
  service.status = 'DRAINING';
  service.desiredCount = 0;
  for (const d of service.deployments) d.desiredCount = 0;
  for (const arn of service.taskSets) {
    const set = sb.tables.taskSets.get(arn);
    if (set) set.status = 'DRAINING';
  }
  wakeService(sb, service);
  return { service: renderService(sb, service) };
};

export const DescribeServices: Operation = (sb, input, ctx) => {
  const cluster = requireCluster(sb, ctx, input.cluster);
  const refs = optionalArray<unknown>(input, 'services');
  if (!refs || refs.length === 0) throw invalidParameter('Services cannot be empty.');
  if (refs.length > 10) throw invalidParameter('services can have at most 10 items.');
  const tags = includes(input, 'TAGS');
  const services = [];
  const failures = [];
  for (const ref of refs) {
    if (typeof ref !== 'string') throw invalidParameter('Each service must be a string.');
    const service = lookupService(sb, cluster, ref);
    if (service) services.push(renderService(sb, service, { tags }));
    else failures.push({ arn: ref.startsWith('arn:') ? ref : serviceArnOf(cluster, ref), reason: 'MISSING' });
  }
  return { services, failures };
};

const PAGE = { defaultSize: 10, maxSize: 100 };

export const ListServices: Operation = (sb, input, ctx) => {
  const cluster = requireCluster(sb, ctx, input.cluster);
  const launchType = optionalString(input, 'launchType');
  const strategy = oneOf(optionalString(input, 'schedulingStrategy'), 'schedulingStrategy', SCHEDULING_STRATEGIES);
  const arns: string[] = [];
  for (const service of sb.tables.services.values()) {
    if (service.clusterArn !== cluster.clusterArn || service.status === 'INACTIVE') continue;
    if (launchType !== undefined && service.launchType !== launchType) continue;
    if (strategy !== undefined && service.schedulingStrategy !== strategy) continue;
    arns.push(service.serviceArn);
  }
  const { page, nextToken } = paginate(arns, input.nextToken, input.maxResults, PAGE);
  return { serviceArns: page, nextToken };
};

/**
 * The services in a Service Connect namespace. The sandbox has no Cloud Map: a namespace is
 * known only as the services name it (by name or ARN) in their serviceConnectConfiguration.
 */
export const ListServicesByNamespace: Operation = (sb, input, ctx) => {
  const namespace = optionalString(input, 'namespace');
  if (!namespace) throw invalidParameter('namespace is required.');
  const arns: string[] = [];
  for (const service of sb.tables.services.values()) {
    if (service.region !== ctx.region || service.status !== 'ACTIVE') continue;
    if (service.serviceConnectConfiguration?.namespace === namespace) arns.push(service.serviceArn);
  }
  const { page, nextToken } = paginate(arns, input.nextToken, input.maxResults, PAGE);
  return { serviceArns: page, nextToken };
};

export const serviceOperations: Record<string, Operation> = {
  CreateService,
  UpdateService,
  DeleteService,
  DescribeServices,
  ListServices,
  ListServicesByNamespace,
};
