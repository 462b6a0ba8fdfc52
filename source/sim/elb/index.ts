import type { Sandbox } from '../sandbox.js';
import { classicInstanceOperations } from './classic-instances.js';
import { classicLoadBalancerOperations } from './classic-load-balancers.js';
import { installLoadBalancerJobs, loadBalancerOperations } from './load-balancers.js';
import { listenerOperations } from './listeners.js';
import { ruleOperations } from './rules.js';
import { tagOperations } from './tags.js';
import { targetGroupOperations } from './target-groups.js';
import { installTargetHealth } from './target-health.js';
import { targetOperations } from './targets.js';

export {
  classicKey,
  classicLoadBalancers,
  listeners,
  loadBalancers,
  targetGroups,
  type ActionRecord,
  type ClassicListener,
  type ClassicLoadBalancerRecord,
  type ListenerRecord,
  type LoadBalancerRecord,
  type TargetGroupRecord,
  type TargetRecord,
  type TargetState,
} from './records.js';
export { recordHealthCheck, deregistrationDelayOf, type HealthProbe, type ProbeResult, type TargetHealthChange } from './target-health.js';
export { registerTarget, deregisterTarget, type TargetSpec } from './targets.js';
export { registerInstances, deregisterInstances } from './classic-instances.js';
export { loadBalancersOf } from './associations.js';
export { routeRequest, routableTargets, inServiceInstances, pickTargetGroup } from './routing.js';

/** Installs both load balancing APIs: 'elb' (classic, 2012-06-01) and 'elbv2' (2015-12-01). */
export function installElb(sb: Sandbox): void {
  sb.register('elb', { ...classicLoadBalancerOperations, ...classicInstanceOperations });
  sb.register('elbv2', {
    ...loadBalancerOperations,
    ...targetGroupOperations,
    ...listenerOperations,
    ...ruleOperations,
    ...targetOperations,
    ...tagOperations,
  });
  installLoadBalancerJobs(sb);
  installTargetHealth(sb);
}
