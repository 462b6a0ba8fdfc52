import { ACCOUNT_ID } from '../arn.js';
import { ApiError } from '../errors.js';
import type { SecurityGroupRecord, SecurityGroupRule } from '../model.js';
import { parseCidr } from './cidr.js';
import { intParam, invalidValue, stringParam, structList, type QueryObject } from './params.js';

/**
 * Security group rules. EC2 stores them grouped (one IpPermission per protocol and port
 * range, listing its sources) but reasons about them one source at a time: that is
 * what gets a rule id, what duplicates, and what a revoke must match exactly.
 */

export interface Peer {
  kind: 'cidr' | 'cidr6' | 'group';
  value: string;
  description?: string;
}

export interface AtomicRule {
  ipProtocol: string;
  fromPort?: number;
  toPort?: number;
  peer: Peer;
}

/** Resolves a referenced group (by id or, in the default VPC, by name) to its id. */
export type GroupResolver = (ref: { groupId?: string; groupName?: string }) => string;

export const MAX_RULES_PER_DIRECTION = 60;

const PROTOCOL_NAMES: Record<string, string> = { '6': 'tcp', '17': 'udp', '1': 'icmp', '58': 'icmpv6', all: '-1' };

export function normalizeProtocol(value: string): string {
  const lower = value.toLowerCase();
  const named = PROTOCOL_NAMES[lower] ?? lower;
  if (['tcp', 'udp', 'icmp', 'icmpv6', '-1'].includes(named)) return named;
  if (/^\d+$/.test(named) && Number(named) <= 255) return named;
  throw invalidValue(`Invalid value '${value}' for IP protocol. Unknown protocol.`);
}

function portRange(protocol: string, from: number | undefined, to: number | undefined): { fromPort?: number; toPort?: number } {
  if (protocol === 'tcp' || protocol === 'udp') {
    if (from === undefined || to === undefined) throw invalidValue("Invalid value 'Must specify both from and to ports with TCP/UDP.' for portRange.");
    if (from < 0 || to > 65535 || from > to) {
      throw invalidValue(`Invalid value '${from}-${to}' for portRange. Ports must be 0-65535 and the from port no greater than the to port.`);
    }
    return { fromPort: from, toPort: to };
  }
  if (protocol === 'icmp' || protocol === 'icmpv6') {
    const type = from ?? -1;
    const code = to ?? -1;
    if (type < -1 || type > 255 || code < -1 || code > 255) throw invalidValue(`Invalid value '${type}/${code}' for ICMP type and code.`);
    return { fromPort: type, toPort: code };
  }
  return {};
}

function cidrPeer(value: unknown, description: unknown): Peer {
  if (typeof value !== 'string' || !parseCidr(value)) throw invalidValue(`CIDR block ${String(value)} is malformed`);
  return { kind: 'cidr', value, description: typeof description === 'string' ? description : undefined };
}

/** The rules an Authorize or Revoke call names: IpPermissions, or the older top-level parameters. */
export function requestedRules(params: QueryObject, resolveGroup: GroupResolver): AtomicRule[] {
  const rules: AtomicRule[] = [];
  for (const permission of structList(params, 'IpPermissions')) {
    const protocolText = stringParam(permission, 'IpProtocol');
    if (protocolText === undefined) throw new ApiError('MissingParameter', 'The request must contain the parameter ipProtocol');
    const ipProtocol = normalizeProtocol(protocolText);
    const ports = portRange(ipProtocol, intParam(permission, 'FromPort'), intParam(permission, 'ToPort'));
    const peers: Peer[] = [
      ...structList(permission, 'IpRanges').map((r) => cidrPeer(r.CidrIp, r.Description)),
      ...structList(permission, 'Ipv6Ranges').map((r): Peer => {
        if (typeof r.CidrIpv6 !== 'string' || !/^[0-9a-fA-F:]+\/\d{1,3}$/.test(r.CidrIpv6)) {
          throw invalidValue(`CIDR block ${String(r.CidrIpv6)} is malformed`);
        }
        return { kind: 'cidr6', value: r.CidrIpv6.toLowerCase(), description: typeof r.Description === 'string' ? r.Description : undefined };
      }),
      ...structList(permission, 'Groups').map((g): Peer => ({
        kind: 'group',
        value: resolveGroup({ groupId: stringParam(g, 'GroupId'), groupName: stringParam(g, 'GroupName') }),
        description: stringParam(g, 'Description'),
      })),
    ];
    if (structList(permission, 'PrefixListIds').length > 0) {
      throw new ApiError('UnsupportedOperation', 'Prefix lists in security group rules are not supported by the ecsh sandbox.');
    }
    if (peers.length === 0) throw invalidValue('Each IP permission must name a source: IpRanges, Ipv6Ranges or Groups.');
    for (const peer of peers) rules.push({ ipProtocol, ...ports, peer });
  }
  const cidr = stringParam(params, 'CidrIp');
  const sourceGroup = stringParam(params, 'SourceSecurityGroupName');
  const protocolText = stringParam(params, 'IpProtocol');
  if (cidr !== undefined || sourceGroup !== undefined || protocolText !== undefined) {
    if (rules.length > 0) {
      throw new ApiError('InvalidParameterCombination', 'The parameter IpPermissions cannot be used with CidrIp, IpProtocol, FromPort, ToPort or SourceSecurityGroupName.');
    }
    if (protocolText === undefined && sourceGroup === undefined) throw new ApiError('MissingParameter', 'The request must contain the parameter ipProtocol');
    // A source group alone opens every protocol, as EC2 does for this older form.
    const ipProtocol = normalizeProtocol(protocolText ?? '-1');
    const ports = portRange(ipProtocol, intParam(params, 'FromPort'), intParam(params, 'ToPort'));
    if (cidr !== undefined) rules.push({ ipProtocol, ...ports, peer: cidrPeer(cidr, undefined) });
    if (sourceGroup !== undefined) rules.push({ ipProtocol, ...ports, peer: { kind: 'group', value: resolveGroup({ groupName: sourceGroup }) } });
    if (cidr === undefined && sourceGroup === undefined) throw new ApiError('MissingParameter', 'The request must contain the parameter cidrIp or sourceSecurityGroupName');
  }
  return rules;
}

