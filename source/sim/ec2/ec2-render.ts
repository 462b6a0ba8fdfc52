import { ACCOUNT_ID } from '../arn.js';
import type {
  Ec2InstanceRecord,
  InternetGatewayRecord,
  SecurityGroupRecord,
  SecurityGroupRule,
  SubnetRecord,
  Tag,
  VpcRecord,
} from '../model.js';
import type { Sandbox } from '../sandbox.js';
import { zoneId } from './availability-zones.js';
import { parseCidr, size } from './cidr.js';
import { isoTime } from './ids.js';
import { shownPublicAddress } from './instance-addresses.js';
import { instanceTypeSpec } from './instance-types.js';

/**
 * Records as EC2's XML shows them. The keys are the XML element names the SDKs read
 * (`instanceState`, `groupSet`, `tagSet`, `dnsName` ...), not the API's member names.
 */

export function renderTags(tags: Tag[]) {
  return tags.map((t) => ({ key: t.key, value: t.value }));
}

export function ec2Arn(region: string, resource: string): string {
  return `arn:aws:ec2:${region}:${ACCOUNT_ID}:${resource}`;
}

export function renderVpc(vpc: VpcRecord, state: VpcRecord['state'] = vpc.state) {
  return {
    vpcId: vpc.vpcId,
    ownerId: ACCOUNT_ID,
    state,
    cidrBlock: vpc.cidrBlock,
    cidrBlockAssociationSet: [
      { associationId: vpc.cidrBlockAssociationId, cidrBlock: vpc.cidrBlock, cidrBlockState: { state: 'associated' } },
    ],
    ipv6CidrBlockAssociationSet: [],
    dhcpOptionsId: vpc.dhcpOptionsId,
    instanceTenancy: vpc.instanceTenancy,
    isDefault: vpc.isDefault,
    blockPublicAccessStates: { internetGatewayBlockMode: 'off' },
    tagSet: renderTags(vpc.tags),
  };
}

/** AWS keeps the first four addresses and the last one of every subnet. */
export function availableAddresses(subnet: SubnetRecord): number {
  return size(parseCidr(subnet.cidrBlock)!) - 5 - Object.keys(subnet._allocated).length;
}

export function renderSubnet(subnet: SubnetRecord) {
  return {
    subnetId: subnet.subnetId,
    subnetArn: ec2Arn(subnet.region, `subnet/${subnet.subnetId}`),
    state: 'available',
    vpcId: subnet.vpcId,
    cidrBlock: subnet.cidrBlock,
    availableIpAddressCount: availableAddresses(subnet),
    availabilityZone: subnet.availabilityZone,
    availabilityZoneId: zoneId(subnet.availabilityZone),
    defaultForAz: subnet.defaultForAz,
    mapPublicIpOnLaunch: subnet.mapPublicIpOnLaunch,
    mapCustomerOwnedIpOnLaunch: false,
    assignIpv6AddressOnCreation: false,
    ipv6CidrBlockAssociationSet: [],
    ownerId: ACCOUNT_ID,
    enableDns64: false,
    ipv6Native: false,
    privateDnsNameOptionsOnLaunch: {
      hostnameType: 'ip-name',
      enableResourceNameDnsARecord: false,
      enableResourceNameDnsAAAARecord: false,
    },
    blockPublicAccessStates: { internetGatewayBlockMode: 'off' },
    tagSet: renderTags(subnet.tags),
  };
}

export function renderPermission(rule: SecurityGroupRule) {
  const ports = rule.ipProtocol !== '-1';
  return {
    ipProtocol: rule.ipProtocol,
    fromPort: ports ? rule.fromPort : undefined,
    toPort: ports ? rule.toPort : undefined,
    groups: rule.userIdGroupPairs.map((p) => ({ userId: p.userId, groupId: p.groupId, description: p.description })),
    ipRanges: rule.ipRanges.map((r) => ({ cidrIp: r.cidrIp, description: r.description })),
    ipv6Ranges: rule.ipv6Ranges.map((r) => ({ cidrIpv6: r.cidrIpv6, description: r.description })),
    prefixListIds: [],
  };
}

export function renderSecurityGroup(group: SecurityGroupRecord) {
  return {
    ownerId: ACCOUNT_ID,
    groupName: group.groupName,
    groupId: group.groupId,
    groupDescription: group.description,
    securityGroupArn: ec2Arn(group.region, `security-group/${group.groupId}`),
    vpcId: group.vpcId,
    ipPermissions: group.ipPermissions.map(renderPermission),
    ipPermissionsEgress: group.ipPermissionsEgress.map(renderPermission),
    tagSet: renderTags(group.tags),
  };
}

export function renderInternetGateway(gateway: InternetGatewayRecord) {
  return {
    internetGatewayId: gateway.internetGatewayId,
    ownerId: ACCOUNT_ID,
    attachmentSet: gateway.attachments.map((a) => ({ vpcId: a.vpcId, state: a.state })),
    tagSet: renderTags(gateway.tags),
  };
}

export function renderInstanceState(state: Ec2InstanceRecord['state']) {
  return { code: state.code, name: state.name };
}

function groupSet(sb: Sandbox, instance: Ec2InstanceRecord) {
  return instance.securityGroupIds.map((groupId) => ({
    groupId,
    groupName: sb.tables.securityGroups.get(groupId)?.groupName,
  }));
}

