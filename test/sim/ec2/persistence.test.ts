import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeSubnetsCommand, DescribeVpcsCommand } from '@aws-sdk/client-ec2';
import { CreateClusterCommand, ListContainerInstancesCommand } from '@aws-sdk/client-ecs';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { startTestSandbox } from '../../support/sandbox.js';
import { describeInstance, joinCluster, runInstances, SETTLE_MS } from './fixtures.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ecsh-ec2-state-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

it('keeps instances, the default network and pending boots across a restart', async () => {
  const state = join(dir, 'state.json');
  const first = await startTestSandbox({ state });
  await first.ecs.send(new CreateClusterCommand({ clusterName: 'web' }));
  const [launched] = await runInstances(first, { UserData: joinCluster('web') });
  const vpcs = (await first.ec2.send(new DescribeVpcsCommand({}))).Vpcs;
  await first.close();

  const second = await startTestSandbox({ state });
  try {
    expect((await second.ec2.send(new DescribeVpcsCommand({}))).Vpcs).toEqual(vpcs);
    const again = await describeInstance(second, launched!.InstanceId!);
    expect(again.PrivateIpAddress).toBe(launched!.PrivateIpAddress);
    expect(again.State!.Name).toBe('pending');
    second.advance(SETTLE_MS);
    expect((await describeInstance(second, launched!.InstanceId!)).State!.Name).toBe('running');
    expect((await second.ecs.send(new ListContainerInstancesCommand({ cluster: 'web' }))).containerInstanceArns).toHaveLength(1);
    const subnet = (await second.ec2.send(new DescribeSubnetsCommand({ SubnetIds: [launched!.SubnetId!] }))).Subnets![0]!;
    expect(subnet.AvailableIpAddressCount).toBe(4090);
  } finally {
    await second.close();
  }
});
