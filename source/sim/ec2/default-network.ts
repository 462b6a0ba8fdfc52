import type { Sandbox } from '../sandbox.js';
import { availabilityZones } from './availability-zones.js';
import { ec2Id } from './ids.js';
import { createInternetGatewayRecord } from './internet-gateways.js';
import { ec2Regions } from './network-lookup.js';
import { createSubnetRecord } from './subnets.js';
import { createVpcRecord } from './vpcs.js';

/**
 * What a new AWS account finds in every region: a default VPC (172.31.0.0/16) with an
 * internet gateway, a default /20 subnet in each zone that gives instances public
 * addresses, and the VPC's default security group. Made the first time the region is
 * used, and only once: a user who deletes the default VPC does not get it back.
 */
export function ensureDefaultNetwork(sb: Sandbox, region: string): void {
  if (ec2Regions(sb).has(region)) return;
  const dhcpOptionsId = ec2Id(sb, 'dopt');
  ec2Regions(sb).set(region, { region, dhcpOptionsId });
  const vpc = createVpcRecord(sb, { region, cidrBlock: '172.31.0.0/16', dhcpOptionsId, isDefault: true });
  const gateway = createInternetGatewayRecord(sb, region);
  gateway.attachments = [{ vpcId: vpc.vpcId, state: 'available' }];
  availabilityZones(region).forEach((zone, i) => {
    createSubnetRecord(sb, {
      region,
      vpcId: vpc.vpcId,
      cidrBlock: `172.31.${i * 16}.0/20`,
      availabilityZone: zone,
      defaultForAz: true,
      mapPublicIpOnLaunch: true,
    });
  });
  // Describe calls may be what first touches a region: the new records must still be saved.
  sb.touch();
}