function networkInterface(sb: Sandbox, instance: Ec2InstanceRecord) {
  const shown = shownPublicAddress(instance);
  const association = shown.ip ? { ipOwnerId: 'amazon', publicDnsName: shown.dnsName ?? '', publicIp: shown.ip } : undefined;
  return {
    networkInterfaceId: instance.networkInterfaceId,
    subnetId: instance.subnetId,
    vpcId: instance.vpcId,
    description: '',
    ownerId: ACCOUNT_ID,
    status: 'in-use',
    macAddress: instance.macAddress,
    privateIpAddress: instance.privateIpAddress,
    privateDnsName: instance.privateDnsName,
    sourceDestCheck: true,
    groupSet: groupSet(sb, instance),
    attachment: {
      attachmentId: `eni-attach-${instance.networkInterfaceId.slice(4)}`,
      deviceIndex: 0,
      networkCardIndex: 0,
      status: 'attached',
      attachTime: isoTime(instance.launchTime),
      deleteOnTermination: true,
    },
    association,
    privateIpAddressesSet: [
      { privateIpAddress: instance.privateIpAddress, privateDnsName: instance.privateDnsName, primary: true, association },
    ],
    ipv6AddressesSet: [],
    interfaceType: 'interface',
  };
}

export function renderInstance(sb: Sandbox, instance: Ec2InstanceRecord) {
  const spec = instanceTypeSpec(instance.instanceType);
  // A terminated instance has let go of its network interface, addresses and volumes.
  const attached = instance.state.name !== 'terminated';
  const threads = spec?.threadsPerCore ?? 2;
  return {
    instanceId: instance.instanceId,
    imageId: instance.imageId,
    instanceState: renderInstanceState(instance.state),
    privateDnsName: attached ? instance.privateDnsName : '',
    dnsName: shownPublicAddress(instance).dnsName ?? '',
    reason: instance.stateTransitionReason,
    keyName: instance.keyName,
    amiLaunchIndex: instance.amiLaunchIndex,
    productCodes: [],
    instanceType: instance.instanceType,
    launchTime: isoTime(instance.launchTime),
    placement: {
      availabilityZone: instance.availabilityZone,
      availabilityZoneId: zoneId(instance.availabilityZone),
      groupName: '',
      tenancy: 'default',
    },
    monitoring: { state: 'disabled' },
    subnetId: attached ? instance.subnetId : undefined,
    vpcId: attached ? instance.vpcId : undefined,
    privateIpAddress: attached ? instance.privateIpAddress : undefined,
    ipAddress: shownPublicAddress(instance).ip,
    sourceDestCheck: attached ? true : undefined,
    groupSet: attached ? groupSet(sb, instance) : [],
    stateReason: instance.stateReason,
    architecture: instance.architecture,
    rootDeviceType: 'ebs',
    rootDeviceName: '/dev/xvda',
    blockDeviceMapping: attached
      ? [
          {
            deviceName: '/dev/xvda',
            ebs: { volumeId: instance.rootVolumeId, status: 'attached', attachTime: isoTime(instance.launchTime), deleteOnTermination: true },
          },
        ]
      : [],
    virtualizationType: 'hvm',
    clientToken: instance.clientToken ?? '',
    tagSet: renderTags(instance.tags),
    hypervisor: 'xen',
    networkInterfaceSet: attached ? [networkInterface(sb, instance)] : [],
    iamInstanceProfile: instance.iamInstanceProfile,
    ebsOptimized: false,
    enaSupport: true,
    cpuOptions: { coreCount: Math.max(1, (spec?.vcpus ?? 2) / threads), threadsPerCore: threads },
    capacityReservationSpecification: { capacityReservationPreference: 'open' },
    hibernationOptions: { configured: false },
    metadataOptions: {
      state: 'applied',
      httpTokens: 'required',
      httpPutResponseHopLimit: 2,
      httpEndpoint: 'enabled',
      httpProtocolIpv6: 'disabled',
      instanceMetadataTags: 'disabled',
    },
    enclaveOptions: { enabled: false },
    bootMode: 'uefi-preferred',
    platformDetails: 'Linux/UNIX',
    usageOperation: 'RunInstances',
    usageOperationUpdateTime: isoTime(instance.launchTime),
    privateDnsNameOptions: { hostnameType: 'ip-name', enableResourceNameDnsARecord: false, enableResourceNameDnsAAAARecord: false },
    maintenanceOptions: { autoRecovery: 'default' },
    currentInstanceBootMode: 'uefi',
  };
}

/** Instances grouped by reservation, in the order given, as DescribeInstances and RunInstances show them. */
export function renderReservations(sb: Sandbox, instances: Ec2InstanceRecord[]) {
  const byReservation = new Map<string, Ec2InstanceRecord[]>();
  for (const instance of instances) {
    const list = byReservation.get(instance.reservationId) ?? [];
    list.push(instance);
    byReservation.set(instance.reservationId, list);
  }
  return [...byReservation].map(([reservationId, members]) => renderReservation(sb, reservationId, members));
}

export function renderReservation(sb: Sandbox, reservationId: string, instances: Ec2InstanceRecord[]) {
  return {
    reservationId,
    ownerId: ACCOUNT_ID,
    groupSet: [],
    instancesSet: instances.map((i) => renderInstance(sb, i)),
  };
}
