import { invalidParameter } from '../errors.js';
import { parseClusterQuery, standalone } from './cluster-query.js';

export interface PlacementStrategy {
  type: string;
  field?: string;
}

export interface PlacementConstraint {
  type: string;
  expression?: string;
}

/** ECS's limits, per task: constraints count those of the task definition too. */
export const MAX_STRATEGIES = 5;
export const MAX_CONSTRAINTS = 10;

/**
 * What ECS does when a task is placed without a strategy. RunTask: random ("the default task
 * placement strategy distributes tasks randomly across your cluster"), which is what
 * placeTasks does with no strategy. A service: spread over Availability Zones, then over the
 * instances of each zone (the replica scheduler favours the instances with the fewest tasks
 * of the service in the least loaded zone); the service scheduler passes these.
 */
export const SERVICE_DEFAULT_STRATEGIES: readonly PlacementStrategy[] = [
  { type: 'spread', field: 'attribute:ecs.availability-zone' },
  { type: 'spread', field: 'instanceId' },
];

const given = (value: unknown) => value !== undefined && value !== null;

/** The instance property a spread strategy groups by: 'instanceId' or an attribute name. */
export function spreadKey(field: string): { instance: true } | { attribute: string } | undefined {
  if (field === 'instanceId' || field === 'host') return { instance: true };
  if (field.startsWith('attribute:') && field.length > 'attribute:'.length) return { attribute: standalone(field.slice('attribute:'.length)) };
  return undefined;
}

function validateStrategy(strategy: any): void {
  if (!strategy || typeof strategy !== 'object') throw invalidParameter('Each placement strategy must be an object with a type and a field.');
  const { type, field } = strategy;
  if (given(field) && typeof field !== 'string') throw invalidParameter(`${type} field must be a string.`);
  switch (type) {
    case 'random':
      if (given(field)) throw invalidParameter('random field should not be specified');
      return;
    case 'binpack':
      if (!given(field)) throw invalidParameter('binpack field should be specified: cpu or memory');
      if (field !== 'cpu' && field !== 'memory') throw invalidParameter(`binpack field '${field}' is invalid`);
      return;
    case 'spread':
      if (!given(field)) throw invalidParameter('spread field should be specified: instanceId, host or attribute:NAME');
      if (!spreadKey(field as string)) throw invalidParameter(`spread field '${field}' is invalid`);
      return;
    default:
      throw invalidParameter(`Invalid placement strategy type '${type}'. The types are random, spread and binpack.`);
  }
}

function validateConstraint(constraint: any): void {
  if (!constraint || typeof constraint !== 'object') throw invalidParameter('Each placement constraint must be an object with a type.');
  const { type, expression } = constraint;
  switch (type) {
    case 'distinctInstance':
      if (given(expression)) throw invalidParameter('distinctInstance expression should not be specified.');
      return;
    case 'memberOf':
      if (typeof expression !== 'string' || expression.trim() === '') throw invalidParameter('memberOf expression should be specified.');
      parseClusterQuery(expression);
      return;
    default:
      throw invalidParameter(`Invalid placement constraint type '${type}'. The types are distinctInstance and memberOf.`);
  }
}

/**
 * Checks placementStrategy and placementConstraints as RunTask, CreateService and
 * UpdateService take them (pass the task definition's constraints along with the request's).
 */
export function validatePlacement(strategies: unknown, constraints: unknown): void {
  if (given(strategies)) {
    if (!Array.isArray(strategies)) throw invalidParameter('placementStrategy must be a list.');
    if (strategies.length > MAX_STRATEGIES) throw invalidParameter(`Maximum number of strategies is ${MAX_STRATEGIES}`);
    strategies.forEach(validateStrategy);
  }
  if (given(constraints)) {
    if (!Array.isArray(constraints)) throw invalidParameter('placementConstraints must be a list.');
    if (constraints.length > MAX_CONSTRAINTS) throw invalidParameter(`Maximum number of constraints is ${MAX_CONSTRAINTS}`);
    constraints.forEach(validateConstraint);
  }
}
