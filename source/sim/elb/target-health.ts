import type { Sandbox } from '../sandbox.js';
import { checkedByActive, inUse } from './associations.js';
import {
  classicLoadBalancers,
  targetGroups,
  type ClassicLoadBalancerRecord,
  type HealthCheckSettings,
  type TargetGroupRecord,
  type TargetRecord,
  type TargetState,
} from './records.js';

/**
 * Target health on the sandbox clock, for target groups and classic load balancers alike.
 * A registered target is `initial` until its first health check passes (a target group's) or
 * HealthyThreshold checks pass (a classic load balancer's); afterwards UnhealthyThreshold
 * failures in a row make it `unhealthy` and HealthyThreshold passes `healthy` again.
 * Deregistering drains it for the deregistration delay, then it is gone.
 *
 * The checks themselves are real requests, which the domain cannot make: the job emits
 * 'elb-health-check' with a HealthProbe, the network layer sends it and hands the outcome
 * to `recordHealthCheck`. Every change of state is emitted as 'target-health'.
 */
const HEALTH_CHECK_JOB = 'elb-health-check';
const DRAIN_JOB = 'elb-deregistration';
/** Registration takes a moment before the first check. */
const REGISTRATION_MS = { min: 1_000, max: 3_000 };

export interface HealthProbe {
  /** The target group ARN, or the classic load balancer's key. */
  owner: string;
  targetId: string;
  targetPort?: number;
  /** How the target's address is found: an instance's or an IP address's loopback twin. */
  targetType: 'instance' | 'ip';
  protocol: 'HTTP' | 'TCP';
  /** Where the check goes. */
  port: number;
  path: string;
  matcher: string;
  timeoutMs: number;
}

export interface ProbeResult {
  ok: boolean;
  /** For a failure: ELB's reason code and description ('Target.Timeout', 'Request timed out'). */
  reason?: string;
  description?: string;
}

export interface TargetHealthChange {
  owner: string;
  kind: 'target-group' | 'classic';
  targetId: string;
  targetPort?: number;
  state: TargetState | 'deregistered';
  reason?: string;
  description?: string;
}

/** What health checks need to know of a target group or a classic load balancer. */
interface Owner {
  kind: 'target-group' | 'classic';
  key: string;
  targets: TargetRecord[];
  settings: HealthCheckSettings;
  targetType: 'instance' | 'ip';
  /** Passes that bring a new target in: one for a target group, HealthyThreshold for a classic load balancer. */
  initialPasses: number;
  deregistrationDelayMs: number;
  /** Forwarded to by a load balancer: deregistering drains. */
  inUse: boolean;
  /** Forwarded to by an active load balancer: its targets are checked. */
  checked: boolean;
}

/** `HTTP:80/index.html`, `TCP:80`: a classic health check target as a protocol, port and path. */
export function parseClassicTarget(target: string): { protocol: string; port: number; path?: string } | undefined {
  const match = /^(HTTP|HTTPS|TCP|SSL):(\d{1,5})(\/.*)?$/.exec(target);
  if (!match) return undefined;
  const protocol = match[1]!;
  const port = Number(match[2]);
  const path = match[3];
  if (port < 1 || port > 65535) return undefined;
  if ((protocol === 'HTTP' || protocol === 'HTTPS') !== (path !== undefined)) return undefined;
  return { protocol, port, path };
}

function classicSettings(lb: ClassicLoadBalancerRecord): HealthCheckSettings {
  const parsed = parseClassicTarget(lb.healthCheck.target);
  return {
    protocol: parsed?.protocol === 'HTTP' || parsed?.protocol === 'HTTPS' ? 'HTTP' : 'TCP',
    port: String(parsed?.port ?? lb.listeners[0]?.instancePort ?? 80),
    enabled: true,
    path: parsed?.path,
    intervalSeconds: lb.healthCheck.interval,
    timeoutSeconds: lb.healthCheck.timeout,
    healthyThresholdCount: lb.healthCheck.healthyThreshold,
    unhealthyThresholdCount: lb.healthCheck.unhealthyThreshold,
    matcher: '200',
  };
}

