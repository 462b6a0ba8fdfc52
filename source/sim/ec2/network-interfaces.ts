import { ACCOUNT_ID } from '../arn.js';
import type { Ec2InstanceRecord, NetworkInterfaceRecord, SubnetRecord } from '../model.js';
import type { Sandbox } from '../sandbox.js';
import { table } from '../state.js';
import { ec2Id, macAddress } from './ids.js';
import { privateDnsName, publicDnsName, publicIpv4, shownPublicAddress } from './instance-addresses.js';
import { allocatePrivateIp, releasePrivateIp } from './subnets.js';

/**
 * Elastic network interfaces made for others: ECS creates one for each awsvpc task, attaches
 * it to the task's host (a container instance, or Fargate's) as the task starts, and deletes
 * it as the task stops, giving its address back to the subnet. An instance's own primary
 * interface is part of the instance record; `primaryInterfaceOf` shows it as an interface.
 */

export function networkInterfaces(sb: Sandbox): Map<string, NetworkInterfaceRecord> {
  return table<NetworkInterfaceRecord>(sb.tables, 'networkInterfaces');
}

export interface NewNetworkInterface {
  subnet: SubnetRecord;
  securityGroupIds: string[];
  description: string;
  requesterId?: string;
  requesterManaged?: boolean;
  /** Whether it gets a public address from Amazon's pool (shown in its association). */
  publicIp?: boolean;
}

/** Creates an unattached (available) interface with a private address of its subnet. */
export function createNetworkInterface(sb: Sandbox, spec: NewNetworkInterface): NetworkInterfaceRecord {
  const { subnet } = spec;
  const networkInterfaceId = ec2Id(sb, 'eni');
  const privateIpAddress = allocatePrivateIp(sb, subnet, networkInterfaceId);
  const eni: NetworkInterfaceRecord = {
    networkInterfaceId,
    region: subnet.region,
    subnetId: subnet.subnetId,
    vpcId: subnet.vpcId,
    availabilityZone: subnet.availabilityZone,
    description: spec.description,
    interfaceType: 'interface',
    macAddress: macAddress(sb),
    privateIpAddress,
    privateDnsName: privateDnsName(subnet.region, privateIpAddress),
    securityGroupIds: [...spec.securityGroupIds],
    requesterId: spec.requesterId,
    requesterManaged: spec.requesterManaged ?? false,
    status: 'available',
    tags: [],
  };
  if (spec.publicIp) {
    eni.publicIp = publicIpv4(sb);
    if (sb.tables.vpcs.get(subnet.vpcId)?.enableDnsHostnames) eni.publicDnsName = publicDnsName(subnet.region, eni.publicIp);
  }
  networkInterfaces(sb).set(networkInterfaceId, eni);
  return eni;
}

/** The lowest device index free on an instance: 0 is its primary interface. */
function nextDeviceIndex(sb: Sandbox, instanceId: string): number {
  const used = new Set<number>([0]);
  for (const eni of networkInterfaces(sb).values()) if (eni.attachment?.instanceId === instanceId) used.add(eni.attachment.deviceIndex);
  let index = 1;
  while (used.has(index)) index++;
  return index;
}

/** Attaches an interface to an instance of the account, or to a host of AWS's (no instance id). */
export function attachNetworkInterface(sb: Sandbox, networkInterfaceId: string, host: { instanceId?: string; instanceOwnerId: string }): void {
  const eni = networkInterfaces(sb).get(networkInterfaceId);
  if (!eni || eni.attachment) return;
  eni.attachment = {
    attachmentId: `eni-attach-${sb.random.hex(17)}`,
    instanceId: host.instanceId,
    instanceOwnerId: host.instanceOwnerId,
    deviceIndex: host.instanceId ? nextDeviceIndex(sb, host.instanceId) : 1,
    attachTime: sb.now(),
    deleteOnTermination: false,
  };
  eni.status = 'in-use';
}

/** Deletes an interface (detaching it first) and frees its private address. */
export function deleteNetworkInterface(sb: Sandbox, networkInterfaceId: string): void {
  const eni = networkInterfaces(sb).get(networkInterfaceId);
  if (!eni) return;
  releasePrivateIp(sb, eni.subnetId, eni.privateIpAddress);
  networkInterfaces(sb).delete(networkInterfaceId);
}

/** The interfaces that use a security group, for DeleteSecurityGroup's dependency check. */
export function interfacesUsingGroup(sb: Sandbox, groupId: string): NetworkInterfaceRecord[] {
  return [...networkInterfaces(sb).values()].filter((eni) => eni.securityGroupIds.includes(groupId));
}

/** An instance's primary interface (device 0), as DescribeNetworkInterfaces lists it while the instance has one. */
export function primaryInterfaceOf(instance: Ec2InstanceRecord): NetworkInterfaceRecord | undefined {
  if (instance.state.name === 'terminated') return undefined;
  return {
    networkInterfaceId: instance.networkInterfaceId,
    region: instance.region,
    subnetId: instance.subnetId,
    vpcId: instance.vpcId,
    availabilityZone: instance.availabilityZone,
    description: '',
    interfaceType: 'interface',
    macAddress: instance.macAddress,
    privateIpAddress: instance.privateIpAddress,
    privateDnsName: instance.privateDnsName,
    publicIp: shownPublicAddress(instance).ip,
    publicDnsName: shownPublicAddress(instance).dnsName,
    securityGroupIds: instance.securityGroupIds,
    requesterManaged: false,
    status: 'in-use',
    attachment: {
      attachmentId: `eni-attach-${instance.networkInterfaceId.slice(4)}`,
      instanceId: instance.instanceId,
      instanceOwnerId: ACCOUNT_ID,
      deviceIndex: 0,
      attachTime: instance.launchTime,
      deleteOnTermination: true,
    },
    tags: [],
  };
}
