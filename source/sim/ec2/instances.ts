import { ACCOUNT_ID } from '../arn.js';
import { ApiError } from '../errors.js';
import type { Ec2InstanceRecord } from '../model.js';
import type { Operation, RequestContext, Sandbox } from '../sandbox.js';
import { renderReservation, renderReservations } from './ec2-render.js';
import { tagSpecifications } from './ec2-tags.js';
import { filterRecords } from './filters.js';
import { ec2Id, isoTime, macAddress } from './ids.js';
import { requireImage } from './images.js';
import { assignPublicAddress, privateDnsName, shownPublicAddress } from './instance-addresses.js';
import { beginTransition } from './instance-boot.js';
import { namedInstances } from './instance-state.js';
import { instanceTypeSpec } from './instance-types.js';
import { requireKeyPairName } from './key-pairs.js';
import { launchNetwork } from './launch-network.js';
import { ec2Page, intParam, invalidValue, missingParameter, stringList, stringParam, structParam, type QueryObject } from './params.js';
import { allocatePrivateIp } from './subnets.js';
import { agentCluster, agentSettings, decodeUserData } from './user-data.js';

/** RunInstances and DescribeInstances. */

/** What RunInstances launches when no type is given, as EC2 documents. */
const DEFAULT_INSTANCE_TYPE = 'm1.small';

function instanceProfile(sb: Sandbox, params: QueryObject): Ec2InstanceRecord['iamInstanceProfile'] {
  const profile = structParam(params, 'IamInstanceProfile');
  if (!profile) return undefined;
  const arn = stringParam(profile, 'Arn');
  const name = stringParam(profile, 'Name');
  if (arn !== undefined && !/^arn:aws:iam::\d{12}:instance-profile\/[\w+=,.@/-]+$/.test(arn)) {
    throw invalidValue(`Value (${arn}) for parameter iamInstanceProfile.arn is invalid. Invalid IAM Instance Profile ARN`);
  }
  if (arn === undefined && !name) throw invalidValue('IamInstanceProfile needs an Arn or a Name.');
  const id = `AIPA${sb.random.hex(17).toUpperCase()}`;
  return { arn: arn ?? `arn:aws:iam::${ACCOUNT_ID}:instance-profile/${name}`, id };
}

function launchCounts(params: QueryObject): { min: number; max: number } {
  const min = intParam(params, 'MinCount');
  const max = intParam(params, 'MaxCount');
  if (min === undefined) throw missingParameter('MinCount');
  if (max === undefined) throw missingParameter('MaxCount');
  if (min < 1) throw invalidValue(`Value (${min}) for parameter minCount is invalid. Expected a positive integer.`);
  if (max < min) throw invalidValue(`Value (${max}) for parameter maxCount is invalid. MaxCount must be greater than or equal to MinCount.`);
  return { min, max };
}

export const RunInstances: Operation = (sb, params, ctx) => {
  const counts = launchCounts(params);
  const imageId = stringParam(params, 'ImageId');
  if (!imageId) {
    if (structParam(params, 'LaunchTemplate')) throw new ApiError('UnsupportedOperation', 'Launch templates are not supported by the ecsh sandbox; give an ImageId.');
    throw missingParameter('ImageId');
  }
  const typeName = stringParam(params, 'InstanceType') ?? DEFAULT_INSTANCE_TYPE;
  const spec = instanceTypeSpec(typeName);
  if (!spec) throw invalidValue(`Invalid value '${typeName}' for InstanceType.`);
  const image = requireImage(ctx.region, imageId);
  if (image.architecture !== spec.architecture) {
    throw invalidValue(
      `The architecture '${spec.architecture}' of the specified instance type does not match the architecture '${image.architecture}' of the specified AMI. Specify an instance type and an AMI that have matching architectures, and try again. You can use 'describe-instance-types' or 'describe-images' to discover the architecture of the instance type or AMI.`,
    );
  }
  const keyName = stringParam(params, 'KeyName');
  if (keyName !== undefined) requireKeyPairName(sb, ctx.region, keyName);
  const clientToken = stringParam(params, 'ClientToken');
  if (clientToken) {
    const earlier = [...sb.tables.ec2Instances.values()].filter((i) => i.region === ctx.region && i.clientToken === clientToken);
    if (earlier.length > 0) return renderReservation(sb, earlier[0]!.reservationId, earlier);
  }
  const encoded = stringParam(params, 'UserData');
  const userData = encoded ? decodeUserData(encoded) : '';
  const settings = agentSettings(userData);
  const tags = tagSpecifications(params, ['instance', 'volume', 'network-interface']).get('instance') ?? [];
  const network = launchNetwork(sb, ctx, params, counts);
  const iamInstanceProfile = instanceProfile(sb, params);

  const agentConfig = Object.fromEntries(Object.entries(settings).filter(([name]) => name !== 'ECS_CLUSTER'));
  const reservationId = ec2Id(sb, 'r');
  const subnet = network.subnet;
  const instances = Array.from({ length: network.count }, (_, index): Ec2InstanceRecord => {
    const instanceId = ec2Id(sb, 'i');
    let privateIp: string;
    if (index === 0 && network.privateIpAddress) {
      privateIp = network.privateIpAddress;
      subnet._allocated[privateIp] = instanceId;
    } else {
      privateIp = allocatePrivateIp(sb, subnet, instanceId);
    }
    const instance: Ec2InstanceRecord = {
      instanceId,
      region: ctx.region,
      imageId: image.imageId,
      instanceType: spec.name,
      architecture: spec.architecture,
      state: { code: 0, name: 'pending' },
      stateTransitionReason: '',
      stateReason: { code: 'pending', message: 'pending' },
      launchTime: sb.now(),
      availabilityZone: subnet.availabilityZone,
      privateIpAddress: privateIp,
      privateDnsName: privateDnsName(ctx.region, privateIp),
      _associatePublicIp: network.associatePublicIp ?? subnet.mapPublicIpOnLaunch,
      subnetId: subnet.subnetId,
      vpcId: subnet.vpcId,
      securityGroupIds: [...network.securityGroupIds],
      keyName,
      iamInstanceProfile: iamInstanceProfile && { ...iamInstanceProfile },
      userData: encoded,
      reservationId,
      amiLaunchIndex: index,
      clientToken,
      networkInterfaceId: ec2Id(sb, 'eni'),
      macAddress: macAddress(sb),
      rootVolumeId: ec2Id(sb, 'vol'),
      tags: tags.map((t) => ({ ...t })),
      _ecsCluster: agentCluster(settings, image.ecsOptimized),
      _agentConfig: Object.keys(agentConfig).length > 0 ? agentConfig : undefined,
    };
    sb.tables.ec2Instances.set(instanceId, instance);
    assignPublicAddress(sb, instance);
    beginTransition(sb, instance, 'pending');
    return instance;
  });
  return renderReservation(sb, reservationId, instances);
};

