import { ApiError, invalidParameter, unsupported } from '../errors.js';
import { oneOf, optionalArray } from '../input.js';
import type { CapacityProviderStrategyItem, ClusterRecord, TaskDefinitionRecord } from '../model.js';

/**
 * How tasks are launched, as RunTask, CreateService and CreateTaskSet take it: a launch type,
 * or a capacity provider strategy (the request's or the cluster's default). The sandbox runs
 * tasks on EC2 container instances and on Fargate; a strategy is either Fargate's providers
 * (FARGATE, FARGATE_SPOT) or Auto Scaling group providers, never both. The sandbox has no
 * Auto Scaling groups, so no container instance ever belongs to such a provider: a strategy
 * of them is refused, the same way for tasks, services and task sets, rather than accepted
 * and never placed.
 */
export const LAUNCH_TYPES = ['EC2', 'FARGATE', 'EXTERNAL', 'MANAGED_INSTANCES'] as const;
export const FARGATE_PROVIDERS: readonly string[] = ['FARGATE', 'FARGATE_SPOT'];
/** What LATEST means on Fargate for Linux today. */
export const LATEST_PLATFORM_VERSION = '1.4.0';
const PLATFORM_VERSIONS = ['LATEST', '1.4.0', '1.3.0'];
const MAX_STRATEGY_ITEMS = 20;

export type RunsOn = 'EC2' | 'FARGATE';

export interface LaunchChoice {
  launchType?: string;
  capacityProviderStrategy?: CapacityProviderStrategyItem[];
}

export function isFargateProvider(name: string | undefined): boolean {
  return name !== undefined && FARGATE_PROVIDERS.includes(name);
}

/** Where a choice's tasks run: on Fargate for the FARGATE launch type or Fargate's providers, else on instances. */
export function runsOn(choice: LaunchChoice): RunsOn {
  const strategy = choice.capacityProviderStrategy ?? [];
  if (strategy.length > 0) return strategy.some((item) => isFargateProvider(item.capacityProvider)) ? 'FARGATE' : 'EC2';
  return choice.launchType === 'FARGATE' ? 'FARGATE' : 'EC2';
}

function strategyInteger(item: Record<string, unknown>, field: 'weight' | 'base', max: number): number {
  const value = item[field];
  if (value === undefined || value === null) return 0;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > max) {
    throw invalidParameter(`The capacity provider strategy ${field} must be an integer between 0 and ${max}.`);
  }
  return value;
}

/** A capacity provider strategy checked against the cluster's providers, with ECS's defaults (weight 0, base 0). */
export function validCapacityProviderStrategy(clusterProviders: readonly string[], items: readonly unknown[]): CapacityProviderStrategyItem[] {
  if (items.length > MAX_STRATEGY_ITEMS) throw invalidParameter(`A capacity provider strategy can contain at most ${MAX_STRATEGY_ITEMS} capacity providers.`);
  const strategy = items.map((raw) => {
    const item = (raw ?? {}) as Record<string, unknown>;
    if (typeof item.capacityProvider !== 'string') throw invalidParameter('capacityProvider is required in a capacity provider strategy item.');
    if (!clusterProviders.includes(item.capacityProvider)) {
      throw invalidParameter(
        'The specified capacity provider strategy cannot contain a capacity provider that is not associated with the cluster. Associate the capacity provider with the cluster or specify a valid capacity provider and try again.',
      );
    }
    return { capacityProvider: item.capacityProvider, weight: strategyInteger(item, 'weight', 1000), base: strategyInteger(item, 'base', 100000) };
  });
  if (new Set(strategy.map((i) => i.capacityProvider)).size !== strategy.length) {
    throw invalidParameter('The specified capacity provider strategy cannot contain duplicate capacity providers.');
  }
  const fargate = strategy.filter((i) => isFargateProvider(i.capacityProvider)).length;
  if (fargate > 0 && fargate < strategy.length) {
    throw invalidParameter(
      'The specified capacity provider strategy cannot contain a mix of capacity providers using Auto Scaling groups and Fargate providers. Specify one or the other and try again.',
    );
  }
  if (strategy.filter((i) => i.base > 0).length > 1) {
    throw invalidParameter('Only one capacity provider in a capacity provider strategy can have a base value greater than 0.');
  }
  if (strategy.length > 1 && strategy.every((i) => i.weight === 0)) {
    throw invalidParameter('When multiple capacity providers are specified in a capacity provider strategy, at least one of them must have a weight greater than 0.');
  }
  return strategy;
}

/**
 * The launch choice of a request: a launch type, a strategy, or else the cluster's default
 * strategy (or EC2 when it has none). EXTERNAL and MANAGED_INSTANCES are refused by name.
 */
