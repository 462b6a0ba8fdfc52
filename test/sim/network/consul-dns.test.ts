import { CreateLoadBalancerCommand, ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { DescribeSubnetsCommand } from '@aws-sdk/client-ec2';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TEST_CREDENTIALS } from '../../support/sandbox.js';
import { startConsulFixture, type ConsulFixture } from './consul-fixtures.js';
import { askTcp, askUdp, dig, digInstalled } from './dns-client.js';

type Json = any;

let consul: ConsulFixture;

/** Three instances of `web` (two tagged `http`) and one of `db`, no checks (so passing), plus one critical `web`. */
async function registerServices(): Promise<void> {
  await consul.put('/v1/agent/service/register', { ID: 'web-1', Name: 'web', Tags: ['http'], Address: '127.0.1.11', Port: 32768 });
  await consul.put('/v1/agent/service/register', { ID: 'web-2', Name: 'web', Tags: ['http'], Address: '127.0.1.12', Port: 32769 });
  await consul.put('/v1/agent/service/register', { ID: 'web-3', Name: 'web', Address: '127.0.1.13', Port: 32770 });
  await consul.put('/v1/agent/service/register', { ID: 'web-sick', Name: 'web', Address: '127.0.1.14', Port: 32771, Check: { TTL: '1m' } });
  await consul.put('/v1/agent/service/register', { ID: 'db', Name: 'db', Port: 5432 });
}

beforeEach(async () => {
  consul = await startConsulFixture();
  await registerServices();
});

afterEach(async () => {
  await consul.close();
});

const ask = (name: string, type: string, edns = true) => askUdp(consul.dns.host, consul.dns.port, name, type, edns);

