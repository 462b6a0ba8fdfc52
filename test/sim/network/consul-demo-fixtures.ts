import { readFileSync } from 'node:fs';
import {
  CreateServiceCommand,
  DescribeContainerInstancesCommand,
  DescribeTasksCommand,
  ListTasksCommand,
  RegisterTaskDefinitionCommand,
  type RegisterTaskDefinitionCommandInput,
  type Task,
} from '@aws-sdk/client-ecs';
import { registerNetworkImages } from '../../../source/sim/network/images.js';
import { drive, startTestSandbox, type TestSandbox } from '../../support/sandbox.js';
import { endpoints, instancesJoining } from '../runtime/fixtures.js';
import { askUdp } from './dns-client.js';

/**
 * The Consul demo as demos/consul-discovery/ defines it, on two instances of a cluster, with
 * its services created in an order a test chooses; and what Consul then says, read the way a
 * user reads it: every agent's HTTP API (/v1/agent/*, /v1/catalog/*, /v1/health/*) and DNS.
 */
type Json = any;

export const CLUSTER = 'consul';
/** The datacenter the demo's task definitions name (-dc us1). */
const DATACENTER = 'us1';
const DEMO_FAMILIES = ['consul-server', 'consul-agent', 'registrator', 'weather', 'stock-price', 'portal', 'fabio'];
/** The demo's services: desired count, or one task on every instance. */
const SERVICES: Record<string, number | 'DAEMON'> = {
  'consul-server': 1,
  'consul-agent': 'DAEMON',
  registrator: 'DAEMON',
  weather: 2,
  'stock-price': 1,
  portal: 1,
  fabio: 1,
};
/** The services Registrator registers for the apps, by family. */
export const APP_SERVICES = ['weather', 'stock-price', 'portal'];

export interface DemoOptions {
  region: string;
  seed: number;
  /** The services to create, in order. */
  order: string[];
  /** Simulated time between one service's creation and the next (0: all at once). */
  gapMs: number;
}

function demoDefinition(family: string): RegisterTaskDefinitionCommandInput {
  return JSON.parse(readFileSync(new URL(`../../../demos/consul-discovery/${family}.json`, import.meta.url), 'utf8')) as RegisterTaskDefinitionCommandInput;
}

export async function startConsulDemo(options: DemoOptions): Promise<TestSandbox> {
  registerNetworkImages();
  const t = await startTestSandbox({ seed: options.seed, region: options.region, network: { notify: () => {} } });
  await instancesJoining(t, CLUSTER, [`${options.region}a`, `${options.region}b`]);
  for (const family of DEMO_FAMILIES) await t.ecs.send(new RegisterTaskDefinitionCommand(demoDefinition(family)));
  for (const name of options.order) {
    const count = SERVICES[name]!;
    const placement = count === 'DAEMON' ? { schedulingStrategy: 'DAEMON' as const } : { desiredCount: count };
    await t.ecs.send(new CreateServiceCommand({ cluster: CLUSTER, serviceName: name, taskDefinition: name, ...placement }));
    if (options.gapMs > 0) await drive(t, options.gapMs);
  }
  // Long enough for every task to start and every check (10 s) to have passed.
  await drive(t, 60_000);
  return t;
}

export async function runningTasks(t: TestSandbox, family: string): Promise<Task[]> {
  const arns = (await t.ecs.send(new ListTasksCommand({ cluster: CLUSTER, family, desiredStatus: 'RUNNING' }))).taskArns!;
  if (arns.length === 0) return [];
  const tasks = (await t.ecs.send(new DescribeTasksCommand({ cluster: CLUSTER, tasks: arns }))).tasks!;
  return tasks.filter((task) => task.lastStatus === 'RUNNING');
}

/** One Consul agent as its HTTP API describes it. */
export interface AgentView {
  nodeName: string;
  server: boolean;
  http: string;
  dns: { host: string; port: number };
  /** The EC2 instance its task runs on. */
  instanceId: string;
  /** GET /v1/agent/services. */
  services: Record<string, Json>;
}

/** An app task as ECS and /_ecsh/endpoints describe it: where its port really listens. */
export interface AppTask {
  family: string;
  taskArn: string;
  instanceId: string;
  host: string;
  port: number;
}

async function instanceIds(t: TestSandbox, tasks: Task[]): Promise<Map<string, string>> {
  const arns = [...new Set(tasks.map((task) => task.containerInstanceArn!))];
  const out = await t.ecs.send(new DescribeContainerInstancesCommand({ cluster: CLUSTER, containerInstances: arns }));
  return new Map(out.containerInstances!.map((ci) => [ci.containerInstanceArn!, ci.ec2InstanceId!]));
}

export async function agentViews(t: TestSandbox): Promise<AgentView[]> {
  const listed = await endpoints(t);
  const tasks = [...(await runningTasks(t, 'consul-server')), ...(await runningTasks(t, 'consul-agent'))];
  const instances = await instanceIds(t, tasks);
  const views: AgentView[] = [];
  for (const http of listed.filter((e) => e.kind === 'consul-http')) {
    const self = (await (await fetch(`${http.url}/v1/agent/self`)).json()) as Json;
    const dns = listed.find((e) => e.kind === 'consul-dns' && e.arn === http.arn && !e.name.endsWith(' TCP'))!;
    const task = tasks.find((candidate) => candidate.taskArn === http.arn)!;
    views.push({
      nodeName: self.Config.NodeName,
      server: self.Config.Server,
      http: http.url,
      dns: { host: new URL(dns.url).hostname, port: Number(new URL(dns.url).port) },
      instanceId: instances.get(task.containerInstanceArn!)!,
      services: (await (await fetch(`${http.url}/v1/agent/services`)).json()) as Record<string, Json>,
    });
  }
  return views;
}

export async function appTasks(t: TestSandbox): Promise<AppTask[]> {
  const listed = await endpoints(t);
  const out: AppTask[] = [];
  for (const family of APP_SERVICES) {
    const tasks = await runningTasks(t, family);
    const instances = await instanceIds(t, tasks);
    for (const task of tasks) {
      const port = new URL(listed.find((e) => e.kind === 'task-port' && e.arn === task.taskArn)!.url);
      out.push({ family, taskArn: task.taskArn!, instanceId: instances.get(task.containerInstanceArn!)!, host: port.hostname, port: Number(port.port || 80) });
    }
  }
  return out;
}

/** The EC2 instances a family's running tasks are on, one entry a task, sorted. */
export async function taskInstances(t: TestSandbox, family: string): Promise<string[]> {
  const tasks = await runningTasks(t, family);
  if (tasks.length === 0) return [];
  const instances = await instanceIds(t, tasks);
  return tasks.map((task) => instances.get(task.containerInstanceArn!)!).sort();
}

export async function consulGet(agent: AgentView, path: string): Promise<Json> {
  return (await fetch(`${agent.http}${path}`)).json();
}

/** The SRV answers (target, port) and the addresses of their targets, from one agent's DNS. */
export async function srvRecords(agent: AgentView, service: string): Promise<Array<{ target: string; port: number; address: string | undefined }>> {
  const reply = await askUdp(agent.dns.host, agent.dns.port, `${service}.service.${DATACENTER}.consul`, 'SRV', true);
  const additionals = (reply.additionals ?? []) as Json[];
  return (reply.answers ?? []).map((answer: Json) => ({
    target: answer.data.target,
    port: answer.data.port,
    address: additionals.find((a) => a.type === 'A' && a.name === answer.data.target)?.data,
  }));
}

export const nodeFqdn = (node: string) => `${node}.node.${DATACENTER}.consul`;
