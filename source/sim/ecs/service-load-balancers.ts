import {
  classicKey,
  classicLoadBalancers,
  deregisterInstances,
  deregisterTarget,
  deregistrationDelayOf,
  registerInstances,
  registerTarget,
  targetGroups,
  type TargetHealthChange,
} from '../elb/index.js';
import type { ServiceRecord, TaskRecord } from '../model.js';
import type { Sandbox } from '../sandbox.js';
import { serviceRevisions } from './deployments.js';
import { wakeService } from './service-controller.js';
import { addServiceEvent, stoppedTasksEvent } from './service-events.js';
import { postponeStop, stopTask } from './task-lifecycle.js';

/**
 * A service's tasks behind its load balancers, as ECS manages them: each task's target (its
 * instance and host port, or its own address and the container port) is registered as the
 * task comes up (ACTIVATING) and deregistered as it goes (DEACTIVATING), the task staying
 * DEACTIVATING until the deregistration delay has passed, so that a deployment drops no
 * request. A task counts as healthy for the deployment only once its targets are; a task
 * whose target fails its health checks (after the grace period) is replaced.
 */
const GRACE_JOB = 'service-lb-grace';

interface TaskTarget {
  kind: 'target-group' | 'classic';
  /** The target group's ARN, or the classic load balancer's key. */
  owner: string;
  /** How ECS's events name it: `(target-group ARN)` or `(elb NAME)`. */
  label: string;
  id: string;
  port?: number;
  /** The port the events name: the host port (or the container port of an awsvpc task). */
  shownPort?: number;
}

/** The load balancers the task was launched with: its deployment's revision's, else the service's. */
function loadBalancersOfTask(sb: Sandbox, service: ServiceRecord, task: TaskRecord): ServiceRecord['loadBalancers'] {
  const deployment = service.deployments.find((d) => d.id === task._deploymentId);
  const revision = deployment?._serviceRevisionArn ? serviceRevisions(sb).get(deployment._serviceRevisionArn) : undefined;
  return revision?.loadBalancers ?? service.loadBalancers;
}

function eniAddress(task: TaskRecord): string | undefined {
  const eni = task.attachments.find((a: any) => a?.type === 'ElasticNetworkInterface') as { details?: Array<{ name: string; value?: string }> } | undefined;
  return eni?.details?.find((d) => d.name === 'privateIPv4Address')?.value;
}

function targetsOfTask(sb: Sandbox, service: ServiceRecord, task: TaskRecord): TaskTarget[] {
  const instance = task.containerInstanceArn ? sb.tables.containerInstances.get(task.containerInstanceArn) : undefined;
  const out: TaskTarget[] = [];
  for (const lb of loadBalancersOfTask(sb, service, task)) {
    const container = task.containers.find((c) => c.name === lb.containerName);
    const binding = container?.networkBindings.find((b) => b.containerPort === lb.containerPort && b.protocol === 'tcp');
    if (lb.targetGroupArn) {
      const tg = targetGroups(sb).get(lb.targetGroupArn);
      if (!tg) continue;
      const label = `(target-group ${tg.targetGroupArn})`;
      if (tg.targetType === 'ip') {
        const ip = eniAddress(task);
        if (ip && lb.containerPort) out.push({ kind: 'target-group', owner: tg.targetGroupArn, label, id: ip, port: lb.containerPort, shownPort: lb.containerPort });
      } else if (instance?.ec2InstanceId && binding) {
        out.push({ kind: 'target-group', owner: tg.targetGroupArn, label, id: instance.ec2InstanceId, port: binding.hostPort, shownPort: binding.hostPort });
      }
    } else if (lb.loadBalancerName && instance?.ec2InstanceId) {
      const key = classicKey(service.region, lb.loadBalancerName);
      if (classicLoadBalancers(sb).has(key)) out.push({ kind: 'classic', owner: key, label: `(elb ${lb.loadBalancerName})`, id: instance.ec2InstanceId, shownPort: binding?.hostPort });
    }
  }
  return out;
}

function stateOf(sb: Sandbox, target: TaskTarget): string | undefined {
  const list = target.kind === 'classic' ? classicLoadBalancers(sb).get(target.owner)?.instances : targetGroups(sb).get(target.owner)?.targets;
  return list?.find((t) => t.id === target.id && t.port === target.port)?.state;
}

function serviceOf(sb: Sandbox, task: TaskRecord): ServiceRecord | undefined {
  return task._serviceArn ? sb.tables.services.get(task._serviceArn) : undefined;
}

/** How ECS's events count what it registers or deregisters: instances in a classic load balancer, else targets. */
function countedPerLoadBalancer(targets: readonly TaskTarget[]): string[] {
  const counts = new Map<string, number>();
  for (const target of targets) counts.set(target.label, (counts.get(target.label) ?? 0) + 1);
  return [...counts].map(([label, count]) => `${count} ${label.startsWith('(elb ') ? 'instances' : 'targets'} in ${label}`);
}

/**
 * Registers the task's targets as it comes up, and says so once per load balancer: ECS
 * registers them even if the load balancer already has them (an instance a classic load
 * balancer already sends to). From then on the task counts as healthy only while all its
 * targets are.
 */
function register(sb: Sandbox, service: ServiceRecord, task: TaskRecord, targets: TaskTarget[]): void {
  const first = task._loadBalancerHealthy === undefined;
  for (const target of targets) {
    if (target.kind === 'classic') registerInstances(sb, classicLoadBalancers(sb).get(target.owner)!, [target.id]);
    else registerTarget(sb, targetGroups(sb).get(target.owner)!, { id: target.id, port: target.port! });
  }
  task._loadBalancerHealthy = targets.every((t) => stateOf(sb, t) === 'healthy');
  if (!first) return;
  for (const text of countedPerLoadBalancer(targets)) addServiceEvent(sb, service, `(service ${service.serviceName}) registered ${text}`);
}

