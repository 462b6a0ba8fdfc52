import { ApiError } from '../errors.js';
import type { Operation, Sandbox } from '../sandbox.js';
import { renderHealthCheck, requireClassic } from './classic-load-balancers.js';
import { int, requiredStr, str, struct, structList, validationError, type Params } from './params.js';
import type { ClassicLoadBalancerRecord, TargetRecord } from './records.js';
import { addTarget, parseClassicTarget, removeTarget } from './target-health.js';

/**
 * A classic load balancer's instances: ConfigureHealthCheck, RegisterInstancesWithLoadBalancer,
 * DeregisterInstancesFromLoadBalancer and DescribeInstanceHealth (InService / OutOfService).
 */

const invalidInstances = (ids: string[], what: string) =>
  new ApiError('InvalidInstance', `The following instances ${what}: ${ids.join(', ')}`);

function instanceIds(params: Params): string[] {
  const ids = structList(params, 'Instances').map((i) => {
    const id = str(i, 'InstanceId');
    if (id === undefined) throw validationError('Each instance needs an InstanceId');
    return id;
  });
  return ids;
}

function knownInstance(sb: Sandbox, id: string): boolean {
  if (sb.tables.ec2Instances.has(id)) return true;
  for (const instance of sb.tables.containerInstances.values()) if (instance.ec2InstanceId === id) return true;
  return false;
}

/** Registers instances (already registered ones stay as they are): the ids newly registered. */
export function registerInstances(sb: Sandbox, lb: ClassicLoadBalancerRecord, ids: readonly string[]): string[] {
  const added: string[] = [];
  for (const id of ids) {
    if (lb.instances.some((i) => i.id === id)) continue;
    addTarget(sb, lb.key, lb.instances, { id });
    added.push(id);
  }
  return added;
}

/** Deregisters instances: the ids that were registered. */
export function deregisterInstances(sb: Sandbox, lb: ClassicLoadBalancerRecord, ids: readonly string[]): string[] {
  const removed: string[] = [];
  for (const id of ids) {
    const instance = lb.instances.find((i) => i.id === id);
    if (!instance) continue;
    removeTarget(sb, lb.key, instance);
    removed.push(id);
  }
  return removed;
}

const renderInstances = (lb: ClassicLoadBalancerRecord) => lb.instances.map((i) => ({ InstanceId: i.id }));

export const ConfigureHealthCheck: Operation = (sb, params: Params, ctx) => {
  const lb = requireClassic(sb, ctx.region, requiredStr(params, 'LoadBalancerName'));
  const hc = struct(params, 'HealthCheck');
  if (!hc) throw validationError('HealthCheck must be specified');
  const target = requiredStr(hc, 'Target');
  if (!parseClassicTarget(target)) {
    throw validationError(`Invalid health check target '${target}': use PROTOCOL:PORT for TCP and SSL, PROTOCOL:PORT/PATH for HTTP and HTTPS`);
  }
  const interval = int(hc, 'Interval', { min: 5, max: 300 });
  const timeout = int(hc, 'Timeout', { min: 2, max: 60 });
  const unhealthyThreshold = int(hc, 'UnhealthyThreshold', { min: 2, max: 10 });
  const healthyThreshold = int(hc, 'HealthyThreshold', { min: 2, max: 10 });
  if (interval === undefined || timeout === undefined || unhealthyThreshold === undefined || healthyThreshold === undefined) {
    throw validationError('HealthCheck needs Target, Interval, Timeout, UnhealthyThreshold and HealthyThreshold');
  }
  if (timeout >= interval) throw validationError('Interval must be greater than the timeout.');
  lb.healthCheck = { target, interval, timeout, unhealthyThreshold, healthyThreshold };
  return { HealthCheck: renderHealthCheck(lb) };
};

export const RegisterInstancesWithLoadBalancer: Operation = (sb, params: Params, ctx) => {
  const lb = requireClassic(sb, ctx.region, requiredStr(params, 'LoadBalancerName'));
  const ids = instanceIds(params);
  const unknown = ids.filter((id) => !knownInstance(sb, id));
  if (unknown.length > 0) throw invalidInstances(unknown, 'are not valid instances');
  registerInstances(sb, lb, ids);
  return { Instances: renderInstances(lb) };
};

export const DeregisterInstancesFromLoadBalancer: Operation = (sb, params: Params, ctx) => {
  const lb = requireClassic(sb, ctx.region, requiredStr(params, 'LoadBalancerName'));
  const ids = instanceIds(params);
  const unknown = ids.filter((id) => !lb.instances.some((i) => i.id === id));
  if (unknown.length > 0) throw invalidInstances(unknown, 'are not registered with the load balancer');
  deregisterInstances(sb, lb, ids);
  return { Instances: renderInstances(lb) };
};

function renderInstanceHealth(instance: TargetRecord) {
  switch (instance.state) {
    case 'healthy':
      return { InstanceId: instance.id, State: 'InService', ReasonCode: 'N/A', Description: 'N/A' };
    case 'unhealthy':
      return {
        InstanceId: instance.id,
        State: 'OutOfService',
        ReasonCode: 'Instance',
        Description: 'Instance has failed at least the UnhealthyThreshold number of health checks consecutively.',
      };
    default:
      return { InstanceId: instance.id, State: 'OutOfService', ReasonCode: 'ELB', Description: 'Instance registration is still in progress.' };
  }
}

export const DescribeInstanceHealth: Operation = (sb, params: Params, ctx) => {
  const lb = requireClassic(sb, ctx.region, requiredStr(params, 'LoadBalancerName'));
  const ids = instanceIds(params);
  const instances = ids.length === 0 ? lb.instances : ids.map((id) => lb.instances.find((i) => i.id === id));
  const missing = ids.filter((_, i) => instances[i] === undefined);
  if (missing.length > 0) throw invalidInstances(missing, 'are not registered with the load balancer');
  return { InstanceStates: (instances as TargetRecord[]).map(renderInstanceHealth) };
};

export const classicInstanceOperations: Record<string, Operation> = {
  ConfigureHealthCheck,
  RegisterInstancesWithLoadBalancer,
  DeregisterInstancesFromLoadBalancer,
  DescribeInstanceHealth,
};
