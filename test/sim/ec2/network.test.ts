import {
  AttachInternetGatewayCommand,
  CreateInternetGatewayCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  DeleteInternetGatewayCommand,
  DeleteSubnetCommand,
  DeleteVpcCommand,
  DescribeInternetGatewaysCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeVpcsCommand,
  DetachInternetGatewayCommand,
  EC2Client,
  TerminateInstancesCommand,
} from '@aws-sdk/client-ec2';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { errorOf, startTestSandbox, TEST_CREDENTIALS, type TestSandbox } from '../../support/sandbox.js';
import { runInstances, SETTLE_MS } from './fixtures.js';

let t: TestSandbox;
beforeEach(async () => {
  t = await startTestSandbox();
});
afterEach(() => t.close());

async function defaultVpcId(): Promise<string> {
  const out = await t.ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'is-default', Values: ['true'] }] }));
  return out.Vpcs![0]!.VpcId!;
}

async function newVpc(cidr = '10.0.0.0/16'): Promise<string> {
  return (await t.ec2.send(new CreateVpcCommand({ CidrBlock: cidr }))).Vpc!.VpcId!;
}

describe('the default network', () => {
  it('is there from the start, as in a new account', async () => {
    const vpcs = (await t.ec2.send(new DescribeVpcsCommand({}))).Vpcs!;
    expect(vpcs).toHaveLength(1);
    expect(vpcs[0]).toMatchObject({ CidrBlock: '172.31.0.0/16', IsDefault: true, State: 'available', InstanceTenancy: 'default', OwnerId: '123456789012' });
    expect(vpcs[0]!.VpcId).toMatch(/^vpc-[0-9a-f]{17}$/);
    expect(vpcs[0]!.DhcpOptionsId).toMatch(/^dopt-/);

    const subnets = (await t.ec2.send(new DescribeSubnetsCommand({}))).Subnets!;
    expect(subnets.map((s) => [s.AvailabilityZone, s.CidrBlock]).sort()).toEqual([
      ['us-east-1a', '172.31.0.0/20'],
      ['us-east-1b', '172.31.16.0/20'],
      ['us-east-1c', '172.31.32.0/20'],
    ]);
    for (const subnet of subnets) {
      expect(subnet).toMatchObject({ DefaultForAz: true, MapPublicIpOnLaunch: true, VpcId: vpcs[0]!.VpcId, AvailableIpAddressCount: 4091 });
      expect(subnet.SubnetArn).toBe(`arn:aws:ec2:us-east-1:123456789012:subnet/${subnet.SubnetId}`);
    }

    const groups = (await t.ec2.send(new DescribeSecurityGroupsCommand({}))).SecurityGroups!;
    expect(groups).toHaveLength(1);
    expect(groups[0]).toMatchObject({ GroupName: 'default', Description: 'default VPC security group', VpcId: vpcs[0]!.VpcId });
    expect(groups[0]!.IpPermissions).toEqual([
      { IpProtocol: '-1', UserIdGroupPairs: [{ GroupId: groups[0]!.GroupId, UserId: '123456789012' }], IpRanges: [], Ipv6Ranges: [], PrefixListIds: [] },
    ]);

    const gateways = (await t.ec2.send(new DescribeInternetGatewaysCommand({}))).InternetGateways!;
    expect(gateways).toHaveLength(1);
    expect(gateways[0]!.Attachments).toEqual([{ VpcId: vpcs[0]!.VpcId, State: 'available' }]);
  });

  it('exists in every region, each its own', async () => {
    const eu = new EC2Client({ endpoint: t.running.url, region: 'eu-west-1', credentials: TEST_CREDENTIALS });
    try {
      const euVpc = (await eu.send(new DescribeVpcsCommand({}))).Vpcs!;
      const euSubnets = (await eu.send(new DescribeSubnetsCommand({}))).Subnets!;
      expect(euVpc).toHaveLength(1);
      expect(euVpc[0]!.VpcId).not.toBe(await defaultVpcId());
      expect(euSubnets.map((s) => s.AvailabilityZone).sort()).toEqual(['eu-west-1a', 'eu-west-1b', 'eu-west-1c']);
    } finally {
      eu.destroy();
    }
    expect((await t.ec2.send(new DescribeVpcsCommand({}))).Vpcs).toHaveLength(1);
  });

  it('does not come back once deleted', async () => {
    const vpcId = await defaultVpcId();
    const gatewayId = (await t.ec2.send(new DescribeInternetGatewaysCommand({}))).InternetGateways![0]!.InternetGatewayId!;
    await t.ec2.send(new DetachInternetGatewayCommand({ InternetGatewayId: gatewayId, VpcId: vpcId }));
    for (const subnet of (await t.ec2.send(new DescribeSubnetsCommand({}))).Subnets!) {
      await t.ec2.send(new DeleteSubnetCommand({ SubnetId: subnet.SubnetId }));
    }
    await t.ec2.send(new DeleteVpcCommand({ VpcId: vpcId }));
    expect((await t.ec2.send(new DescribeVpcsCommand({}))).Vpcs).toEqual([]);
    expect((await t.ec2.send(new DescribeSecurityGroupsCommand({}))).SecurityGroups).toEqual([]);
    const error = await errorOf(runInstances(t));
    expect(error.name).toBe('VPCIdNotSpecified');
  });
});

