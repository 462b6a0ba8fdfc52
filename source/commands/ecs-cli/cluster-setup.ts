import {
  DescribeInstancesCommand,
  DescribeInternetGatewaysCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeVpcsCommand,
  type Filter,
  type Instance,
} from '@aws-sdk/client-ec2';
import { ListTagsForResourceCommand, TagResourceCommand, type Tag } from '@aws-sdk/client-ecs';
import type { Backend } from '../../api/index.js';

/**
 * What `up` makes for a cluster is tagged `ecsh:cluster=CLUSTER` (instances, VPC, subnets,
 * security group, internet gateway), so that `scale` and `down` find exactly that and nothing
 * of the user's. How to launch more instances is kept as tags on the ECS cluster itself, as a
 * CloudFormation stack keeps its parameters.
 */
export const SETUP_TAG = 'ecsh:cluster';

export interface LaunchSpec {
  imageId: string;
  instanceType: string;
  subnetIds: string[];
  securityGroupIds: string[];
  keypair?: string;
  instanceProfile?: string;
  publicIp: boolean;
  imdsv2: boolean;
  /** The IAM role `up --capability-iam` made on AWS, which `down` deletes. */
  createdRole?: string;
  /** The user's `--tags`, given to every instance. */
  userTags: Tag[];
}

export interface Setup {
  /** Every one not yet terminated (shutting-down ones included: what uses the network until it is gone). */
  instances: Instance[];
  vpcIds: string[];
  subnetIds: string[];
  securityGroupIds: string[];
  internetGateways: Array<{ id: string; vpcIds: string[] }>;
}

const SPEC_TAGS: Record<Exclude<keyof LaunchSpec, 'userTags'>, string> = {
  imageId: 'ecsh:image-id',
  instanceType: 'ecsh:instance-type',
  subnetIds: 'ecsh:subnets',
  securityGroupIds: 'ecsh:security-groups',
  keypair: 'ecsh:keypair',
  instanceProfile: 'ecsh:instance-profile',
  publicIp: 'ecsh:public-ip',
  imdsv2: 'ecsh:imdsv2',
  createdRole: 'ecsh:created-role',
};

export async function saveLaunchSpec(backend: Backend, clusterArn: string, spec: LaunchSpec): Promise<void> {
  const tags: Tag[] = [...spec.userTags];
  for (const [field, key] of Object.entries(SPEC_TAGS)) {
    const value = spec[field as keyof typeof SPEC_TAGS];
    if (value === undefined) continue;
    tags.push({ key, value: Array.isArray(value) ? value.join(',') : String(value) });
  }
  await backend.ecs.send(new TagResourceCommand({ resourceArn: clusterArn, tags }));
}

/** The launch settings `up` left on the cluster, or undefined when `up` did not set the cluster up. */
export async function readLaunchSpec(backend: Backend, clusterArn: string): Promise<LaunchSpec | undefined> {
  const { tags = [] } = await backend.ecs.send(new ListTagsForResourceCommand({ resourceArn: clusterArn }));
  const value = (field: keyof typeof SPEC_TAGS) => tags.find((t) => t.key === SPEC_TAGS[field])?.value;
  const imageId = value('imageId');
  const instanceType = value('instanceType');
  if (!imageId || !instanceType) return undefined;
  const list = (field: keyof typeof SPEC_TAGS) => (value(field) ?? '').split(',').filter((item) => item !== '');
  return {
    imageId,
    instanceType,
    subnetIds: list('subnetIds'),
    securityGroupIds: list('securityGroupIds'),
    keypair: value('keypair'),
    instanceProfile: value('instanceProfile'),
    publicIp: value('publicIp') !== 'false',
    imdsv2: value('imdsv2') === 'true',
    createdRole: value('createdRole'),
    userTags: tags.filter((t) => !t.key?.startsWith('ecsh:') && !t.key?.startsWith('aws:')),
  };
}

function tagged(cluster: string): Filter[] {
  return [{ Name: `tag:${SETUP_TAG}`, Values: [cluster] }];
}

export async function findSetup(backend: Backend, cluster: string): Promise<Setup> {
  const { ec2 } = backend;
  const instances: Instance[] = [];
  let token: string | undefined;
  do {
    const page = await ec2.send(
      new DescribeInstancesCommand({
        Filters: [...tagged(cluster), { Name: 'instance-state-name', Values: ['pending', 'running', 'shutting-down', 'stopping', 'stopped'] }],
        NextToken: token,
      }),
    );
    for (const reservation of page.Reservations ?? []) instances.push(...(reservation.Instances ?? []));
    token = page.NextToken;
  } while (token);
  const [vpcs, subnets, groups, gateways] = await Promise.all([
    ec2.send(new DescribeVpcsCommand({ Filters: tagged(cluster) })),
    ec2.send(new DescribeSubnetsCommand({ Filters: tagged(cluster) })),
    ec2.send(new DescribeSecurityGroupsCommand({ Filters: tagged(cluster) })),
    ec2.send(new DescribeInternetGatewaysCommand({ Filters: tagged(cluster) })),
  ]);
  return {
    instances,
    vpcIds: (vpcs.Vpcs ?? []).map((v) => v.VpcId!),
    subnetIds: (subnets.Subnets ?? []).map((s) => s.SubnetId!),
    securityGroupIds: (groups.SecurityGroups ?? []).map((g) => g.GroupId!),
    internetGateways: (gateways.InternetGateways ?? []).map((g) => ({ id: g.InternetGatewayId!, vpcIds: (g.Attachments ?? []).map((a) => a.VpcId!) })),
  };
}

export function isEmptySetup(setup: Setup): boolean {
  return setup.instances.length === 0 && setup.vpcIds.length === 0 && setup.subnetIds.length === 0 && setup.securityGroupIds.length === 0 && setup.internetGateways.length === 0;
}

/** "vpc-1, 2 subnets, 3 instances": what a set-up holds, for messages. */
export function describeSetup(setup: Setup): string {
  const parts = [...setup.vpcIds];
  const count = (n: number, what: string) => (n > 0 ? [`${n} ${what}${n === 1 ? '' : 's'}`] : []);
  parts.push(...count(setup.subnetIds.length, 'subnet'), ...count(setup.securityGroupIds.length, 'security group'), ...count(setup.instances.length, 'instance'));
  return parts.join(', ');
}
