import type { Sandbox } from '../sandbox.js';
import { listeners, loadBalancers, rules, type ActionRecord } from './records.js';

/**
 * Which load balancers use which target groups: a target group belongs to the load balancer
 * whose listener forwards to it (by default action or rule). Its targets are health checked
 * and routed to only then; otherwise they are `unused`.
 */

/** The target groups an action list forwards to. */
export function forwardedTargetGroups(actions: readonly ActionRecord[]): string[] {
  const arns: string[] = [];
  for (const action of actions) {
    if (action.Type !== 'forward') continue;
    if (action.TargetGroupArn) arns.push(action.TargetGroupArn);
    for (const tuple of action.ForwardConfig?.TargetGroups ?? []) arns.push(tuple.TargetGroupArn);
  }
  return [...new Set(arns)];
}

/** Each load balancer ARN and the target groups its listeners and rules forward to. */
function usage(sb: Sandbox): Map<string, Set<string>> {
  const byTargetGroup = new Map<string, Set<string>>();
  const note = (tgArn: string, lbArn: string) => {
    let set = byTargetGroup.get(tgArn);
    if (!set) byTargetGroup.set(tgArn, (set = new Set()));
    set.add(lbArn);
  };
  for (const listener of listeners(sb).values()) {
    for (const tg of forwardedTargetGroups(listener.defaultActions)) note(tg, listener.loadBalancerArn);
  }
  for (const rule of rules(sb).values()) {
    const listener = listeners(sb).get(rule.listenerArn);
    if (listener) for (const tg of forwardedTargetGroups(rule.actions)) note(tg, listener.loadBalancerArn);
  }
  return byTargetGroup;
}

/** The load balancers that forward to the target group (its LoadBalancerArns). */
export function loadBalancersOf(sb: Sandbox, targetGroupArn: string): string[] {
  return [...(usage(sb).get(targetGroupArn) ?? [])];
}

/** Whether a load balancer forwards to it: otherwise its targets are `unused`. */
export function inUse(sb: Sandbox, targetGroupArn: string): boolean {
  return loadBalancersOf(sb, targetGroupArn).length > 0;
}

/** Whether an active load balancer forwards to it: only then are its targets checked. */
export function checkedByActive(sb: Sandbox, targetGroupArn: string): boolean {
  return loadBalancersOf(sb, targetGroupArn).some((arn) => loadBalancers(sb).get(arn)?.state === 'active');
}