export function validLaunchChoice(cluster: ClusterRecord, launchType: unknown, strategy: unknown): LaunchChoice {
  const type = oneOf(launchType as string | undefined, 'launchType', LAUNCH_TYPES);
  const items = optionalArray<unknown>({ capacityProviderStrategy: strategy }, 'capacityProviderStrategy');
  if (type && items && items.length > 0) {
    throw invalidParameter('Specifying both a launch type and capacity provider strategy is not supported. Remove one and try again.');
  }
  if (type) {
    if (type !== 'EC2' && type !== 'FARGATE') throw unsupported(`The ${type} launch type`);
    return { launchType: type };
  }
  const fromDefault = !items || items.length === 0;
  const chosen = fromDefault ? cluster.defaultCapacityProviderStrategy : items;
  if (chosen.length === 0) return { launchType: 'EC2' };
  const valid = validCapacityProviderStrategy(cluster.capacityProviders, chosen);
  if (!valid.some((item) => isFargateProvider(item.capacityProvider))) throw autoScalingGroupsUnsupported(valid, fromDefault);
  return { capacityProviderStrategy: valid };
}

function autoScalingGroupsUnsupported(strategy: readonly CapacityProviderStrategyItem[], fromDefault: boolean): ApiError {
  const names = strategy.map((item) => item.capacityProvider).join(', ');
  const source = fromDefault ? ", from the cluster's default capacity provider strategy," : '';
  const change = fromDefault ? ' (or change the default with PutClusterCapacityProviders)' : '';
  return new ApiError(
    'UnsupportedFeatureException',
    `Placing tasks with Auto Scaling group capacity providers (${names})${source} is not supported by the ecsh sandbox: it has no Auto Scaling groups. Give launchType EC2 to place tasks on the cluster's container instances, or a FARGATE or FARGATE_SPOT strategy${change}.`,
  );
}

/**
 * The provider the next task goes to: the one whose base is not met yet, else the one furthest
 * below its weighted share once it takes the task (ties to the earlier one), as ECS spreads a
 * strategy. `counts` are the tasks each provider already runs for the same service or call.
 */
export function nextCapacityProvider(strategy: readonly CapacityProviderStrategyItem[], counts: ReadonlyMap<string, number>): string {
  const count = (name: string) => counts.get(name) ?? 0;
  const unmet = strategy.find((item) => count(item.capacityProvider) < (item.base ?? 0));
  if (unmet) return unmet.capacityProvider;
  let best: CapacityProviderStrategyItem | undefined;
  let bestShare = Infinity;
  for (const item of strategy) {
    const weight = item.weight ?? 0;
    if (weight <= 0) continue;
    const share = (Math.max(0, count(item.capacityProvider) - (item.base ?? 0)) + 1) / weight;
    if (share < bestShare) {
      best = item;
      bestShare = share;
    }
  }
  return (best ?? strategy[0]!).capacityProvider;
}

/** A definition can run on Fargate only if ECS found it compatible when it was registered. */
export function checkCompatibility(def: TaskDefinitionRecord, on: RunsOn): void {
  if (on === 'FARGATE' && !def.compatibilities.includes('FARGATE')) throw invalidParameter('Task definition does not support launch_type FARGATE.');
  if (on === 'FARGATE' && def.placementConstraints.length > 0) {
    throw invalidParameter('Task definition placement constraints are not supported with the FARGATE launch type.');
  }
  const family = (def.runtimePlatform as { operatingSystemFamily?: string } | undefined)?.operatingSystemFamily;
  if (on === 'FARGATE' && family !== undefined && family !== 'LINUX') throw unsupported(`Running ${family} tasks on Fargate`);
}

/**
 * The platform version a request asks for: none on EC2; on Fargate a known one, LATEST when
 * it names none.
 */
export function validPlatformVersion(value: unknown, on: RunsOn): string | undefined {
  if (value === undefined || value === null) return on === 'FARGATE' ? 'LATEST' : undefined;
  if (typeof value !== 'string') throw invalidParameter('platformVersion must be a string.');
  if (on === 'EC2') throw invalidParameter('The platform version must be null when specifying an EC2 launch type.');
  if (!PLATFORM_VERSIONS.includes(value)) throw new ApiError('PlatformUnknownException', 'The specified platform does not exist.');
  return value;
}

/** The platform version a Fargate task reports: LATEST resolved. */
export function taskPlatformVersion(requested: string | undefined): string {
  return requested === undefined || requested === 'LATEST' ? LATEST_PLATFORM_VERSION : requested;
}

/** Fargate places tasks itself: placement strategies and constraints are refused as ECS refuses them. */
export function checkFargatePlacement(on: RunsOn, placementStrategy: unknown, placementConstraints: unknown): void {
  if (on !== 'FARGATE') return;
  if (Array.isArray(placementStrategy) && placementStrategy.length > 0) {
    throw invalidParameter('Placement strategies are not supported with the FARGATE launch type.');
  }
  if (Array.isArray(placementConstraints) && placementConstraints.length > 0) {
    throw invalidParameter('Placement constraints are not supported with the FARGATE launch type.');
  }
}
