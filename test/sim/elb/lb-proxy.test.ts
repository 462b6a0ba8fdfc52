import {
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateRuleCommand,
  CreateTargetGroupCommand,
  DeregisterTargetsCommand,
  DescribeTargetHealthCommand,
  ModifyTargetGroupAttributesCommand,
  RegisterTargetsCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { createServer, request, type Server } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultNetwork, drive, freePort, listenerUrl, startLbSandbox, type LbSandbox } from './fixtures.js';

/**
 * An application load balancer's listener as a real proxy, in front of plain HTTP servers
 * registered as IP targets: 10.0.0.x, whose loopback twins 127.0.0.x they listen on.
 */
let t: LbSandbox;
const backends: Array<{ ip: string; server: Server; port: number; healthy: boolean; hits: number; seen: string[] }> = [];
let tgArn: string;
let url: string;

async function backend(ip: string) {
  const entry = { ip, server: createServer(), port: 0, healthy: true, hits: 0, seen: [] as string[] };
  entry.server.on('request', (req, res) => {
    if (req.url === '/health') {
      res.writeHead(entry.healthy ? 200 : 500).end();
      return;
    }
    entry.hits += 1;
    entry.seen.push(`${req.headers['x-forwarded-for']}|${req.headers['x-forwarded-port']}|${req.headers['x-forwarded-proto']}|${req.headers.host}`);
    res.writeHead(200, { 'content-type': 'text/plain' }).end(`${ip} ${req.url}`);
  });
  const twin = `127.${ip.split('.').slice(1).join('.')}`;
  await new Promise<void>((resolve) => entry.server.listen(0, twin, resolve));
  entry.port = (entry.server.address() as { port: number }).port;
  backends.push(entry);
  return entry;
}

async function health(): Promise<string[]> {
  const out = await t.elbv2.send(new DescribeTargetHealthCommand({ TargetGroupArn: tgArn }));
  return out.TargetHealthDescriptions!.map((d) => `${d.Target!.Id}=${d.TargetHealth!.State}`);
}

async function get(path = '/'): Promise<{ status: number; body: string; headers: Headers }> {
  const res = await fetch(`${url}${path}`);
  return { status: res.status, body: await res.text(), headers: res.headers };
}

beforeAll(async () => {
  t = await startLbSandbox();
  const net = await defaultNetwork(t);
  for (const ip of ['10.0.0.11', '10.0.0.12', '10.0.0.13']) await backend(ip);
  const lb = (await t.elbv2.send(new CreateLoadBalancerCommand({ Name: 'proxy', Subnets: net.subnets.slice(0, 2) }))).LoadBalancers![0]!;
  const tg = (
    await t.elbv2.send(
      new CreateTargetGroupCommand({
        Name: 'backends',
        Protocol: 'HTTP',
        Port: 80,
        VpcId: net.vpcId,
        TargetType: 'ip',
        HealthCheckPath: '/health',
        HealthCheckIntervalSeconds: 5,
        HealthCheckTimeoutSeconds: 2,
        HealthyThresholdCount: 2,
        UnhealthyThresholdCount: 2,
      }),
    )
  ).TargetGroups![0]!;
  tgArn = tg.TargetGroupArn!;
  await t.elbv2.send(new ModifyTargetGroupAttributesCommand({ TargetGroupArn: tgArn, Attributes: [{ Key: 'deregistration_delay.timeout_seconds', Value: '10' }] }));
  const port = await freePort();
  const listener = await t.elbv2.send(
    new CreateListenerCommand({ LoadBalancerArn: lb.LoadBalancerArn, Protocol: 'HTTP', Port: port, DefaultActions: [{ Type: 'forward', TargetGroupArn: tgArn }] }),
  );
  const listenerArn = listener.Listeners![0]!.ListenerArn!;
  await t.elbv2.send(
    new CreateRuleCommand({
      ListenerArn: listenerArn,
      Priority: 1,
      Conditions: [{ Field: 'path-pattern', Values: ['/teapot*'] }],
      Actions: [{ Type: 'fixed-response', FixedResponseConfig: { StatusCode: '418', ContentType: 'text/plain', MessageBody: 'short and stout' } }],
    }),
  );
  await t.elbv2.send(
    new CreateRuleCommand({
      ListenerArn: listenerArn,
      Priority: 2,
      Conditions: [{ Field: 'host-header', Values: ['old.example.com'] }],
      Actions: [{ Type: 'redirect', RedirectConfig: { StatusCode: 'HTTP_301', Host: 'new.example.com', Protocol: 'HTTPS', Port: '443' } }],
    }),
  );
  t.advance(120_000);
  url = await listenerUrl(t, `proxy:${port}`);
});

afterAll(async () => {
  await t.close();
  await Promise.all(backends.map((b) => new Promise((resolve) => b.server.close(resolve))));
});

