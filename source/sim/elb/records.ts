import type { Tag } from '../model.js';
import type { Sandbox } from '../sandbox.js';
import { table } from '../state.js';

/**
 * What Elastic Load Balancing keeps: application load balancers with their listeners, rules
 * and target groups (ELBv2), and classic load balancers with their instances (ELB). Times are
 * simulated epoch ms; fields starting with an underscore are the sandbox's own bookkeeping.
 */

/** How a target is doing, as both APIs derive their answers from it. */
export type TargetState = 'initial' | 'healthy' | 'unhealthy' | 'draining';

/** A registered target: an instance (id + port) or an IP address (ELBv2), or an instance (classic). */
export interface TargetRecord {
  id: string;
  /** The traffic port; classic load balancers send to their listeners' instance ports instead. */
  port?: number;
  availabilityZone?: string;
  state: TargetState;
  reason?: string;
  description?: string;
  /** Consecutive health check results of one kind, what the thresholds count. */
  passes: number;
  failures: number;
  registeredAt: number;
  /** When its next health check is due; a job finding another time here is stale. */
  _nextCheckAt?: number;
  /** While draining: when the deregistration delay ends. */
  _drainUntil?: number;
}

export interface HealthCheckSettings {
  protocol: 'HTTP' | 'TCP';
  /** 'traffic-port' or a port number, as ELBv2 shows it. */
  port: string;
  enabled: boolean;
  path?: string;
  intervalSeconds: number;
  timeoutSeconds: number;
  healthyThresholdCount: number;
  unhealthyThresholdCount: number;
  /** HTTP codes that pass: '200', '200,202', '200-299'. */
  matcher?: string;
}

export interface LoadBalancerRecord {
  loadBalancerArn: string;
  loadBalancerName: string;
  region: string;
  dnsName: string;
  canonicalHostedZoneId: string;
  createdTime: number;
  scheme: 'internet-facing' | 'internal';
  vpcId: string;
  state: 'provisioning' | 'active';
  type: 'application';
  availabilityZones: Array<{ zoneName: string; subnetId: string }>;
  securityGroups: string[];
  ipAddressType: 'ipv4' | 'dualstack';
  tags: Tag[];
  /** The private address of its node, taken from its first subnet: its loopback twin is where its listeners listen. */
  _address: string;
  _addressSubnetId: string;
}

export interface TargetGroupRecord {
  targetGroupArn: string;
  targetGroupName: string;
  region: string;
  protocol: 'HTTP';
  protocolVersion: 'HTTP1';
  port: number;
  vpcId: string;
  targetType: 'instance' | 'ip';
  ipAddressType: 'ipv4';
  healthCheck: HealthCheckSettings;
  attributes: Record<string, string>;
  targets: TargetRecord[];
  tags: Tag[];
}

/** An action of a listener or rule, kept in the API's own shape (Type, TargetGroupArn, ForwardConfig, ...). */
export interface ActionRecord {
  Type: 'forward' | 'fixed-response' | 'redirect';
  Order?: number;
  TargetGroupArn?: string;
  ForwardConfig?: { TargetGroups: Array<{ TargetGroupArn: string; Weight: number }> };
  FixedResponseConfig?: { StatusCode: string; ContentType?: string; MessageBody?: string };
  RedirectConfig?: { StatusCode: string; Protocol?: string; Port?: string; Host?: string; Path?: string; Query?: string };
}

export interface ConditionRecord {
  Field: 'path-pattern' | 'host-header';
  Values: string[];
}

export interface ListenerRecord {
  listenerArn: string;
  loadBalancerArn: string;
  region: string;
  port: number;
  protocol: 'HTTP';
  defaultActions: ActionRecord[];
  tags: Tag[];
  /** Its default rule's ARN (DescribeRules shows it; it cannot be deleted). */
  _defaultRuleArn: string;
}

export interface RuleRecord {
  ruleArn: string;
  listenerArn: string;
  region: string;
  priority: number;
  conditions: ConditionRecord[];
  actions: ActionRecord[];
  tags: Tag[];
}

export interface ClassicListener {
  protocol: 'HTTP' | 'TCP';
  loadBalancerPort: number;
  instanceProtocol: 'HTTP' | 'TCP';
  instancePort: number;
}

export interface ClassicLoadBalancerRecord {
  /** `classic|region|name`: its key in the table and its health checks' owner. */
  key: string;
  loadBalancerName: string;
  loadBalancerArn: string;
  region: string;
  dnsName: string;
  canonicalHostedZoneNameId: string;
  createdTime: number;
  scheme: 'internet-facing' | 'internal';
  listeners: ClassicListener[];
  availabilityZones: string[];
  subnets: string[];
  vpcId: string;
  securityGroups: string[];
  /** The health check as ConfigureHealthCheck takes it: `HTTP:80/index.html`, `TCP:80`. */
  healthCheck: { target: string; interval: number; timeout: number; unhealthyThreshold: number; healthyThreshold: number };
  instances: TargetRecord[];
  tags: Tag[];
  _address: string;
  _addressSubnetId: string;
}

export function loadBalancers(sb: Sandbox): Map<string, LoadBalancerRecord> {
  return table<LoadBalancerRecord>(sb.tables, 'loadBalancers');
}

export function targetGroups(sb: Sandbox): Map<string, TargetGroupRecord> {
  return table<TargetGroupRecord>(sb.tables, 'targetGroups');
}

export function listeners(sb: Sandbox): Map<string, ListenerRecord> {
  return table<ListenerRecord>(sb.tables, 'listeners');
}

export function rules(sb: Sandbox): Map<string, RuleRecord> {
  return table<RuleRecord>(sb.tables, 'listenerRules');
}

export function classicLoadBalancers(sb: Sandbox): Map<string, ClassicLoadBalancerRecord> {
  return table<ClassicLoadBalancerRecord>(sb.tables, 'classicLoadBalancers');
}

export function classicKey(region: string, name: string): string {
  return `classic|${region}|${name}`;
}

/**
 * Tells the network layer that load balancers or listeners came or went, so that the
 * listening sockets follow.
 */
export function loadBalancersChanged(sb: Sandbox): void {
  sb.events.emit('elb');
}
