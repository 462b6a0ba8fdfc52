import { ACCOUNT_ID } from '../arn.js';
import { ApiError } from '../errors.js';
import type { NetworkInterfaceRecord } from '../model.js';
import type { Operation, Sandbox } from '../sandbox.js';
import { zoneId } from './availability-zones.js';
import { renderTags } from './ec2-render.js';
import { filterRecords } from './filters.js';
import { isoTime } from './ids.js';
import { networkInterfaces, primaryInterfaceOf } from './network-interfaces.js';
import { checkId, ec2Page, stringList } from './params.js';

/** DescribeNetworkInterfaces: the interfaces made for tasks, and every live instance's primary one. */

function renderAssociation(eni: NetworkInterfaceRecord) {
  return eni.publicIp ? { ipOwnerId: 'amazon', publicDnsName: eni.publicDnsName ?? '', publicIp: eni.publicIp } : undefined;
}

export function renderNetworkInterface(sb: Sandbox, eni: NetworkInterfaceRecord) {
  const association = renderAssociation(eni);
  const attachment = eni.attachment;
  return {
    association,
    attachment: attachment && {
      attachTime: isoTime(attachment.attachTime),
      attachmentId: attachment.attachmentId,
      deleteOnTermination: attachment.deleteOnTermination,
      deviceIndex: attachment.deviceIndex,
      networkCardIndex: 0,
      instanceId: attachment.instanceId,
      instanceOwnerId: attachment.instanceOwnerId,
      status: 'attached',
    },
    availabilityZone: eni.availabilityZone,
    availabilityZoneId: zoneId(eni.availabilityZone),
    description: eni.description,
    groupSet: eni.securityGroupIds.map((groupId) => ({ groupId, groupName: sb.tables.securityGroups.get(groupId)?.groupName })),
    interfaceType: eni.interfaceType,
    ipv6AddressesSet: [],
    macAddress: eni.macAddress,
    networkInterfaceId: eni.networkInterfaceId,
    ownerId: ACCOUNT_ID,
    privateDnsName: eni.privateDnsName,
    privateIpAddress: eni.privateIpAddress,
    privateIpAddressesSet: [{ association, primary: true, privateDnsName: eni.privateDnsName, privateIpAddress: eni.privateIpAddress }],
    ipv4PrefixSet: [],
    ipv6PrefixSet: [],
    requesterId: eni.requesterId,
    requesterManaged: eni.requesterManaged,
    sourceDestCheck: true,
    status: eni.status,
    subnetId: eni.subnetId,
    tagSet: renderTags(eni.tags),
    vpcId: eni.vpcId,
  };
}

/** Every interface of the region, instances' primary ones first (in launch order), then tasks'. */
function interfacesIn(sb: Sandbox, region: string): NetworkInterfaceRecord[] {
  const out: NetworkInterfaceRecord[] = [];
  for (const instance of sb.tables.ec2Instances.values()) {
    if (instance.region !== region) continue;
    const primary = primaryInterfaceOf(instance);
    if (primary) out.push(primary);
  }
  for (const eni of networkInterfaces(sb).values()) if (eni.region === region) out.push(eni);
  return out;
}

function notFound(ids: string[]): ApiError {
  return ids.length === 1
    ? new ApiError('InvalidNetworkInterfaceID.NotFound', `The networkInterface ID '${ids[0]}' does not exist`)
    : new ApiError('InvalidNetworkInterfaceID.NotFound', `The networkInterface IDs '${ids.join(', ')}' do not exist`);
}

export const DescribeNetworkInterfaces: Operation = (sb, params, ctx) => {
  const ids = stringList(params, 'NetworkInterfaceId');
  for (const id of ids) checkId(id, 'eni', 'InvalidNetworkInterfaceID.Malformed');
  const all = interfacesIn(sb, ctx.region);
  const missing = ids.filter((id) => !all.some((eni) => eni.networkInterfaceId === id));
  if (missing.length > 0) throw notFound(missing);
  const named = ids.length === 0 ? all : all.filter((eni) => ids.includes(eni.networkInterfaceId));
  const matching = filterRecords(named, params, {
    'network-interface-id': (e) => e.networkInterfaceId,
    'subnet-id': (e) => e.subnetId,
    'vpc-id': (e) => e.vpcId,
    'availability-zone': (e) => e.availabilityZone,
    status: (e) => e.status,
    description: (e) => e.description,
    'interface-type': (e) => e.interfaceType,
    'mac-address': (e) => e.macAddress,
    'private-ip-address': (e) => e.privateIpAddress,
    'addresses.private-ip-address': (e) => e.privateIpAddress,
    'private-dns-name': (e) => e.privateDnsName,
    'association.public-ip': (e) => e.publicIp,
    'group-id': (e) => e.securityGroupIds,
    'group-name': (e) => e.securityGroupIds.map((id) => sb.tables.securityGroups.get(id)?.groupName),
    'requester-id': (e) => e.requesterId,
    'requester-managed': (e) => e.requesterManaged,
    'owner-id': () => ACCOUNT_ID,
    'attachment.instance-id': (e) => e.attachment?.instanceId,
    'attachment.instance-owner-id': (e) => e.attachment?.instanceOwnerId,
    'attachment.attachment-id': (e) => e.attachment?.attachmentId,
    'attachment.device-index': (e) => e.attachment?.deviceIndex,
    'attachment.status': (e) => (e.attachment ? 'attached' : undefined),
    'attachment.delete-on-termination': (e) => e.attachment?.deleteOnTermination,
    'source-dest-check': () => true,
  });
  const { page, nextToken } = ec2Page(matching, params, { min: 5, max: 1000 });
  return { networkInterfaceSet: page.map((eni) => renderNetworkInterface(sb, eni)), nextToken };
};