function targetGroupOwner(sb: Sandbox, tg: TargetGroupRecord): Owner {
  return {
    kind: 'target-group',
    key: tg.targetGroupArn,
    targets: tg.targets,
    settings: tg.healthCheck,
    targetType: tg.targetType,
    initialPasses: 1,
    deregistrationDelayMs: Number(tg.attributes['deregistration_delay.timeout_seconds'] ?? 300) * 1000,
    inUse: inUse(sb, tg.targetGroupArn),
    checked: checkedByActive(sb, tg.targetGroupArn),
  };
}

function classicOwner(lb: ClassicLoadBalancerRecord): Owner {
  const settings = classicSettings(lb);
  return {
    kind: 'classic',
    key: lb.key,
    targets: lb.instances,
    settings,
    targetType: 'instance',
    initialPasses: settings.healthyThresholdCount,
    // Connection draining is off unless enabled, which the sandbox does not offer.
    deregistrationDelayMs: 0,
    inUse: true,
    checked: true,
  };
}

function ownerOf(sb: Sandbox, key: string): Owner | undefined {
  const tg = targetGroups(sb).get(key);
  if (tg) return targetGroupOwner(sb, tg);
  const lb = classicLoadBalancers(sb).get(key);
  return lb ? classicOwner(lb) : undefined;
}

const jobKey = (owner: string, target: TargetRecord) => `${owner}\n${target.id}\n${target.port ?? ''}`;

function findTarget(owner: Owner, id: string, port: number | undefined): TargetRecord | undefined {
  return owner.targets.find((t) => t.id === id && t.port === port);
}

function announce(sb: Sandbox, owner: Owner, target: TargetRecord, state: TargetHealthChange['state']): void {
  const change: TargetHealthChange = {
    owner: owner.key,
    kind: owner.kind,
    targetId: target.id,
    targetPort: target.port,
    state,
    reason: target.reason,
    description: target.description,
  };
  sb.events.emit('target-health', change);
}

function setState(sb: Sandbox, owner: Owner, target: TargetRecord, state: TargetState, reason?: string, description?: string): void {
  const changed = target.state !== state;
  target.state = state;
  target.reason = reason;
  target.description = description;
  if (changed) announce(sb, owner, target, state);
}

function scheduleCheck(sb: Sandbox, owner: string, target: TargetRecord, delayMs: number): void {
  target._nextCheckAt = sb.now() + Math.round(delayMs);
  sb.schedule(delayMs, HEALTH_CHECK_JOB, jobKey(owner, target));
}

/** A new target of a target group (`ownerKey` its ARN) or a classic load balancer: checks begin shortly. */
export function addTarget(sb: Sandbox, ownerKey: string, targets: TargetRecord[], spec: { id: string; port?: number; availabilityZone?: string }): TargetRecord {
  const existing = targets.find((t) => t.id === spec.id && t.port === spec.port);
  if (existing && existing.state !== 'draining') return existing;
  if (existing) targets.splice(targets.indexOf(existing), 1);
  const target: TargetRecord = {
    id: spec.id,
    port: spec.port,
    availabilityZone: spec.availabilityZone,
    state: 'initial',
    reason: 'Elb.RegistrationInProgress',
    description: 'Target registration is in progress',
    passes: 0,
    failures: 0,
    registeredAt: sb.now(),
  };
  targets.push(target);
  scheduleCheck(sb, ownerKey, target, sb.random.int(REGISTRATION_MS.min, REGISTRATION_MS.max));
  return target;
}

/** Deregisters a target: it drains for the owner's deregistration delay, then goes. */
export function removeTarget(sb: Sandbox, ownerKey: string, target: TargetRecord): void {
  const owner = ownerOf(sb, ownerKey);
  if (!owner || target.state === 'draining') return;
  if (owner.deregistrationDelayMs <= 0 || !owner.inUse) return finishDraining(sb, owner, target);
  target._nextCheckAt = undefined;
  target._drainUntil = sb.now() + owner.deregistrationDelayMs;
  setState(sb, owner, target, 'draining', 'Target.DeregistrationInProgress', 'Target deregistration is in progress');
  sb.schedule(owner.deregistrationDelayMs, DRAIN_JOB, jobKey(ownerKey, target));
}

