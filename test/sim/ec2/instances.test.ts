import {
  CreateKeyPairCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  DescribeInstancesCommand,
  DescribeSubnetsCommand,
  EC2Client,
  RunInstancesCommand,
} from '@aws-sdk/client-ec2';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { errorOf, startTestSandbox, TEST_CREDENTIALS, type TestSandbox } from '../../support/sandbox.js';
import { base64, describeInstance, ecsAmi, runInstances, SETTLE_MS } from './fixtures.js';

let t: TestSandbox;
beforeEach(async () => {
  t = await startTestSandbox();
});
afterEach(() => t.close());

describe('RunInstances', () => {
  it('launches pending instances with EC2-formed ids, addresses and names', async () => {
    await t.ec2.send(new CreateKeyPairCommand({ KeyName: 'demo' }));
    const [instance] = await runInstances(t, { InstanceType: 't3.medium', KeyName: 'demo' });
    expect(instance!.InstanceId).toMatch(/^i-[0-9a-f]{17}$/);
    expect(instance!.State).toEqual({ Code: 0, Name: 'pending' });
    expect(instance!.InstanceType).toBe('t3.medium');
    expect(instance!.KeyName).toBe('demo');
    expect(instance!.PrivateIpAddress).toMatch(/^172\.31\.\d+\.\d+$/);
    expect(instance!.PrivateDnsName).toBe(`ip-${instance!.PrivateIpAddress!.replaceAll('.', '-')}.ec2.internal`);
    expect(instance!.SecurityGroups).toEqual([{ GroupId: expect.stringMatching(/^sg-/), GroupName: 'default' }]);
    expect(instance!.Architecture).toBe('x86_64');
    // No public address while pending, as EC2 answers RunInstances.
    expect(instance!.PublicIpAddress).toBeUndefined();
    expect(instance!.PublicDnsName).toBe('');
    expect(instance!.NetworkInterfaces![0]!.Association).toBeUndefined();
    // Once it runs: the default subnets map public addresses, and the default VPC gives them DNS names.
    t.advance(SETTLE_MS);
    const running = await describeInstance(t, instance!.InstanceId!);
    expect(running.PublicIpAddress).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(running.PublicDnsName).toBe(`ec2-${running.PublicIpAddress!.replaceAll('.', '-')}.compute-1.amazonaws.com`);
    expect(running.NetworkInterfaces![0]!.Association?.PublicIp).toBe(running.PublicIpAddress);
  });

  it('names hosts per region as EC2 does outside us-east-1', async () => {
    const eu = await startTestSandbox({ region: 'eu-west-1' });
    try {
      const [instance] = await runInstances(eu);
      expect(instance!.Placement!.AvailabilityZone).toMatch(/^eu-west-1[abc]$/);
      expect(instance!.PrivateDnsName).toMatch(/^ip-172-31-\d+-\d+\.eu-west-1\.compute\.internal$/);
      eu.advance(SETTLE_MS);
      const running = await describeInstance(eu, instance!.InstanceId!);
      expect(running.PublicDnsName).toMatch(/^ec2-[\d-]+\.eu-west-1\.compute\.amazonaws\.com$/);
    } finally {
      await eu.close();
    }
  });

  it('launches one call into one default subnet, and the next calls into the zones least used', async () => {
    const three = await runInstances(t, { MinCount: 3, MaxCount: 3 });
    expect(new Set(three.map((i) => i.SubnetId)).size).toBe(1);
    expect(three.map((i) => i.Placement!.AvailabilityZone)).toEqual(['us-east-1a', 'us-east-1a', 'us-east-1a']);
    expect(three.map((i) => i.AmiLaunchIndex)).toEqual([0, 1, 2]);
    const zones: string[] = [];
    for (let i = 0; i < 2; i++) zones.push((await runInstances(t, { MinCount: 2, MaxCount: 2 }))[0]!.Placement!.AvailabilityZone!);
    expect(zones).toEqual(['us-east-1b', 'us-east-1c']);
    const reservations = (await t.ec2.send(new DescribeInstancesCommand({}))).Reservations!;
    expect(reservations.map((r) => new Set(r.Instances!.map((i) => i.Placement!.AvailabilityZone)).size)).toEqual([1, 1, 1]);
  });

  it('honours Placement.AvailabilityZone and refuses a zone the region lacks', async () => {
    const instances = await runInstances(t, { MinCount: 2, MaxCount: 2, Placement: { AvailabilityZone: 'us-east-1b' } });
    expect(instances.map((i) => i.Placement!.AvailabilityZone)).toEqual(['us-east-1b', 'us-east-1b']);
    const error = await errorOf(runInstances(t, { Placement: { AvailabilityZone: 'us-east-1z' } }));
    expect(error.name).toBe('InvalidParameterValue');
    expect(error.message).toBe('Invalid availability zone: [us-east-1z]');
  });

  it('launches into a subnet of a new VPC, with no public address there', async () => {
    const vpc = (await t.ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }))).Vpc!;
    const subnet = (await t.ec2.send(new CreateSubnetCommand({ VpcId: vpc.VpcId, CidrBlock: '10.0.1.0/24', AvailabilityZone: 'us-east-1c' }))).Subnet!;
    const [instance] = await runInstances(t, { SubnetId: subnet.SubnetId });
    expect(instance!.SubnetId).toBe(subnet.SubnetId);
    expect(instance!.VpcId).toBe(vpc.VpcId);
    expect(instance!.Placement!.AvailabilityZone).toBe('us-east-1c');
    expect(instance!.PrivateIpAddress).toMatch(/^10\.0\.1\.\d+$/);
    expect(instance!.PublicIpAddress).toBeUndefined();
    expect(instance!.PublicDnsName).toBe('');
    const after = (await t.ec2.send(new DescribeSubnetsCommand({ SubnetIds: [subnet.SubnetId!] }))).Subnets![0]!;
    expect(after.AvailableIpAddressCount).toBe(250);
  });

  it('gives a public address on request in a subnet that maps none', async () => {
    const vpc = (await t.ec2.send(new CreateVpcCommand({ CidrBlock: '10.1.0.0/16' }))).Vpc!;
    const subnet = (await t.ec2.send(new CreateSubnetCommand({ VpcId: vpc.VpcId, CidrBlock: '10.1.0.0/24' }))).Subnet!;
    const [instance] = await runInstances(t, {
      NetworkInterfaces: [{ DeviceIndex: 0, SubnetId: subnet.SubnetId, AssociatePublicIpAddress: true, PrivateIpAddress: '10.1.0.99' }],
    });
    expect(instance!.PrivateIpAddress).toBe('10.1.0.99');
    expect(instance!.PublicIpAddress).toBeUndefined();
    t.advance(SETTLE_MS);
    expect((await describeInstance(t, instance!.InstanceId!)).PublicIpAddress).toBeDefined();
    const taken = await errorOf(runInstances(t, { SubnetId: subnet.SubnetId, PrivateIpAddress: '10.1.0.99' }));
    expect(taken.name).toBe('InvalidIPAddress.InUse');
    const both = await errorOf(runInstances(t, { SubnetId: subnet.SubnetId, NetworkInterfaces: [{ DeviceIndex: 0, SubnetId: subnet.SubnetId }] }));
    expect(both.name).toBe('InvalidParameterCombination');
  });

  it('refuses what EC2 refuses, with its codes and words', async () => {
    const ami = await ecsAmi(t);
    const cases: Array<[Partial<ConstructorParameters<typeof RunInstancesCommand>[0]>, string, string | RegExp]> = [
      [{ InstanceType: 't3.humongous' }, 'InvalidParameterValue', "Invalid value 't3.humongous' for InstanceType."],
      [{ ImageId: 'ami-0123456789abcdef0' }, 'InvalidAMIID.NotFound', "The image id '[ami-0123456789abcdef0]' does not exist"],
      [{ ImageId: 'centos' }, 'InvalidAMIID.Malformed', 'Invalid id: "centos" (expecting "ami-...")'],
      [{ ImageId: undefined }, 'MissingParameter', 'The request must contain the parameter ImageId'],
      [{ MinCount: 3, MaxCount: 2 }, 'InvalidParameterValue', /MaxCount must be greater than or equal to MinCount/],
      [{ MinCount: 0, MaxCount: 1 }, 'InvalidParameterValue', /minCount/],
      [{ InstanceType: 'm6g.large' }, 'InvalidParameterValue', /architecture 'arm64' of the specified instance type does not match the architecture 'x86_64'/],
      [{ UserData: 'not base64!' }, 'InvalidParameterValue', 'Invalid BASE64 encoding of user data.'],
      [{ UserData: base64('x'.repeat(16 * 1024 + 1)) }, 'InvalidParameterValue', /limited to 16384 bytes/],
      [{ SubnetId: 'subnet-0123456789abcdef0' }, 'InvalidSubnetID.NotFound', "The subnet ID 'subnet-0123456789abcdef0' does not exist"],
      [{ SecurityGroupIds: ['sg-0123456789abcdef0'] }, 'InvalidGroup.NotFound', "The security group 'sg-0123456789abcdef0' does not exist"],
      [{ SecurityGroups: ['nope'] }, 'InvalidGroup.NotFound', /The security group 'nope' does not exist in VPC 'vpc-/],
      [{ TagSpecifications: [{ ResourceType: 'vpc', Tags: [{ Key: 'a', Value: 'b' }] }] }, 'InvalidParameterValue', "'vpc' is not a valid taggable resource type for this operation."],
      [{ IamInstanceProfile: { Arn: 'ecsInstanceRole' } }, 'InvalidParameterValue', /Invalid IAM Instance Profile ARN/],
    ];
    for (const [input, code, message] of cases) {
      const error = await errorOf(t.ec2.send(new RunInstancesCommand({ ImageId: ami, MinCount: 1, MaxCount: 1, ...input })));
      expect(error.name, JSON.stringify(input).slice(0, 80)).toBe(code);
      if (typeof message === 'string') expect(error.message).toBe(message);
      else expect(error.message).toMatch(message);
    }
    expect((await t.ec2.send(new DescribeInstancesCommand({}))).Reservations).toEqual([]);
  });

  it('launches m1.small when no type is given, as EC2 does', async () => {
    const ami = await ecsAmi(t);
    const out = await t.ec2.send(new RunInstancesCommand({ ImageId: ami, MinCount: 1, MaxCount: 1 }));
    expect(out.Instances![0]!.InstanceType).toBe('m1.small');
  });

  it('launches arm64 types from the arm64 image', async () => {
    const [instance] = await runInstances(t, { ImageId: await ecsAmi(t, 'arm64'), InstanceType: 'c6g.large' });
    expect(instance!.Architecture).toBe('arm64');
  });

  it('answers a repeated client token with the first launch instead of a second', async () => {
    const first = await runInstances(t, { ClientToken: 'launch-web-1', MinCount: 2, MaxCount: 2 });
    const again = await runInstances(t, { ClientToken: 'launch-web-1', MinCount: 2, MaxCount: 2 });
    expect(again.map((i) => i.InstanceId)).toEqual(first.map((i) => i.InstanceId));
    const all = await t.ec2.send(new DescribeInstancesCommand({}));
    expect(all.Reservations!.flatMap((r) => r.Instances!)).toHaveLength(2);
  });

  it('takes tags and an instance profile at launch', async () => {
    const [instance] = await runInstances(t, {
      TagSpecifications: [
        { ResourceType: 'instance', Tags: [{ Key: 'Name', Value: 'web-1' }] },
        { ResourceType: 'volume', Tags: [{ Key: 'Name', Value: 'web-1-root' }] },
      ],
      IamInstanceProfile: { Name: 'ecsInstanceRole' },
    });
    expect(instance!.Tags).toEqual([{ Key: 'Name', Value: 'web-1' }]);
    expect(instance!.IamInstanceProfile!.Arn).toBe('arn:aws:iam::123456789012:instance-profile/ecsInstanceRole');
  });

  it('answers DryRun without launching', async () => {
    const error = await errorOf(runInstances(t, { DryRun: true }));
    expect(error.name).toBe('DryRunOperation');
    expect(error.$metadata?.httpStatusCode).toBe(412);
    expect((await t.ec2.send(new DescribeInstancesCommand({}))).Reservations).toEqual([]);
  });
});