describe('an application load balancer listener', () => {
  it('listens on the twin of its node address at its own port and answers 503 with no targets', async () => {
    expect(url).toMatch(/^http:\/\/127\.31\.\d+\.\d+:\d+$/);
    const answer = await get();
    expect(answer.status).toBe(503);
    expect(answer.headers.get('server')).toBe('awselb/2.0');
    expect(answer.body).toContain('<center><h1>503 Service Temporarily Unavailable</h1></center>');
  });

  it('sends nothing to targets in their initial checks, then round-robins over the healthy ones', async () => {
    await t.elbv2.send(
      new RegisterTargetsCommand({ TargetGroupArn: tgArn, Targets: backends.map((b) => ({ Id: b.ip, Port: b.port })) }),
    );
    expect(await health()).toEqual(['10.0.0.11=initial', '10.0.0.12=initial', '10.0.0.13=initial']);
    expect((await get()).status).toBe(503);
    await drive(t, 5_000);
    expect(await health()).toEqual(['10.0.0.11=healthy', '10.0.0.12=healthy', '10.0.0.13=healthy']);

    const bodies: string[] = [];
    for (let i = 0; i < 30; i++) bodies.push((await get(`/page/${i}`)).body);
    for (const b of backends) expect(b.hits).toBe(10);
    expect(bodies[0]).toMatch(/^10\.0\.0\.1[123] \/page\/0$/);
    const [xff, port, proto, host] = backends[0]!.seen[0]!.split('|');
    expect(xff).toBe('127.0.0.1');
    expect(port).toBe(new URL(url).port);
    expect(proto).toBe('http');
    expect(host).toBe(new URL(url).host);
  });

  it('skips a target that fails its checks and says why', async () => {
    backends[1]!.healthy = false;
    await drive(t, 10_000);
    const out = await t.elbv2.send(new DescribeTargetHealthCommand({ TargetGroupArn: tgArn, Targets: [{ Id: '10.0.0.12', Port: backends[1]!.port }] }));
    expect(out.TargetHealthDescriptions![0]!.TargetHealth).toEqual({
      State: 'unhealthy',
      Reason: 'Target.ResponseCodeMismatch',
      Description: 'Health checks failed with these codes: [500]',
    });
    for (const b of backends) b.hits = 0;
    for (let i = 0; i < 10; i++) expect((await get()).status).toBe(200);
    expect(backends.map((b) => b.hits)).toEqual([5, 0, 5]);

    backends[1]!.healthy = true;
    await drive(t, 10_000);
    expect(await health()).toEqual(['10.0.0.11=healthy', '10.0.0.12=healthy', '10.0.0.13=healthy']);
  });

  it('answers rules of its own: a fixed response, a redirect', async () => {
    const teapot = await get('/teapot/brew');
    expect(teapot.status).toBe(418);
    expect(teapot.body).toBe('short and stout');
    // fetch() will not send a Host of our choosing; node:http will.
    const redirect = await new Promise<{ status?: number; location?: string }>((resolve, reject) => {
      request(`${url}/a/b?c=1`, { headers: { host: 'old.example.com' } }, (res) => {
        res.resume();
        resolve({ status: res.statusCode, location: res.headers.location });
      })
        .on('error', reject)
        .end();
    });
    expect(redirect).toEqual({ status: 301, location: 'https://new.example.com:443/a/b?c=1' });
  });

  it('answers a malformed request with 400 and keeps serving', async () => {
    const { hostname, port } = new URL(url);
    const reply = await new Promise<string>((resolve) => {
      const socket = connect({ host: hostname, port: Number(port) }, () => socket.write('NOT HTTP AT ALL\r\n\r\n'));
      let data = '';
      socket.on('data', (chunk) => (data += chunk));
      socket.on('close', () => resolve(data));
    });
    expect(reply).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect((await get()).status).toBe(200);
  });

  it('answers 502 when the healthy target it picks is gone', async () => {
    const gone = backends[2]!;
    await new Promise((resolve) => gone.server.close(resolve));
    gone.server.closeAllConnections();
    const statuses = new Set<number>();
    for (let i = 0; i < 6; i++) statuses.add((await get()).status);
    expect(statuses).toEqual(new Set([200, 502]));
  });

  it('stops sending to deregistered targets at once, and forgets them after the delay', async () => {
    await t.elbv2.send(new DeregisterTargetsCommand({ TargetGroupArn: tgArn, Targets: backends.map((b) => ({ Id: b.ip, Port: b.port })) }));
    expect(await health()).toEqual(['10.0.0.11=draining', '10.0.0.12=draining', '10.0.0.13=draining']);
    expect((await get()).status).toBe(503);
    await drive(t, 10_000);
    expect(await health()).toEqual([]);
  });
});
