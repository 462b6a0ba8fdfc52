import { ACCOUNT_ID } from '../arn.js';
import { ApiError } from '../errors.js';
import type { SecurityGroupRecord, Tag } from '../model.js';
import type { Operation, RequestContext, Sandbox } from '../sandbox.js';
import { renderSecurityGroup } from './ec2-render.js';
import { tagSpecifications } from './ec2-tags.js';
import { filterRecords } from './filters.js';
import { ec2Id } from './ids.js';
import { interfacesUsingGroup } from './network-interfaces.js';
import { defaultVpcOf, requireDefaultVpc, requireVpc } from './network-lookup.js';
import { checkId, ec2Page, invalidValue, missingParameter, stringList, stringParam, type QueryObject } from './params.js';
import {
  addRule,
  atomicRules,
  describeRule,
  MAX_RULES_PER_DIRECTION,
  removeRule,
  renderRule,
  requestedRules,
  sameRule,
  type AtomicRule,
  type GroupResolver,
} from './security-group-rules.js';

/** Security groups: CreateSecurityGroup, DeleteSecurityGroup, DescribeSecurityGroups, ingress rules. */

export interface NewSecurityGroup {
  region: string;
  vpcId: string;
  groupName: string;
  description: string;
  tags?: Tag[];
}

/** A group as EC2 makes it: no inbound rules, all outbound traffic allowed. */
export function createSecurityGroupRecord(sb: Sandbox, spec: NewSecurityGroup): SecurityGroupRecord {
  const group: SecurityGroupRecord = {
    groupId: ec2Id(sb, 'sg'),
    groupName: spec.groupName,
    description: spec.description,
    region: spec.region,
    vpcId: spec.vpcId,
    ipPermissions: [],
    ipPermissionsEgress: [],
    tags: spec.tags ?? [],
  };
  addRule(group.ipPermissionsEgress, { ipProtocol: '-1', peer: { kind: 'cidr', value: '0.0.0.0/0' } }, ec2Id(sb, 'sgr'));
  sb.tables.securityGroups.set(group.groupId, group);
  return group;
}

/** A VPC's `default` group, whose members may talk to each other on any port. */
export function createDefaultSecurityGroup(sb: Sandbox, region: string, vpcId: string): SecurityGroupRecord {
  const group = createSecurityGroupRecord(sb, { region, vpcId, groupName: 'default', description: 'default VPC security group' });
  addRule(group.ipPermissions, { ipProtocol: '-1', peer: { kind: 'group', value: group.groupId } }, ec2Id(sb, 'sgr'));
  return group;
}

export function groupByName(sb: Sandbox, region: string, vpcId: string, name: string): SecurityGroupRecord | undefined {
  for (const group of sb.tables.securityGroups.values()) {
    if (group.region === region && group.vpcId === vpcId && group.groupName === name) return group;
  }
  return undefined;
}

export function requireGroupById(sb: Sandbox, region: string, groupId: string): SecurityGroupRecord {
  checkId(groupId, 'sg', 'InvalidGroupId.Malformed');
  const group = sb.tables.securityGroups.get(groupId);
  if (!group || group.region !== region) throw new ApiError('InvalidGroup.NotFound', `The security group '${groupId}' does not exist`);
  return group;
}

/** A group named by id, or by name in the default VPC (the only place EC2 takes a bare name). */
function requireGroup(sb: Sandbox, ctx: RequestContext, params: QueryObject): SecurityGroupRecord {
  const groupId = stringParam(params, 'GroupId');
  const groupName = stringParam(params, 'GroupName');
  if (groupId) return requireGroupById(sb, ctx.region, groupId);
  if (!groupName) throw missingParameter('groupName or groupId');
  const vpc = requireDefaultVpc(sb, ctx.region);
  const group = groupByName(sb, ctx.region, vpc.vpcId, groupName);
  if (!group) throw new ApiError('InvalidGroup.NotFound', `The security group '${groupName}' does not exist in default VPC '${vpc.vpcId}'`);
  return group;
}

