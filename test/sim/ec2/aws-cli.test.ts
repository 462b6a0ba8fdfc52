import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsCli, hasAwsCli } from '../../support/aws-cli.js';
import { startTestSandbox, type TestSandbox } from '../../support/sandbox.js';
import { SETTLE_MS } from './fixtures.js';

/**
 * The EC2 operations through the AWS CLI (botocore's own parser of EC2's XML), against the
 * sandbox's endpoint. Skipped where the CLI is not installed; CI installs it.
 */
let t: TestSandbox;
const { aws, json, home: dir } = awsCli(() => t.running.url);

describe.skipIf(!hasAwsCli)('EC2 through the AWS CLI', { timeout: 120_000 }, () => {
  beforeAll(async () => {
    t = await startTestSandbox();
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('launches instances from user data that join an ECS cluster', async () => {
    await json('ecs', 'create-cluster', '--cluster-name', 'cli');
    const ami = (await aws('ec2', 'describe-images', '--owners', 'amazon', '--filters', 'Name=name,Values=al2023-ami-ecs-hvm-*-x86_64', '--query', 'Images[0].ImageId', '--output', 'text')).stdout.trim();
    expect(ami).toMatch(/^ami-[0-9a-f]{17}$/);
    const script = join(dir, 'user-data.sh');
    writeFileSync(script, '#!/bin/bash\necho ECS_CLUSTER=cli >> /etc/ecs/ecs.config\n');
    const launched = await json(
      'ec2', 'run-instances', '--image-id', ami, '--instance-type', 't3.small', '--count', '3',
      '--user-data', `file://${script}`,
      '--tag-specifications', 'ResourceType=instance,Tags=[{Key=Name,Value=cli}]',
    );
    expect(launched.Instances).toHaveLength(3);
    expect(launched.Instances[0].State).toEqual({ Code: 0, Name: 'pending' });
    // One call, one subnet: all three in the same zone, none with a public address while pending.
    expect(new Set(launched.Instances.map((i: any) => i.Placement.AvailabilityZone)).size).toBe(1);
    expect(launched.Instances.map((i: any) => i.PublicIpAddress)).toEqual([undefined, undefined, undefined]);
    t.advance(SETTLE_MS);
    const ids = launched.Instances.map((i: any) => i.InstanceId);
    expect((await aws('ec2', 'wait', 'instance-running', '--instance-ids', ...ids)).code).toBe(0);
    const running = await json('ec2', 'describe-instances', '--filters', 'Name=tag:Name,Values=cli', 'Name=instance-state-name,Values=running', '--query', 'Reservations[].Instances[].InstanceId');
    expect(running.sort()).toEqual([...ids].sort());
    const container = await json('ecs', 'list-container-instances', '--cluster', 'cli');
    expect(container.containerInstanceArns).toHaveLength(3);
    const publicIps = await json('ec2', 'describe-instances', '--instance-ids', ...ids, '--query', 'Reservations[].Instances[].PublicIpAddress');
    expect(publicIps).toHaveLength(3);
    // The status checks pass within a minute of running: both waiters end.
    t.advance(SETTLE_MS);
    expect((await aws('ec2', 'wait', 'instance-status-ok', '--instance-ids', ...ids)).code).toBe(0);
    expect((await aws('ec2', 'wait', 'system-status-ok', '--instance-ids', ...ids)).code).toBe(0);
    const checks = await json('ec2', 'describe-instance-status', '--instance-ids', ids[0], '--query', 'InstanceStatuses[0].InstanceStatus');
    expect(checks).toEqual({ Status: 'ok', Details: [{ Name: 'reachability', Status: 'passed' }] });

    const stop = await json('ec2', 'stop-instances', '--instance-ids', ids[0]);
    expect(stop.StoppingInstances[0]).toEqual({ InstanceId: ids[0], PreviousState: { Code: 16, Name: 'running' }, CurrentState: { Code: 64, Name: 'stopping' } });
    t.advance(SETTLE_MS);
    expect((await aws('ec2', 'wait', 'instance-stopped', '--instance-ids', ids[0])).code).toBe(0);
    const terminated = await json('ec2', 'terminate-instances', '--instance-ids', ...ids);
    expect(terminated.TerminatingInstances.map((i: any) => i.CurrentState.Name)).toEqual(['shutting-down', 'shutting-down', 'shutting-down']);
  });

  it('answers errors with the code and a failing exit status', async () => {
    const missing = await aws('ec2', 'describe-instances', '--instance-ids', 'i-0123456789abcdef0');
    expect(missing.code).toBe(255);
    expect(missing.stderr).toContain("(InvalidInstanceID.NotFound) when calling the DescribeInstances operation: The instance ID 'i-0123456789abcdef0' does not exist");
    const badType = await aws('ec2', 'run-instances', '--image-id', 'ami-0123456789abcdef0', '--instance-type', 't3.huge');
    expect(badType.stderr).toContain("(InvalidParameterValue) when calling the RunInstances operation: Invalid value 't3.huge' for InstanceType.");
  });

  it('describes the default network and zones', async () => {
    const zones = await json('ec2', 'describe-availability-zones', '--query', 'AvailabilityZones[].ZoneName');
    expect(zones).toEqual(['us-east-1a', 'us-east-1b', 'us-east-1c']);
    const vpcs = await json('ec2', 'describe-vpcs', '--filters', 'Name=is-default,Values=true');
    expect(vpcs.Vpcs[0].CidrBlock).toBe('172.31.0.0/16');
    const subnets = await json('ec2', 'describe-subnets', '--filters', `Name=vpc-id,Values=${vpcs.Vpcs[0].VpcId}`);
    expect(subnets.Subnets).toHaveLength(3);
    const types = await json('ec2', 'describe-instance-types', '--instance-types', 'm5.large', '--query', 'InstanceTypes[0].[VCpuInfo.DefaultVCpus,MemoryInfo.SizeInMiB]');
    expect(types).toEqual([2, 8192]);
    const gateways = await json('ec2', 'describe-internet-gateways');
    expect(gateways.InternetGateways[0].Attachments[0].VpcId).toBe(vpcs.Vpcs[0].VpcId);
  });

  it('manages security groups, rules and tags', async () => {
    const created = await json('ec2', 'create-security-group', '--group-name', 'cli-web', '--description', 'web tier');
    expect((await aws('ec2', 'authorize-security-group-ingress', '--group-id', created.GroupId, '--protocol', 'tcp', '--port', '80', '--cidr', '0.0.0.0/0')).code).toBe(0);
    const duplicate = await aws('ec2', 'authorize-security-group-ingress', '--group-id', created.GroupId, '--protocol', 'tcp', '--port', '80', '--cidr', '0.0.0.0/0');
    expect(duplicate.code).toBe(255);
    expect(duplicate.stderr).toContain('(InvalidPermission.Duplicate)');
    const group = await json('ec2', 'describe-security-groups', '--group-names', 'cli-web');
    expect(group.SecurityGroups[0].IpPermissions[0]).toMatchObject({ IpProtocol: 'tcp', FromPort: 80, ToPort: 80, IpRanges: [{ CidrIp: '0.0.0.0/0' }] });
    expect((await aws('ec2', 'create-tags', '--resources', created.GroupId, '--tags', 'Key=team,Value=web')).code).toBe(0);
    const tags = await json('ec2', 'describe-tags', '--filters', `Name=resource-id,Values=${created.GroupId}`);
    expect(tags.Tags).toEqual([{ Key: 'team', ResourceId: created.GroupId, ResourceType: 'security-group', Value: 'web' }]);
    expect((await aws('ec2', 'revoke-security-group-ingress', '--group-id', created.GroupId, '--protocol', 'tcp', '--port', '80', '--cidr', '0.0.0.0/0')).code).toBe(0);
    expect((await aws('ec2', 'delete-security-group', '--group-id', created.GroupId)).code).toBe(0);
  });

  it('builds a VPC with a subnet and an internet gateway', async () => {
    const vpc = (await json('ec2', 'create-vpc', '--cidr-block', '10.20.0.0/16')).Vpc;
    const subnet = (await json('ec2', 'create-subnet', '--vpc-id', vpc.VpcId, '--cidr-block', '10.20.1.0/24', '--availability-zone', 'us-east-1a')).Subnet;
    expect(subnet.AvailableIpAddressCount).toBe(251);
    const gateway = (await json('ec2', 'create-internet-gateway')).InternetGateway;
    expect((await aws('ec2', 'attach-internet-gateway', '--internet-gateway-id', gateway.InternetGatewayId, '--vpc-id', vpc.VpcId)).code).toBe(0);
    const blocked = await aws('ec2', 'delete-vpc', '--vpc-id', vpc.VpcId);
    expect(blocked.stderr).toContain('(DependencyViolation)');
    expect((await aws('ec2', 'detach-internet-gateway', '--internet-gateway-id', gateway.InternetGatewayId, '--vpc-id', vpc.VpcId)).code).toBe(0);
    expect((await aws('ec2', 'delete-internet-gateway', '--internet-gateway-id', gateway.InternetGatewayId)).code).toBe(0);
    expect((await aws('ec2', 'delete-subnet', '--subnet-id', subnet.SubnetId)).code).toBe(0);
    expect((await aws('ec2', 'delete-vpc', '--vpc-id', vpc.VpcId)).code).toBe(0);
  });
});
