// The sandbox network under load, from a client in its own process: HTTP requests through an
// ELBv2 listener's proxy against the same requests straight to one task's host port (same client,
// keep-alive, K in flight, alternated so that drift on a shared machine hits both alike), and
// UDP A queries against the Consul DNS server. The goal: the proxy keeps >= 70% of direct.
// Prints one JSON line. Usage: node bench/lb-and-dns.mjs [--seconds 5] [--rounds 2] [--dns-seconds 3] [--concurrency 16]
import { spawn } from 'node:child_process';
import '../dist/sdk-node-warning.js';
import { createSocket } from 'node:dgram';
import { Agent, request } from 'node:http';
import { createServer } from 'node:net';
import { cpus } from 'node:os';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import dnsPacket from 'dns-packet';
import {
  CreateClusterCommand,
  CreateServiceCommand,
  DescribeServicesCommand,
  ECSClient,
  ListContainerInstancesCommand,
  RegisterTaskDefinitionCommand,
} from '@aws-sdk/client-ecs';
import { DescribeImagesCommand, DescribeSubnetsCommand, EC2Client, RunInstancesCommand } from '@aws-sdk/client-ec2';
import {
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateTargetGroupCommand,
  DescribeLoadBalancersCommand,
  DescribeTargetHealthCommand,
  ElasticLoadBalancingV2Client,
} from '@aws-sdk/client-elastic-load-balancing-v2';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '5' },
    rounds: { type: 'string', default: '2' },
    'dns-seconds': { type: 'string', default: '3' },
    concurrency: { type: 'string', default: '16' },
  },
});
const SECONDS = Number(values.seconds);
const ROUNDS = Number(values.rounds);
const DNS_SECONDS = Number(values['dns-seconds']);
const CONCURRENCY = Number(values.concurrency);
const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
// Set-up takes a few seconds of real time at --speed 50; a hung server must not hang the bench.
const DEADLINE_MS = 60_000 + 2 * ROUNDS * (SECONDS + 1) * 1000 + DNS_SECONDS * 1000;

const round = (x) => Math.round(x * 100) / 100;
const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function startServe() {
  const child = spawn(process.execPath, [CLI, 'serve', '--ephemeral', '--port', '0', '--speed', '50', '--seed', '11', '--consul'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    const found = {};
    createInterface({ input: child.stdout }).on('line', (line) => {
      const endpoint = /^endpoint: (\S+)$/.exec(line);
      if (endpoint) found.url = endpoint[1];
      const consul = /^consul: (\S+) \(dns (\S+):(\d+)\)$/.exec(line);
      if (consul) Object.assign(found, { consulHttp: consul[1], dnsHost: consul[2], dnsPort: Number(consul[3]) });
      if (found.url && found.consulHttp) resolve({ child, ...found });
    });
    child.once('exit', (code) => reject(new Error(`ecsh serve exited with ${code}: ${stderr.trim()}`)));
  });
}