export const CreateSecurityGroup: Operation = (sb, params, ctx) => {
  const groupName = stringParam(params, 'GroupName');
  const description = stringParam(params, 'GroupDescription');
  if (!groupName) throw missingParameter('GroupName');
  if (description === undefined || description === '') throw missingParameter('GroupDescription');
  if (groupName.length > 255) throw invalidValue('Group names may be at most 255 characters long.');
  if (description.length > 255) throw invalidValue('Group descriptions may be at most 255 characters long.');
  if (groupName.toLowerCase().startsWith('sg-')) throw invalidValue("Group names may not be in the format sg-*.");
  const vpcId = stringParam(params, 'VpcId');
  const vpc = vpcId ? requireVpc(sb, ctx.region, vpcId) : requireDefaultVpc(sb, ctx.region);
  if (groupName === 'default') throw new ApiError('InvalidGroup.Reserved', "The security group 'default' is reserved");
  if (groupByName(sb, ctx.region, vpc.vpcId, groupName)) {
    throw new ApiError('InvalidGroup.Duplicate', `The security group '${groupName}' already exists for VPC '${vpc.vpcId}'`);
  }
  const tags = tagSpecifications(params, ['security-group']).get('security-group') ?? [];
  const group = createSecurityGroupRecord(sb, { region: ctx.region, vpcId: vpc.vpcId, groupName, description, tags });
  return { groupId: group.groupId, securityGroupArn: renderSecurityGroup(group).securityGroupArn, tagSet: group.tags };
};

export const DeleteSecurityGroup: Operation = (sb, params, ctx) => {
  const group = requireGroup(sb, ctx, params);
  if (group.groupName === 'default') {
    throw new ApiError('CannotDelete', `the specified group: "${group.groupId}" name: "default" cannot be deleted by a user`);
  }
  const inUse =
    [...sb.tables.ec2Instances.values()].some((i) => i.state.name !== 'terminated' && i.securityGroupIds.includes(group.groupId)) ||
    interfacesUsingGroup(sb, group.groupId).length > 0;
  const referenced = [...sb.tables.securityGroups.values()].some(
    (other) =>
      other.groupId !== group.groupId &&
      [...other.ipPermissions, ...other.ipPermissionsEgress].some((p) => p.userIdGroupPairs.some((g) => g.groupId === group.groupId)),
  );
  if (inUse || referenced) throw new ApiError('DependencyViolation', `resource ${group.groupId} has a dependent object`);
  sb.tables.securityGroups.delete(group.groupId);
  return { return: true, groupId: group.groupId };
};

export const DescribeSecurityGroups: Operation = (sb, params, ctx) => {
  const ids = stringList(params, 'GroupId');
  const names = stringList(params, 'GroupName');
  for (const id of ids) requireGroupById(sb, ctx.region, id);
  const inRegion = [...sb.tables.securityGroups.values()].filter((g) => g.region === ctx.region);
  let named = inRegion;
  if (ids.length > 0 || names.length > 0) {
    // Names are looked up in the default VPC, as EC2 does.
    const vpc = names.length > 0 ? requireDefaultVpc(sb, ctx.region) : undefined;
    for (const name of names) {
      if (!groupByName(sb, ctx.region, vpc!.vpcId, name)) {
        throw new ApiError('InvalidGroup.NotFound', `The security group '${name}' does not exist in default VPC '${vpc!.vpcId}'`);
      }
    }
    named = inRegion.filter((g) => ids.includes(g.groupId) || (vpc !== undefined && g.vpcId === vpc.vpcId && names.includes(g.groupName)));
  }
  const rules = (g: SecurityGroupRecord, egress = false) => (egress ? g.ipPermissionsEgress : g.ipPermissions);
  const matching = filterRecords(named, params, {
    'group-id': (g) => g.groupId,
    'group-name': (g) => g.groupName,
    description: (g) => g.description,
    'vpc-id': (g) => g.vpcId,
    'owner-id': () => ACCOUNT_ID,
    'ip-permission.protocol': (g) => rules(g).map((p) => p.ipProtocol),
    'ip-permission.from-port': (g) => rules(g).map((p) => p.fromPort),
    'ip-permission.to-port': (g) => rules(g).map((p) => p.toPort),
    'ip-permission.cidr': (g) => rules(g).flatMap((p) => p.ipRanges.map((r) => r.cidrIp)),
    'ip-permission.group-id': (g) => rules(g).flatMap((p) => p.userIdGroupPairs.map((r) => r.groupId)),
    'egress.ip-permission.protocol': (g) => rules(g, true).map((p) => p.ipProtocol),
    'egress.ip-permission.cidr': (g) => rules(g, true).flatMap((p) => p.ipRanges.map((r) => r.cidrIp)),
  });
  const { page, nextToken } = ec2Page(matching, params, { min: 5, max: 1000 });
  return { securityGroupInfo: page.map(renderSecurityGroup), nextToken };
};

