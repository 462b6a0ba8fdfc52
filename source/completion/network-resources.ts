// What awsvpc and Fargate parameters name: subnets, security groups and capacity providers,
// listed with a line each for the menu (a subnet's zone and CIDR, a group's name, what a
// capacity provider is), so that picking `subnet-0a1b...` does not mean looking it up first.
import { DescribeCapacityProvidersCommand, type CapacityProvider, type ECSClient } from '@aws-sdk/client-ecs';
import { paginateDescribeSecurityGroups, paginateDescribeSubnets, type EC2Client, type SecurityGroup, type Subnet } from '@aws-sdk/client-ec2';
import { withDocs } from './resource-docs.js';

/** The capacity providers every account has, whether or not DescribeCapacityProviders lists them. */
const FARGATE_PROVIDERS: readonly { name: string; doc: string }[] = [
  { name: 'FARGATE', doc: 'AWS Fargate: tasks run without instances to manage' },
  { name: 'FARGATE_SPOT', doc: 'Fargate Spot: spare capacity at a discount; tasks may be interrupted' },
];

/** Subnet ids, the default subnets (one per zone) first: `us-east-1a 172.31.0.0/20 default (vpc-...)`. */
export async function subnetIds(ec2: EC2Client, max: number): Promise<string[]> {
  const subnets: Subnet[] = [];
  for await (const page of paginateDescribeSubnets({ client: ec2, pageSize: 1000 }, {})) {
    subnets.push(...(page.Subnets ?? []));
    if (subnets.length >= max) break;
  }
  const listed = subnets.filter((subnet) => subnet.SubnetId).slice(0, max);
  listed.sort((a, b) => Number(b.DefaultForAz === true) - Number(a.DefaultForAz === true) || (a.AvailabilityZone ?? '').localeCompare(b.AvailabilityZone ?? ''));
  return withDocs(
    listed.map((subnet) => subnet.SubnetId!),
    new Map(listed.map((subnet) => [subnet.SubnetId!, subnetDoc(subnet)])),
  );
}

/** Security group ids with their names: `default (vpc-...): default VPC security group`. */
export async function securityGroupIds(ec2: EC2Client, max: number): Promise<string[]> {
  const groups: SecurityGroup[] = [];
  for await (const page of paginateDescribeSecurityGroups({ client: ec2, pageSize: 1000 }, {})) {
    groups.push(...(page.SecurityGroups ?? []));
    if (groups.length >= max) break;
  }
  const listed = groups.filter((group) => group.GroupId).slice(0, max);
  return withDocs(
    listed.map((group) => group.GroupId!),
    new Map(listed.map((group) => [group.GroupId!, securityGroupDoc(group)])),
  );
}

/** FARGATE and FARGATE_SPOT, then the account's own capacity providers (DescribeCapacityProviders has no SDK paginator). */
export async function capacityProviderNames(ecs: ECSClient, max: number): Promise<string[]> {
  const docs = new Map(FARGATE_PROVIDERS.map(({ name, doc }) => [name, doc]));
  let nextToken: string | undefined;
  do {
    const page = await ecs.send(new DescribeCapacityProvidersCommand({ nextToken }));
    for (const provider of page.capacityProviders ?? []) {
      if (provider.name && !docs.has(provider.name)) docs.set(provider.name, capacityProviderDoc(provider));
    }
    nextToken = page.nextToken;
  } while (nextToken && docs.size < max);
  return withDocs([...docs.keys()].slice(0, max), docs);
}

function subnetDoc(subnet: Subnet): string {
  const name = subnet.Tags?.find((tag) => tag.Key === 'Name')?.Value;
  const where = [subnet.AvailabilityZone, subnet.CidrBlock].filter(Boolean).join(' ');
  const what = [subnet.DefaultForAz ? 'default' : undefined, name].filter(Boolean).join(', ');
  return `${where}${what ? ` ${what}` : ''}${subnet.VpcId ? ` (${subnet.VpcId})` : ''}`;
}

function securityGroupDoc(group: SecurityGroup): string {
  const description = group.Description && group.Description !== group.GroupName ? `: ${group.Description}` : '';
  return `${group.GroupName ?? ''}${group.VpcId ? ` (${group.VpcId})` : ''}${description}`;
}

function capacityProviderDoc(provider: CapacityProvider): string {
  const group = provider.autoScalingGroupProvider?.autoScalingGroupArn;
  const status = provider.status && provider.status !== 'ACTIVE' ? ` (${provider.status})` : '';
  if (group) return `Auto Scaling group ${group.slice(group.lastIndexOf('/') + 1)}${status}`;
  if (provider.type === 'MANAGED_INSTANCES') return `ECS Managed Instances${status}`;
  return `${provider.type ?? 'capacity provider'}${status}`;
}
