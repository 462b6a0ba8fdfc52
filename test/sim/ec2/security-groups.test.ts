import {
  AuthorizeSecurityGroupIngressCommand,
  CreateSecurityGroupCommand,
  CreateVpcCommand,
  DeleteSecurityGroupCommand,
  DescribeSecurityGroupsCommand,
  RevokeSecurityGroupIngressCommand,
  TerminateInstancesCommand,
  type SecurityGroup,
} from '@aws-sdk/client-ec2';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { errorOf, startTestSandbox, type TestSandbox } from '../../support/sandbox.js';
import { runInstances, SETTLE_MS } from './fixtures.js';

let t: TestSandbox;
beforeEach(async () => {
  t = await startTestSandbox();
});
afterEach(() => t.close());

async function createGroup(name: string, vpcId?: string): Promise<string> {
  return (await t.ec2.send(new CreateSecurityGroupCommand({ GroupName: name, Description: `${name} tier`, VpcId: vpcId }))).GroupId!;
}

async function group(groupId: string): Promise<SecurityGroup> {
  return (await t.ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [groupId] }))).SecurityGroups![0]!;
}

const http = { IpProtocol: 'tcp', FromPort: 80, ToPort: 80, IpRanges: [{ CidrIp: '0.0.0.0/0', Description: 'web' }] };

describe('security groups', () => {
  it('creates a group in the default VPC that lets everything out and nothing in', async () => {
    const out = await t.ec2.send(
      new CreateSecurityGroupCommand({
        GroupName: 'web',
        Description: 'web tier',
        TagSpecifications: [{ ResourceType: 'security-group', Tags: [{ Key: 'team', Value: 'a' }] }],
      }),
    );
    expect(out.GroupId).toMatch(/^sg-[0-9a-f]{17}$/);
    expect(out.SecurityGroupArn).toBe(`arn:aws:ec2:us-east-1:123456789012:security-group/${out.GroupId}`);
    const described = await group(out.GroupId!);
    expect(described).toMatchObject({ GroupName: 'web', Description: 'web tier', IpPermissions: [], Tags: [{ Key: 'team', Value: 'a' }] });
    expect(described.IpPermissionsEgress).toEqual([
      { IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }], Ipv6Ranges: [], PrefixListIds: [], UserIdGroupPairs: [] },
    ]);
    const byName = await t.ec2.send(new DescribeSecurityGroupsCommand({ GroupNames: ['web'] }));
    expect(byName.SecurityGroups!.map((g) => g.GroupId)).toEqual([out.GroupId]);
  });

  it('refuses duplicate, reserved and malformed names, and unknown groups', async () => {
    await createGroup('web');
    const vpcId = (await t.ec2.send(new DescribeSecurityGroupsCommand({ GroupNames: ['web'] }))).SecurityGroups![0]!.VpcId;
    const duplicate = await errorOf(createGroup('web'));
    expect([duplicate.name, duplicate.message]).toEqual(['InvalidGroup.Duplicate', `The security group 'web' already exists for VPC '${vpcId}'`]);
    expect((await errorOf(createGroup('default'))).name).toBe('InvalidGroup.Reserved');
    expect((await errorOf(createGroup('sg-web'))).name).toBe('InvalidParameterValue');
    const noDescription = await errorOf(t.ec2.send(new CreateSecurityGroupCommand({ GroupName: 'x', Description: undefined as unknown as string })));
    expect(noDescription.name).toBe('MissingParameter');
    const byName = await errorOf(t.ec2.send(new DescribeSecurityGroupsCommand({ GroupNames: ['nope'] })));
    expect([byName.name, byName.message]).toEqual(['InvalidGroup.NotFound', `The security group 'nope' does not exist in default VPC '${vpcId}'`]);
    const byId = await errorOf(t.ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: ['sg-0123456789abcdef0'] })));
    expect([byId.name, byId.message]).toEqual(['InvalidGroup.NotFound', "The security group 'sg-0123456789abcdef0' does not exist"]);
    const malformed = await errorOf(t.ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: ['web'] })));
    expect(malformed.name).toBe('InvalidGroupId.Malformed');
  });

  it('allows the same name in another VPC', async () => {
    const vpcId = (await t.ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }))).Vpc!.VpcId!;
    await createGroup('web');
    const other = await createGroup('web', vpcId);
    expect((await group(other)).VpcId).toBe(vpcId);
  });
});