async function until(what, probe, ms = 30_000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const value = await probe();
    if (value !== undefined) return value;
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function freePort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Three instances in three zones, an ALB in front of a service of 3 nginx tasks: the talk's first demo. */
async function buildService(url) {
  const config = { endpoint: url, region: 'us-east-1', credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' }, maxAttempts: 1 };
  const ecs = new ECSClient(config);
  const ec2 = new EC2Client(config);
  const elbv2 = new ElasticLoadBalancingV2Client(config);
  try {
    await ecs.send(new CreateClusterCommand({ clusterName: 'bench' }));
    const subnets = (await ec2.send(new DescribeSubnetsCommand({ Filters: [{ Name: 'default-for-az', Values: ['true'] }] }))).Subnets
      .sort((a, b) => a.AvailabilityZone.localeCompare(b.AvailabilityZone))
      .slice(0, 3);
    const images = await ec2.send(new DescribeImagesCommand({ Owners: ['amazon'], Filters: [{ Name: 'name', Values: ['al2023-ami-ecs-hvm-*'] }] }));
    const userData = Buffer.from('#!/bin/bash\necho ECS_CLUSTER=bench >> /etc/ecs/ecs.config\n').toString('base64');
    for (const subnet of subnets) {
      await ec2.send(
        new RunInstancesCommand({ ImageId: images.Images[0].ImageId, InstanceType: 't3.medium', MinCount: 1, MaxCount: 1, SubnetId: subnet.SubnetId, UserData: userData }),
      );
    }
    await until('3 container instances', async () =>
      (await ecs.send(new ListContainerInstancesCommand({ cluster: 'bench' }))).containerInstanceArns.length === 3 ? true : undefined,
    );

    const lb = (await elbv2.send(new CreateLoadBalancerCommand({ Name: 'bench', Subnets: subnets.map((s) => s.SubnetId) }))).LoadBalancers[0];
    const tg = (
      await elbv2.send(
        new CreateTargetGroupCommand({
          Name: 'bench',
          Protocol: 'HTTP',
          Port: 80,
          VpcId: subnets[0].VpcId,
          HealthCheckIntervalSeconds: 10,
          HealthyThresholdCount: 2,
        }),
      )
    ).TargetGroups[0];
    const listener = (
      await elbv2.send(
        new CreateListenerCommand({
          LoadBalancerArn: lb.LoadBalancerArn,
          Protocol: 'HTTP',
          Port: await freePort(),
          DefaultActions: [{ Type: 'forward', TargetGroupArn: tg.TargetGroupArn }],
        }),
      )
    ).Listeners[0];
    await ecs.send(
      new RegisterTaskDefinitionCommand({
        family: 'web',
        containerDefinitions: [{ name: 'web', image: 'nginx', memory: 128, essential: true, portMappings: [{ containerPort: 80, hostPort: 0 }] }],
      }),
    );
    await until('the load balancer to be active', async () => {
      const out = await elbv2.send(new DescribeLoadBalancersCommand({ LoadBalancerArns: [lb.LoadBalancerArn] }));
      return out.LoadBalancers[0].State.Code === 'active' ? true : undefined;
    });
    await ecs.send(
      new CreateServiceCommand({
        cluster: 'bench',
        serviceName: 'web',
        taskDefinition: 'web',
        desiredCount: 3,
        loadBalancers: [{ targetGroupArn: tg.TargetGroupArn, containerName: 'web', containerPort: 80 }],
      }),
    );
    await until('3 running tasks, healthy in the target group', async () => {
      const service = (await ecs.send(new DescribeServicesCommand({ cluster: 'bench', services: ['web'] }))).services[0];
      if (service.runningCount !== 3) return undefined;
      const health = await elbv2.send(new DescribeTargetHealthCommand({ TargetGroupArn: tg.TargetGroupArn }));
      return health.TargetHealthDescriptions.filter((d) => d.TargetHealth.State === 'healthy').length === 3 ? true : undefined;
    });
    const endpoints = await (await fetch(`${url}/_ecsh/endpoints`)).json();
    const proxy = endpoints.find((e) => e.kind === 'load-balancer-listener' && e.arn === listener.ListenerArn);
    const direct = endpoints.find((e) => e.kind === 'task-port');
    if (!proxy || !direct) throw new Error(`no listener or task port among the endpoints: ${JSON.stringify(endpoints)}`);
    return { proxy: proxy.url, direct: direct.url };
  } finally {
    ecs.destroy();
    ec2.destroy();
    elbv2.destroy();
  }
}

const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });

function get(url) {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent }, (res) => {
      res.on('data', () => {});
      res.on('end', () => resolve(res.statusCode));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** CONCURRENCY clients requesting `url` back to back for `seconds`. */
async function httpLoad(url, seconds) {
  const latencies = [];
  let failed = 0;
  const end = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < end) {
        const t0 = performance.now();
        try {
          if ((await get(url)) === 200) latencies.push(performance.now() - t0);
          else failed += 1;
        } catch {
          failed += 1;
        }
      }
    }),
  );
  return { latencies, failed, seconds: (performance.now() - started) / 1000 };
}

function summarise(runs) {
  const latencies = runs.flatMap((r) => r.latencies).sort((a, b) => a - b);
  const seconds = runs.reduce((sum, r) => sum + r.seconds, 0);
  return {
    requestsPerSecond: Math.round(latencies.length / seconds),
    latencyMs: { p50: round(percentile(latencies, 50)), p99: round(percentile(latencies, 99)) },
    requests: latencies.length,
    failed: runs.reduce((sum, r) => sum + r.failed, 0),
    perRound: runs.map((r) => Math.round(r.latencies.length / r.seconds)),
  };
}

