import {
  CreateTagsCommand,
  DeleteTagsCommand,
  DescribeInstancesCommand,
  DescribeSubnetsCommand,
  DescribeTagsCommand,
  DescribeVpcsCommand,
  type Filter,
} from '@aws-sdk/client-ec2';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { errorOf, startTestSandbox, type TestSandbox } from '../../support/sandbox.js';
import { runInstances } from './fixtures.js';

let t: TestSandbox;
beforeEach(async () => {
  t = await startTestSandbox();
});
afterEach(() => t.close());

async function instanceIds(filters: Filter[]): Promise<string[]> {
  const out = await t.ec2.send(new DescribeInstancesCommand({ Filters: filters }));
  return out.Reservations!.flatMap((r) => r.Instances!.map((i) => i.InstanceId!));
}

describe('tags', () => {
  it('tags instances, VPCs and subnets, and DescribeTags lists them by resource', async () => {
    const [instance] = await runInstances(t);
    const vpcId = (await t.ec2.send(new DescribeVpcsCommand({}))).Vpcs![0]!.VpcId!;
    const subnetId = (await t.ec2.send(new DescribeSubnetsCommand({}))).Subnets![0]!.SubnetId!;
    await t.ec2.send(
      new CreateTagsCommand({ Resources: [instance!.InstanceId!, vpcId, subnetId], Tags: [{ Key: 'env', Value: 'demo' }, { Key: 'Name', Value: 'main' }] }),
    );
    const all = await t.ec2.send(new DescribeTagsCommand({ Filters: [{ Name: 'key', Values: ['env'] }] }));
    expect(all.Tags!.map((tag) => [tag.ResourceType, tag.Value]).sort()).toEqual([
      ['instance', 'demo'],
      ['subnet', 'demo'],
      ['vpc', 'demo'],
    ]);
    const ofInstance = await t.ec2.send(new DescribeTagsCommand({ Filters: [{ Name: 'resource-id', Values: [instance!.InstanceId!] }] }));
    expect(ofInstance.Tags).toEqual([
      { Key: 'Name', ResourceId: instance!.InstanceId, ResourceType: 'instance', Value: 'main' },
      { Key: 'env', ResourceId: instance!.InstanceId, ResourceType: 'instance', Value: 'demo' },
    ]);
    const vpcs = await t.ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'tag:env', Values: ['demo'] }] }));
    expect(vpcs.Vpcs!.map((v) => v.VpcId)).toEqual([vpcId]);
  });

  it('replaces a tag by key, and deletes by key, by key and value, or all at once', async () => {
    const [instance] = await runInstances(t);
    const id = instance!.InstanceId!;
    const tags = async () => (await t.ec2.send(new DescribeInstancesCommand({ InstanceIds: [id] }))).Reservations![0]!.Instances![0]!.Tags;
    await t.ec2.send(new CreateTagsCommand({ Resources: [id], Tags: [{ Key: 'a', Value: '1' }, { Key: 'b', Value: '2' }, { Key: 'c' }] }));
    await t.ec2.send(new CreateTagsCommand({ Resources: [id], Tags: [{ Key: 'a', Value: 'one' }] }));
    expect(await tags()).toEqual([{ Key: 'a', Value: 'one' }, { Key: 'b', Value: '2' }, { Key: 'c', Value: '' }]);
    await t.ec2.send(new DeleteTagsCommand({ Resources: [id], Tags: [{ Key: 'b', Value: 'not-2' }] }));
    expect(await tags()).toHaveLength(3);
    await t.ec2.send(new DeleteTagsCommand({ Resources: [id], Tags: [{ Key: 'b', Value: '2' }, { Key: 'c' }] }));
    expect(await tags()).toEqual([{ Key: 'a', Value: 'one' }]);
    await t.ec2.send(new DeleteTagsCommand({ Resources: [id] }));
    expect(await tags()).toEqual([]);
    // Markup in values survives the XML both ways.
    await t.ec2.send(new CreateTagsCommand({ Resources: [id], Tags: [{ Key: 'note', Value: `<b>&"it's"</b>` }] }));
    expect(await tags()).toEqual([{ Key: 'note', Value: `<b>&"it's"</b>` }]);
  });

  it('refuses bad ids, reserved keys and more than 50 tags', async () => {
    const [instance] = await runInstances(t);
    const id = instance!.InstanceId!;
    const invalid = await errorOf(t.ec2.send(new CreateTagsCommand({ Resources: ['web-1'], Tags: [{ Key: 'a', Value: 'b' }] })));
    expect([invalid.name, invalid.message]).toEqual(['InvalidID', "The ID 'web-1' is not valid"]);
    const missing = await errorOf(t.ec2.send(new CreateTagsCommand({ Resources: ['i-0123456789abcdef0'], Tags: [{ Key: 'a', Value: 'b' }] })));
    expect([missing.name, missing.message]).toEqual(['InvalidInstanceID.NotFound', "The instance ID 'i-0123456789abcdef0' does not exist"]);
    const reserved = await errorOf(t.ec2.send(new CreateTagsCommand({ Resources: [id], Tags: [{ Key: 'aws:owner', Value: 'me' }] })));
    expect(reserved.name).toBe('InvalidParameterValue');
    const many = Array.from({ length: 51 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));
    const limit = await errorOf(t.ec2.send(new CreateTagsCommand({ Resources: [id], Tags: many })));
    expect(limit.name).toBe('TagLimitExceeded');
    expect((await t.ec2.send(new DescribeTagsCommand({ Filters: [{ Name: 'resource-id', Values: [id] }] }))).Tags).toEqual([]);
  });

  it('pages DescribeTags', async () => {
    const [instance] = await runInstances(t);
    const tags = Array.from({ length: 7 }, (_, i) => ({ Key: `k${i}`, Value: `v${i}` }));
    await t.ec2.send(new CreateTagsCommand({ Resources: [instance!.InstanceId!], Tags: tags }));
    const first = await t.ec2.send(new DescribeTagsCommand({ MaxResults: 5 }));
    const second = await t.ec2.send(new DescribeTagsCommand({ MaxResults: 5, NextToken: first.NextToken }));
    expect([first.Tags!.length, second.Tags!.length, second.NextToken]).toEqual([5, 2, undefined]);
  });
});

