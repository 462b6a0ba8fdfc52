import { CreateListenerCommand, CreateLoadBalancerCommand, CreateTargetGroupCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { DescribeSubnetsCommand } from '@aws-sdk/client-ec2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLine } from '../../source/shell/run-line.js';
import { testShell, type TestShell } from './support.js';

/** `.endpoints`: the sandbox's loopback URLs, as a table a person reads and a filter to find one. */
let shell: TestShell;

beforeAll(async () => {
  shell = testShell({ manualClock: true, seed: 3 });
  const backend = await shell.session.backend();
  const subnets = (await backend.ec2.send(new DescribeSubnetsCommand({}))).Subnets!.map((s) => s.SubnetId!);
  const lb = await backend.elbv2.send(new CreateLoadBalancerCommand({ Name: 'front', Subnets: subnets.slice(0, 2) }));
  const vpcId = lb.LoadBalancers![0]!.VpcId!;
  const tg = await backend.elbv2.send(new CreateTargetGroupCommand({ Name: 'web', Protocol: 'HTTP', Port: 80, VpcId: vpcId }));
  await backend.elbv2.send(
    new CreateListenerCommand({ LoadBalancerArn: lb.LoadBalancers![0]!.LoadBalancerArn!, Protocol: 'HTTP', Port: 8089, DefaultActions: [{ Type: 'forward', TargetGroupArn: tg.TargetGroups![0]!.TargetGroupArn! }] }),
  );
  // A load balancer listens once it is active, a few minutes of sandbox time after it was created.
  await fetch(`${backend.endpoints}/_ecsh/clock`, { method: 'POST', body: JSON.stringify({ advanceMs: 300_000 }) });
});
afterAll(() => shell.close());

describe('.endpoints', () => {
  it('lists the listener with a URL that answers as the load balancer', async () => {
    let outcome = await runLine('.endpoints', shell.context);
    for (let i = 0; i < 50 && !outcome.output.includes('front:8089'); i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      outcome = await runLine('.endpoints', shell.context);
    }
    expect(outcome.ok).toBe(true);
    const [header, row] = outcome.output.trimEnd().split('\n');
    expect(header).toMatch(/^KIND\s+NAME\s+URL$/);
    expect(row).toMatch(/^load-balancer-listener\s+front:8089\s+http:\/\/127\.\d+\.\d+\.\d+:\d+$/);
    const url = row!.split(/\s+/)[2]!;
    // No healthy target yet: the load balancer itself answers 503.
    const response = await fetch(url);
    expect(response.status).toBe(503);
    expect(response.headers.get('server')).toBe('awselb/2.0');
  });

  it('filters by kind or name, and says when nothing matches', async () => {
    expect((await runLine('.endpoints load-balancer-listener', shell.context)).output).toContain('front:8089');
    expect((await runLine('.endpoints front', shell.context)).output).toContain('front:8089');
    const none = await runLine('.endpoints consul-dns', shell.context);
    expect(none).toMatchObject({ ok: true, output: "no endpoint of kind or name 'consul-dns'\n" });
  });

  it('refuses extra words with its usage', async () => {
    expect(await runLine('.endpoints a b', shell.context)).toMatchObject({ ok: false, error: "usage: .endpoints [kind | name]; got 'a b'" });
  });
});