describe('Consul DNS', () => {
  it('answers NAME.service.consul with A records of the instances not failing', async () => {
    const reply = await ask('web.service.consul', 'A');
    expect(reply.rcode).toBe('NOERROR');
    expect(reply.flag_aa).toBe(true);
    expect(reply.answers!.map((a: Json) => a.data).sort()).toEqual(['127.0.1.11', '127.0.1.12', '127.0.1.13']);
    expect(reply.answers!.every((a: Json) => a.ttl === 0 && a.name === 'web.service.consul')).toBe(true);
  });

  it('answers SRV with each instance port and its target address in the additional section', async () => {
    const reply = await ask('web.service.consul', 'SRV');
    const srv = reply.answers!.map((a: Json) => a.data);
    expect(srv.map((d: Json) => d.port).sort()).toEqual([32768, 32769, 32770]);
    expect(srv.every((d: Json) => d.priority === 1 && d.weight === 1)).toBe(true);
    const glue = Object.fromEntries(reply.additionals!.filter((a: Json) => a.type === 'A').map((a: Json) => [a.name, a.data]));
    for (const d of srv) expect(glue[d.target]).toMatch(/^127\.0\.1\.1[123]$/);
    expect(srv.map((d: Json) => d.target)).toContain('7f00010b.addr.dc1.consul');

    const db = await ask('db.service.dc1.consul', 'SRV');
    expect(db.answers!.map((a: Json) => a.data)).toEqual([{ priority: 1, weight: 1, port: 5432, target: 'consul-server.node.dc1.consul' }]);
    expect(db.additionals!.find((a: Json) => a.type === 'A')).toMatchObject({ name: 'consul-server.node.dc1.consul', data: '127.0.0.1' });
  });

  it('filters by tag, in both the Consul and the RFC 2782 forms', async () => {
    const tagged = await ask('http.web.service.consul', 'SRV');
    expect(tagged.answers!.map((a: Json) => a.data.port).sort()).toEqual([32768, 32769]);
    const rfc = await ask('_web._http.service.consul', 'SRV');
    expect(rfc.answers!.map((a: Json) => a.data.port).sort()).toEqual([32768, 32769]);
    const any = await ask('_web._tcp.service.consul', 'SRV');
    expect(any.answers!.length).toBe(3);
  });

  it('serves the instances round-robin, one step per query', async () => {
    const first = (await ask('web.service.consul', 'A')).answers!.map((a: Json) => a.data);
    const second = (await ask('web.service.consul', 'A')).answers!.map((a: Json) => a.data);
    expect(second).toEqual([...first.slice(1), first[0]]);
  });

  it('answers over TCP as over UDP', async () => {
    const reply = await askTcp(consul.dns.host, consul.dns.port, 'web.service.consul', 'SRV');
    expect(reply.answers!.length).toBe(3);
  });

  it('limits a UDP answer without EDNS to three records, as Consul does', async () => {
    for (let i = 4; i <= 6; i++) await consul.put('/v1/agent/service/register', { ID: `web-${i}`, Name: 'web', Address: `127.0.1.${20 + i}`, Port: 32770 + i });
    expect((await ask('web.service.consul', 'A', false)).answers!.length).toBe(3);
    expect((await ask('web.service.consul', 'A', true)).answers!.length).toBe(6);
  });

  it('answers nodes and NXDOMAIN with the SOA for names that do not exist', async () => {
    const node = await ask('consul-server.node.consul', 'A');
    expect(node.answers!.map((a: Json) => a.data)).toEqual(['127.0.0.1']);
    for (const name of ['nothing.service.consul', 'ghost.node.consul', 'web.service.otherdc.consul', 'what.consul']) {
      const reply = await ask(name, 'A');
      expect(reply.rcode).toBe('NXDOMAIN');
      expect(reply.authorities![0]).toMatchObject({ type: 'SOA', name: 'consul' });
      expect((reply.authorities![0] as Json).data).toMatchObject({ mname: 'ns.consul', rname: 'hostmaster.consul', minimum: 0 });
    }
    const sick = await ask('web.service.consul', 'AAAA');
    expect([sick.rcode, sick.answers!.length, sick.authorities![0]!.type]).toEqual(['NOERROR', 0, 'SOA']);
  });

  it('drops an instance from DNS as soon as it is deregistered', async () => {
    await consul.put('/v1/agent/service/deregister/web-2');
    const reply = await ask('web.service.consul', 'SRV');
    expect(reply.answers!.map((a: Json) => a.data.port).sort()).toEqual([32768, 32770]);
    await consul.put('/v1/agent/check/pass/service:web-sick');
    expect((await ask('web.service.consul', 'SRV')).answers!.length).toBe(3);
  });

  it("resolves load balancers' DNS names and refuses other names outside the domain", async () => {
    const config = { endpoint: consul.t.running.url, region: 'us-east-1', credentials: TEST_CREDENTIALS, maxAttempts: 1 };
    const elbv2 = new ElasticLoadBalancingV2Client(config);
    const subnets = await consul.t.ec2.send(new DescribeSubnetsCommand({}));
    const created = await elbv2.send(
      new CreateLoadBalancerCommand({ Name: 'web', Subnets: subnets.Subnets!.slice(0, 2).map((s) => s.SubnetId!) }),
    );
    elbv2.destroy();
    const dnsName = created.LoadBalancers![0]!.DNSName!;
    const reply = await ask(dnsName, 'A');
    expect(reply.rcode).toBe('NOERROR');
    expect(reply.answers![0]!.data).toMatch(/^127\./);
    expect((await ask('example.com', 'A')).rcode).toBe('REFUSED');
  });

  it('answers dig', async () => {
    if (!(await digInstalled())) return;
    const short = await dig(consul.dns.host, consul.dns.port, 'web.service.consul', 'SRV', '+short');
    const lines = short.trim().split('\n').sort();
    expect(lines).toEqual([
      '1 1 32768 7f00010b.addr.dc1.consul.',
      '1 1 32769 7f00010c.addr.dc1.consul.',
      '1 1 32770 7f00010d.addr.dc1.consul.',
    ]);
    const full = await dig(consul.dns.host, consul.dns.port, 'nothing.service.consul', 'A');
    expect(full).toContain('status: NXDOMAIN');
    expect(full).toContain('hostmaster.consul.');
    const tcp = await dig(consul.dns.host, consul.dns.port, 'db.service.consul', 'SRV', '+tcp', '+short');
    expect(tcp.trim()).toBe('1 1 5432 consul-server.node.dc1.consul.');
  });
});
