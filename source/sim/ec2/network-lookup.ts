import { ApiError } from '../errors.js';
import type { InternetGatewayRecord, SubnetRecord, VpcRecord } from '../model.js';
import type { Sandbox } from '../sandbox.js';
import { table } from '../state.js';
import { checkId } from './params.js';

/** Finding VPCs, subnets and gateways by id within a region, with EC2's errors when they are not there. */

/** What EC2 set up once per region: its DHCP options set, and that the default network was made. */
export interface Ec2RegionRecord {
  region: string;
  dhcpOptionsId: string;
}

export function ec2Regions(sb: Sandbox): Map<string, Ec2RegionRecord> {
  return table<Ec2RegionRecord>(sb.tables, 'ec2Regions');
}

export function internetGateways(sb: Sandbox): Map<string, InternetGatewayRecord> {
  return table<InternetGatewayRecord>(sb.tables, 'internetGateways');
}

export function requireVpc(sb: Sandbox, region: string, vpcId: string): VpcRecord {
  checkId(vpcId, 'vpc', 'InvalidVpcID.Malformed');
  const vpc = sb.tables.vpcs.get(vpcId);
  if (!vpc || vpc.region !== region) throw new ApiError('InvalidVpcID.NotFound', `The vpc ID '${vpcId}' does not exist`);
  return vpc;
}

export function defaultVpcOf(sb: Sandbox, region: string): VpcRecord | undefined {
  for (const vpc of sb.tables.vpcs.values()) if (vpc.region === region && vpc.isDefault) return vpc;
  return undefined;
}

/** The default VPC, for calls that fall back on it; EC2's error when the account has none. */
export function requireDefaultVpc(sb: Sandbox, region: string): VpcRecord {
  const vpc = defaultVpcOf(sb, region);
  if (!vpc) throw new ApiError('VPCIdNotSpecified', 'No default VPC for this user. GroupName is only supported for EC2-Classic and default VPC.');
  return vpc;
}

export function requireSubnet(sb: Sandbox, region: string, subnetId: string): SubnetRecord {
  checkId(subnetId, 'subnet', 'InvalidSubnetID.Malformed');
  const subnet = sb.tables.subnets.get(subnetId);
  if (!subnet || subnet.region !== region) throw new ApiError('InvalidSubnetID.NotFound', `The subnet ID '${subnetId}' does not exist`);
  return subnet;
}

export function defaultSubnetIn(sb: Sandbox, region: string, zone: string): SubnetRecord | undefined {
  for (const subnet of sb.tables.subnets.values()) {
    if (subnet.region === region && subnet.defaultForAz && subnet.availabilityZone === zone) return subnet;
  }
  return undefined;
}

export function requireInternetGateway(sb: Sandbox, region: string, gatewayId: string): InternetGatewayRecord {
  checkId(gatewayId, 'igw', 'InvalidInternetGatewayID.Malformed');
  const gateway = internetGateways(sb).get(gatewayId);
  if (!gateway || gateway.region !== region) {
    throw new ApiError('InvalidInternetGatewayID.NotFound', `The internetGateway ID '${gatewayId}' does not exist`);
  }
  return gateway;
}