const INSTANCE_FILTERS = {
  'instance-id': (i: Ec2InstanceRecord) => i.instanceId,
  'instance-state-name': (i: Ec2InstanceRecord) => i.state.name,
  'instance-state-code': (i: Ec2InstanceRecord) => i.state.code,
  'instance-type': (i: Ec2InstanceRecord) => i.instanceType,
  'availability-zone': (i: Ec2InstanceRecord) => i.availabilityZone,
  'vpc-id': (i: Ec2InstanceRecord) => (i.state.name === 'terminated' ? undefined : i.vpcId),
  'subnet-id': (i: Ec2InstanceRecord) => (i.state.name === 'terminated' ? undefined : i.subnetId),
  'image-id': (i: Ec2InstanceRecord) => i.imageId,
  'key-name': (i: Ec2InstanceRecord) => i.keyName,
  'private-ip-address': (i: Ec2InstanceRecord) => (i.state.name === 'terminated' ? undefined : i.privateIpAddress),
  'private-dns-name': (i: Ec2InstanceRecord) => i.privateDnsName,
  'ip-address': (i: Ec2InstanceRecord) => shownPublicAddress(i).ip,
  'dns-name': (i: Ec2InstanceRecord) => shownPublicAddress(i).dnsName,
  'reservation-id': (i: Ec2InstanceRecord) => i.reservationId,
  'launch-index': (i: Ec2InstanceRecord) => i.amiLaunchIndex,
  'launch-time': (i: Ec2InstanceRecord) => isoTime(i.launchTime),
  architecture: (i: Ec2InstanceRecord) => i.architecture,
  'instance.group-id': (i: Ec2InstanceRecord) => i.securityGroupIds,
  'group-id': (i: Ec2InstanceRecord) => i.securityGroupIds,
  'iam-instance-profile.arn': (i: Ec2InstanceRecord) => i.iamInstanceProfile?.arn,
  'network-interface.network-interface-id': (i: Ec2InstanceRecord) => i.networkInterfaceId,
  'client-token': (i: Ec2InstanceRecord) => i.clientToken,
  'state-reason-code': (i: Ec2InstanceRecord) => i.stateReason?.code,
  'owner-id': () => ACCOUNT_ID,
  'root-device-type': () => 'ebs',
  'root-device-name': () => '/dev/xvda',
  tenancy: () => 'default',
  'virtualization-type': () => 'hvm',
};

function groupNames(sb: Sandbox, instance: Ec2InstanceRecord): string[] {
  return instance.securityGroupIds.map((id) => sb.tables.securityGroups.get(id)?.groupName ?? '');
}

export const DescribeInstances: Operation = (sb, params, ctx: RequestContext) => {
  const named = stringList(params, 'InstanceId').length > 0;
  if (named && intParam(params, 'MaxResults') !== undefined) {
    throw new ApiError('InvalidParameterCombination', 'The parameter instancesSet cannot be used with the parameter maxResults');
  }
  const instances = named
    ? namedInstances(sb, ctx, params)
    : [...sb.tables.ec2Instances.values()].filter((i) => i.region === ctx.region);
  const matching = filterRecords(instances, params, {
    ...INSTANCE_FILTERS,
    'instance.group-name': (i) => groupNames(sb, i),
    'group-name': (i) => groupNames(sb, i),
  });
  const { page, nextToken } = ec2Page(matching, params, { min: 5, max: 1000 });
  return { reservationSet: renderReservations(sb, page), nextToken };
};

export const instanceOperations = { RunInstances, DescribeInstances };