/** Every source of a group's rules in one direction, with its rule id. */
export function atomicRules(permissions: SecurityGroupRule[]): Array<AtomicRule & { ruleId: string }> {
  const out: Array<AtomicRule & { ruleId: string }> = [];
  for (const p of permissions) {
    const base = { ipProtocol: p.ipProtocol, fromPort: p.fromPort, toPort: p.toPort };
    for (const r of p.ipRanges) out.push({ ...base, peer: { kind: 'cidr', value: r.cidrIp, description: r.description }, ruleId: r._ruleId });
    for (const r of p.ipv6Ranges) out.push({ ...base, peer: { kind: 'cidr6', value: r.cidrIpv6, description: r.description }, ruleId: r._ruleId });
    for (const g of p.userIdGroupPairs) out.push({ ...base, peer: { kind: 'group', value: g.groupId, description: g.description }, ruleId: g._ruleId });
  }
  return out;
}

/** Same protocol, ports and source: descriptions do not count. */
export function sameRule(a: AtomicRule, b: AtomicRule): boolean {
  return a.ipProtocol === b.ipProtocol && a.fromPort === b.fromPort && a.toPort === b.toPort && a.peer.kind === b.peer.kind && a.peer.value === b.peer.value;
}

export function addRule(permissions: SecurityGroupRule[], rule: AtomicRule, ruleId: string): void {
  let permission = permissions.find((p) => p.ipProtocol === rule.ipProtocol && p.fromPort === rule.fromPort && p.toPort === rule.toPort);
  if (!permission) {
    permission = { ipProtocol: rule.ipProtocol, fromPort: rule.fromPort, toPort: rule.toPort, ipRanges: [], ipv6Ranges: [], userIdGroupPairs: [] };
    permissions.push(permission);
  }
  const { kind, value, description } = rule.peer;
  if (kind === 'cidr') permission.ipRanges.push({ cidrIp: value, description, _ruleId: ruleId });
  else if (kind === 'cidr6') permission.ipv6Ranges.push({ cidrIpv6: value, description, _ruleId: ruleId });
  else permission.userIdGroupPairs.push({ groupId: value, userId: ACCOUNT_ID, description, _ruleId: ruleId });
}

/** Removes one rule by id; permissions left with no source go too. */
export function removeRule(permissions: SecurityGroupRule[], ruleId: string): SecurityGroupRule[] {
  for (const p of permissions) {
    p.ipRanges = p.ipRanges.filter((r) => r._ruleId !== ruleId);
    p.ipv6Ranges = p.ipv6Ranges.filter((r) => r._ruleId !== ruleId);
    p.userIdGroupPairs = p.userIdGroupPairs.filter((g) => g._ruleId !== ruleId);
  }
  return permissions.filter((p) => p.ipRanges.length + p.ipv6Ranges.length + p.userIdGroupPairs.length > 0);
}

/** How EC2 spells a rule in its duplicate-rule error. */
export function describeRule(rule: AtomicRule): string {
  const protocol = rule.ipProtocol === '-1' ? 'ALL' : rule.ipProtocol.toUpperCase();
  let ports = '';
  if (rule.ipProtocol === 'tcp' || rule.ipProtocol === 'udp') ports = `, from port: ${rule.fromPort}, to port: ${rule.toPort}`;
  else if (rule.ipProtocol === 'icmp' || rule.ipProtocol === 'icmpv6') ports = `, type: ${rule.fromPort}, code: ${rule.toPort}`;
  return `peer: ${rule.peer.value}, ${protocol}${ports}, ALLOW`;
}

/** The rule as SecurityGroupRules in Authorize's answer shows it. */
export function renderRule(group: SecurityGroupRecord, rule: AtomicRule, ruleId: string, isEgress: boolean) {
  return {
    securityGroupRuleId: ruleId,
    groupId: group.groupId,
    groupOwnerId: ACCOUNT_ID,
    isEgress,
    ipProtocol: rule.ipProtocol,
    fromPort: rule.ipProtocol === '-1' ? -1 : rule.fromPort ?? -1,
    toPort: rule.ipProtocol === '-1' ? -1 : rule.toPort ?? -1,
    cidrIpv4: rule.peer.kind === 'cidr' ? rule.peer.value : undefined,
    cidrIpv6: rule.peer.kind === 'cidr6' ? rule.peer.value : undefined,
    referencedGroupInfo: rule.peer.kind === 'group' ? { groupId: rule.peer.value, userId: ACCOUNT_ID } : undefined,
    description: rule.peer.description,
    securityGroupRuleArn: `arn:aws:ec2:${group.region}:${ACCOUNT_ID}:security-group-rule/${ruleId}`,
    tagSet: [],
  };
}