function finishDraining(sb: Sandbox, owner: Owner, target: TargetRecord): void {
  const index = owner.targets.indexOf(target);
  if (index !== -1) owner.targets.splice(index, 1);
  announce(sb, owner, target, 'deregistered');
}

/** How long a deregistration takes for this target group or classic load balancer, in ms. */
export function deregistrationDelayOf(sb: Sandbox, ownerKey: string): number {
  const owner = ownerOf(sb, ownerKey);
  return owner && owner.inUse ? owner.deregistrationDelayMs : 0;
}

function parseJobKey(sb: Sandbox, key: string): { owner: Owner; target: TargetRecord } | undefined {
  const [ownerKey, id, port] = key.split('\n');
  const owner = ownerOf(sb, ownerKey ?? '');
  const target = owner && findTarget(owner, id ?? '', port ? Number(port) : undefined);
  return owner && target ? { owner, target } : undefined;
}

function drainJob(sb: Sandbox, key: string): void {
  const found = parseJobKey(sb, key);
  if (!found || found.target.state !== 'draining' || (found.target._drainUntil ?? 0) > sb.now()) return;
  finishDraining(sb, found.owner, found.target);
}

function probeFor(owner: Owner, target: TargetRecord): HealthProbe {
  const { settings } = owner;
  const port = settings.port === 'traffic-port' ? target.port! : Number(settings.port);
  return {
    owner: owner.key,
    targetId: target.id,
    targetPort: target.port,
    targetType: owner.targetType,
    protocol: settings.protocol,
    port,
    path: settings.path ?? '/',
    matcher: settings.matcher ?? '200',
    timeoutMs: settings.timeoutSeconds * 1000,
  };
}

/** The job: checks one target now and again after the interval, while it is registered. */
function healthCheckJob(sb: Sandbox, key: string): void {
  const found = parseJobKey(sb, key);
  if (!found) return;
  const { owner, target } = found;
  if (target.state === 'draining' || target._nextCheckAt === undefined || target._nextCheckAt > sb.now()) return;
  scheduleCheck(sb, owner.key, target, owner.settings.intervalSeconds * 1000);
  // Targets of a target group no active load balancer uses are not checked.
  if (!owner.checked || !owner.settings.enabled) return;
  sb.events.emit('elb-health-check', probeFor(owner, target));
}

/** The outcome of a health check, moving the target's state as the thresholds say. */
export function recordHealthCheck(sb: Sandbox, probe: HealthProbe, result: ProbeResult): void {
  const owner = ownerOf(sb, probe.owner);
  const target = owner && findTarget(owner, probe.targetId, probe.targetPort);
  if (!owner || !target || target.state === 'draining') return;
  sb.touch();
  const { healthyThresholdCount, unhealthyThresholdCount } = owner.settings;
  if (result.ok) {
    target.passes += 1;
    target.failures = 0;
    const needed = target.state === 'initial' ? owner.initialPasses : healthyThresholdCount;
    if (target.state === 'healthy' || target.passes >= needed) setState(sb, owner, target, 'healthy');
    else if (target.state === 'initial') setState(sb, owner, target, 'initial', 'Elb.InitialHealthChecking', 'Initial health checks in progress');
    return;
  }
  target.failures += 1;
  target.passes = 0;
  if (target.state === 'unhealthy' || target.failures >= unhealthyThresholdCount) {
    setState(sb, owner, target, 'unhealthy', result.reason ?? 'Target.FailedHealthChecks', result.description ?? 'Health checks failed');
  } else if (target.state === 'initial') {
    setState(sb, owner, target, 'initial', 'Elb.InitialHealthChecking', 'Initial health checks in progress');
  }
}

export function installTargetHealth(sb: Sandbox): void {
  sb.onJob(HEALTH_CHECK_JOB, healthCheckJob);
  sb.onJob(DRAIN_JOB, drainJob);
}
