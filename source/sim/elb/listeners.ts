import { ApiError, unsupported } from '../errors.js';
import type { Operation, Sandbox } from '../sandbox.js';
import { validActions } from './actions.js';
import { requireLoadBalancer } from './load-balancers.js';
import { checkArn, elbArn, resourceId } from './names.js';
import { int, oneOf, page, requiredStr, str, strList, structList, tagList, validationError, type Params } from './params.js';
import { listeners, loadBalancersChanged, rules, type ListenerRecord } from './records.js';
import { renderListener } from './render.js';

/**
 * ELBv2 listeners: CreateListener, DescribeListeners, DeleteListener. Each listener of an
 * active load balancer is a real HTTP proxy on loopback (the network layer binds it).
 */
const MAX_LISTENERS = 50;

export const listenerNotFound = () => new ApiError('ListenerNotFound', 'One or more listeners not found');

export function requireListener(sb: Sandbox, region: string, arn: string): ListenerRecord {
  checkArn(arn, 'listener');
  const listener = listeners(sb).get(arn);
  if (!listener || listener.region !== region) throw listenerNotFound();
  return listener;
}

/** `listener/app/NAME/LBID/ID` under the load balancer's own ARN. */
function listenerArnOf(sb: Sandbox, lbArn: string, region: string): string {
  const lbPart = lbArn.slice(lbArn.indexOf(':loadbalancer/') + ':loadbalancer/'.length);
  return elbArn(region, `listener/${lbPart}/${resourceId(sb)}`);
}

export const CreateListener: Operation = (sb, params: Params, ctx) => {
  const lb = requireLoadBalancer(sb, ctx.region, requiredStr(params, 'LoadBalancerArn'));
  const protocol = oneOf(str(params, 'Protocol') ?? 'HTTP', 'protocol', ['HTTP', 'HTTPS', 'TCP', 'TLS', 'UDP', 'TCP_UDP'] as const)!;
  if (protocol === 'HTTPS') throw unsupported('An HTTPS listener (the sandbox serves plain HTTP on loopback)');
  if (protocol !== 'HTTP') throw new ApiError('UnsupportedProtocol', `Protocol '${protocol}' is not supported for application load balancers`);
  const port = int(params, 'Port', { min: 1, max: 65535 });
  if (port === undefined) throw validationError('A listener port must be specified');
  const defaultActions = validActions(sb, lb, structList(params, 'DefaultActions'));
  const onLb = [...listeners(sb).values()].filter((l) => l.loadBalancerArn === lb.loadBalancerArn);
  const existing = onLb.find((l) => l.port === port);
  if (existing) {
    // Idempotent for the same settings, as ELB is.
    if (JSON.stringify(existing.defaultActions) === JSON.stringify(defaultActions)) return { Listeners: [renderListener(existing)] };
    throw new ApiError('DuplicateListener', 'A listener already exists on this port for this load balancer');
  }
  if (onLb.length >= MAX_LISTENERS) throw new ApiError('TooManyListeners', 'You have reached the limit on the number of listeners per load balancer');
  const listenerArn = listenerArnOf(sb, lb.loadBalancerArn, ctx.region);
  const listener: ListenerRecord = {
    listenerArn,
    loadBalancerArn: lb.loadBalancerArn,
    region: ctx.region,
    port,
    protocol,
    defaultActions,
    tags: tagList(params),
    _defaultRuleArn: `${listenerArn.replace(':listener/', ':listener-rule/')}/${resourceId(sb)}`,
  };
  listeners(sb).set(listenerArn, listener);
  loadBalancersChanged(sb);
  return { Listeners: [renderListener(listener)] };
};

export const DescribeListeners: Operation = (sb, params: Params, ctx) => {
  const lbArn = str(params, 'LoadBalancerArn');
  const arns = strList(params, 'ListenerArns');
  if (lbArn === undefined && arns.length === 0) throw validationError('You must specify either listener ARNs or a load balancer ARN');
  if (lbArn !== undefined && arns.length > 0) throw validationError('Listener ARNs and a load balancer ARN cannot be specified at the same time');
  let found: ListenerRecord[];
  if (lbArn !== undefined) {
    requireLoadBalancer(sb, ctx.region, lbArn);
    found = [...listeners(sb).values()].filter((l) => l.loadBalancerArn === lbArn);
  } else {
    found = arns.map((arn) => requireListener(sb, ctx.region, arn));
  }
  const { items, nextMarker } = page(found, params);
  return { Listeners: items.map(renderListener), NextMarker: nextMarker };
};

export const DeleteListener: Operation = (sb, params: Params, ctx) => {
  const listener = requireListener(sb, ctx.region, requiredStr(params, 'ListenerArn'));
  for (const [ruleArn, rule] of rules(sb)) if (rule.listenerArn === listener.listenerArn) rules(sb).delete(ruleArn);
  listeners(sb).delete(listener.listenerArn);
  loadBalancersChanged(sb);
  return {};
};

export const listenerOperations: Record<string, Operation> = { CreateListener, DescribeListeners, DeleteListener };
