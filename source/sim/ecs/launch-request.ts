import type { CapacityProviderStrategyItem, ClusterRecord, ContainerInstanceRecord, Tag, TaskDefinitionRecord, TaskRecord } from '../model.js';
import type { PlacementConstraint, PlacementFailure, PlacementStrategy } from '../scheduler/index.js';

/** What RunTask, StartTask and the service controller ask of a launch, and what they get back. */
export interface LaunchRequest {
  cluster: ClusterRecord;
  taskDefinition: TaskDefinitionRecord;
  count: number;
  group: string;
  startedBy?: string;
  launchType?: 'EC2' | 'FARGATE';
  /** A Fargate strategy: each task goes to FARGATE or FARGATE_SPOT as the strategy spreads them. */
  capacityProviderStrategy?: CapacityProviderStrategyItem[];
  /** What the strategy's providers already run for the same service deployment (their base and weights count these). */
  providerCounts?: ReadonlyMap<string, number>;
  /** Fargate: the platform version asked for (LATEST when absent). */
  platformVersion?: string;
  placementStrategy?: PlacementStrategy[];
  placementConstraints?: PlacementConstraint[];
  overrides?: Record<string, unknown>;
  tags?: Tag[];
  serviceArn?: string;
  deploymentId?: string;
  networkConfiguration?: unknown;
  enableExecuteCommand?: boolean;
  propagatedTags?: Tag[];
  /** StartTask: one task on each of these instances, no placement. */
  containerInstances?: ContainerInstanceRecord[];
}

export interface LaunchOutcome {
  tasks: TaskRecord[];
  failures: PlacementFailure[];
}
