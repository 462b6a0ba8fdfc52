import { ApiError, unsupported } from '../errors.js';
import type { Operation, Sandbox } from '../sandbox.js';
import { loadBalancersOf } from './associations.js';
import { requireLoadBalancer } from './load-balancers.js';
import { checkArn, elbArn, resourceId, validName } from './names.js';
import { bool, int, oneOf, page, requiredStr, str, strList, struct, structList, tagList, validationError, type Params } from './params.js';
import { loadBalancersChanged, targetGroups, type HealthCheckSettings, type TargetGroupRecord } from './records.js';
import { renderTargetGroup } from './render.js';

/**
 * ELBv2 target groups: CreateTargetGroup, DescribeTargetGroups, ModifyTargetGroup,
 * DeleteTargetGroup and their attributes (the deregistration delay above all). HTTP target
 * groups of instances or IP addresses, with ELB's health check defaults and limits.
 */
const MAX_TARGET_GROUPS = 3000;

/** The attributes an HTTP target group has, with their defaults. */
const DEFAULT_ATTRIBUTES: Record<string, string> = {
  'deregistration_delay.timeout_seconds': '300',
  'stickiness.enabled': 'false',
  'stickiness.type': 'lb_cookie',
  'stickiness.lb_cookie.duration_seconds': '86400',
  'load_balancing.algorithm.type': 'round_robin',
  'slow_start.duration_seconds': '0',
};

export const targetGroupNotFound = () => new ApiError('TargetGroupNotFound', 'One or more target groups not found');

export function requireTargetGroup(sb: Sandbox, region: string, arn: string): TargetGroupRecord {
  checkArn(arn, 'targetgroup');
  const tg = targetGroups(sb).get(arn);
  if (!tg || tg.region !== region) throw targetGroupNotFound();
  return tg;
}

/** `200`, `200,202`, `200-299`: codes between 200 and 499. */
function validMatcher(value: string): string {
  for (const part of value.split(',')) {
    const match = /^(\d{3})(?:-(\d{3}))?$/.exec(part.trim());
    const low = Number(match?.[1]);
    const high = Number(match?.[2] ?? match?.[1]);
    if (!match || low < 200 || high > 499 || low > high) {
      throw validationError(`Health check matcher HTTP code '${value}' must be a value between 200 and 499, a list of them or a range`);
    }
  }
  return value;
}

/** Health check settings from a Create or Modify call, over `base` (the defaults, or the current ones). */
function healthCheckFrom(params: Params, base: HealthCheckSettings): HealthCheckSettings {
  const protocol = oneOf(str(params, 'HealthCheckProtocol'), 'health check protocol', ['HTTP', 'HTTPS'] as const);
  if (protocol === 'HTTPS') throw unsupported('HTTPS health checks');
  const port = str(params, 'HealthCheckPort');
  if (port !== undefined && port !== 'traffic-port' && !(/^\d+$/.test(port) && Number(port) >= 1 && Number(port) <= 65535)) {
    throw validationError(`Health check port '${port}' must be 'traffic-port' or a port between 1 and 65535`);
  }
  const path = str(params, 'HealthCheckPath');
  if (path !== undefined && (!path.startsWith('/') || path.length > 1024)) throw validationError('Health check path must begin with a \'/\' and be at most 1024 characters long');
  const matcher = struct(params, 'Matcher');
  const settings: HealthCheckSettings = {
    protocol: 'HTTP',
    port: port ?? base.port,
    enabled: bool(params, 'HealthCheckEnabled') ?? base.enabled,
    path: path ?? base.path,
    intervalSeconds: int(params, 'HealthCheckIntervalSeconds', { min: 5, max: 300 }) ?? base.intervalSeconds,
    timeoutSeconds: int(params, 'HealthCheckTimeoutSeconds', { min: 2, max: 120 }) ?? base.timeoutSeconds,
    healthyThresholdCount: int(params, 'HealthyThresholdCount', { min: 2, max: 10 }) ?? base.healthyThresholdCount,
    unhealthyThresholdCount: int(params, 'UnhealthyThresholdCount', { min: 2, max: 10 }) ?? base.unhealthyThresholdCount,
    matcher: matcher && typeof matcher.HttpCode === 'string' ? validMatcher(matcher.HttpCode) : base.matcher,
  };
  if (settings.timeoutSeconds >= settings.intervalSeconds) {
    throw validationError(`Health check timeout '${settings.timeoutSeconds}' must be smaller than the interval '${settings.intervalSeconds}'`);
  }
  return settings;
}

