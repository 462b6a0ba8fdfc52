import { allInstances, loadPlacement, type PlacementSnapshot, type ZoneGroup } from './models/placement-model.js';
import type { PaneApi } from './models/pane-api.js';
import {
  drainInstanceAction,
  forceDeploymentAction,
  stopTaskAction,
  type PaneAction,
  type ScaleChoice,
} from './models/pane-actions.js';
import type { PaneScope } from './models/pane-scope.js';
import { filterServices, filterTasks, filterZones } from './models/row-filters.js';
import { loadServices, type ServiceBlock, type ServicesSnapshot } from './models/services-model.js';
import { loadTasks, type TaskRow, type TasksSnapshot } from './models/tasks-model.js';
import type { PaneKind } from './pane-settings.js';
import type { DescribeOutput } from './render/details-lines.js';

/** What a key asked for: a change to confirm, a scaling to settle with +/- first, or why nothing happens. */
export type PendingAction = { kind: 'confirm'; action: PaneAction } | { kind: 'scale'; choice: ScaleChoice } | { kind: 'refused'; reason: string };

/**
 * A pane apart from its screen: how its data loads, what rows it shows for a filter, which of
 * them can be selected, what Enter describes and what its action keys do. A new pane is a new
 * definition (with a model and a render), not a copy of the view machinery.
 */
export interface PaneDefinition<S, V> {
  load(api: PaneApi, scope: PaneScope, previous?: S): Promise<S>;
  /** The data the view draws once filtered. */
  visible(snapshot: S, filter: string): V;
  /** Keys of the selectable rows, in display order. */
  keys(visible: V): string[];
  describe(snapshot: S, key: string): DescribeOutput | undefined;
  /** What action key `input` does to the row `key`; undefined when the key is not an action here. */
  action(snapshot: S, key: string | undefined, input: string): PendingAction | undefined;
  /** Counts for the title bar. */
  summary(snapshot: S): string;
  /** The pane's own keys, for the footer. */
  hints: string;
}

const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;

// ECS's task lifecycle, by last status: on the way up, and on the way down.
const STARTING = new Set(['PROVISIONING', 'PENDING', 'ACTIVATING']);
const STOPPING = new Set(['DEACTIVATING', 'STOPPING', 'DEPROVISIONING']);

/** The tasks by what they are now (their last status), not by what ECS wants of them: `4 running, 2 pending, 1 stopped`. */
function taskCounts(rows: readonly Pick<TaskRow, 'lastStatus'>[]): string {
  const running = rows.filter((r) => r.lastStatus === 'RUNNING').length;
  const pending = rows.filter((r) => STARTING.has(r.lastStatus)).length;
  const stopping = rows.filter((r) => STOPPING.has(r.lastStatus)).length;
  const stopped = rows.filter((r) => r.lastStatus === 'STOPPED').length;
  return [`${running} running`, pending && `${pending} pending`, stopping && `${stopping} stopping`, `${stopped} stopped`].filter(Boolean).join(', ');
}

const TASKS: PaneDefinition<TasksSnapshot, readonly TaskRow[]> = {
  load: loadTasks,
  visible: (snapshot, filter) => filterTasks(snapshot.rows, filter),
  keys: (rows) => rows.map((r) => r.key),
  describe: (snapshot, key) => {
    const task = snapshot.described.find((t) => t.taskArn === key);
    return task && { operation: 'DescribeTasks', output: { tasks: [task], failures: [] } };
  },
  action: (snapshot, key, input) => {
    if (input !== 's') return undefined;
    const row = snapshot.rows.find((r) => r.key === key);
    if (!row) return { kind: 'refused', reason: 'no task selected' };
    if (row.desiredStatus === 'STOPPED') return { kind: 'refused', reason: `task ${row.id.slice(0, 8)} is already stopping` };
    return { kind: 'confirm', action: stopTaskAction(snapshot.scope.cluster, row) };
  },
  summary: (snapshot) => taskCounts(snapshot.rows),
  hints: 's stop',
};

const PLACEMENT: PaneDefinition<PlacementSnapshot, readonly ZoneGroup[]> = {
  load: loadPlacement,
  visible: (snapshot, filter) => filterZones(snapshot.zones, filter),
  keys: (zones) => zones.flatMap((zone) => [...zone.instances.map((b) => b.key), ...(zone.fargate ? [zone.fargate.key] : [])]),
  describe: (snapshot, key) => {
    const fargate = snapshot.zones.find((zone) => zone.fargate?.key === key)?.fargate;
    if (fargate) {
      const tasks = snapshot.fargateTasks.filter((task) => fargate.taskArns.includes(task.taskArn ?? ''));
      return { operation: 'DescribeTasks', output: { tasks, failures: [] } };
    }
    const instance = snapshot.described.find((i) => i.containerInstanceArn === key);
    return instance && { operation: 'DescribeContainerInstances', output: { containerInstances: [instance], failures: [] } };
  },
  action: (snapshot, key, input) => {
    if (input !== 'x') return undefined;
    if (snapshot.zones.some((zone) => zone.fargate?.key === key)) return { kind: 'refused', reason: 'Fargate tasks run on no instance of yours: there is nothing to drain' };
    const block = allInstances(snapshot).find((b) => b.key === key);
    if (!block) return { kind: 'refused', reason: 'no instance selected' };
    if (block.status !== 'ACTIVE' && block.status !== 'DRAINING') {
      return { kind: 'refused', reason: `an instance that is ${block.status} cannot be drained or activated` };
    }
    return { kind: 'confirm', action: drainInstanceAction(snapshot.scope.cluster, block) };
  },
  summary: (snapshot) => {
    const instances = allInstances(snapshot);
    const tasks = snapshot.zones.reduce((n, z) => n + z.taskCount, 0);
    const onFargate = snapshot.zones.reduce((n, z) => n + (z.fargate?.count ?? 0), 0);
    return `${count(instances.length, 'instance')} in ${count(snapshot.zones.length, 'zone')}, ${count(tasks, 'task')}${onFargate ? ` (${onFargate} on Fargate)` : ''}`;
  },
  hints: 'x drain/activate',
};

const SERVICES: PaneDefinition<ServicesSnapshot, readonly ServiceBlock[]> = {
  load: loadServices,
  visible: (snapshot, filter) => filterServices(snapshot.services, filter),
  keys: (services) => services.map((s) => s.key),
  describe: (snapshot, key) => {
    const service = snapshot.described.find((s) => s.serviceArn === key);
    return service && { operation: 'DescribeServices', output: { services: [service], failures: [] } };
  },
  action: (snapshot, key, input) => {
    if (input !== '+' && input !== '-' && input !== 'd') return undefined;
    const block = snapshot.services.find((s) => s.key === key);
    if (!block) return { kind: 'refused', reason: 'no service selected' };
    if (input === 'd') return { kind: 'confirm', action: forceDeploymentAction(snapshot.scope.cluster, block.name) };
    if (block.schedulingStrategy === 'DAEMON') return { kind: 'refused', reason: `${block.name} is a DAEMON service: it runs one task per instance` };
    const to = Math.max(0, block.desired + (input === '+' ? 1 : -1));
    return { kind: 'scale', choice: { cluster: snapshot.scope.cluster, service: block.name, from: block.desired, to } };
  },
  summary: (snapshot) => count(snapshot.services.length, 'service'),
  hints: '+/- scale  d deploy',
};

// Each definition is used only with its own snapshot type, which the pane kind decides.
export const PANE_DEFINITIONS: Record<PaneKind, PaneDefinition<any, any>> = { tasks: TASKS, placement: PLACEMENT, services: SERVICES };