describe('filters', () => {
  it('match with * and ?, on tag:KEY, tag-key and tag-value, any value of a filter and every filter', async () => {
    const [web1] = await runInstances(t, { TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'Name', Value: 'web-1' }] }] });
    const [web2] = await runInstances(t, { TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'Name', Value: 'web-22' }] }] });
    const [db] = await runInstances(t, { TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'role', Value: 'db*' }] }] });
    expect(await instanceIds([{ Name: 'tag:Name', Values: ['web-*'] }])).toEqual([web1!.InstanceId, web2!.InstanceId]);
    expect(await instanceIds([{ Name: 'tag:Name', Values: ['web-?'] }])).toEqual([web1!.InstanceId]);
    expect(await instanceIds([{ Name: 'tag:Name', Values: ['WEB-1'] }])).toEqual([]);
    expect(await instanceIds([{ Name: 'tag-key', Values: ['role'] }])).toEqual([db!.InstanceId]);
    expect(await instanceIds([{ Name: 'tag-value', Values: ['web-22', 'nothing'] }])).toEqual([web2!.InstanceId]);
    // A backslash makes a wildcard character literal.
    expect(await instanceIds([{ Name: 'tag:role', Values: ['db\\*'] }])).toEqual([db!.InstanceId]);
    expect(await instanceIds([{ Name: 'tag:Name', Values: ['web-*'] }, { Name: 'instance-id', Values: [web2!.InstanceId!] }])).toEqual([web2!.InstanceId]);
  });

  it('refuses an unknown filter name', async () => {
    const error = await errorOf(t.ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'zone', Values: ['a'] }] })));
    expect([error.name, error.message]).toEqual(['InvalidParameterValue', "The filter 'zone' is invalid"]);
  });
});
