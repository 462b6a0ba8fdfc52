import type { ContainerInstanceRecord, Reservation, TaskRecord } from '../model.js';
import type { Random } from '../random.js';
import type { TaskDemand } from './demand.js';
import type { GroupCounts } from './group-counts.js';
import { NO_CONTAINER_INSTANCES, type PlacementFailure } from './failure-reasons.js';
import { Check, InstanceChecks, reasonOf } from './instance-checks.js';
import { PlacementState } from './placement-state.js';
import { chooseInstance, strategySteps } from './strategies.js';
import type { PlacementConstraint, PlacementStrategy } from './validate-placement.js';

export interface PlacementRequest {
  /** The cluster's container instances; those not ACTIVE are skipped, disconnected ones fail with AGENT. */
  instances: ContainerInstanceRecord[];
  /** The cluster's tasks that are not STOPPED (for distinctInstance, task:group and spread). */
  tasks: Iterable<TaskRecord>;
  /**
   * The group's not-STOPPED tasks per container instance ARN, when the caller keeps that count:
   * spread then costs one look-up per instance instead of a pass over every task of the cluster.
   */
  groupCounts?: GroupCounts;
  demand: TaskDemand;
  count: number;
  group: string;
  /** Empty: random, RunTask's default (services pass SERVICE_DEFAULT_STRATEGIES when they have none). */
  strategies: PlacementStrategy[];
  constraints: PlacementConstraint[];
  random: Random;
}

/** One task's place: the instance and what it holds there, with concrete host ports. */
export interface Placement {
  instance: ContainerInstanceRecord;
  reservation: Reservation;
}

export interface PlacementOutcome {
  placements: Placement[];
  /** Why the tasks that were not placed could not be: one entry per instance, as RunTask reports. */
  failures: PlacementFailure[];
}

let candidates = new Int32Array(0);

/** Each instance's first failed requirement, when no instance can take the next task. */
function failuresOf(checks: InstanceChecks, instances: readonly ContainerInstanceRecord[]): PlacementFailure[] {
  const failures: PlacementFailure[] = [];
  for (let i = 0; i < instances.length; i++) {
    const check = checks.check(i);
    if (check !== Check.skipped) failures.push({ arn: instances[i]!.containerInstanceArn, reason: reasonOf(check) });
  }
  return failures.length > 0 ? failures : [{ reason: NO_CONTAINER_INSTANCES }];
}

/**
 * Places up to `count` tasks, one after the other, each seeing the ones placed before it.
 * Pure: it reads the records and returns decisions; the caller `reserve`s each placement.
 * It stops at the first task no instance can take (the next ones could not fit either).
 */
export function placeTasks(request: PlacementRequest): PlacementOutcome {
  const { instances, count, random } = request;
  const placements: Placement[] = [];
  if (count < 1) return { placements, failures: [] };
  const n = instances.length;
  const state = new PlacementState(instances, request.tasks, request.demand, request.group, request.groupCounts);
  const checks = new InstanceChecks(state, request.constraints);
  const steps = strategySteps(request.strategies);
  if (candidates.length < n) candidates = new Int32Array(Math.max(n, candidates.length * 2));
  for (let placed = 0; placed < count; placed++) {
    let fitting = 0;
    for (let i = 0; i < n; i++) if (checks.check(i) === Check.fits) candidates[fitting++] = i;
    if (fitting === 0) return { placements, failures: failuresOf(checks, instances) };
    const chosen = chooseInstance(steps, state, candidates, fitting, random);
    placements.push({ instance: instances[chosen]!, reservation: state.take(chosen) });
  }
  return { placements, failures: [] };
}