describe('VPCs', () => {
  it('creates a VPC with its own default security group, pending at first then available', async () => {
    const created = (await t.ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16', TagSpecifications: [{ ResourceType: 'vpc', Tags: [{ Key: 'Name', Value: 'app' }] }] }))).Vpc!;
    expect(created.State).toBe('pending');
    expect(created.IsDefault).toBe(false);
    expect(created.Tags).toEqual([{ Key: 'Name', Value: 'app' }]);
    const described = (await t.ec2.send(new DescribeVpcsCommand({ VpcIds: [created.VpcId!] }))).Vpcs![0]!;
    expect(described.State).toBe('available');
    expect(described.CidrBlockAssociationSet![0]!.CidrBlock).toBe('10.0.0.0/16');
    const groups = await t.ec2.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'vpc-id', Values: [created.VpcId!] }] }));
    expect(groups.SecurityGroups!.map((g) => g.GroupName)).toEqual(['default']);
    const byCidr = await t.ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'cidr', Values: ['10.0.*'] }] }));
    expect(byCidr.Vpcs!.map((v) => v.VpcId)).toEqual([created.VpcId]);
  });

  it('refuses bad blocks and more than five VPCs a region', async () => {
    expect((await errorOf(t.ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/8' })))).name).toBe('InvalidVpc.Range');
    const malformed = await errorOf(t.ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.300/16' })));
    expect(malformed.name).toBe('InvalidParameterValue');
    expect(malformed.message).toBe('Value (10.0.0.300/16) for parameter cidrBlock is invalid. This is not a valid CIDR block.');
    for (let i = 0; i < 4; i++) await newVpc(`10.${i}.0.0/16`);
    const limit = await errorOf(newVpc('10.9.0.0/16'));
    expect(limit.name).toBe('VpcLimitExceeded');
    expect(limit.message).toBe('The maximum number of VPCs has been reached.');
  });

  it('deletes a VPC only once nothing depends on it', async () => {
    const vpcId = await newVpc();
    const subnet = (await t.ec2.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: '10.0.1.0/24' }))).Subnet!;
    const blocked = await errorOf(t.ec2.send(new DeleteVpcCommand({ VpcId: vpcId })));
    expect(blocked.name).toBe('DependencyViolation');
    expect(blocked.message).toBe(`The vpc '${vpcId}' has dependencies and cannot be deleted.`);
    await t.ec2.send(new DeleteSubnetCommand({ SubnetId: subnet.SubnetId }));
    await t.ec2.send(new DeleteVpcCommand({ VpcId: vpcId }));
    const gone = await errorOf(t.ec2.send(new DescribeVpcsCommand({ VpcIds: [vpcId] })));
    expect(gone.name).toBe('InvalidVpcID.NotFound');
    expect(gone.message).toBe(`The vpc ID '${vpcId}' does not exist`);
  });
});