/** CONCURRENCY outstanding A queries for `name` on one UDP socket, for `seconds`; a query unanswered in 1 s counts as lost. */
async function dnsLoad(host, port, name, seconds) {
  const socket = createSocket('udp4');
  await new Promise((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const waiting = new Map();
  socket.on('message', (message) => {
    let packet;
    try {
      packet = dnsPacket.decode(message);
    } catch {
      return;
    }
    const settle = waiting.get(packet.id);
    if (settle) settle(packet);
  });
  let nextId = 0;
  const ask = () =>
    new Promise((resolve) => {
      const id = nextId;
      nextId = (nextId + 1) & 0xffff;
      const timer = setTimeout(() => {
        waiting.delete(id);
        resolve(undefined);
      }, 1000);
      waiting.set(id, (packet) => {
        clearTimeout(timer);
        waiting.delete(id);
        resolve(packet);
      });
      socket.send(dnsPacket.encode({ type: 'query', id, flags: dnsPacket.RECURSION_DESIRED, questions: [{ type: 'A', name }] }), port, host);
    });
  const latencies = [];
  let lost = 0;
  let empty = 0;
  const end = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < end) {
        const t0 = performance.now();
        const answer = await ask();
        if (!answer) lost += 1;
        else if (answer.rcode !== 'NOERROR' || !answer.answers.some((a) => a.type === 'A')) empty += 1;
        else latencies.push(performance.now() - t0);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  socket.close();
  latencies.sort((a, b) => a - b);
  return {
    queriesPerSecond: Math.round(latencies.length / elapsed),
    latencyMs: { p50: round(percentile(latencies, 50)), p99: round(percentile(latencies, 99)) },
    queries: latencies.length,
    lost,
    withoutAnswer: empty,
  };
}

async function registerInConsul(consulHttp) {
  for (let i = 1; i <= 3; i++) {
    const res = await fetch(`${consulHttp}/v1/agent/service/register`, {
      method: 'PUT',
      body: JSON.stringify({ ID: `web-${i}`, Name: 'web', Address: `127.0.0.${i + 1}`, Port: 8080 }),
    });
    if (res.status !== 200) throw new Error(`Consul register answered ${res.status}: ${await res.text()}`);
  }
}

const server = await startServe();
const deadline = setTimeout(() => {
  console.error(`lb-and-dns: no result within ${DEADLINE_MS / 1000} s`);
  server.child.kill('SIGKILL');
  process.exit(1);
}, DEADLINE_MS);
try {
  const urls = await buildService(server.url);
  // Warm both paths (connections, JIT) before anything is timed.
  await httpLoad(urls.direct, 1);
  await httpLoad(urls.proxy, 1);
  const runs = { direct: [], proxy: [] };
  for (let i = 0; i < ROUNDS; i++) {
    runs.direct.push(await httpLoad(urls.direct, SECONDS));
    runs.proxy.push(await httpLoad(urls.proxy, SECONDS));
  }
  const direct = summarise(runs.direct);
  const proxy = summarise(runs.proxy);

  await registerInConsul(server.consulHttp);
  const dns = await dnsLoad(server.dnsHost, server.dnsPort, 'web.service.consul', DNS_SECONDS);

  console.log(
    JSON.stringify({
      workload: { inFlight: CONCURRENCY, secondsPerRun: SECONDS, rounds: ROUNDS, dnsSeconds: DNS_SECONDS, cpus: cpus().length, node: process.version },
      direct,
      proxy,
      proxyToDirect: round(proxy.requestsPerSecond / direct.requestsPerSecond),
      p99ProxyToDirect: round(proxy.latencyMs.p99 / direct.latencyMs.p99),
      dns,
    }),
  );
} finally {
  clearTimeout(deadline);
  agent.destroy();
  server.child.kill('SIGTERM');
  await new Promise((resolve) => (server.child.exitCode !== null ? resolve() : server.child.once('exit', resolve)));
}
