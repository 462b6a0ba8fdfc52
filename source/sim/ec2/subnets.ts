import { ACCOUNT_ID } from '../arn.js';
import { ApiError } from '../errors.js';
import type { SubnetRecord, Tag } from '../model.js';
import type { Operation, Sandbox } from '../sandbox.js';
import { availabilityZones, zoneId } from './availability-zones.js';
import { contains, formatIp, overlaps, parseCidr, size } from './cidr.js';
import { availableAddresses, ec2Arn, renderSubnet } from './ec2-render.js';
import { tagSpecifications } from './ec2-tags.js';
import { filterRecords } from './filters.js';
import { ec2Id } from './ids.js';
import { requireSubnet, requireVpc } from './network-lookup.js';
import { ec2Page, invalidValue, missingParameter, stringList, stringParam } from './params.js';

/** Subnets, and the private addresses handed out in them. */

export interface NewSubnet {
  region: string;
  vpcId: string;
  cidrBlock: string;
  availabilityZone: string;
  defaultForAz?: boolean;
  mapPublicIpOnLaunch?: boolean;
  tags?: Tag[];
}

export function createSubnetRecord(sb: Sandbox, spec: NewSubnet): SubnetRecord {
  const subnet: SubnetRecord = {
    subnetId: ec2Id(sb, 'subnet'),
    region: spec.region,
    vpcId: spec.vpcId,
    cidrBlock: spec.cidrBlock,
    availabilityZone: spec.availabilityZone,
    defaultForAz: spec.defaultForAz ?? false,
    mapPublicIpOnLaunch: spec.mapPublicIpOnLaunch ?? false,
    _allocated: {},
    tags: spec.tags ?? [],
  };
  sb.tables.subnets.set(subnet.subnetId, subnet);
  return subnet;
}

/**
 * A free private address in the subnet, held for `owner` (an instance or ENI id) until
 * released. Drawn at random from the usable range (AWS keeps the first four addresses
 * and the last), as EC2's addresses look.
 */
export function allocatePrivateIp(sb: Sandbox, subnet: SubnetRecord, owner: string): string {
  if (availableAddresses(subnet) <= 0) {
    throw new ApiError('InsufficientFreeAddressesInSubnet', `There are not enough free addresses in subnet '${subnet.subnetId}' to satisfy the requested number of instances.`);
  }
  const cidr = parseCidr(subnet.cidrBlock)!;
  const first = 4;
  const last = size(cidr) - 2;
  let host = sb.random.int(first, last);
  // Probing forward from a random start always ends: there is at least one free address.
  while (subnet._allocated[formatIp(cidr.base + host)] !== undefined) host = host === last ? first : host + 1;
  const ip = formatIp(cidr.base + host);
  subnet._allocated[ip] = owner;
  return ip;
}

export function releasePrivateIp(sb: Sandbox, subnetId: string, ip: string): void {
  const subnet = sb.tables.subnets.get(subnetId);
  if (subnet) delete subnet._allocated[ip];
}

function invalidCidr(cidr: string) {
  return invalidValue(`Value (${cidr}) for parameter cidrBlock is invalid. This is not a valid CIDR block.`);
}

export const CreateSubnet: Operation = (sb, params, ctx) => {
  const vpcId = stringParam(params, 'VpcId');
  const cidrText = stringParam(params, 'CidrBlock');
  if (!vpcId) throw missingParameter('VpcId');
  if (!cidrText) throw missingParameter('CidrBlock');
  const vpc = requireVpc(sb, ctx.region, vpcId);
  const cidr = parseCidr(cidrText);
  if (!cidr) throw invalidCidr(cidrText);
  if (cidr.prefix < 16 || cidr.prefix > 28 || !contains(parseCidr(vpc.cidrBlock)!, cidr)) {
    throw new ApiError('InvalidSubnet.Range', `The CIDR '${cidrText}' is invalid.`);
  }
  for (const other of sb.tables.subnets.values()) {
    if (other.vpcId === vpc.vpcId && overlaps(parseCidr(other.cidrBlock)!, cidr)) {
      throw new ApiError('InvalidSubnet.Conflict', `The CIDR '${cidrText}' conflicts with another subnet`);
    }
  }
  const zones = availabilityZones(ctx.region);
  const zoneName = stringParam(params, 'AvailabilityZone');
  const zoneIdParam = stringParam(params, 'AvailabilityZoneId');
  let zone: string;
  if (zoneName !== undefined) {
    if (!zones.includes(zoneName)) {
      throw invalidValue(`Value (${zoneName}) for parameter availabilityZone is invalid. Subnets can currently only be created in the following availability zones: ${zones.join(', ')}.`);
    }
    zone = zoneName;
  } else if (zoneIdParam !== undefined) {
    const found = zones.find((z) => zoneId(z) === zoneIdParam);
    if (!found) throw invalidValue(`Value (${zoneIdParam}) for parameter availabilityZoneId is invalid.`);
    zone = found;
  } else {
    zone = sb.random.pick(zones);
  }
  const tags = tagSpecifications(params, ['subnet']).get('subnet') ?? [];
  const subnet = createSubnetRecord(sb, { region: ctx.region, vpcId: vpc.vpcId, cidrBlock: cidrText, availabilityZone: zone, tags });
  return { subnet: { ...renderSubnet(subnet), state: 'pending' } };
};

export const DeleteSubnet: Operation = (sb, params, ctx) => {
  const subnetId = stringParam(params, 'SubnetId');
  if (!subnetId) throw missingParameter('SubnetId');
  const subnet = requireSubnet(sb, ctx.region, subnetId);
  if (Object.keys(subnet._allocated).length > 0) {
    throw new ApiError('DependencyViolation', `The subnet '${subnetId}' has dependencies and cannot be deleted.`);
  }
  sb.tables.subnets.delete(subnetId);
  return { return: true };
};

export const DescribeSubnets: Operation = (sb, params, ctx) => {
  const ids = stringList(params, 'SubnetId');
  for (const id of ids) requireSubnet(sb, ctx.region, id);
  const subnets = [...sb.tables.subnets.values()].filter(
    (s) => s.region === ctx.region && (ids.length === 0 || ids.includes(s.subnetId)),
  );
  const matching = filterRecords(subnets, params, {
    'subnet-id': (s) => s.subnetId,
    'subnet-arn': (s) => ec2Arn(s.region, `subnet/${s.subnetId}`),
    'vpc-id': (s) => s.vpcId,
    'availability-zone': (s) => s.availabilityZone,
    availabilityZone: (s) => s.availabilityZone,
    'availability-zone-id': (s) => zoneId(s.availabilityZone),
    'cidr-block': (s) => s.cidrBlock,
    cidr: (s) => s.cidrBlock,
    cidrBlock: (s) => s.cidrBlock,
    'default-for-az': (s) => s.defaultForAz,
    defaultForAz: (s) => s.defaultForAz,
    'map-public-ip-on-launch': (s) => s.mapPublicIpOnLaunch,
    'available-ip-address-count': (s) => availableAddresses(s),
    'owner-id': () => ACCOUNT_ID,
    state: () => 'available',
  });
  const { page, nextToken } = ec2Page(matching, params, { min: 5, max: 1000 });
  return { subnetSet: page.map(renderSubnet), nextToken };
};

export const subnetOperations = { CreateSubnet, DeleteSubnet, DescribeSubnets };
