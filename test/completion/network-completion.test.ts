import { CreateCapacityProviderCommand, CreateClusterCommand } from '@aws-sdk/client-ecs';
import {
  CreateKeyPairCommand,
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeVpcsCommand,
  ImportKeyPairCommand,
} from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadApiIndex, type ResourceKind } from '../../source/commands/index.js';
import { ResourceCache, completeLine, createSdkResourceProvider, type CompletionResult } from '../../source/completion/index.js';
import { startTestSandbox, type TestSandbox } from '../support/sandbox.js';

const catalog = loadApiIndex();
let t: TestSandbox;
let cache: ResourceCache;
let defaultVpc: string;
/** The default VPC's subnets by zone, as EC2 describes them. */
let defaults: { id: string; zone: string; cidr: string }[];
let defaultGroup: string;
let webGroup: string;
let privateSubnet: string;

beforeAll(async () => {
  t = await startTestSandbox();
  cache = new ResourceCache({ provider: createSdkResourceProvider({ ecs: t.ecs, ec2: t.ec2 }) });
  await t.ecs.send(new CreateClusterCommand({ clusterName: 'demo' }));
  const vpcs = await t.ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'is-default', Values: ['true'] }] }));
  defaultVpc = vpcs.Vpcs![0]!.VpcId!;
  const subnets = await t.ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'vpc-id', Values: [defaultVpc] }] }));
  defaults = subnets.Subnets!.map((s) => ({ id: s.SubnetId!, zone: s.AvailabilityZone!, cidr: s.CidrBlock! })).sort((a, b) => a.zone.localeCompare(b.zone));
  const groups = await t.ec2.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'vpc-id', Values: [defaultVpc] }] }));
  defaultGroup = groups.SecurityGroups!.find((g) => g.GroupName === 'default')!.GroupId!;
  // A subnet of the user's own (not a default one) and a group with a description, in the default VPC.
  const own = await t.ec2.send(
    new CreateSubnetCommand({
      VpcId: defaultVpc,
      CidrBlock: '172.31.96.0/24',
      AvailabilityZone: 'us-east-1b',
      TagSpecifications: [{ ResourceType: 'subnet', Tags: [{ Key: 'Name', Value: 'private-b' }] }],
    }),
  );
  privateSubnet = own.Subnet!.SubnetId!;
  webGroup = (await t.ec2.send(new CreateSecurityGroupCommand({ GroupName: 'web', Description: 'HTTP from anywhere', VpcId: defaultVpc }))).GroupId!;
  for (const kind of ['subnet', 'security-group', 'capacity-provider'] satisfies ResourceKind[]) await cache.get(kind);
});
afterAll(() => t.close());

function complete(line: string, cursor = line.length): CompletionResult {
  return completeLine(line, cursor, { catalog, resources: cache });
}

const labels = (result: CompletionResult) => result.candidates.map((c) => c.label);

const CREATE = 'ecs create-service --cluster demo --service-name web --task-definition web --desired-count 2 --launch-type FARGATE';

