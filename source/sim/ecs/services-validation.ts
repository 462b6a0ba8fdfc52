import { ACCOUNT_ID, arnRegion, arnResource, ecsArn, isArn } from '../arn.js';
import { ApiError, invalidParameter, unsupported } from '../errors.js';
import { oneOf, optionalArray, optionalInteger } from '../input.js';
import type { ClusterRecord, ServiceRecord, TaskDefinitionRecord } from '../model.js';
import type { Sandbox } from '../sandbox.js';

/**
 * What CreateService and UpdateService accept, with the errors ECS gives, and how a request
 * names a service.
 */

const SERVICE_NAME = /^[a-zA-Z0-9_-]{1,255}$/;
/** ECS's quota of tasks per service. */
export const MAX_DESIRED_COUNT = 5000;

export const SCHEDULING_STRATEGIES = ['REPLICA', 'DAEMON'] as const;
export const DEPLOYMENT_CONTROLLERS = ['ECS', 'CODE_DEPLOY', 'EXTERNAL'] as const;
export const PROPAGATE_TAGS = ['TASK_DEFINITION', 'SERVICE', 'NONE'] as const;
const DEPLOYMENT_STRATEGIES = ['ROLLING', 'BLUE_GREEN', 'LINEAR', 'CANARY'] as const;

export type SchedulingStrategy = (typeof SCHEDULING_STRATEGIES)[number];
export type DeploymentControllerType = (typeof DEPLOYMENT_CONTROLLERS)[number];
type DeploymentConfiguration = ServiceRecord['deploymentConfiguration'];

export const serviceNotFound = () => new ApiError('ServiceNotFoundException', 'Service not found.');
export const serviceNotActive = () => new ApiError('ServiceNotActiveException', 'Service was not ACTIVE.');

export function serviceArnOf(cluster: ClusterRecord, name: string): string {
  return ecsArn(cluster.region, `service/${cluster.clusterName}/${name}`);
}

export function validServiceName(name: unknown): string {
  if (name === undefined || name === null || name === '') throw invalidParameter('serviceName is required.');
  if (typeof name !== 'string' || !SERVICE_NAME.test(name)) {
    throw invalidParameter('Service names can have up to 255 letters (uppercase and lowercase), numbers, underscores, and hyphens.');
  }
  return name;
}

/**
 * The service `ref` names in the cluster: its name, its ARN, or an ARN in the older
 * `service/NAME` form; any status. Undefined when there is none.
 */
export function lookupService(sb: Sandbox, cluster: ClusterRecord, ref: unknown): ServiceRecord | undefined {
  if (typeof ref !== 'string' || ref === '') return undefined;
  let name = ref;
  if (isArn(ref)) {
    const parts = arnResource(ref).split('/');
    if (arnRegion(ref) !== cluster.region || parts[0] !== 'service') return undefined;
    if (parts.length === 3 && parts[1] !== cluster.clusterName) return undefined;
    if (parts.length !== 2 && parts.length !== 3) return undefined;
    name = parts[parts.length - 1]!;
  }
  return sb.tables.services.get(serviceArnOf(cluster, name));
}

export function requireService(sb: Sandbox, cluster: ClusterRecord, ref: unknown): ServiceRecord {
  if (ref === undefined || ref === null || ref === '') throw invalidParameter('service is required.');
  if (typeof ref !== 'string') throw invalidParameter('service must be a string.');
  const service = lookupService(sb, cluster, ref);
  if (!service) throw serviceNotFound();
  return service;
}

/** UpdateService and friends act on ACTIVE services only. */
export function requireActiveService(sb: Sandbox, cluster: ClusterRecord, ref: unknown): ServiceRecord {
  const service = requireService(sb, cluster, ref);
  if (service.status !== 'ACTIVE') throw serviceNotActive();
  return service;
}

export function validDesiredCount(value: unknown, strategy: SchedulingStrategy): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (strategy === 'DAEMON') throw invalidParameter('The daemon scheduling strategy does not support a desired count for services.');
  return optionalInteger({ desiredCount: value }, 'desiredCount', { min: 0, max: MAX_DESIRED_COUNT });
}

function defaultPercents(strategy: SchedulingStrategy) {
  return strategy === 'DAEMON' ? { maximumPercent: 100, minimumHealthyPercent: 0 } : { maximumPercent: 200, minimumHealthyPercent: 100 };
}

function validBreaker(value: unknown, controller: DeploymentControllerType) {
  if (value === undefined || value === null) return undefined;
  const breaker = value as Record<string, unknown>;
  if (typeof breaker !== 'object' || typeof breaker.enable !== 'boolean' || typeof breaker.rollback !== 'boolean') {
    throw invalidParameter('deploymentCircuitBreaker needs enable and rollback, both booleans.');
  }
  if (breaker.enable && controller !== 'ECS') {
    throw invalidParameter('The deployment circuit breaker can only be used with the ECS deployment controller.');
  }
  return { ...breaker, enable: breaker.enable, rollback: breaker.rollback };
}

