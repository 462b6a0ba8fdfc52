/**
 * The scheduler: where a task goes, as ECS decides it. Pure domain code over the records:
 * task size and ports (demand), container instance resources (reserve / release), placement
 * strategies and constraints, and the cluster query language.
 */
export { taskDemand, parseTaskCpu, parseTaskMemory, type TaskDemand } from './demand.js';
export { DYNAMIC_PORT_RANGE, portBindings } from './ports.js';
export { RESERVED_PORTS, instanceResources, renderRemainingResources, reserve, release } from './resources.js';
export {
  validatePlacement,
  MAX_CONSTRAINTS,
  MAX_STRATEGIES,
  SERVICE_DEFAULT_STRATEGIES,
  type PlacementConstraint,
  type PlacementStrategy,
} from './validate-placement.js';
export { GroupCounts } from './group-counts.js';
export { placeTasks, type Placement, type PlacementOutcome, type PlacementRequest } from './place-tasks.js';
export { NO_CONTAINER_INSTANCES, Reason, unableToPlaceMessage, type PlacementFailure } from './failure-reasons.js';
export { parseClusterQuery, MAX_EXPRESSION_LENGTH, type ClusterQuery } from './cluster-query.js';
export { matchesClusterQuery } from './query-evaluate.js';
