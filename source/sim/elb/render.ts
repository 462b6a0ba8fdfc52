import type { Sandbox } from '../sandbox.js';
import { inUse, loadBalancersOf } from './associations.js';
import { isoTime } from './params.js';
import type { ActionRecord, ConditionRecord, ListenerRecord, LoadBalancerRecord, RuleRecord, TargetGroupRecord, TargetRecord } from './records.js';

/** ELBv2 records as its XML shows them: the API's member names, PascalCase. */

export function renderLoadBalancer(lb: LoadBalancerRecord) {
  return {
    LoadBalancerArn: lb.loadBalancerArn,
    DNSName: lb.dnsName,
    CanonicalHostedZoneId: lb.canonicalHostedZoneId,
    CreatedTime: isoTime(lb.createdTime),
    LoadBalancerName: lb.loadBalancerName,
    Scheme: lb.scheme,
    VpcId: lb.vpcId,
    State: { Code: lb.state },
    Type: lb.type,
    AvailabilityZones: lb.availabilityZones.map((az) => ({ ZoneName: az.zoneName, SubnetId: az.subnetId, LoadBalancerAddresses: [] })),
    SecurityGroups: lb.securityGroups,
    IpAddressType: lb.ipAddressType,
  };
}

export function renderTargetGroup(sb: Sandbox, tg: TargetGroupRecord) {
  const hc = tg.healthCheck;
  return {
    TargetGroupArn: tg.targetGroupArn,
    TargetGroupName: tg.targetGroupName,
    Protocol: tg.protocol,
    Port: tg.port,
    VpcId: tg.vpcId,
    HealthCheckProtocol: hc.protocol,
    HealthCheckPort: hc.port,
    HealthCheckEnabled: hc.enabled,
    HealthCheckIntervalSeconds: hc.intervalSeconds,
    HealthCheckTimeoutSeconds: hc.timeoutSeconds,
    HealthyThresholdCount: hc.healthyThresholdCount,
    UnhealthyThresholdCount: hc.unhealthyThresholdCount,
    HealthCheckPath: hc.path,
    Matcher: { HttpCode: hc.matcher },
    LoadBalancerArns: loadBalancersOf(sb, tg.targetGroupArn),
    TargetType: tg.targetType,
    ProtocolVersion: tg.protocolVersion,
    IpAddressType: tg.ipAddressType,
  };
}

export function renderActions(actions: readonly ActionRecord[]) {
  return actions.map((action, i) => ({ ...action, Order: action.Order ?? i + 1 }));
}

export function renderListener(listener: ListenerRecord) {
  return {
    ListenerArn: listener.listenerArn,
    LoadBalancerArn: listener.loadBalancerArn,
    Port: listener.port,
    Protocol: listener.protocol,
    DefaultActions: renderActions(listener.defaultActions),
  };
}

function renderCondition(condition: ConditionRecord) {
  const config = condition.Field === 'path-pattern' ? 'PathPatternConfig' : 'HostHeaderConfig';
  return { Field: condition.Field, Values: condition.Values, [config]: { Values: condition.Values } };
}

export function renderRule(rule: RuleRecord) {
  return {
    RuleArn: rule.ruleArn,
    Priority: String(rule.priority),
    Conditions: rule.conditions.map(renderCondition),
    Actions: renderActions(rule.actions),
    IsDefault: false,
  };
}

/** A listener's default rule, as DescribeRules lists it last. */
export function renderDefaultRule(listener: ListenerRecord) {
  return {
    RuleArn: listener._defaultRuleArn,
    Priority: 'default',
    Conditions: [],
    Actions: renderActions(listener.defaultActions),
    IsDefault: true,
  };
}

const NOT_IN_USE = { State: 'unused', Reason: 'Target.NotInUse', Description: 'Target group is not configured to receive traffic from the load balancer' };

export function renderTargetHealth(sb: Sandbox, tg: TargetGroupRecord, target: TargetRecord) {
  const healthCheckPort = tg.healthCheck.port === 'traffic-port' ? String(target.port) : tg.healthCheck.port;
  const used = target.state === 'draining' || inUse(sb, tg.targetGroupArn);
  const health = !used
    ? NOT_IN_USE
    : { State: target.state, Reason: target.state === 'healthy' ? undefined : target.reason, Description: target.state === 'healthy' ? undefined : target.description };
  return {
    Target: { Id: target.id, Port: target.port, AvailabilityZone: target.availabilityZone },
    HealthCheckPort: healthCheckPort,
    TargetHealth: health,
  };
}