describe('DescribeInstances', () => {
  it('groups instances by reservation and filters them as EC2 does', async () => {
    const web = await runInstances(t, {
      MinCount: 2,
      MaxCount: 2,
      TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'role', Value: 'web' }] }],
    });
    await runInstances(t, { InstanceType: 'm5.large', TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'role', Value: 'db' }] }] });
    const all = await t.ec2.send(new DescribeInstancesCommand({}));
    expect(all.Reservations!.map((r) => r.Instances!.length)).toEqual([2, 1]);
    expect(all.Reservations![0]!.ReservationId).toMatch(/^r-[0-9a-f]{17}$/);
    expect(all.Reservations![0]!.OwnerId).toBe('123456789012');

    const ids = async (filters: Array<{ Name: string; Values: string[] }>) =>
      (await t.ec2.send(new DescribeInstancesCommand({ Filters: filters }))).Reservations!.flatMap((r) => r.Instances!.map((i) => i.InstanceId));
    const webIds = web.map((i) => i.InstanceId);
    expect(await ids([{ Name: 'tag:role', Values: ['web'] }])).toEqual(webIds);
    expect(await ids([{ Name: 'instance-type', Values: ['m5.*'] }])).toHaveLength(1);
    expect(await ids([{ Name: 'instance-state-name', Values: ['pending'] }])).toHaveLength(3);
    expect(await ids([{ Name: 'instance-state-name', Values: ['running'] }])).toEqual([]);
    expect(await ids([{ Name: 'availability-zone', Values: [web[0]!.Placement!.AvailabilityZone!] }])).toContain(webIds[0]);
    expect(await ids([{ Name: 'vpc-id', Values: [web[0]!.VpcId!] }])).toHaveLength(3);
    expect(await ids([{ Name: 'instance.group-name', Values: ['default'] }])).toHaveLength(3);
    expect(await ids([{ Name: 'tag:role', Values: ['web', 'db'] }, { Name: 'instance-type', Values: ['t3.medium'] }])).toEqual(webIds);
    const bad = await errorOf(t.ec2.send(new DescribeInstancesCommand({ Filters: [{ Name: 'colour', Values: ['blue'] }] })));
    expect(bad.name).toBe('InvalidParameterValue');
    expect(bad.message).toBe("The filter 'colour' is invalid");
  });

  it('names missing and malformed ids as EC2 does', async () => {
    const malformed = await errorOf(t.ec2.send(new DescribeInstancesCommand({ InstanceIds: ['web-1'] })));
    expect(malformed.name).toBe('InvalidInstanceID.Malformed');
    expect(malformed.message).toBe('Invalid id: "web-1"');
    const one = await errorOf(t.ec2.send(new DescribeInstancesCommand({ InstanceIds: ['i-0123456789abcdef0'] })));
    expect(one.name).toBe('InvalidInstanceID.NotFound');
    expect(one.message).toBe("The instance ID 'i-0123456789abcdef0' does not exist");
    const two = await errorOf(t.ec2.send(new DescribeInstancesCommand({ InstanceIds: ['i-0123456789abcdef0', 'i-0123456789abcdef1'] })));
    expect(two.message).toBe("The instance IDs 'i-0123456789abcdef0, i-0123456789abcdef1' do not exist");
  });

  it('pages with MaxResults and NextToken', async () => {
    await runInstances(t, { MinCount: 7, MaxCount: 7 });
    const first = await t.ec2.send(new DescribeInstancesCommand({ MaxResults: 5 }));
    expect(first.Reservations!.flatMap((r) => r.Instances!)).toHaveLength(5);
    expect(first.NextToken).toBeDefined();
    const second = await t.ec2.send(new DescribeInstancesCommand({ MaxResults: 5, NextToken: first.NextToken }));
    expect(second.Reservations!.flatMap((r) => r.Instances!)).toHaveLength(2);
    expect(second.NextToken).toBeUndefined();
    const seen = [...first.Reservations!, ...second.Reservations!].flatMap((r) => r.Instances!.map((i) => i.InstanceId));
    expect(new Set(seen).size).toBe(7);
    expect((await errorOf(t.ec2.send(new DescribeInstancesCommand({ MaxResults: 3 })))).name).toBe('InvalidParameterValue');
    expect((await errorOf(t.ec2.send(new DescribeInstancesCommand({ NextToken: 'garbage' })))).name).toBe('InvalidPaginationToken');
    const ids = seen.slice(0, 1) as string[];
    const combined = await errorOf(t.ec2.send(new DescribeInstancesCommand({ InstanceIds: ids, MaxResults: 5 })));
    expect(combined.name).toBe('InvalidParameterCombination');
  });

  it('keeps instances to their region', async () => {
    const [instance] = await runInstances(t);
    // Another region of the same sandbox: the same endpoint, another credential scope.
    const eu = new EC2Client({ endpoint: t.running.url, region: 'eu-west-1', credentials: TEST_CREDENTIALS });
    try {
      const error = await errorOf(eu.send(new DescribeInstancesCommand({ InstanceIds: [instance!.InstanceId!] })));
      expect(error.name).toBe('InvalidInstanceID.NotFound');
      expect((await eu.send(new DescribeInstancesCommand({}))).Reservations).toEqual([]);
    } finally {
      eu.destroy();
    }
    expect((await describeInstance(t, instance!.InstanceId!)).InstanceId).toBe(instance!.InstanceId);
  });
});
