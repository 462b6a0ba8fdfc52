// The same JS SDK workload against the ecsh sandbox and moto's server, side by side in one run:
// a cluster, N container instances, one task definition, then M RunTask calls with K in flight.
// Prints one JSON line: throughput, latency percentiles and peak RSS of each server, and ratios.
// Usage: node bench/sandbox-vs-moto.mjs [--instances 1000] [--tasks 10000] [--concurrency 16] [--only sandbox|moto]
import { spawn } from 'node:child_process';
import '../dist/sdk-node-warning.js';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import {
  CreateClusterCommand,
  ECSClient,
  RegisterContainerInstanceCommand,
  RegisterTaskDefinitionCommand,
  RunTaskCommand,
} from '@aws-sdk/client-ecs';
import { DescribeImagesCommand, EC2Client, RunInstancesCommand } from '@aws-sdk/client-ec2';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { Agent } from 'node:http';

const { values } = parseArgs({
  options: {
    instances: { type: 'string', default: '1000' },
    tasks: { type: 'string', default: '10000' },
    concurrency: { type: 'string', default: '16' },
    only: { type: 'string' },
  },
});
const INSTANCES = Number(values.instances);
const TASKS = Number(values.tasks);
const CONCURRENCY = Number(values.concurrency);
const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

function startServer(name) {
  if (name === 'sandbox') {
    const child = spawn(process.execPath, [CLI, 'serve', '--ephemeral', '--port', '0', '--seed', '7'], { stdio: ['ignore', 'pipe', 'inherit'] });
    return waitForLine(child, /^endpoint: (\S+)/).then((url) => ({ child, url }));
  }
  const port = 20000 + Math.floor(Math.random() * 20000);
  const child = spawn('python3', ['-m', 'moto.server', '-H', '127.0.0.1', '-p', String(port)], { stdio: ['ignore', 'pipe', 'pipe'] });
  return waitForLine(child, /Running on (http:\/\/127\.0\.0\.1:\d+)/, true).then((url) => ({ child, url }));
}

function waitForLine(child, pattern, stderr = false) {
  return new Promise((resolve, reject) => {
    const streams = stderr ? [child.stdout, child.stderr] : [child.stdout];
    for (const stream of streams) {
      createInterface({ input: stream }).on('line', (line) => {
        const match = pattern.exec(line);
        if (match) resolve(match[1]);
      });
    }
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
}

function peakRssMiB(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function workload(name) {
  const { child, url } = await startServer(name);
  const config = {
    endpoint: url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
    maxAttempts: 1,
    requestHandler: new NodeHttpHandler({ httpAgent: new Agent({ keepAlive: true, maxSockets: CONCURRENCY }) }),
  };
  const ecs = new ECSClient(config);
  const ec2 = new EC2Client(config);
  try {
    await ecs.send(new CreateClusterCommand({ clusterName: 'bench' }));
    const zones = ['us-east-1a', 'us-east-1b', 'us-east-1c'];
    // EC2 instances first (moto's RunTask looks them up); a plain image, so no agent registers by itself.
    const images = await ec2.send(new DescribeImagesCommand({ Owners: ['amazon'] }));
    const plain = images.Images.find((image) => image.Architecture === 'x86_64' && !/ecs/i.test(image.Name ?? ''));
    const instanceIds = [];
    for (let i = 0; i < INSTANCES; i += 100) {
      const count = Math.min(100, INSTANCES - i);
      const out = await ec2.send(new RunInstancesCommand({ ImageId: plain.ImageId, InstanceType: 'm5.xlarge', MinCount: count, MaxCount: count }));
      instanceIds.push(...out.Instances.map((x) => x.InstanceId));
    }
    await inParallel(INSTANCES, CONCURRENCY, (i) =>
      ecs.send(
        new RegisterContainerInstanceCommand({
          cluster: 'bench',
          instanceIdentityDocument: JSON.stringify({
            instanceId: instanceIds[i],
            instanceType: 'm5.xlarge',
            availabilityZone: zones[i % 3],
            region: 'us-east-1',
            imageId: 'ami-0123456789abcdef0',
          }),
          totalResources: [
            { name: 'CPU', type: 'INTEGER', integerValue: 4096 },
            { name: 'MEMORY', type: 'INTEGER', integerValue: 15600 },
          ],
        }),
      ),
    );
    await ecs.send(
      new RegisterTaskDefinitionCommand({
        family: 'bench',
        containerDefinitions: [{ name: 'app', image: 'nginx', cpu: 10, memory: 32, essential: true, portMappings: [{ containerPort: 80, hostPort: 0 }] }],
      }),
    );
    const latencies = new Array(TASKS);
    let placed = 0;
    const started = process.hrtime.bigint();
    await inParallel(TASKS, CONCURRENCY, async (i) => {
      const t0 = process.hrtime.bigint();
      const out = await ecs.send(new RunTaskCommand({ cluster: 'bench', taskDefinition: 'bench', count: 1 }));
      latencies[i] = Number(process.hrtime.bigint() - t0) / 1e6;
      placed += out.tasks?.length ?? 0;
    });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    latencies.sort((a, b) => a - b);
    return {
      runTaskPerSecond: Math.round(TASKS / seconds),
      seconds: Number(seconds.toFixed(2)),
      tasksPlaced: placed,
      latencyMs: { p50: round(percentile(latencies, 50)), p99: round(percentile(latencies, 99)) },
      serverPeakRssMiB: peakRssMiB(child.pid),
    };
  } finally {
    ecs.destroy();
    ec2.destroy();
    child.kill('SIGTERM');
  }
}

async function inParallel(total, width, job) {
  let next = 0;
  const workers = Array.from({ length: Math.min(width, total) }, async () => {
    while (next < total) await job(next++);
  });
  await Promise.all(workers);
}

const round = (x) => Math.round(x * 100) / 100;

const result = { workload: { instances: INSTANCES, runTasks: TASKS, inFlight: CONCURRENCY } };
for (const name of ['sandbox', 'moto']) {
  if (values.only && values.only !== name) continue;
  result[name] = await workload(name);
}
if (result.sandbox && result.moto) {
  result.throughputRatio = round(result.sandbox.runTaskPerSecond / result.moto.runTaskPerSecond);
  result.p99Ratio = round(result.sandbox.latencyMs.p99 / result.moto.latencyMs.p99);
}
console.log(JSON.stringify(result));
