import { AuthorizeSecurityGroupIngressCommand, CreateSecurityGroupCommand, CreateVpcCommand, DeleteSecurityGroupCommand, DescribeInstancesCommand, DescribeSubnetsCommand, DescribeVpcsCommand, RunInstancesCommand, TerminateInstancesCommand } from '@aws-sdk/client-ec2';
import { DescribeClustersCommand } from '@aws-sdk/client-ecs';
import { CreateLoadBalancerCommand as CreateClassicLoadBalancerCommand, DeleteLoadBalancerCommand as DeleteClassicLoadBalancerCommand } from '@aws-sdk/client-elastic-load-balancing';
import { CreateLoadBalancerCommand, DeleteLoadBalancerCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEcsCliHarness, succeeded, type EcsCliHarness } from './support.js';

/**
 * `down` while something that is not the set-up's still uses its network (a load balancer in its
 * subnets, an instance of the user's, a rule of another group): CloudFormation cannot delete a
 * VPC or subnet in use and fails the stack with DELETE_FAILED; down fails too, naming what holds
 * the network and what to delete, and never waits without a word.
 */
let h: EcsCliHarness;
const CLUSTER = 'held';

beforeAll(async () => {
  h = await startEcsCliHarness(7771);
});
afterAll(() => h?.close());

const tagged = [{ Name: 'tag:ecsh:cluster', Values: [CLUSTER] }];

async function setupInstances() {
  const out = await h.t.ec2.send(new DescribeInstancesCommand({ Filters: [...tagged, { Name: 'instance-state-name', Values: ['pending', 'running'] }] }));
  return (out.Reservations ?? []).flatMap((r) => r.Instances ?? []);
}

function printed(run: { stdout: string[] }, what: 'Subnet' | 'Security Group') {
  return run.stdout.filter((l) => l.startsWith(`${what} created: `)).map((l) => l.split(': ')[1]!);
}

