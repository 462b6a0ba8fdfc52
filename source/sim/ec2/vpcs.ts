import { ACCOUNT_ID } from '../arn.js';
import { ApiError } from '../errors.js';
import type { Tag, VpcRecord } from '../model.js';
import type { Operation, Sandbox } from '../sandbox.js';
import { parseCidr } from './cidr.js';
import { renderVpc } from './ec2-render.js';
import { tagSpecifications } from './ec2-tags.js';
import { filterRecords } from './filters.js';
import { ec2Id } from './ids.js';
import { ec2Regions, internetGateways, requireVpc } from './network-lookup.js';
import { boolParam, ec2Page, invalidValue, stringList, stringParam } from './params.js';
import { createDefaultSecurityGroup } from './security-groups.js';

/** VPCs: CreateVpc (with its default security group), DeleteVpc, DescribeVpcs. */

const MAX_VPCS_PER_REGION = 5;

export interface NewVpc {
  region: string;
  cidrBlock: string;
  dhcpOptionsId: string;
  isDefault?: boolean;
  instanceTenancy?: string;
  tags?: Tag[];
}

export function createVpcRecord(sb: Sandbox, spec: NewVpc): VpcRecord {
  const vpc: VpcRecord = {
    vpcId: ec2Id(sb, 'vpc'),
    region: spec.region,
    cidrBlock: spec.cidrBlock,
    cidrBlockAssociationId: ec2Id(sb, 'vpc-cidr-assoc'),
    dhcpOptionsId: spec.dhcpOptionsId,
    isDefault: spec.isDefault ?? false,
    instanceTenancy: spec.instanceTenancy ?? 'default',
    state: 'available',
    enableDnsHostnames: spec.isDefault ?? false,
    tags: spec.tags ?? [],
  };
  sb.tables.vpcs.set(vpc.vpcId, vpc);
  createDefaultSecurityGroup(sb, spec.region, vpc.vpcId);
  return vpc;
}

/** The region's DHCP options set, shared by its VPCs (made with the default network). */
function regionDhcpOptions(sb: Sandbox, region: string): string {
  const marker = ec2Regions(sb).get(region);
  if (marker) return marker.dhcpOptionsId;
  const dhcpOptionsId = ec2Id(sb, 'dopt');
  ec2Regions(sb).set(region, { region, dhcpOptionsId });
  return dhcpOptionsId;
}

export const CreateVpc: Operation = (sb, params, ctx) => {
  const cidrText = stringParam(params, 'CidrBlock');
  if (!cidrText) {
    if (stringParam(params, 'Ipv4IpamPoolId')) throw new ApiError('UnsupportedOperation', 'IPAM pools are not supported by the ecsh sandbox; give a CidrBlock.');
    throw new ApiError('MissingParameter', "Either 'cidrBlock' or 'ipv4IpamPoolId' should be provided.");
  }
  const cidr = parseCidr(cidrText);
  if (!cidr) throw invalidValue(`Value (${cidrText}) for parameter cidrBlock is invalid. This is not a valid CIDR block.`);
  if (cidr.prefix < 16 || cidr.prefix > 28) throw new ApiError('InvalidVpc.Range', `The CIDR '${cidrText}' is invalid.`);
  if (boolParam(params, 'AmazonProvidedIpv6CidrBlock')) {
    throw new ApiError('UnsupportedOperation', 'IPv6 CIDR blocks are not supported by the ecsh sandbox.');
  }
  const tenancy = stringParam(params, 'InstanceTenancy') ?? 'default';
  if (!['default', 'dedicated', 'host'].includes(tenancy)) throw invalidValue(`Value (${tenancy}) for parameter instanceTenancy is invalid.`);
  const count = [...sb.tables.vpcs.values()].filter((v) => v.region === ctx.region).length;
  if (count >= MAX_VPCS_PER_REGION) throw new ApiError('VpcLimitExceeded', 'The maximum number of VPCs has been reached.');
  const tags = tagSpecifications(params, ['vpc']).get('vpc') ?? [];
  const vpc = createVpcRecord(sb, {
    region: ctx.region,
    cidrBlock: cidrText,
    dhcpOptionsId: regionDhcpOptions(sb, ctx.region),
    instanceTenancy: tenancy,
    tags,
  });
  // EC2 answers while the VPC is still being set up; it is available by the next call.
  return { vpc: renderVpc(vpc, 'pending') };
};

export const DeleteVpc: Operation = (sb, params, ctx) => {
  const vpcId = stringParam(params, 'VpcId');
  if (!vpcId) throw new ApiError('MissingParameter', 'The request must contain the parameter VpcId');
  const vpc = requireVpc(sb, ctx.region, vpcId);
  const dependent =
    [...sb.tables.subnets.values()].some((s) => s.vpcId === vpcId) ||
    [...sb.tables.securityGroups.values()].some((g) => g.vpcId === vpcId && g.groupName !== 'default') ||
    [...internetGateways(sb).values()].some((g) => g.attachments.some((a) => a.vpcId === vpcId)) ||
    [...sb.tables.ec2Instances.values()].some((i) => i.vpcId === vpcId && i.state.name !== 'terminated');
  if (dependent) throw new ApiError('DependencyViolation', `The vpc '${vpcId}' has dependencies and cannot be deleted.`);
  for (const group of [...sb.tables.securityGroups.values()]) if (group.vpcId === vpcId) sb.tables.securityGroups.delete(group.groupId);
  sb.tables.vpcs.delete(vpc.vpcId);
  return { return: true };
};

export const DescribeVpcs: Operation = (sb, params, ctx) => {
  const ids = stringList(params, 'VpcId');
  for (const id of ids) requireVpc(sb, ctx.region, id);
  const vpcs = [...sb.tables.vpcs.values()].filter((v) => v.region === ctx.region && (ids.length === 0 || ids.includes(v.vpcId)));
  const matching = filterRecords(vpcs, params, {
    'vpc-id': (v) => v.vpcId,
    cidr: (v) => v.cidrBlock,
    'cidr-block-association.cidr-block': (v) => v.cidrBlock,
    'cidr-block-association.association-id': (v) => v.cidrBlockAssociationId,
    'cidr-block-association.state': () => 'associated',
    'dhcp-options-id': (v) => v.dhcpOptionsId,
    'is-default': (v) => v.isDefault,
    isDefault: (v) => v.isDefault,
    'owner-id': () => ACCOUNT_ID,
    state: (v) => v.state,
  });
  const { page, nextToken } = ec2Page(matching, params, { min: 5, max: 1000 });
  return { vpcSet: page.map((v) => renderVpc(v)), nextToken };
};

export const vpcOperations = { CreateVpc, DeleteVpc, DescribeVpcs };