const DEFAULT_HEALTH_CHECK: HealthCheckSettings = {
  protocol: 'HTTP',
  port: 'traffic-port',
  enabled: true,
  path: '/',
  intervalSeconds: 30,
  timeoutSeconds: 5,
  healthyThresholdCount: 5,
  unhealthyThresholdCount: 2,
  matcher: '200',
};

const sameSettings = (a: TargetGroupRecord, b: Omit<TargetGroupRecord, 'targetGroupArn' | 'targets' | 'tags' | 'attributes'>) =>
  a.port === b.port && a.vpcId === b.vpcId && a.targetType === b.targetType && JSON.stringify(a.healthCheck) === JSON.stringify(b.healthCheck);

export const CreateTargetGroup: Operation = (sb, params: Params, ctx) => {
  const name = validName(requiredStr(params, 'Name'), 'Target group');
  const targetType = oneOf(str(params, 'TargetType') ?? 'instance', 'target type', ['instance', 'ip', 'lambda', 'alb'] as const)!;
  if (targetType === 'lambda' || targetType === 'alb') throw unsupported(`A target group of type ${targetType}`);
  const protocol = oneOf(str(params, 'Protocol'), 'protocol', ['HTTP', 'HTTPS', 'TCP', 'TLS', 'UDP', 'TCP_UDP', 'GENEVE'] as const);
  if (protocol === undefined) throw validationError('A protocol must be specified');
  if (protocol !== 'HTTP') throw unsupported(`A ${protocol} target group`);
  const port = int(params, 'Port', { min: 1, max: 65535 });
  if (port === undefined) throw validationError('A port must be specified');
  const vpcId = str(params, 'VpcId');
  if (vpcId === undefined) throw validationError('A VPC ID must be specified');
  const vpc = sb.tables.vpcs.get(vpcId);
  if (!vpc || vpc.region !== ctx.region) throw validationError(`The VPC ID '${vpcId}' is not found`);
  const spec = {
    targetGroupName: name,
    region: ctx.region,
    protocol: 'HTTP' as const,
    protocolVersion: 'HTTP1' as const,
    port,
    vpcId,
    targetType,
    ipAddressType: 'ipv4' as const,
    healthCheck: healthCheckFrom(params, DEFAULT_HEALTH_CHECK),
  };
  const existing = [...targetGroups(sb).values()].find((tg) => tg.region === ctx.region && tg.targetGroupName === name);
  if (existing) {
    if (sameSettings(existing, spec)) return { TargetGroups: [renderTargetGroup(sb, existing)] };
    throw new ApiError('DuplicateTargetGroupName', `A target group with the same name '${name}' exists, but with different settings`);
  }
  if (targetGroups(sb).size >= MAX_TARGET_GROUPS) throw new ApiError('TooManyTargetGroups', 'You have reached the limit on the number of target groups for your account');
  const tg: TargetGroupRecord = {
    ...spec,
    targetGroupArn: elbArn(ctx.region, `targetgroup/${name}/${resourceId(sb)}`),
    attributes: { ...DEFAULT_ATTRIBUTES },
    targets: [],
    tags: tagList(params),
  };
  targetGroups(sb).set(tg.targetGroupArn, tg);
  return { TargetGroups: [renderTargetGroup(sb, tg)] };
};