describe('ingress rules', () => {
  it('authorizes rules, grouping sources by protocol and ports', async () => {
    const web = await createGroup('web');
    const lb = await createGroup('lb');
    const out = await t.ec2.send(
      new AuthorizeSecurityGroupIngressCommand({
        GroupId: web,
        IpPermissions: [http, { IpProtocol: 'tcp', FromPort: 80, ToPort: 80, UserIdGroupPairs: [{ GroupId: lb }] }],
      }),
    );
    expect(out.Return).toBe(true);
    expect(out.SecurityGroupRules!.map((r) => [r.IpProtocol, r.FromPort, r.CidrIpv4 ?? r.ReferencedGroupInfo?.GroupId, r.IsEgress])).toEqual([
      ['tcp', 80, '0.0.0.0/0', false],
      ['tcp', 80, lb, false],
    ]);
    expect(out.SecurityGroupRules![0]!.SecurityGroupRuleId).toMatch(/^sgr-[0-9a-f]{17}$/);
    // The older form: one CIDR, protocol and port range as top-level parameters.
    await t.ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupName: 'web', IpProtocol: '6', FromPort: 22, ToPort: 22, CidrIp: '10.0.0.0/8' }));
    const rules = (await group(web)).IpPermissions!;
    expect(rules).toEqual([
      {
        IpProtocol: 'tcp',
        FromPort: 80,
        ToPort: 80,
        IpRanges: [{ CidrIp: '0.0.0.0/0', Description: 'web' }],
        Ipv6Ranges: [],
        PrefixListIds: [],
        UserIdGroupPairs: [{ GroupId: lb, UserId: '123456789012' }],
      },
      { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '10.0.0.0/8' }], Ipv6Ranges: [], PrefixListIds: [], UserIdGroupPairs: [] },
    ]);
    const filtered = await t.ec2.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'ip-permission.from-port', Values: ['22'] }] }));
    expect(filtered.SecurityGroups!.map((g) => g.GroupId)).toEqual([web]);
  });

  it('refuses a rule that exists, and bad protocols, ports and blocks', async () => {
    const web = await createGroup('web');
    await t.ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: web, IpPermissions: [http] }));
    const duplicate = await errorOf(t.ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: web, IpPermissions: [http] })));
    expect(duplicate.name).toBe('InvalidPermission.Duplicate');
    expect(duplicate.message).toBe('the specified rule "peer: 0.0.0.0/0, TCP, from port: 80, to port: 80, ALLOW" already exists');
    const cases: Array<[object, string]> = [
      [{ IpProtocol: 'smtp', FromPort: 25, ToPort: 25, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }, 'InvalidParameterValue'],
      [{ IpProtocol: 'tcp', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }, 'InvalidParameterValue'],
      [{ IpProtocol: 'tcp', FromPort: 90, ToPort: 80, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }, 'InvalidParameterValue'],
      [{ IpProtocol: 'tcp', FromPort: 80, ToPort: 80, IpRanges: [{ CidrIp: '10.0.0.1' }] }, 'InvalidParameterValue'],
      [{ IpProtocol: 'tcp', FromPort: 80, ToPort: 80, UserIdGroupPairs: [{ GroupId: 'sg-0123456789abcdef0' }] }, 'InvalidGroup.NotFound'],
    ];
    for (const [permission, code] of cases) {
      const error = await errorOf(t.ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: web, IpPermissions: [permission] })));
      expect(error.name, JSON.stringify(permission)).toBe(code);
    }
    expect((await group(web)).IpPermissions).toHaveLength(1);
  });

  it('revokes by rule and by rule id', async () => {
    const web = await createGroup('web');
    const added = await t.ec2.send(
      new AuthorizeSecurityGroupIngressCommand({ GroupId: web, IpPermissions: [http, { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }] }),
    );
    const revoked = await t.ec2.send(new RevokeSecurityGroupIngressCommand({ GroupId: web, IpPermissions: [{ ...http, IpRanges: [{ CidrIp: '0.0.0.0/0' }] }] }));
    expect(revoked.Return).toBe(true);
    expect(revoked.RevokedSecurityGroupRules!.map((r) => r.SecurityGroupRuleId)).toEqual([added.SecurityGroupRules![0]!.SecurityGroupRuleId]);
    await t.ec2.send(new RevokeSecurityGroupIngressCommand({ GroupId: web, SecurityGroupRuleIds: [added.SecurityGroupRules![1]!.SecurityGroupRuleId!] }));
    expect((await group(web)).IpPermissions).toEqual([]);
  });

  it('reports unknown rules in the default VPC, and refuses them elsewhere', async () => {
    const web = await createGroup('web');
    const out = await t.ec2.send(new RevokeSecurityGroupIngressCommand({ GroupId: web, IpPermissions: [http] }));
    expect(out.UnknownIpPermissions!.map((p) => [p.IpProtocol, p.FromPort, p.IpRanges![0]!.CidrIp])).toEqual([['tcp', 80, '0.0.0.0/0']]);
    const vpcId = (await t.ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }))).Vpc!.VpcId!;
    const other = await createGroup('app', vpcId);
    const error = await errorOf(t.ec2.send(new RevokeSecurityGroupIngressCommand({ GroupId: other, IpPermissions: [http] })));
    expect([error.name, error.message]).toEqual(['InvalidPermission.NotFound', 'The specified rule does not exist in this security group.']);
  });
});