describe('subnets', () => {
  it('creates subnets inside the VPC\'s block, in a zone of the region', async () => {
    const vpcId = await newVpc();
    const subnet = (await t.ec2.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: '10.0.2.0/24', AvailabilityZone: 'us-east-1b' }))).Subnet!;
    expect(subnet).toMatchObject({ CidrBlock: '10.0.2.0/24', AvailabilityZone: 'us-east-1b', AvailabilityZoneId: 'use1-az2', AvailableIpAddressCount: 251, DefaultForAz: false, MapPublicIpOnLaunch: false });
    expect(subnet.SubnetId).toMatch(/^subnet-[0-9a-f]{17}$/);
    const found = await t.ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }, { Name: 'availability-zone', Values: ['us-east-1b'] }] }));
    expect(found.Subnets!.map((s) => s.SubnetId)).toEqual([subnet.SubnetId]);
  });

  it('refuses blocks outside the VPC, overlapping ones and unknown zones', async () => {
    const vpcId = await newVpc();
    await t.ec2.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: '10.0.0.0/24' }));
    const outside = await errorOf(t.ec2.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: '10.1.0.0/24' })));
    expect([outside.name, outside.message]).toEqual(['InvalidSubnet.Range', "The CIDR '10.1.0.0/24' is invalid."]);
    const overlap = await errorOf(t.ec2.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: '10.0.0.128/25' })));
    expect([overlap.name, overlap.message]).toEqual(['InvalidSubnet.Conflict', "The CIDR '10.0.0.128/25' conflicts with another subnet"]);
    const zone = await errorOf(t.ec2.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: '10.0.5.0/24', AvailabilityZone: 'us-west-2a' })));
    expect(zone.name).toBe('InvalidParameterValue');
    expect(zone.message).toContain('us-east-1a, us-east-1b, us-east-1c');
    const noVpc = await errorOf(t.ec2.send(new CreateSubnetCommand({ VpcId: 'vpc-0123456789abcdef0', CidrBlock: '10.0.5.0/24' })));
    expect(noVpc.name).toBe('InvalidVpcID.NotFound');
  });

  it('deletes a subnet only once its instances are gone', async () => {
    const vpcId = await newVpc();
    const subnetId = (await t.ec2.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: '10.0.3.0/24' }))).Subnet!.SubnetId!;
    const [instance] = await runInstances(t, { SubnetId: subnetId });
    const blocked = await errorOf(t.ec2.send(new DeleteSubnetCommand({ SubnetId: subnetId })));
    expect([blocked.name, blocked.message]).toEqual(['DependencyViolation', `The subnet '${subnetId}' has dependencies and cannot be deleted.`]);
    await t.ec2.send(new TerminateInstancesCommand({ InstanceIds: [instance!.InstanceId!] }));
    t.advance(SETTLE_MS);
    await t.ec2.send(new DeleteSubnetCommand({ SubnetId: subnetId }));
    const gone = await errorOf(t.ec2.send(new DescribeSubnetsCommand({ SubnetIds: [subnetId] })));
    expect([gone.name, gone.message]).toEqual(['InvalidSubnetID.NotFound', `The subnet ID '${subnetId}' does not exist`]);
  });

  it('runs out of addresses as a small subnet fills', async () => {
    const vpcId = await newVpc();
    const subnetId = (await t.ec2.send(new CreateSubnetCommand({ VpcId: vpcId, CidrBlock: '10.0.4.0/28' }))).Subnet!.SubnetId!;
    const some = await runInstances(t, { SubnetId: subnetId, MinCount: 8, MaxCount: 8 });
    // MaxCount is a wish: EC2 launches what fits, as long as that is MinCount.
    const rest = await runInstances(t, { SubnetId: subnetId, MinCount: 2, MaxCount: 5 });
    expect(rest).toHaveLength(3);
    expect(new Set([...some, ...rest].map((i) => i.PrivateIpAddress)).size).toBe(11);
    const full = await errorOf(runInstances(t, { SubnetId: subnetId }));
    expect(full.name).toBe('InsufficientFreeAddressesInSubnet');
  });
});

describe('internet gateways', () => {
  it('attach to one VPC at a time and detach', async () => {
    const vpcId = await newVpc();
    const gateway = (await t.ec2.send(new CreateInternetGatewayCommand({}))).InternetGateway!;
    expect(gateway.InternetGatewayId).toMatch(/^igw-[0-9a-f]{17}$/);
    expect(gateway.Attachments).toEqual([]);
    const id = gateway.InternetGatewayId!;
    await t.ec2.send(new AttachInternetGatewayCommand({ InternetGatewayId: id, VpcId: vpcId }));
    const attached = await t.ec2.send(new DescribeInternetGatewaysCommand({ Filters: [{ Name: 'attachment.vpc-id', Values: [vpcId] }] }));
    expect(attached.InternetGateways!.map((g) => g.InternetGatewayId)).toEqual([id]);

    const twice = await errorOf(t.ec2.send(new AttachInternetGatewayCommand({ InternetGatewayId: id, VpcId: await defaultVpcId() })));
    expect([twice.name, twice.message]).toEqual(['Resource.AlreadyAssociated', `resource ${id} is already attached to network ${vpcId}`]);
    const busy = await errorOf(t.ec2.send(new DeleteInternetGatewayCommand({ InternetGatewayId: id })));
    expect(busy.name).toBe('DependencyViolation');

    await t.ec2.send(new DetachInternetGatewayCommand({ InternetGatewayId: id, VpcId: vpcId }));
    const notAttached = await errorOf(t.ec2.send(new DetachInternetGatewayCommand({ InternetGatewayId: id, VpcId: vpcId })));
    expect([notAttached.name, notAttached.message]).toEqual(['Gateway.NotAttached', `resource ${id} is not attached to network ${vpcId}`]);
    await t.ec2.send(new DeleteInternetGatewayCommand({ InternetGatewayId: id }));
    const gone = await errorOf(t.ec2.send(new DescribeInternetGatewaysCommand({ InternetGatewayIds: [id] })));
    expect([gone.name, gone.message]).toEqual(['InvalidInternetGatewayID.NotFound', `The internetGateway ID '${id}' does not exist`]);
  });

  it('will not leave instances with public addresses without a gateway', async () => {
    await runInstances(t);
    const vpcId = await defaultVpcId();
    const id = (await t.ec2.send(new DescribeInternetGatewaysCommand({}))).InternetGateways![0]!.InternetGatewayId!;
    const error = await errorOf(t.ec2.send(new DetachInternetGatewayCommand({ InternetGatewayId: id, VpcId: vpcId })));
    expect(error.name).toBe('DependencyViolation');
    expect(error.message).toBe(`Network ${vpcId} has some mapped public address(es). Please unmap those public address(es) before detaching the gateway.`);
  });
});