/**
 * Deregisters the task's targets as it goes, in ECS's order: "deregistered N targets", then
 * "has begun draining connections"; the task stays DEACTIVATING for the longest
 * deregistration delay among them.
 */
function deregister(sb: Sandbox, service: ServiceRecord, task: TaskRecord, targets: TaskTarget[]): void {
  let delay = 0;
  const started: TaskTarget[] = [];
  for (const target of targets) {
    delay = Math.max(delay, deregistrationDelayOf(sb, target.owner));
    const begun =
      target.kind === 'classic'
        ? deregisterInstances(sb, classicLoadBalancers(sb).get(target.owner)!, [target.id]).length > 0
        : deregisterTarget(sb, targetGroups(sb).get(target.owner)!, { id: target.id, port: target.port! });
    if (begun) started.push(target);
  }
  if (started.length === 0) return;
  for (const text of countedPerLoadBalancer(started)) addServiceEvent(sb, service, `(service ${service.serviceName}) deregistered ${text}`);
  if (delay > 0) addServiceEvent(sb, service, `(service ${service.serviceName}) has begun draining connections on 1 tasks.`);
  if (task.lastStatus === 'DEACTIVATING') postponeStop(sb, task, delay);
}

function followTask(sb: Sandbox, task: TaskRecord): void {
  const service = serviceOf(sb, task);
  if (!service) return;
  const targets = targetsOfTask(sb, service, task);
  if (targets.length === 0) return;
  const up = task.lastStatus === 'ACTIVATING' || task.lastStatus === 'RUNNING';
  if (up && task.desiredStatus === 'RUNNING') register(sb, service, task, targets);
  else if (task.lastStatus === 'DEACTIVATING' || task.lastStatus === 'STOPPED') deregister(sb, service, task, targets);
}

/** Each live task of a service behind `owner`, with its targets there. */
function* tasksBehind(sb: Sandbox, owner: string) {
  for (const service of sb.tables.services.values()) {
    if (service.status === 'INACTIVE') continue;
    for (const arn of service._taskArns) {
      const task = sb.tables.tasks.get(arn);
      if (!task || task.lastStatus === 'STOPPED') continue;
      const targets = targetsOfTask(sb, service, task);
      if (targets.some((t) => t.owner === owner)) yield { service, task, targets };
    }
  }
}

function pastGrace(sb: Sandbox, service: ServiceRecord, task: TaskRecord): boolean {
  return sb.now() >= (task.startedAt ?? task.createdAt) + (service.healthCheckGracePeriodSeconds ?? 0) * 1000;
}

/** A target failed its checks: ECS says so and replaces the task, once the grace period is over. */
function replaceUnhealthy(sb: Sandbox, service: ServiceRecord, task: TaskRecord, target: TaskTarget, reason: string): void {
  if (task.desiredStatus !== 'RUNNING' || task.lastStatus !== 'RUNNING') return;
  if (!pastGrace(sb, service, task)) {
    const graceEnds = (task.startedAt ?? task.createdAt) + (service.healthCheckGracePeriodSeconds ?? 0) * 1000;
    sb.schedule(graceEnds - sb.now(), GRACE_JOB, task.taskArn);
    return;
  }
  const who = target.kind === 'target-group' && !target.id.startsWith('i-') ? `(task ${task.id})` : `(instance ${target.id})`;
  const port = target.shownPort !== undefined ? ` (port ${target.shownPort})` : '';
  addServiceEvent(sb, service, `(service ${service.serviceName}) ${who}${port} is unhealthy in ${target.label} due to (reason ${reason}).`);
  stopTask(sb, task, `Task failed ELB health checks in ${target.label}`, 'ServiceSchedulerInitiated');
  stoppedTasksEvent(sb, service, [task]);
}

function followTarget(sb: Sandbox, change: TargetHealthChange): void {
  if (change.state === 'deregistered') return;
  for (const { service, task, targets } of tasksBehind(sb, change.owner)) {
    const target = targets.find((t) => t.owner === change.owner && t.id === change.targetId && t.port === change.targetPort);
    if (!target) continue;
    task._loadBalancerHealthy = targets.every((t) => stateOf(sb, t) === 'healthy');
    if (change.state === 'unhealthy') replaceUnhealthy(sb, service, task, target, change.description ?? 'Health checks failed');
    wakeService(sb, service);
  }
}

/** When a grace period ends, a task whose target is still unhealthy is replaced. */
function graceOver(sb: Sandbox, taskArn: string): void {
  const task = sb.tables.tasks.get(taskArn);
  const service = task && serviceOf(sb, task);
  if (!task || !service || !pastGrace(sb, service, task)) return;
  for (const target of targetsOfTask(sb, service, task)) {
    if (stateOf(sb, target) !== 'unhealthy') continue;
    const list = target.kind === 'classic' ? classicLoadBalancers(sb).get(target.owner)?.instances : targetGroups(sb).get(target.owner)?.targets;
    const record = list?.find((t) => t.id === target.id && t.port === target.port);
    replaceUnhealthy(sb, service, task, target, record?.description ?? 'Health checks failed');
    wakeService(sb, service);
    return;
  }
}

export function installServiceLoadBalancers(sb: Sandbox): void {
  sb.events.on('task', (task: TaskRecord) => followTask(sb, task));
  sb.events.on('target-health', (change: TargetHealthChange) => followTarget(sb, change));
  sb.onJob(GRACE_JOB, graceOver);
}