function groupResolver(sb: Sandbox, ctx: RequestContext, group: SecurityGroupRecord): GroupResolver {
  return ({ groupId, groupName }) => {
    if (groupId) return requireGroupById(sb, ctx.region, groupId).groupId;
    if (!groupName) throw missingParameter('groupId or groupName of the referenced group');
    const found = groupByName(sb, ctx.region, group.vpcId, groupName);
    if (!found) throw new ApiError('InvalidGroup.NotFound', `The security group '${groupName}' does not exist in VPC '${group.vpcId}'`);
    return found.groupId;
  };
}

export const AuthorizeSecurityGroupIngress: Operation = (sb, params, ctx) => {
  const group = requireGroup(sb, ctx, params);
  const requested = requestedRules(params, groupResolver(sb, ctx, group));
  if (requested.length === 0) throw missingParameter('ipPermissions');
  const existing = atomicRules(group.ipPermissions);
  requested.forEach((rule, i) => {
    if (existing.some((e) => sameRule(e, rule)) || requested.slice(0, i).some((r) => sameRule(r, rule))) {
      throw new ApiError('InvalidPermission.Duplicate', `the specified rule "${describeRule(rule)}" already exists`);
    }
  });
  if (existing.length + requested.length > MAX_RULES_PER_DIRECTION) {
    throw new ApiError('RulesPerSecurityGroupLimitExceeded', 'The maximum number of rules per security group has been reached.');
  }
  const added = requested.map((rule) => {
    const ruleId = ec2Id(sb, 'sgr');
    addRule(group.ipPermissions, rule, ruleId);
    return renderRule(group, rule, ruleId, false);
  });
  return { return: true, securityGroupRuleSet: added };
};

export const RevokeSecurityGroupIngress: Operation = (sb, params, ctx) => {
  const group = requireGroup(sb, ctx, params);
  const existing = atomicRules(group.ipPermissions);
  const byId = stringList(params, 'SecurityGroupRuleId');
  const revoked: Array<AtomicRule & { ruleId: string }> = [];
  for (const ruleId of byId) {
    const rule = existing.find((e) => e.ruleId === ruleId);
    if (!rule) throw new ApiError('InvalidSecurityGroupRuleId.NotFound', `The security group rule ID '${ruleId}' does not exist`);
    revoked.push(rule);
  }
  const requested = requestedRules(params, groupResolver(sb, ctx, group));
  if (byId.length === 0 && requested.length === 0) throw missingParameter('ipPermissions');
  const unknown: AtomicRule[] = [];
  for (const rule of requested) {
    const match = existing.find((e) => sameRule(e, rule));
    if (match) revoked.push(match);
    else unknown.push(rule);
  }
  // In the default VPC EC2 reports rules it did not know; elsewhere it refuses the whole call.
  const isDefaultVpc = defaultVpcOf(sb, ctx.region)?.vpcId === group.vpcId;
  if (unknown.length > 0 && !isDefaultVpc) {
    throw new ApiError('InvalidPermission.NotFound', 'The specified rule does not exist in this security group.');
  }
  for (const rule of revoked) group.ipPermissions = removeRule(group.ipPermissions, rule.ruleId);
  return {
    return: true,
    unknownIpPermissionSet: unknown.length > 0 ? unknownPermissions(unknown) : undefined,
    revokedSecurityGroupRuleSet: revoked.map((rule) => ({
      securityGroupRuleId: rule.ruleId,
      groupId: group.groupId,
      isEgress: false,
      ipProtocol: rule.ipProtocol,
      fromPort: rule.fromPort,
      toPort: rule.toPort,
      cidrIpv4: rule.peer.kind === 'cidr' ? rule.peer.value : undefined,
      cidrIpv6: rule.peer.kind === 'cidr6' ? rule.peer.value : undefined,
      referencedGroupId: rule.peer.kind === 'group' ? rule.peer.value : undefined,
      description: rule.peer.description,
    })),
  };
};

function unknownPermissions(rules: AtomicRule[]) {
  return rules.map((rule) => ({
    ipProtocol: rule.ipProtocol,
    fromPort: rule.fromPort,
    toPort: rule.toPort,
    ipRanges: rule.peer.kind === 'cidr' ? [{ cidrIp: rule.peer.value }] : [],
    ipv6Ranges: rule.peer.kind === 'cidr6' ? [{ cidrIpv6: rule.peer.value }] : [],
    groups: rule.peer.kind === 'group' ? [{ groupId: rule.peer.value }] : [],
    prefixListIds: [],
  }));
}

export const securityGroupOperations = {
  CreateSecurityGroup,
  DeleteSecurityGroup,
  DescribeSecurityGroups,
  AuthorizeSecurityGroupIngress,
  RevokeSecurityGroupIngress,
};