export const DescribeTargetGroups: Operation = (sb, params: Params, ctx) => {
  const lbArn = str(params, 'LoadBalancerArn');
  const arns = strList(params, 'TargetGroupArns');
  const names = strList(params, 'Names');
  if ([lbArn !== undefined, arns.length > 0, names.length > 0].filter(Boolean).length > 1) {
    throw validationError('Only one of LoadBalancerArn, TargetGroupArns and Names can be specified');
  }
  let found = [...targetGroups(sb).values()].filter((tg) => tg.region === ctx.region);
  if (lbArn !== undefined) {
    requireLoadBalancer(sb, ctx.region, lbArn);
    found = found.filter((tg) => loadBalancersOf(sb, tg.targetGroupArn).includes(lbArn));
  }
  if (arns.length > 0) found = arns.map((arn) => requireTargetGroup(sb, ctx.region, arn));
  if (names.length > 0) {
    const all = found;
    found = names.map((name) => {
      const tg = all.find((t) => t.targetGroupName === name);
      if (!tg) throw targetGroupNotFound();
      return tg;
    });
  }
  const { items, nextMarker } = page(found, params);
  return { TargetGroups: items.map((tg) => renderTargetGroup(sb, tg)), NextMarker: nextMarker };
};

export const ModifyTargetGroup: Operation = (sb, params: Params, ctx) => {
  const tg = requireTargetGroup(sb, ctx.region, requiredStr(params, 'TargetGroupArn'));
  tg.healthCheck = healthCheckFrom(params, tg.healthCheck);
  return { TargetGroups: [renderTargetGroup(sb, tg)] };
};

/** A target group a listener or rule forwards to cannot go; one that is gone already can. */
export const DeleteTargetGroup: Operation = (sb, params: Params, ctx) => {
  const arn = requiredStr(params, 'TargetGroupArn');
  checkArn(arn, 'targetgroup');
  const tg = targetGroups(sb).get(arn);
  if (!tg || tg.region !== ctx.region) return {};
  if (loadBalancersOf(sb, arn).length > 0) throw new ApiError('ResourceInUse', `Target group '${arn}' is currently in use by a listener or a rule`);
  targetGroups(sb).delete(arn);
  loadBalancersChanged(sb);
  return {};
};

function renderAttributes(tg: TargetGroupRecord) {
  return Object.entries(tg.attributes).map(([Key, Value]) => ({ Key, Value }));
}

export const DescribeTargetGroupAttributes: Operation = (sb, params: Params, ctx) => {
  const tg = requireTargetGroup(sb, ctx.region, requiredStr(params, 'TargetGroupArn'));
  return { Attributes: renderAttributes(tg) };
};

/** Checks an attribute's value; the sandbox balances round robin only, without stickiness. */
function validAttribute(key: string, value: string): string {
  if (!(key in DEFAULT_ATTRIBUTES)) throw validationError(`Target group attribute key '${key}' is not recognized`);
  const number = (min: number, max: number) => {
    if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
      throw validationError(`Target group attribute '${key}' must be an integer between ${min} and ${max}`);
    }
  };
  if (key === 'deregistration_delay.timeout_seconds') number(0, 3600);
  if (key === 'slow_start.duration_seconds') number(0, 900);
  if (key === 'stickiness.lb_cookie.duration_seconds') number(1, 604800);
  if (key === 'stickiness.enabled' && value === 'true') throw unsupported('Target group stickiness');
  if (key === 'load_balancing.algorithm.type' && value !== 'round_robin') throw unsupported(`The ${value} load balancing algorithm`);
  return value;
}

export const ModifyTargetGroupAttributes: Operation = (sb, params: Params, ctx) => {
  const tg = requireTargetGroup(sb, ctx.region, requiredStr(params, 'TargetGroupArn'));
  const changes = structList(params, 'Attributes').map((a) => {
    if (typeof a.Key !== 'string') throw validationError('Each attribute needs a Key.');
    return [a.Key, validAttribute(a.Key, typeof a.Value === 'string' ? a.Value : '')] as const;
  });
  for (const [key, value] of changes) tg.attributes[key] = value;
  return { Attributes: renderAttributes(tg) };
};

export const targetGroupOperations: Record<string, Operation> = {
  CreateTargetGroup,
  DescribeTargetGroups,
  ModifyTargetGroup,
  DeleteTargetGroup,
  DescribeTargetGroupAttributes,
  ModifyTargetGroupAttributes,
};
