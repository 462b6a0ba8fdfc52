import type { ClusterRecord, ServiceRecord, TaskRecord } from '../model.js';
import type { Sandbox } from '../sandbox.js';
import { runsOn } from './launch-options.js';

/**
 * DescribeClusters' `statistics` (with include STATISTICS): the cluster's running and pending
 * tasks and its active and draining services, by where they run, as key/value pairs with
 * string values, in the order ECS lists them.
 */
type Capacity = 'EC2' | 'Fargate' | 'External' | 'ManagedInstances';

const TASK_STATISTICS: Array<[string, 'running' | 'pending', Capacity]> = [
  ['runningEC2TasksCount', 'running', 'EC2'],
  ['runningFargateTasksCount', 'running', 'Fargate'],
  ['pendingEC2TasksCount', 'pending', 'EC2'],
  ['pendingFargateTasksCount', 'pending', 'Fargate'],
  ['runningExternalTasksCount', 'running', 'External'],
  ['pendingExternalTasksCount', 'pending', 'External'],
  ['runningManagedInstancesTasksCount', 'running', 'ManagedInstances'],
  ['pendingManagedInstancesTasksCount', 'pending', 'ManagedInstances'],
];

const SERVICE_STATISTICS: Array<[string, 'ACTIVE' | 'DRAINING', Capacity]> = [
  ['activeEC2ServiceCount', 'ACTIVE', 'EC2'],
  ['activeFargateServiceCount', 'ACTIVE', 'Fargate'],
  ['drainingEC2ServiceCount', 'DRAINING', 'EC2'],
  ['drainingFargateServiceCount', 'DRAINING', 'Fargate'],
  ['activeExternalServiceCount', 'ACTIVE', 'External'],
  ['drainingExternalServiceCount', 'DRAINING', 'External'],
  ['activeManagedInstancesServiceCount', 'ACTIVE', 'ManagedInstances'],
  ['drainingManagedInstancesServiceCount', 'DRAINING', 'ManagedInstances'],
];

const PENDING: ReadonlySet<string> = new Set(['PROVISIONING', 'PENDING', 'ACTIVATING']);

function capacityOf(launchType: string | undefined): Capacity {
  if (launchType === 'FARGATE') return 'Fargate';
  if (launchType === 'EXTERNAL') return 'External';
  if (launchType === 'MANAGED_INSTANCES') return 'ManagedInstances';
  return 'EC2';
}

function taskState(task: TaskRecord): 'running' | 'pending' | undefined {
  if (task.lastStatus === 'RUNNING') return 'running';
  return PENDING.has(task.lastStatus) ? 'pending' : undefined;
}

function serviceCapacity(service: ServiceRecord): Capacity {
  return service.launchType === 'EXTERNAL' ? 'External' : capacityOf(runsOn(service));
}

export function clusterStatistics(sb: Sandbox, cluster: ClusterRecord): Array<{ name: string; value: string }> {
  const counts = new Map<string, number>();
  const bump = (key: string) => counts.set(key, (counts.get(key) ?? 0) + 1);
  for (const task of sb.tables.tasks.values()) {
    const state = task.clusterArn === cluster.clusterArn ? taskState(task) : undefined;
    if (state) bump(`${state}|${capacityOf(task.launchType)}`);
  }
  for (const service of sb.tables.services.values()) {
    if (service.clusterArn === cluster.clusterArn && service.status !== 'INACTIVE') bump(`${service.status}|${serviceCapacity(service)}`);
  }
  return [...TASK_STATISTICS, ...SERVICE_STATISTICS].map(([name, state, capacity]) => ({ name, value: String(counts.get(`${state}|${capacity}`) ?? 0) }));
}