describe('awsvpc network configuration, in shorthand', () => {
  it('opens the structure, then offers its members with the bracket each value starts with', () => {
    expect(labels(complete(`${CREATE} --network-configuration `))).toEqual(['awsvpcConfiguration={']);
    const members = complete(`${CREATE} --network-configuration awsvpcConfiguration={`);
    expect(members.candidates.map((c) => [c.label, c.noSpace, c.required])).toEqual([
      ['subnets=[', true, true],
      ['securityGroups=[', true, false],
      ['assignPublicIp=', true, false],
    ]);
    // Members already set leave the menu.
    expect(labels(complete(`${CREATE} --network-configuration awsvpcConfiguration={subnets=[${defaults[0]!.id}],`))).toEqual([
      'securityGroups=[',
      'assignPublicIp=',
    ]);
  });

  it('completes subnet ids, default subnets first, each with its zone, CIDR and VPC', () => {
    const line = `${CREATE} --network-configuration awsvpcConfiguration={subnets=[`;
    const result = complete(line);
    expect(result.context).toMatchObject({ kind: 'value', parameter: 'network-configuration', shorthandKey: 'subnets', resource: 'subnet' });
    expect(result.replace).toEqual({ start: line.length, end: line.length });
    expect(labels(result)).toEqual([...defaults.map((s) => s.id), privateSubnet]);
    const first = result.candidates[0]!;
    expect(first).toMatchObject({ kind: 'resource', insert: defaults[0]!.id, noSpace: true, doc: `${defaults[0]!.zone} ${defaults[0]!.cidr} default (${defaultVpc})` });
    expect(result.candidates.at(-1)!.doc).toBe(`us-east-1b 172.31.96.0/24 private-b (${defaultVpc})`);
  });

  it('leaves out the subnets already in the list, and replaces only the item being typed', () => {
    const [a, b] = defaults;
    const line = `${CREATE} --network-configuration awsvpcConfiguration={subnets=[${a!.id},${b!.id.slice(0, 9)}`;
    const result = complete(line);
    expect(labels(result)).not.toContain(a!.id);
    expect(labels(result)[0]).toBe(b!.id);
    expect(result.replace).toEqual({ start: line.length - 9, end: line.length });
  });

  it('with the cursor inside the structure, replaces the item there and keeps the rest of the word', () => {
    const before = `${CREATE} --network-configuration awsvpcConfiguration={subnets=[subnet-`;
    const line = `${before}xyz],securityGroups=[${defaultGroup}]}`;
    const result = complete(line, before.length);
    expect(result.query).toBe('subnet-');
    expect(result.replace).toEqual({ start: before.length - 'subnet-'.length, end: before.length + 3 });
    const members = `${CREATE} --network-configuration awsvpcConfiguration={subnets=[${defaults[0]!.id}],as`;
    const keys = complete(`${members}sign=X}`, members.length);
    expect(keys.candidates[0]!.label).toBe('assignPublicIp=');
    expect(keys.replace).toEqual({ start: members.length - 2, end: members.length + 4 });
  });

  it('completes security group ids with their names', () => {
    const line = `${CREATE} --network-configuration awsvpcConfiguration={subnets=[${defaults[0]!.id}],securityGroups=[`;
    const result = complete(line);
    expect(result.context).toMatchObject({ shorthandKey: 'securityGroups', resource: 'security-group' });
    const docs = new Map(result.candidates.map((c) => [c.label, c.doc]));
    expect(docs.get(defaultGroup)).toBe(`default (${defaultVpc}): default VPC security group`);
    expect(docs.get(webGroup)).toBe(`web (${defaultVpc}): HTTP from anywhere`);
    expect(result.candidates.every((c) => c.noSpace)).toBe(true);
  });

  it('offers ENABLED and DISABLED for assignPublicIp, without ending the word', () => {
    const line = `${CREATE} --network-configuration awsvpcConfiguration={subnets=[${defaults[0]!.id}],assignPublicIp=EN`;
    const result = complete(line);
    expect(result.candidates.map((c) => [c.label, c.insert, c.noSpace])).toEqual([['ENABLED', 'ENABLED', true]]);
  });

  it('does not close a quote opened before the structure: the structure goes on after the value', () => {
    const line = `${CREATE} --network-configuration "awsvpcConfiguration={subnets=[`;
    const result = complete(line);
    expect(result.candidates[0]).toMatchObject({ label: defaults[0]!.id, insert: defaults[0]!.id, noSpace: true });
  });

  it('offers nothing after a closed list, inside a quoted value, or in a JSON value', () => {
    // Each as the shell reads the word: the shell's own quotes are not part of the value.
    for (const word of [`awsvpcConfiguration={subnets=[${defaults[0]!.id}]`, `"awsvpcConfiguration={subnets=['sub`, `'{"awsvpcConfiguration": {"subnets": ["`]) {
      expect(complete(`${CREATE} --network-configuration ${word}`).candidates).toEqual([]);
    }
  });

  it('completes the same in run-task and update-service', () => {
    expect(labels(complete('ecs run-task --cluster demo --network-configuration awsvpcConfiguration={securityGroups=['))).toContain(defaultGroup);
    expect(labels(complete('ecs update-service --cluster demo --service web --network-configuration awsvpcConfiguration={subnets=['))[0]).toBe(defaults[0]!.id);
  });
});

describe('EC2 parameters naming subnets and security groups', () => {
  it('completes --subnet-ids, --subnet-id, --group-ids and --security-group-ids with the same docs', () => {
    const subnets = complete('ec2 describe-subnets --subnet-ids ');
    expect(labels(subnets)).toEqual([...defaults.map((s) => s.id), privateSubnet]);
    expect(subnets.candidates[0]!.doc).toContain(' default ');
    expect(subnets.candidates[0]!.noSpace).toBeUndefined();
    const one = complete('ec2 run-instances --image-id ami-1 --subnet-id ');
    expect(one.candidates.find((c) => c.label === privateSubnet)!.doc).toContain('private-b');
    expect(labels(complete(`ec2 describe-security-groups --group-ids ${defaultGroup} `))).toEqual(expect.not.arrayContaining([defaultGroup]));
    const groups = complete('ec2 run-instances --image-id ami-1 --security-group-ids we');
    expect(groups.candidates).toEqual([]);
    const all = complete('ec2 run-instances --image-id ami-1 --security-group-ids ');
    expect(all.candidates.find((c) => c.label === webGroup)!.doc).toMatch(/^web /);
  });

  it('offers a subnet created meanwhile once the command that made it invalidates the list', async () => {
    const created = await t.ec2.send(new CreateSubnetCommand({ VpcId: defaultVpc, CidrBlock: '172.31.97.0/24', AvailabilityZone: 'us-east-1c' }));
    expect(cache.invalidateAfter('ec2', 'CreateSubnet')).toEqual(['subnet']);
    await cache.get('subnet');
    const result = complete('ec2 describe-subnets --subnet-ids ');
    expect(result.candidates.find((c) => c.label === created.Subnet!.SubnetId)!.doc).toBe(`us-east-1c 172.31.97.0/24 (${defaultVpc})`);
  });
});

