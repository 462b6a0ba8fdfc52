import { ApiError } from '../errors.js';
import { allocatePrivateIp, ensureDefaultNetwork, releasePrivateIp } from '../ec2/index.js';
import type { SubnetRecord } from '../model.js';
import type { Sandbox } from '../sandbox.js';

/**
 * The subnets and security groups a load balancer is placed in, checked as ELB checks them,
 * and the private address of its node: taken from its first subnet like the network interface
 * a real load balancer node has, so that its loopback twin is its own and clashes with no
 * instance's.
 */

export function requireSubnets(sb: Sandbox, region: string, ids: readonly string[]): SubnetRecord[] {
  ensureDefaultNetwork(sb, region);
  return ids.map((id) => {
    const subnet = sb.tables.subnets.get(id);
    if (!subnet || subnet.region !== region) throw new ApiError('SubnetNotFound', `The subnet ID '${id}' is not valid`);
    return subnet;
  });
}

/** One subnet per Availability Zone, all in one VPC. */
export function checkSubnetLayout(subnets: readonly SubnetRecord[]): string {
  const zones = new Set<string>();
  for (const subnet of subnets) {
    if (zones.has(subnet.availabilityZone)) {
      throw new ApiError('InvalidConfigurationRequest', 'A load balancer cannot be attached to multiple subnets in the same Availability Zone');
    }
    zones.add(subnet.availabilityZone);
  }
  const vpcs = new Set(subnets.map((s) => s.vpcId));
  if (vpcs.size > 1) throw new ApiError('InvalidConfigurationRequest', 'The subnets of a load balancer must all be in the same VPC');
  return subnets[0]!.vpcId;
}

/** The security groups given (each must exist in the VPC), or the VPC's default group. */
export function securityGroupsFor(sb: Sandbox, region: string, vpcId: string, ids: readonly string[]): string[] {
  if (ids.length === 0) {
    for (const group of sb.tables.securityGroups.values()) {
      if (group.region === region && group.vpcId === vpcId && group.groupName === 'default') return [group.groupId];
    }
    return [];
  }
  for (const id of ids) {
    const group = sb.tables.securityGroups.get(id);
    if (!group || group.region !== region || group.vpcId !== vpcId) {
      throw new ApiError('InvalidSecurityGroup', `Security group '${id}' does not exist in VPC '${vpcId}'`);
    }
  }
  return [...ids];
}

export function allocateNodeAddress(sb: Sandbox, subnet: SubnetRecord, owner: string): { address: string; subnetId: string } {
  return { address: allocatePrivateIp(sb, subnet, owner), subnetId: subnet.subnetId };
}

export function releaseNodeAddress(sb: Sandbox, record: { _address: string; _addressSubnetId: string }): void {
  releasePrivateIp(sb, record._addressSubnetId, record._address);
}
