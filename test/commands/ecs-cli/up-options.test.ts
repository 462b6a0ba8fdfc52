import { CreateSubnetCommand, CreateVpcCommand, DescribeInstancesCommand, DescribeSecurityGroupsCommand, DescribeSubnetsCommand, DescribeVpcsCommand } from '@aws-sdk/client-ec2';
import { DescribeClustersCommand, DescribeContainerInstancesCommand, ListContainerInstancesCommand } from '@aws-sdk/client-ecs';
import { IAMClient } from '@aws-sdk/client-iam';
import { SSMClient } from '@aws-sdk/client-ssm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAwsBackend } from '../../../source/api/index.js';
import { startEcsCliHarness, succeeded, type EcsCliHarness } from './support.js';

let h: EcsCliHarness;
beforeAll(async () => {
  h = await startEcsCliHarness(7761);
});
afterAll(() => h?.close());

const tagged = (cluster: string) => [{ Name: 'tag:ecsh:cluster', Values: [cluster] }];

async function setupInstances(cluster: string) {
  const out = await h.t.ec2.send(new DescribeInstancesCommand({ Filters: [...tagged(cluster), { Name: 'instance-state-name', Values: ['pending', 'running'] }] }));
  return (out.Reservations ?? []).flatMap((r) => r.Instances ?? []);
}

async function clusterStatus(cluster: string) {
  return (await h.t.ecs.send(new DescribeClustersCommand({ clusters: [cluster] }))).clusters?.[0]?.status;
}

