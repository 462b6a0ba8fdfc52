import type { Sandbox } from '../sandbox.js';
import { classicLoadBalancers, listeners, targetGroups, type ActionRecord, type ConditionRecord, type TargetRecord } from './records.js';
import { rulesOf } from './rules.js';

/**
 * How a load balancer decides where a request goes, without any I/O: the listener's rules by
 * priority (path and host patterns), then its default action; and which targets may take
 * requests. The network layer's proxies ask here for every request.
 */

/** ELB's wildcards: `*` any run of characters, `?` exactly one; host names match case-insensitively. */
function wildcard(pattern: string, caseInsensitive: boolean): RegExp {
  const body = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`, caseInsensitive ? 'i' : '');
}

function matches(condition: ConditionRecord, request: { host: string; path: string }): boolean {
  if (condition.Field === 'path-pattern') return condition.Values.some((v) => wildcard(v, false).test(request.path));
  const host = request.host.replace(/:\d+$/, '');
  return condition.Values.some((v) => wildcard(v, true).test(host));
}

/** The action for a request to a listener: the first rule whose conditions all match, else the default. */
export function routeRequest(sb: Sandbox, listenerArn: string, request: { host: string; path: string }): ActionRecord | undefined {
  const listener = listeners(sb).get(listenerArn);
  if (!listener) return undefined;
  for (const rule of rulesOf(sb, listenerArn)) {
    if (rule.conditions.every((c) => matches(c, request))) return rule.actions[0];
  }
  return listener.defaultActions[0];
}

/**
 * The targets of a target group that get new requests: the healthy ones; when none is, the
 * unhealthy ones (a load balancer "fails open" rather than turn everyone away). Targets still
 * in their initial checks and draining ones get none.
 */
export function routableTargets(sb: Sandbox, targetGroupArn: string): TargetRecord[] {
  const tg = targetGroups(sb).get(targetGroupArn);
  if (!tg) return [];
  const healthy = tg.targets.filter((t) => t.state === 'healthy');
  return healthy.length > 0 ? healthy : tg.targets.filter((t) => t.state === 'unhealthy');
}

/** A classic load balancer sends only to instances InService. */
export function inServiceInstances(sb: Sandbox, key: string): TargetRecord[] {
  return classicLoadBalancers(sb).get(key)?.instances.filter((i) => i.state === 'healthy') ?? [];
}

/** One target group of a weighted forward, chosen with `draw` in [0, 1). */
export function pickTargetGroup(action: ActionRecord, draw: number): string | undefined {
  const groups = action.ForwardConfig?.TargetGroups ?? (action.TargetGroupArn ? [{ TargetGroupArn: action.TargetGroupArn, Weight: 1 }] : []);
  const total = groups.reduce((sum, g) => sum + g.Weight, 0);
  if (total <= 0) return undefined;
  let point = draw * total;
  for (const group of groups) {
    point -= group.Weight;
    if (point < 0) return group.TargetGroupArn;
  }
  return groups[groups.length - 1]?.TargetGroupArn;
}
