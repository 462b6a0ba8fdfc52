import type { Attribute, ContainerInstanceRecord, ServiceRecord, TaskDefinitionRecord, TaskRecord } from '../model.js';
import type { Sandbox } from '../sandbox.js';
import { matchesClusterQuery, parseClusterQuery, type ClusterQuery } from '../scheduler/index.js';
import { activeTasksOf } from './cluster-tasks.js';
import { isFailing, isHealthy } from './service-task-health.js';
import { isLeaving, isProtected, launchForService, stopForService } from './service-tasks.js';

/**
 * One step of the DAEMON scheduler: exactly one task on every ACTIVE container instance
 * (agent connected) that meets the placement constraints and has the attributes the task
 * definition requires; desiredCount follows the number of such instances. A task on an
 * instance that no longer qualifies stops; on a DRAINING instance the daemon's task is the
 * last to go, once the instance's other tasks are gone. A new deployment replaces each
 * instance's task stop-first (one task an instance), as far as minimumHealthyPercent allows.
 */

function hasAttributes(instance: ContainerInstanceRecord, required: readonly Attribute[]): boolean {
  return required.every((r) => instance.attributes.some((a) => a.name === r.name && (r.value === undefined || a.value === r.value)));
}

function constraintQueries(service: ServiceRecord, def: TaskDefinitionRecord | undefined): ClusterQuery[] {
  const constraints = [...service.placementConstraints, ...((def?.placementConstraints ?? []) as ServiceRecord['placementConstraints'])];
  return constraints.filter((c) => c.type === 'memberOf' && c.expression).map((c) => parseClusterQuery(c.expression!));
}

function isDaemonTask(sb: Sandbox, task: TaskRecord): boolean {
  return !!task._serviceArn && sb.tables.services.get(task._serviceArn)?.schedulingStrategy === 'DAEMON';
}

export function scheduleDaemon(sb: Sandbox, service: ServiceRecord, live: readonly TaskRecord[]): void {
  const primary = service.deployments[0];
  if (!primary) return;
  const def = sb.tables.taskDefinitions.get(primary.taskDefinition);
  const clusterTasks = activeTasksOf(sb, service.clusterArn);
  const queries = constraintQueries(service, def);
  const instances = [...sb.tables.containerInstances.values()].filter((i) => i.clusterArn === service.clusterArn && i.status !== 'INACTIVE');
  const eligible = new Set(
    instances
      .filter((i) => i.status === 'ACTIVE' && i.agentConnected)
      .filter((i) => hasAttributes(i, def?.requiresAttributes ?? []))
      .filter((i) => queries.every((q) => matchesClusterQuery(q, i, clusterTasks)))
      .map((i) => i.containerInstanceArn),
  );
  service.desiredCount = eligible.size;
  primary.desiredCount = eligible.size;
  const minHealthy = Math.ceil((eligible.size * service.deploymentConfiguration.minimumHealthyPercent) / 100);

  const byHost = new Map<string, TaskRecord[]>();
  for (const task of live) {
    const key = task.containerInstanceArn ?? '';
    byHost.set(key, [...(byHost.get(key) ?? []), task]);
  }
  const stopping: TaskRecord[] = [];
  const outdated: TaskRecord[] = [];
  for (const [host, tasks] of byHost) {
    const staying = tasks.filter((t) => !isLeaving(t));
    if (!eligible.has(host)) {
      const instance = sb.tables.containerInstances.get(host);
      const othersLeft = clusterTasks.some((t) => t.containerInstanceArn === host && !isDaemonTask(sb, t));
      if (instance?.status !== 'DRAINING' || !othersLeft) stopping.push(...staying);
      continue;
    }
    // One task an instance: keep the PRIMARY deployment's, running ones first.
    staying.sort((a, b) => rank(a, primary.id) - rank(b, primary.id));
    stopping.push(...staying.slice(1));
    if (staying[0] && staying[0]._deploymentId !== primary.id) outdated.push(staying[0]);
  }
  if (primary.rolloutState !== 'FAILED') {
    let healthy = live.filter((t) => isHealthy(sb, t)).length - stopping.filter((t) => isHealthy(sb, t)).length;
    for (const task of outdated) {
      if (isProtected(sb, task)) continue;
      if (isHealthy(sb, task)) {
        if (healthy - 1 < minHealthy) continue;
        healthy--;
      } else if (task.lastStatus === 'RUNNING' && !isFailing(task) && healthy < minHealthy) {
        // RUNNING but not counted yet: it may go once enough others are healthy.
        continue;
      }
      stopping.push(task);
    }
  }
  stopForService(sb, service, stopping, primary.id);

  // A new task goes where nothing of the service is left, not even a task on its way out.
  const targets = instances.filter((i) => eligible.has(i.containerInstanceArn) && !byHost.has(i.containerInstanceArn));
  if (targets.length > 0 && primary.rolloutState !== 'FAILED') {
    launchForService(sb, service, {
      deploymentId: primary.id,
      taskDefinition: primary.taskDefinition,
      launchType: primary.launchType,
      networkConfiguration: primary.networkConfiguration,
      containerInstances: targets,
    });
  }
}

function rank(task: TaskRecord, primaryId: string): number {
  return (task._deploymentId === primaryId ? 0 : 2) + (task.lastStatus === 'RUNNING' ? 0 : 1);
}
