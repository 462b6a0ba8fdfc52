import { ApiError } from '../errors.js';
import type { Operation, Sandbox } from '../sandbox.js';
import { int, requiredStr, str, structList, validationError, type Params } from './params.js';
import type { TargetGroupRecord, TargetRecord } from './records.js';
import { renderTargetHealth } from './render.js';
import { requireTargetGroup } from './target-groups.js';
import { addTarget, removeTarget } from './target-health.js';

/** ELBv2 targets: RegisterTargets, DeregisterTargets and DescribeTargetHealth. */
const MAX_TARGETS = 1000;

const invalidTarget = () =>
  new ApiError('InvalidTarget', 'The specified target does not exist, is not in the same VPC as the target group, or has an unsupported instance type.');

export interface TargetSpec {
  id: string;
  port: number;
  availabilityZone?: string;
}

const PRIVATE_RANGES: Array<[number, number]> = [
  [0x0a000000, 8], // 10.0.0.0/8
  [0xac100000, 12], // 172.16.0.0/12
  [0xc0a80000, 16], // 192.168.0.0/16
  [0x64400000, 10], // 100.64.0.0/10
];

function isPrivateIpv4(ip: string): boolean {
  const octets = ip.split('.');
  if (octets.length !== 4 || octets.some((o) => !/^\d{1,3}$/.test(o) || Number(o) > 255)) return false;
  const value = octets.reduce((n, o) => n * 256 + Number(o), 0);
  return PRIVATE_RANGES.some(([base, bits]) => Math.floor(value / 2 ** (32 - bits)) === Math.floor(base / 2 ** (32 - bits)));
}

/** An instance ELB knows of: an EC2 instance, or one an ECS agent registered. */
function instanceExists(sb: Sandbox, id: string): boolean {
  if (sb.tables.ec2Instances.has(id)) return true;
  for (const instance of sb.tables.containerInstances.values()) if (instance.ec2InstanceId === id) return true;
  return false;
}

function targetsFrom(sb: Sandbox, tg: TargetGroupRecord, params: Params): TargetSpec[] {
  const given = structList(params, 'Targets');
  if (given.length === 0) throw validationError('At least one target must be specified');
  return given.map((t) => {
    const id = str(t, 'Id');
    if (id === undefined) throw validationError('A target ID must be specified');
    const valid = tg.targetType === 'ip' ? isPrivateIpv4(id) : id.startsWith('i-') && instanceExists(sb, id);
    if (!valid) throw invalidTarget();
    return { id, port: int(t, 'Port', { min: 1, max: 65535 }) ?? tg.port, availabilityZone: str(t, 'AvailabilityZone') };
  });
}

/** Registers a target (idempotent): true when it was not registered before. */
export function registerTarget(sb: Sandbox, tg: TargetGroupRecord, spec: TargetSpec): boolean {
  const before = tg.targets.find((t) => t.id === spec.id && t.port === spec.port && t.state !== 'draining');
  if (before) return false;
  if (tg.targets.filter((t) => t.state !== 'draining').length >= MAX_TARGETS) {
    throw new ApiError('TooManyTargets', 'You have reached the limit on the number of targets per target group');
  }
  addTarget(sb, tg.targetGroupArn, tg.targets, spec);
  return true;
}

/** Starts deregistering a target: true when it was registered (and not already draining). */
export function deregisterTarget(sb: Sandbox, tg: TargetGroupRecord, spec: { id: string; port: number }): boolean {
  const target = tg.targets.find((t) => t.id === spec.id && t.port === spec.port && t.state !== 'draining');
  if (!target) return false;
  removeTarget(sb, tg.targetGroupArn, target);
  return true;
}

export const RegisterTargets: Operation = (sb, params: Params, ctx) => {
  const tg = requireTargetGroup(sb, ctx.region, requiredStr(params, 'TargetGroupArn'));
  for (const spec of targetsFrom(sb, tg, params)) registerTarget(sb, tg, spec);
  return {};
};

export const DeregisterTargets: Operation = (sb, params: Params, ctx) => {
  const tg = requireTargetGroup(sb, ctx.region, requiredStr(params, 'TargetGroupArn'));
  const specs = structList(params, 'Targets').map((t) => {
    const id = str(t, 'Id');
    if (id === undefined) throw validationError('A target ID must be specified');
    return { id, port: int(t, 'Port', { min: 1, max: 65535 }) ?? tg.port };
  });
  if (specs.length === 0) throw validationError('At least one target must be specified');
  const registered = (spec: { id: string; port: number }) => tg.targets.some((t) => t.id === spec.id && t.port === spec.port);
  if (!specs.every(registered)) throw invalidTarget();
  for (const spec of specs) deregisterTarget(sb, tg, spec);
  return {};
};

export const DescribeTargetHealth: Operation = (sb, params: Params, ctx) => {
  const tg = requireTargetGroup(sb, ctx.region, requiredStr(params, 'TargetGroupArn'));
  const asked = structList(params, 'Targets');
  if (asked.length === 0) return { TargetHealthDescriptions: tg.targets.map((t) => renderTargetHealth(sb, tg, t)) };
  return {
    TargetHealthDescriptions: asked.map((a) => {
      const id = str(a, 'Id');
      if (id === undefined) throw validationError('A target ID must be specified');
      const port = int(a, 'Port', { min: 1, max: 65535 });
      const found: TargetRecord | undefined = tg.targets.find((t) => t.id === id && (port === undefined || t.port === port));
      if (found) return renderTargetHealth(sb, tg, found);
      return {
        Target: { Id: id, Port: port ?? tg.port },
        HealthCheckPort: tg.healthCheck.port === 'traffic-port' ? String(port ?? tg.port) : tg.healthCheck.port,
        TargetHealth: { State: 'unused', Reason: 'Target.NotRegistered', Description: 'Target is not registered to the target group' },
      };
    }),
  };
};

export const targetOperations: Record<string, Operation> = { RegisterTargets, DeregisterTargets, DescribeTargetHealth };