describe('up', { timeout: 120_000 }, () => {
  it('checks its flags before it makes anything', async () => {
    const cases: Array<[string, string]> = [
      ['ecs-cli up --cluster a', "the instances need a role: pass '--capability-iam' to create one, or '--instance-role NAME' of an existing instance profile"],
      ['ecs-cli up --cluster a --capability-iam --instance-role r', "give one of '--capability-iam' and '--instance-role', not both"],
      ['ecs-cli up --cluster a --capability-iam --vpc vpc-1', '--vpc needs --subnets: two subnets of that VPC, comma-separated'],
      ['ecs-cli up --cluster a --capability-iam --azs us-east-1a', '--azs takes exactly two availability zones, comma-separated'],
      ['ecs-cli up --cluster a --capability-iam --instance-type t9.huge', 'instance type t9.huge does not exist: pass --instance-type (t3.medium, say)'],
      ['ecs-cli up --cluster a --capability-iam --size many', "--size must be a whole number, got 'many'"],
      ['ecs-cli up --cluster a --launch-type FARGATE --extra-user-data x.sh', '--extra-user-data is for EC2 instances; FARGATE has none'],
      [
        'ecs-cli up --cluster a --capability-iam --keypair no-such-key',
        `the key pair 'no-such-key' does not exist in us-east-1: create it with "ec2 create-key-pair --key-name no-such-key", or leave --keypair out`,
      ],
    ];
    for (const [line, error] of cases) {
      const run = await h.run(line);
      expect([run.code, run.stderr]).toEqual([1, [error]]);
    }
    expect(await clusterStatus('a')).toBeUndefined();
  });

  it('finds the image with SSM and makes the role with IAM on AWS only: a sandbox backend has neither client', async () => {
    const aws = await createAwsBackend({ region: 'eu-west-1', profile: 'ecsh-test-no-such-profile' });
    try {
      expect(aws.ssm).toBeInstanceOf(SSMClient);
      expect(aws.iam).toBeInstanceOf(IAMClient);
      expect(await aws.ssm!.config.region()).toBe('eu-west-1');
    } finally {
      await aws.close();
    }
    expect([h.backend.ssm, h.backend.iam]).toEqual([undefined, undefined]);
  });

  it('--empty makes the cluster alone, and says which flags it ignored', async () => {
    const run = succeeded(await h.run('ecs-cli up --cluster empty --empty --keypair k --capability-iam'));
    expect(run.stdout).toEqual([
      'INFO[0000] Created cluster                               cluster=empty region=us-east-1',
      'WARN[0000] Values specified for [--capability-iam --keypair] flags will be ignored as --empty flag was set',
    ]);
    expect(await clusterStatus('empty')).toBe('ACTIVE');
    expect(await setupInstances('empty')).toEqual([]);
  });

  it('FARGATE makes the network and no instance', async () => {
    const run = succeeded(await h.run('ecs-cli up --cluster serverless --launch-type FARGATE'));
    expect(run.stdout.filter((l) => !l.startsWith('INFO')).map((l) => l.split(':')[0])).toEqual(['VPC created', 'Security Group created', 'Subnet created', 'Subnet created', 'Cluster creation succeeded.']);
    expect(await setupInstances('serverless')).toEqual([]);
  });

  it('takes zones, port, CIDR and extra user data, which the agent reads', async () => {
    const file = h.write('attributes.sh', `#!/bin/bash\necho 'ECS_INSTANCE_ATTRIBUTES={"stack":"blue"}' >> /etc/ecs/ecs.config\n`);
    succeeded(
      await h.run(`ecs-cli up --cluster zoned --size 2 --capability-iam --azs us-east-1b,us-east-1c --port 8080 --cidr 10.1.0.0/16 --extra-user-data ${file} --no-associate-public-ip-address --instance-type t3.small`),
    );
    const vpcId = (await h.t.ec2.send(new DescribeVpcsCommand({ Filters: tagged('zoned') }))).Vpcs![0]!.VpcId!;
    const subnets = (await h.t.ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }] }))).Subnets!;
    expect(subnets.map((s) => s.AvailabilityZone).sort()).toEqual(['us-east-1b', 'us-east-1c']);
    const group = (await h.t.ec2.send(new DescribeSecurityGroupsCommand({ Filters: tagged('zoned') }))).SecurityGroups![0]!;
    expect(group.Description).toBe('ECS Allowed Ports');
    expect(group.IpPermissions).toEqual([expect.objectContaining({ IpProtocol: 'tcp', FromPort: 8080, ToPort: 8080, IpRanges: [expect.objectContaining({ CidrIp: '10.1.0.0/16' })] })]);
    const instances = await setupInstances('zoned');
    expect(instances.map((i) => i.PublicIpAddress)).toEqual([undefined, undefined]);
    expect(instances.map((i) => i.IamInstanceProfile?.Arn)).toEqual([
      'arn:aws:iam::123456789012:instance-profile/ecsh-zoned-ecs-instance',
      'arn:aws:iam::123456789012:instance-profile/ecsh-zoned-ecs-instance',
    ]);
    const arns = (await h.t.ecs.send(new ListContainerInstancesCommand({ cluster: 'zoned' }))).containerInstanceArns!;
    const described = (await h.t.ecs.send(new DescribeContainerInstancesCommand({ cluster: 'zoned', containerInstances: arns }))).containerInstances!;
    for (const instance of described) expect(instance.attributes).toContainEqual({ name: 'stack', value: 'blue' });
  });

  it('scale launches more instances like the first ones, in the zone that has fewer', async () => {
    const before = await setupInstances('zoned');
    const run = succeeded(await h.run('ecs-cli scale --cluster zoned --size 4 --capability-iam'));
    // Counted against the size asked for, the instances already there included.
    const counts = run.stdout.filter((l) => l.includes('Container instances registered')).map((l) => / registered=(\d+) size=(\d+)$/.exec(l)!.slice(1).map(Number));
    expect(counts[0]).toEqual([2, 4]);
    expect(counts[counts.length - 1]).toEqual([4, 4]);
    expect(run.stdout[run.stdout.length - 1]).toMatch(/Cluster size +size=4$/);
    const after = await setupInstances('zoned');
    expect(after).toHaveLength(4);
    const added = after.filter((i) => !before.some((b) => b.InstanceId === i.InstanceId));
    expect(added.map((i) => [i.InstanceType, i.PublicIpAddress, i.IamInstanceProfile?.Arn])).toEqual([
      ['t3.small', undefined, 'arn:aws:iam::123456789012:instance-profile/ecsh-zoned-ecs-instance'],
      ['t3.small', undefined, 'arn:aws:iam::123456789012:instance-profile/ecsh-zoned-ecs-instance'],
    ]);
    const zones = after.map((i) => i.Placement!.AvailabilityZone).sort();
    expect(zones).toEqual(['us-east-1b', 'us-east-1b', 'us-east-1c', 'us-east-1c']);
    expect((await h.t.ecs.send(new ListContainerInstancesCommand({ cluster: 'zoned' }))).containerInstanceArns).toHaveLength(4);
  });

  it('--force replaces a set-up; down leaves a VPC and subnets the user gave', async () => {
    const vpc = (await h.t.ec2.send(new CreateVpcCommand({ CidrBlock: '10.20.0.0/16' }))).Vpc!.VpcId!;
    const subnetIds: string[] = [];
    for (const [i, zone] of ['us-east-1a', 'us-east-1b'].entries()) {
      subnetIds.push((await h.t.ec2.send(new CreateSubnetCommand({ VpcId: vpc, CidrBlock: `10.20.${i}.0/24`, AvailabilityZone: zone }))).Subnet!.SubnetId!);
    }
    succeeded(await h.run('ecs-cli up --cluster mine --size 1 --capability-iam'));
    const replaced = succeeded(await h.run(`ecs-cli up --cluster mine --size 2 --capability-iam --force --vpc ${vpc} --subnets ${subnetIds.join(',')}`));
    expect(replaced.stdout.filter((l) => /^(VPC|Subnet|Security Group) created/.test(l)).map((l) => l.split(':')[0])).toEqual(['Security Group created']);
    expect((await h.t.ec2.send(new DescribeVpcsCommand({ Filters: tagged('mine') }))).Vpcs).toEqual([]);
    const instances = await setupInstances('mine');
    expect(instances.map((i) => i.SubnetId).sort()).toEqual([...subnetIds].sort());

    succeeded(await h.run('ecs-cli down --cluster mine --force'));
    expect(await setupInstances('mine')).toEqual([]);
    expect((await h.t.ec2.send(new DescribeSecurityGroupsCommand({ Filters: tagged('mine') }))).SecurityGroups).toEqual([]);
    expect((await h.t.ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpc] }] }))).Vpcs).toHaveLength(1);
    expect((await h.t.ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'vpc-id', Values: [vpc] }] }))).Subnets).toHaveLength(2);
  });

  it('scale needs --capability-iam, as ecs-cli does, before it looks at anything', async () => {
    expect((await h.run('ecs-cli scale --cluster zoned --size 1')).stderr).toEqual(["Please acknowledge that this command may create IAM resources with the '--capability-iam' flag"]);
    expect(await setupInstances('zoned')).toHaveLength(4);
  });

  it('scale and down name a cluster that up did not set up', async () => {
    expect((await h.run('ecs-cli scale --cluster nowhere --size 2 --capability-iam')).stderr).toEqual([
      'cluster nowhere was not set up by ecs-cli up in us-east-1: run ecs-cli up --cluster nowhere --capability-iam first',
    ]);
    expect((await h.run('ecs-cli down --cluster nowhere --force')).stderr).toEqual(['there is no cluster nowhere in us-east-1']);
  });
});