describe('capacity providers and launch types', () => {
  it('completes a strategy item\'s capacityProvider: FARGATE and FARGATE_SPOT first, then the account\'s', async () => {
    await t.ecs.send(
      new CreateCapacityProviderCommand({
        name: 'spot-fleet',
        autoScalingGroupProvider: { autoScalingGroupArn: 'arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:0f1e2d3c-aaaa-bbbb-cccc-0123456789ab:autoScalingGroupName/spot-asg' },
      }),
    );
    cache.invalidateAfter('ecs', 'CreateCapacityProvider');
    await cache.get('capacity-provider');
    const line = `${CREATE.replace(' --launch-type FARGATE', '')} --capacity-provider-strategy capacityProvider=`;
    const result = complete(line);
    expect(result.context).toMatchObject({ parameter: 'capacity-provider-strategy', shorthandKey: 'capacityProvider', resource: 'capacity-provider' });
    expect(result.candidates.map((c) => [c.label, c.doc])).toEqual([
      ['FARGATE', 'AWS Fargate: tasks run without instances to manage'],
      ['FARGATE_SPOT', 'Fargate Spot: spare capacity at a discount; tasks may be interrupted'],
      ['spot-fleet', 'Auto Scaling group spot-asg'],
    ]);
    // A value at the top level of the word ends it: the next item (or parameter) follows a space.
    expect(result.candidates[0]!.noSpace).toBeUndefined();
    // The second item of the strategy, after weight and base.
    const second = complete(`${line}FARGATE,weight=1,base=1 capacityProvider=FARGATE_`);
    expect(labels(second)).toEqual(['FARGATE_SPOT']);
    expect(labels(complete(`${line}FARGATE,`))).toEqual(['weight=', 'base=']);
  });

  it('completes the cluster\'s --capacity-providers and its default strategy', () => {
    const providers = complete('ecs put-cluster-capacity-providers --cluster demo --capacity-providers FARGATE ');
    expect(labels(providers)).toEqual(['FARGATE_SPOT', 'spot-fleet']);
    expect(providers.candidates[0]!.doc).toMatch(/^Fargate Spot/);
    const strategy = complete('ecs put-cluster-capacity-providers --cluster demo --capacity-providers FARGATE --default-capacity-provider-strategy capacityProvider=FAR');
    expect(labels(strategy)).toEqual(['FARGATE', 'FARGATE_SPOT']);
  });

  it('completes --launch-type with ECS\'s launch types', () => {
    expect(labels(complete('ecs run-task --launch-type '))).toEqual(expect.arrayContaining(['EC2', 'FARGATE', 'EXTERNAL']));
    expect(labels(complete('ecs create-service --launch-type FAR'))).toEqual(['FARGATE']);
  });
});

describe('key pairs', () => {
  it('completes --key-name from the region\'s key pairs, and offers one made since once the command that made it says so', async () => {
    await t.ec2.send(new CreateKeyPairCommand({ KeyName: 'deploy' }));
    await cache.get('key-pair');
    expect(labels(complete('ec2 run-instances --image-id ami-1 --key-name '))).toEqual(['deploy']);
    expect(labels(complete('ec2 delete-key-pair --key-name d'))).toEqual(['deploy']);
    // A new key's name is the user's to choose: nothing to complete.
    expect(labels(complete('ec2 create-key-pair --key-name '))).toEqual([]);

    await t.ec2.send(new ImportKeyPairCommand({ KeyName: 'laptop', PublicKeyMaterial: new TextEncoder().encode(LAPTOP_KEY) }));
    cache.invalidateAfter('ec2', 'ImportKeyPair');
    await cache.get('key-pair');
    expect(labels(complete('ec2 describe-key-pairs --key-names ')).sort()).toEqual(['deploy', 'laptop']);
  });
});

/** An OpenSSH ed25519 public key, as ~/.ssh/id_ed25519.pub holds one. */
const LAPTOP_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBdoP7Vd7nxbHnWlo9DHKNk0CBlnBNP8N3RZCn2U7sVP laptop';