/**
 * A deployment configuration with ECS's defaults (200/100 for REPLICA, 100/0 for DAEMON);
 * on UpdateService, what is not given stays as it was.
 */
export function validDeploymentConfiguration(
  value: unknown,
  strategy: SchedulingStrategy,
  controller: DeploymentControllerType,
  current?: DeploymentConfiguration,
): DeploymentConfiguration {
  if (value !== undefined && value !== null && (typeof value !== 'object' || Array.isArray(value))) {
    throw invalidParameter('deploymentConfiguration must be an object.');
  }
  const given = (value ?? {}) as Record<string, unknown>;
  const base = current ?? { ...defaultPercents(strategy), deploymentCircuitBreaker: { enable: false, rollback: false } };
  const maximumPercent = optionalInteger(given, 'maximumPercent', { min: 0 }) ?? base.maximumPercent;
  const minimumHealthyPercent = optionalInteger(given, 'minimumHealthyPercent', { min: 0, max: 100 }) ?? base.minimumHealthyPercent;
  if (given.maximumPercent !== undefined && controller !== 'ECS' && maximumPercent !== base.maximumPercent) {
    throw invalidParameter('A custom maximumPercent is not supported for services that use the CODE_DEPLOY or EXTERNAL deployment controller.');
  }
  if (maximumPercent < 100) throw invalidParameter('maximumPercent must be at least 100.');
  if (maximumPercent < minimumHealthyPercent) throw invalidParameter('maximumPercent must be greater than or equal to minimumHealthyPercent.');
  const strategyName = oneOf(given.strategy as string | undefined, 'deploymentConfiguration.strategy', DEPLOYMENT_STRATEGIES);
  if (strategyName && strategyName !== 'ROLLING') throw unsupported(`The ${strategyName} deployment strategy`);
  const config: DeploymentConfiguration = {
    ...base,
    ...given,
    maximumPercent,
    minimumHealthyPercent,
    deploymentCircuitBreaker: validBreaker(given.deploymentCircuitBreaker, controller) ?? base.deploymentCircuitBreaker,
  };
  if (controller === 'ECS') config.strategy = 'ROLLING';
  return config;
}

/** Load balancers are kept as given (wired up elsewhere); their containers must exist in the task definition. */
export function validLoadBalancers(value: unknown, def: TaskDefinitionRecord | undefined): ServiceRecord['loadBalancers'] {
  const list = optionalArray<Record<string, unknown>>({ loadBalancers: value }, 'loadBalancers') ?? [];
  if (list.length > 5) throw invalidParameter('A service can have at most 5 load balancers.');
  return list.map((lb) => {
    if (!lb || typeof lb !== 'object') throw invalidParameter('Each load balancer must be an object.');
    if (!lb.targetGroupArn && !lb.loadBalancerName) throw invalidParameter('A load balancer needs a targetGroupArn or a loadBalancerName.');
    if (lb.targetGroupArn && lb.loadBalancerName) throw invalidParameter('Specify either targetGroupArn or loadBalancerName, not both.');
    if (def && lb.containerName !== undefined && !def.containerDefinitions.some((c) => c.name === lb.containerName)) {
      throw invalidParameter(`The container ${String(lb.containerName)} does not exist in the task definition.`);
    }
    return { ...lb } as ServiceRecord['loadBalancers'][number];
  });
}

export function validServiceRegistries(value: unknown): unknown[] {
  const list = optionalArray({ serviceRegistries: value }, 'serviceRegistries') ?? [];
  if (list.length > 1) throw invalidParameter('Each service may be associated with one service registry.');
  return list.map((r) => ({ ...(r as object) }));
}

export function roleArnOf(role: unknown): string | undefined {
  if (role === undefined || role === null || role === '') return undefined;
  if (typeof role !== 'string') throw invalidParameter('role must be a string.');
  return isArn(role) ? role : `arn:aws:iam::${ACCOUNT_ID}:role/${role.replace(/^\//, '')}`;
}

export function validGracePeriod(value: unknown): number | undefined {
  return optionalInteger({ healthCheckGracePeriodSeconds: value }, 'healthCheckGracePeriodSeconds', { min: 0, max: 2147483647 });
}

/** Service Connect is kept as given (the sandbox has no Cloud Map); its shape is checked. */
export function validServiceConnect(value: unknown): ServiceRecord['serviceConnectConfiguration'] {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) throw invalidParameter('serviceConnectConfiguration must be an object.');
  const config = value as Record<string, unknown>;
  if (typeof config.enabled !== 'boolean') throw invalidParameter('serviceConnectConfiguration.enabled is required and must be a boolean.');
  if (config.namespace !== undefined && typeof config.namespace !== 'string') {
    throw invalidParameter('serviceConnectConfiguration.namespace must be a string.');
  }
  return { ...config };
}
