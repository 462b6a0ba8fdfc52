// RunTask-to-RUNNING latency on the Docker runtime: 50 tasks, one after another, each from
// RunTask sent through the SDK until the sandbox reports the task RUNNING (its container created,
// started and its port published), beside ECS's published start-up figures (p50 1.4 s, p99
// 2.05 s end to end) that the sandbox's simulated clock also plays. One JSON line.
// Needs a Docker engine (DOCKER_HOST) and a static busybox (ecsh images build).
// Run: npm run build && node bench/docker-start.mjs
import '../dist/sdk-node-warning.js';
import { CreateClusterCommand, ECSClient, ListContainerInstancesCommand, RegisterTaskDefinitionCommand, RunTaskCommand } from '@aws-sdk/client-ecs';
import { DescribeImagesCommand, EC2Client, RunInstancesCommand } from '@aws-sdk/client-ec2';
import { performance } from 'node:perf_hooks';
import { startSandbox } from '../dist/sim/index.js';
import { buildImages, connectEngine } from '../dist/sim/runtime/docker/index.js';

const TASKS = 50;
const ECS = { p50Ms: 1400, p99Ms: 2050 };
const GOAL_P50_MS = 700;

const engine = await connectEngine();
if ('error' in engine) {
  console.log(JSON.stringify({ bench: 'docker-start', skipped: `no Docker engine: ${engine.error}` }));
  process.exit(0);
}
const version = (await engine.docker.version()).Version;
await buildImages(engine.docker);

const running = await startSandbox({ runtime: 'docker', speed: 1, network: { notify: () => {} } });
const config = { endpoint: running.url, region: 'us-east-1', credentials: { accessKeyId: 'AKIDBENCH', secretAccessKey: 'bench' } };
const ecs = new ECSClient(config);
const ec2 = new EC2Client(config);

const userData = Buffer.from('#!/bin/bash\necho ECS_CLUSTER=bench >> /etc/ecs/ecs.config\n').toString('base64');
await ecs.send(new CreateClusterCommand({ clusterName: 'bench' }));
const images = await ec2.send(new DescribeImagesCommand({ Owners: ['amazon'], Filters: [{ Name: 'name', Values: ['al2023-ami-ecs-hvm-*'] }] }));
await ec2.send(new RunInstancesCommand({ ImageId: images.Images[0].ImageId, InstanceType: 'm5.xlarge', MinCount: 1, MaxCount: 1, UserData: userData }));
for (let waited = 0; ; waited += 100) {
  const listed = await ecs.send(new ListContainerInstancesCommand({ cluster: 'bench' }));
  if (listed.containerInstanceArns.length === 1) break;
  if (waited > 60_000) throw new Error('the instance did not join the cluster');
  await new Promise((resolve) => setTimeout(resolve, 100));
}
await ecs.send(
  new RegisterTaskDefinitionCommand({
    family: 'bench',
    containerDefinitions: [{ name: 'web', image: 'ecsh/web', memory: 16, portMappings: [{ containerPort: 80 }] }],
  }),
);

// The sandbox says RUNNING on its event stream the moment it happens; waiting on it measures no polling interval.
const runningAt = new Map();
const waiters = new Map();
running.sandbox.events.on('task', (task) => {
  if (task.lastStatus !== 'RUNNING' || runningAt.has(task.taskArn)) return;
  runningAt.set(task.taskArn, performance.now());
  waiters.get(task.taskArn)?.();
});

const latencies = [];
for (let i = 0; i < TASKS; i++) {
  const sent = performance.now();
  const out = await ecs.send(new RunTaskCommand({ cluster: 'bench', taskDefinition: 'bench' }));
  const arn = out.tasks[0].taskArn;
  if (!runningAt.has(arn)) await new Promise((resolve) => waiters.set(arn, resolve));
  latencies.push(runningAt.get(arn) - sent);
}

ecs.destroy();
ec2.destroy();
await running.close();

const sorted = [...latencies].sort((a, b) => a - b);
const at = (q) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
const round = (ms) => Math.round(ms);
console.log(
  JSON.stringify({
    bench: 'docker-start',
    engine: `Docker ${version}`,
    tasks: TASKS,
    p50Ms: round(at(0.5)),
    p99Ms: round(at(0.99)),
    maxMs: round(sorted.at(-1)),
    ecsP50Ms: ECS.p50Ms,
    ecsP99Ms: ECS.p99Ms,
    p50VsEcs: Number((at(0.5) / ECS.p50Ms).toFixed(3)),
    p99VsEcs: Number((at(0.99) / ECS.p99Ms).toFixed(3)),
    goalP50Ms: GOAL_P50_MS,
    goalMet: at(0.5) <= GOAL_P50_MS,
  }),
);