describe('down with the network still in use', { timeout: 120_000 }, () => {
  let subnets: string[];
  let group: string;
  let vpc: string;

  it('refuses, before deleting anything, while load balancers are in the set-up\'s subnets, and names them and how to delete them', async () => {
    const up = succeeded(await h.run(`ecs-cli up --cluster ${CLUSTER} --size 2 --capability-iam`));
    subnets = printed(up, 'Subnet');
    vpc = up.stdout.find((l) => l.startsWith('VPC created: '))!.split(': ')[1]!;
    [group] = printed(up, 'Security Group');
    await h.backend.elb.send(
      new CreateClassicLoadBalancerCommand({
        LoadBalancerName: 'php-lb',
        Listeners: [{ Protocol: 'HTTP', LoadBalancerPort: 80, InstanceProtocol: 'HTTP', InstancePort: 80 }],
        Subnets: subnets,
        SecurityGroups: [group!],
      }),
    );
    const alb = await h.backend.elbv2.send(new CreateLoadBalancerCommand({ Name: 'web-alb', Subnets: subnets, SecurityGroups: [group!] }));
    const albArn = alb.LoadBalancers![0]!.LoadBalancerArn!;

    const run = await h.run(`ecs-cli down --cluster ${CLUSTER} --force`);
    expect(run.code).toBe(1);
    expect(run.stdout).toEqual([]);
    expect(run.stderr).toEqual([
      `the network of cluster ${CLUSTER} (${vpc}) is still used by classic load balancer php-lb and application load balancer web-alb, which would keep it from being deleted: ` +
        `delete them first ("elb delete-load-balancer --load-balancer-name php-lb"; "elbv2 delete-load-balancer --load-balancer-arn ${albArn}"), then run ecs-cli down --cluster ${CLUSTER} again`,
    ]);
    expect(await setupInstances()).toHaveLength(2);
    expect((await h.t.ecs.send(new DescribeClustersCommand({ clusters: [CLUSTER] }))).clusters![0]!.status).toBe('ACTIVE');
    // up --force, which replaces the set-up, refuses the same way before it deletes anything.
    const replace = await h.run(`ecs-cli up --cluster ${CLUSTER} --size 1 --capability-iam --force`);
    expect(replace.stdout).toEqual([]);
    expect(replace.stderr).toEqual([expect.stringContaining('is still used by classic load balancer php-lb and application load balancer web-alb, which would keep it from being deleted')]);
    expect(replace.stderr[0]).toMatch(/then run ecs-cli up --force again$/);
    expect(await setupInstances()).toHaveLength(2);

    await h.backend.elb.send(new DeleteClassicLoadBalancerCommand({ LoadBalancerName: 'php-lb' }));
    await h.backend.elbv2.send(new DeleteLoadBalancerCommand({ LoadBalancerArn: albArn }));
  });

  it('names an instance of the user\'s launched into the set-up\'s subnet, with the command that frees it', async () => {
    const imageId = (await setupInstances())[0]!.ImageId;
    const launched = await h.t.ec2.send(new RunInstancesCommand({ ImageId: imageId, InstanceType: 't3.micro', MinCount: 1, MaxCount: 1, SubnetId: subnets[1] }));
    const mine = launched.Instances![0]!.InstanceId!;
    const run = await h.run(`ecs-cli down --cluster ${CLUSTER} --force`);
    expect(run.stderr).toEqual([
      expect.stringMatching(
        new RegExp(`^the network of cluster ${CLUSTER} \\(${vpc}\\) is still used by network interface eni-[0-9a-f]+ of instance ${mine}, which would keep it from being deleted: delete it first \\("ec2 terminate-instances --instance-ids ${mine}"\\), then run ecs-cli down --cluster ${CLUSTER} again$`),
      ),
    ]);
    expect(await setupInstances()).toHaveLength(2);
    await h.t.ec2.send(new TerminateInstancesCommand({ InstanceIds: [mine] }));
    h.t.advance(60_000);
  });

  it('fails like DELETE_FAILED, after a bounded wait it reports as it starts, when EC2 still refuses to delete a resource', async () => {
    // A rule of another VPC's group that names the set-up's group: no interface, no load balancer, yet the group cannot go.
    const other = (await h.t.ec2.send(new CreateVpcCommand({ CidrBlock: '10.9.0.0/16' }))).Vpc!.VpcId!;
    const referrer = (await h.t.ec2.send(new CreateSecurityGroupCommand({ GroupName: 'referrer', Description: 'refers to the set-up', VpcId: other }))).GroupId!;
    await h.t.ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: referrer, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 80, ToPort: 80, UserIdGroupPairs: [{ GroupId: group }] }] }));

    const run = await h.run(`ecs-cli down --cluster ${CLUSTER} --force`);
    expect(run.code).toBe(1);
    const waiting = run.stdout.find((l) => l.includes('to be free'));
    expect(waiting).toMatch(new RegExp(`^INFO\\[\\d{4}\\] Waiting for security group ${group} to be free +reason="resource ${group} has a dependent object"$`));
    expect(run.stderr).toEqual([
      `Error deleting the resources of cluster ${CLUSTER} (DELETE_FAILED): security group ${group} could not be deleted after 5 minutes: resource ${group} has a dependent object: ` +
        `remove what depends on it, then run ecs-cli down --cluster ${CLUSTER} again`,
    ]);
    // The instances went first, as in CloudFormation; the rest waits for the next down.
    expect(await setupInstances()).toEqual([]);
    expect((await h.t.ec2.send(new DescribeVpcsCommand({ Filters: tagged }))).Vpcs).toHaveLength(1);

    await h.t.ec2.send(new DeleteSecurityGroupCommand({ GroupId: referrer }));
    const again = succeeded(await h.run(`ecs-cli down --cluster ${CLUSTER} --force`));
    expect(again.stdout[again.stdout.length - 1]).toMatch(/Deleted cluster +cluster=held$/);
    expect((await h.t.ec2.send(new DescribeSubnetsCommand({ Filters: tagged }))).Subnets).toEqual([]);
    expect((await h.t.ec2.send(new DescribeVpcsCommand({ Filters: tagged }))).Vpcs).toEqual([]);
  });
});