describe('deleting security groups', () => {
  it('refuses the default group, groups in use and groups other groups refer to', async () => {
    const defaultGroup = (await t.ec2.send(new DescribeSecurityGroupsCommand({ GroupNames: ['default'] }))).SecurityGroups![0]!.GroupId!;
    const cannot = await errorOf(t.ec2.send(new DeleteSecurityGroupCommand({ GroupId: defaultGroup })));
    expect([cannot.name, cannot.message]).toEqual(['CannotDelete', `the specified group: "${defaultGroup}" name: "default" cannot be deleted by a user`]);

    const web = await createGroup('web');
    const [instance] = await runInstances(t, { SecurityGroupIds: [web] });
    const inUse = await errorOf(t.ec2.send(new DeleteSecurityGroupCommand({ GroupId: web })));
    expect([inUse.name, inUse.message]).toEqual(['DependencyViolation', `resource ${web} has a dependent object`]);
    await t.ec2.send(new TerminateInstancesCommand({ InstanceIds: [instance!.InstanceId!] }));
    t.advance(SETTLE_MS);

    const lb = await createGroup('lb');
    await t.ec2.send(new AuthorizeSecurityGroupIngressCommand({ GroupId: web, IpPermissions: [{ IpProtocol: '-1', UserIdGroupPairs: [{ GroupId: lb }] }] }));
    expect((await errorOf(t.ec2.send(new DeleteSecurityGroupCommand({ GroupId: lb })))).name).toBe('DependencyViolation');

    const deleted = await t.ec2.send(new DeleteSecurityGroupCommand({ GroupName: 'web' }));
    expect(deleted.GroupId).toBe(web);
    await t.ec2.send(new DeleteSecurityGroupCommand({ GroupId: lb }));
    const gone = await errorOf(t.ec2.send(new DeleteSecurityGroupCommand({ GroupId: lb })));
    expect(gone.name).toBe('InvalidGroup.NotFound');
  });
});
