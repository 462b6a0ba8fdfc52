import {
  AttachInternetGatewayCommand,
  AuthorizeSecurityGroupIngressCommand,
  CreateInternetGatewayCommand,
  CreateRouteCommand,
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  DescribeAvailabilityZonesCommand,
  DescribeRouteTablesCommand,
  type ResourceType,
  type Tag,
} from '@aws-sdk/client-ec2';
import type { Backend } from '../../api/index.js';
import { SETUP_TAG } from './cluster-setup.js';
import { EcsCliError } from './errors.js';

/**
 * The network ecs-cli's template makes: a VPC 10.0.0.0/16, an internet gateway, a subnet
 * (10.0.0.0/24, 10.0.1.0/24) in each of two zones and the "ECS Allowed Ports" security group
 * open on one port; each line printed as ecs-cli prints it. Everything is tagged so that
 * `down` deletes exactly this (network-teardown.ts).
 */

export interface NetworkOptions {
  cluster: string;
  azs?: string[];
  port: number;
  cidr: string;
  /** The user's --tags, in EC2's form. */
  tags: Tag[];
}

export interface Network {
  vpcId: string;
  subnetIds: string[];
  securityGroupIds: string[];
}

export async function createNetwork(backend: Backend, options: NetworkOptions, print: (line: string) => void): Promise<Network> {
  const { ec2 } = backend;
  const zones = options.azs ?? (await firstTwoZones(backend));
  const tagsFor = (type: ResourceType, name: string) => [
    { ResourceType: type, Tags: [{ Key: SETUP_TAG, Value: options.cluster }, { Key: 'Name', Value: `ECS ${options.cluster} - ${name}` }, ...options.tags] },
  ];
  const vpc = await ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16', TagSpecifications: tagsFor('vpc', 'VPC') }));
  const vpcId = vpc.Vpc!.VpcId!;
  print(`VPC created: ${vpcId}`);
  const gateway = await ec2.send(new CreateInternetGatewayCommand({ TagSpecifications: tagsFor('internet-gateway', 'Internet Gateway') }));
  const gatewayId = gateway.InternetGateway!.InternetGatewayId!;
  await ec2.send(new AttachInternetGatewayCommand({ InternetGatewayId: gatewayId, VpcId: vpcId }));
  if (backend.kind === 'aws') await routeToInternet(backend, vpcId, gatewayId);
  const groupId = await createSecurityGroup(backend, vpcId, options, tagsFor('security-group', 'ECS Allowed Ports'));
  print(`Security Group created: ${groupId}`);
  const subnetIds: string[] = [];
  for (const [index, zone] of zones.entries()) {
    const subnet = await ec2.send(
      new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: `10.0.${index}.0/24`, AvailabilityZone: zone, TagSpecifications: tagsFor('subnet', `Public Subnet ${index + 1}`) }),
    );
    subnetIds.push(subnet.Subnet!.SubnetId!);
    print(`Subnet created: ${subnet.Subnet!.SubnetId}`);
  }
  return { vpcId, subnetIds, securityGroupIds: [groupId] };
}

/** The security group alone, in a VPC the user gave (`--vpc` without `--security-group`). */
export async function createSecurityGroup(backend: Backend, vpcId: string, options: NetworkOptions, tagSpecifications?: Array<{ ResourceType: ResourceType; Tags: Tag[] }>): Promise<string> {
  const group = await backend.ec2.send(
    new CreateSecurityGroupCommand({
      GroupName: `ecsh-${options.cluster}-ecs-allowed-ports`,
      Description: 'ECS Allowed Ports',
      VpcId: vpcId,
      TagSpecifications: tagSpecifications ?? [{ ResourceType: 'security-group', Tags: [{ Key: SETUP_TAG, Value: options.cluster }, ...options.tags] }],
    }),
  );
  const groupId = group.GroupId!;
  await backend.ec2.send(
    new AuthorizeSecurityGroupIngressCommand({
      GroupId: groupId,
      IpPermissions: [{ IpProtocol: 'tcp', FromPort: options.port, ToPort: options.port, IpRanges: [{ CidrIp: options.cidr }] }],
    }),
  );
  return groupId;
}

async function firstTwoZones(backend: Backend): Promise<string[]> {
  const { AvailabilityZones = [] } = await backend.ec2.send(new DescribeAvailabilityZonesCommand({ Filters: [{ Name: 'state', Values: ['available'] }] }));
  const zones = AvailabilityZones.map((z) => z.ZoneName!).sort();
  if (zones.length < 2) throw new EcsCliError(`${backend.region} offers fewer than two availability zones: pass --vpc and --subnets`);
  return zones.slice(0, 2);
}

/**
 * On AWS the instances reach ECS through the internet gateway, which needs a default route in
 * the VPC's main route table (deleted with the VPC). The sandbox has no route tables: its
 * instances reach its endpoint anyway.
 */
async function routeToInternet(backend: Backend, vpcId: string, gatewayId: string): Promise<void> {
  const { RouteTables = [] } = await backend.ec2.send(
    new DescribeRouteTablesCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }, { Name: 'association.main', Values: ['true'] }] }),
  );
  const main = RouteTables[0]?.RouteTableId;
  if (!main) throw new EcsCliError(`VPC ${vpcId} has no main route table`);
  await backend.ec2.send(new CreateRouteCommand({ RouteTableId: main, DestinationCidrBlock: '0.0.0.0/0', GatewayId: gatewayId }));
}
