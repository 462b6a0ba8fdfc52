import { ApiError } from '../errors.js';
import type { SubnetRecord } from '../model.js';
import type { RequestContext, Sandbox } from '../sandbox.js';
import { availabilityZones, invalidZone, isZoneOf } from './availability-zones.js';
import { parseCidr, parseIp, size } from './cidr.js';
import { availableAddresses } from './ec2-render.js';
import { defaultSubnetIn, defaultVpcOf, requireSubnet } from './network-lookup.js';
import { boolParam, invalidValue, stringList, stringParam, structList, structParam, type QueryObject } from './params.js';
import { groupByName, requireGroupById } from './security-groups.js';

/**
 * Where RunInstances puts its instances: one subnet for the whole call, as EC2 launches a
 * reservation. The subnet named (directly or on the primary network interface), else the
 * default subnet of the zone named in Placement, else the default subnet of the zone with
 * the fewest live instances (so that successive launches spread out); and which security
 * groups they get (the VPC's default group if none).
 */

export interface LaunchNetwork {
  /** The subnet every instance of the call goes to. */
  subnet: SubnetRecord;
  /** How many instances fit, between MinCount and MaxCount. */
  count: number;
  securityGroupIds: string[];
  associatePublicIp?: boolean;
  privateIpAddress?: string;
}

const noDefaultVpc = () => new ApiError('VPCIdNotSpecified', 'No default VPC for this user');

function noAddresses(subnet: SubnetRecord): ApiError {
  return new ApiError('InsufficientFreeAddressesInSubnet', `There are not enough free addresses in subnet '${subnet.subnetId}' to satisfy the requested number of instances.`);
}

/** As many instances as the subnet has free addresses for, up to MaxCount; none below MinCount. */
function fit(subnet: SubnetRecord, counts: { min: number; max: number }): number {
  const count = Math.min(counts.max, availableAddresses(subnet));
  if (count < counts.min) throw noAddresses(subnet);
  return count;
}

/** The default subnet of the region's least used zone (ties to the first zone). */
function leastUsedDefaultSubnet(sb: Sandbox, region: string): SubnetRecord {
  const subnets = availabilityZones(region)
    .map((zone) => defaultSubnetIn(sb, region, zone))
    .filter((s): s is SubnetRecord => s !== undefined);
  if (subnets.length === 0) throw noDefaultVpc();
  const load = new Map(subnets.map((s) => [s.availabilityZone, 0]));
  for (const instance of sb.tables.ec2Instances.values()) {
    if (instance.region === region && instance.state.name !== 'terminated' && load.has(instance.availabilityZone)) {
      load.set(instance.availabilityZone, load.get(instance.availabilityZone)! + 1);
    }
  }
  return subnets.reduce((best, s) => (load.get(s.availabilityZone)! < load.get(best.availabilityZone)! ? s : best));
}

function securityGroups(sb: Sandbox, ctx: RequestContext, vpcId: string, subnetId: string, ids: string[], names: string[]): string[] {
  const groups = ids.map((id) => {
    const group = requireGroupById(sb, ctx.region, id);
    if (group.vpcId !== vpcId) {
      throw new ApiError('InvalidParameter', `Security group ${id} and subnet ${subnetId} belong to different networks.`);
    }
    return group.groupId;
  });
  for (const name of names) {
    const group = groupByName(sb, ctx.region, vpcId, name);
    if (!group) throw new ApiError('InvalidGroup.NotFound', `The security group '${name}' does not exist in VPC '${vpcId}'`);
    groups.push(group.groupId);
  }
  if (groups.length > 0) return [...new Set(groups)];
  const fallback = groupByName(sb, ctx.region, vpcId, 'default');
  return fallback ? [fallback.groupId] : [];
}

function checkPrivateIp(subnet: SubnetRecord, ip: string, count: number): void {
  if (count > 1) {
    throw new ApiError('InvalidParameterCombination', 'A private IP address can be specified only when launching one instance.');
  }
  const address = parseIp(ip);
  const cidr = parseCidr(subnet.cidrBlock)!;
  if (address === undefined) throw invalidValue(`Invalid value '${ip}' for PrivateIpAddress.`);
  const host = address - cidr.base;
  if (host < 4 || host > size(cidr) - 2) {
    throw invalidValue(`Address ${ip} does not fall within the subnet's address range`);
  }
  if (subnet._allocated[ip] !== undefined) throw new ApiError('InvalidIPAddress.InUse', `Address ${ip} is in use.`);
}

/**
 * As many instances as fit between MinCount and MaxCount: in one subnet, as many as it has
 * free addresses for (EC2 launches fewer than MaxCount rather than none).
 */
export function launchNetwork(sb: Sandbox, ctx: RequestContext, params: QueryObject, counts: { min: number; max: number }): LaunchNetwork {
  const interfaces = structList(params, 'NetworkInterface');
  if (interfaces.length > 1) {
    throw new ApiError('UnsupportedOperation', 'The ecsh sandbox launches instances with one network interface.');
  }
  const primary = interfaces[0];
  let subnetId = stringParam(params, 'SubnetId');
  let groupIds = stringList(params, 'SecurityGroupId');
  const groupNames = stringList(params, 'SecurityGroup');
  let privateIp = stringParam(params, 'PrivateIpAddress');
  let associatePublicIp: boolean | undefined;
  if (primary) {
    if (subnetId !== undefined) {
      throw new ApiError('InvalidParameterCombination', 'Network interfaces and an instance-level subnet ID may not be specified on the same request');
    }
    if (groupIds.length > 0 || groupNames.length > 0) {
      throw new ApiError('InvalidParameterCombination', 'Network interfaces and an instance-level security groups may not be specified on the same request');
    }
    subnetId = stringParam(primary, 'SubnetId');
    groupIds = stringList(primary, 'SecurityGroupId');
    privateIp = stringParam(primary, 'PrivateIpAddress') ?? privateIp;
    associatePublicIp = boolParam(primary, 'AssociatePublicIpAddress');
  }
  const zone = stringParam(structParam(params, 'Placement') ?? {}, 'AvailabilityZone');
  if (zone !== undefined && !isZoneOf(ctx.region, zone)) throw invalidZone(zone);

  let subnet: SubnetRecord;
  if (subnetId !== undefined) {
    subnet = requireSubnet(sb, ctx.region, subnetId);
    if (zone !== undefined && zone !== subnet.availabilityZone) {
      throw invalidValue(`The subnet '${subnetId}' is in availability zone ${subnet.availabilityZone}, not ${zone}.`);
    }
  } else if (zone !== undefined) {
    const inZone = defaultSubnetIn(sb, ctx.region, zone);
    if (!inZone) throw noDefaultVpc();
    subnet = inZone;
  } else {
    if (!defaultVpcOf(sb, ctx.region)) throw noDefaultVpc();
    subnet = leastUsedDefaultSubnet(sb, ctx.region);
  }
  const count = fit(subnet, counts);
  if (privateIp !== undefined) checkPrivateIp(subnet, privateIp, count);
  return {
    subnet,
    count,
    securityGroupIds: securityGroups(sb, ctx, subnet.vpcId, subnet.subnetId, groupIds, groupNames),
    associatePublicIp,
    privateIpAddress: privateIp,
  };
}
