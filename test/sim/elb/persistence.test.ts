import {
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateTargetGroupCommand,
  DescribeTargetHealthCommand,
  ElasticLoadBalancingV2Client,
  RegisterTargetsCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { startTestSandbox, TEST_CREDENTIALS, type TestSandbox } from '../../support/sandbox.js';
import { defaultNetwork, drive, freePort, listenerUrl } from './fixtures.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ecsh-elb-state-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const clientFor = (t: TestSandbox) => new ElasticLoadBalancingV2Client({ endpoint: t.running.url, region: 'us-east-1', credentials: TEST_CREDENTIALS, maxAttempts: 1 });

it('listens again on the same address after a restart, with its targets as healthy as they were', async () => {
  const backend = createServer((_req, res) => res.end('still here'));
  await new Promise<void>((resolve) => backend.listen(0, '127.0.0.21', resolve));
  const backendPort = (backend.address() as { port: number }).port;
  const state = join(dir, 'state.json');
  const port = await freePort();

  const first = await startTestSandbox({ state });
  const elbv2 = clientFor(first);
  const net = await defaultNetwork(first);
  const lb = (await elbv2.send(new CreateLoadBalancerCommand({ Name: 'kept', Subnets: net.subnets.slice(0, 2) }))).LoadBalancers![0]!;
  const tg = (await elbv2.send(new CreateTargetGroupCommand({ Name: 'kept', Protocol: 'HTTP', Port: 80, VpcId: net.vpcId, TargetType: 'ip' }))).TargetGroups![0]!;
  await elbv2.send(new CreateListenerCommand({ LoadBalancerArn: lb.LoadBalancerArn, Protocol: 'HTTP', Port: port, DefaultActions: [{ Type: 'forward', TargetGroupArn: tg.TargetGroupArn }] }));
  await elbv2.send(new RegisterTargetsCommand({ TargetGroupArn: tg.TargetGroupArn, Targets: [{ Id: '10.0.0.21', Port: backendPort }] }));
  first.advance(120_000);
  await drive(first, 5_000);
  const before = await listenerUrl(first, `kept:${port}`);
  expect(await (await fetch(before)).text()).toBe('still here');
  elbv2.destroy();
  await first.close();

  const second = await startTestSandbox({ state });
  try {
    const again = clientFor(second);
    const health = await again.send(new DescribeTargetHealthCommand({ TargetGroupArn: tg.TargetGroupArn }));
    expect(health.TargetHealthDescriptions![0]!.TargetHealth!.State).toBe('healthy');
    const after = await listenerUrl(second, `kept:${port}`);
    expect(after).toBe(before);
    expect(await (await fetch(after)).text()).toBe('still here');
    again.destroy();
  } finally {
    await second.close();
    backend.close();
  }
});
