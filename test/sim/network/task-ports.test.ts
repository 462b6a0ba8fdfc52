import {
  CreateServiceCommand,
  DescribeTasksCommand,
  ListTasksCommand,
  RegisterTaskDefinitionCommand,
  RunTaskCommand,
  StopTaskCommand,
} from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loopbackTwin } from '../../../source/sim/network/index.js';
import { startTestSandbox, type TestSandbox } from '../../support/sandbox.js';
import { connect, endpoints, eventually, instancesJoining, taskPorts } from '../runtime/fixtures.js';

const CLUSTER = 'web';
let t: TestSandbox;
let hosts: Array<{ instanceId: string; privateIp: string }>;
const notices: string[] = [];

beforeAll(async () => {
  // A seed of its own gives this file instance addresses that other test files do not use.
  t = await startTestSandbox({ seed: 6061, network: { notify: (message) => notices.push(message) } });
  hosts = await instancesJoining(t, CLUSTER, ['us-east-1a', 'us-east-1b', 'us-east-1c']);
  await t.ecs.send(
    new RegisterTaskDefinitionCommand({
      family: 'nginx',
      containerDefinitions: [{ name: 'nginx', image: 'nginx:1.27', memory: 128, portMappings: [{ containerPort: 80, hostPort: 0 }] }],
    }),
  );
  await t.ecs.send(
    new CreateServiceCommand({
      cluster: CLUSTER,
      serviceName: 'nginx',
      taskDefinition: 'nginx',
      desiredCount: 3,
      placementStrategy: [{ type: 'spread', field: 'instanceId' }],
    }),
  );
  t.advance(30_000);
});
afterAll(() => t.close());

async function runningTasks() {
  const arns = (await t.ecs.send(new ListTasksCommand({ cluster: CLUSTER, desiredStatus: 'RUNNING' }))).taskArns!;
  return (await t.ecs.send(new DescribeTasksCommand({ cluster: CLUSTER, tasks: arns }))).tasks!;
}

describe('a service of nginx tasks on instances launched with run-instances', () => {
  it('serves nginx on each task host port, on its instance loopback twin', async () => {
    const tasks = await runningTasks();
    expect(tasks).toHaveLength(3);
    expect(new Set(tasks.map((task) => task.containerInstanceArn)).size).toBe(3);
    for (const task of tasks) {
      const [endpoint] = await eventually(async () => {
        const ports = await taskPorts(t, task.taskArn!);
        return ports.length > 0 ? ports : undefined;
      }, `task ${task.taskArn} to listen`);
      const binding = task.containers![0]!.networkBindings![0]!;
      expect(binding.hostPort).toBeGreaterThanOrEqual(32768);
      if (notices.length === 0) {
        // Where nothing had to fall back, the URL is the instance's twin and the port ECS reports.
        const twins = hosts.map((h) => loopbackTwin(h.privateIp));
        const url = new URL(endpoint!.url);
        expect(twins).toContain(url.hostname);
        expect(Number(url.port)).toBe(binding.hostPort);
        expect(url.hostname).toMatch(/^127\.31\.\d+\.\d+$/);
      }
      const response = await fetch(endpoint!.url);
      expect(response.status).toBe(200);
      expect(response.headers.get('server')).toBe('nginx/1.27.0');
      expect(await response.text()).toContain('<h1>Welcome to nginx!</h1>');
      const missing = await fetch(`${endpoint!.url}/nope`);
      expect(missing.status).toBe(404);
      expect(await missing.text()).toContain('<center><h1>404 Not Found</h1></center>');
    }
  });

  it('lists every task port and agent in /_ecsh/endpoints, in the issue shape', async () => {
    const tasks = await runningTasks();
    const listed = await endpoints(t);
    const ports = listed.filter((e) => e.kind === 'task-port');
    expect(ports.map((e) => e.arn).sort()).toEqual(tasks.map((task) => task.taskArn).sort());
    for (const entry of ports) {
      expect(Object.keys(entry).sort()).toEqual(['arn', 'kind', 'name', 'url']);
      expect(entry.name).toMatch(/^nginx:80 \(task [0-9a-f]{32}\)$/);
      expect(entry.url).toMatch(/^http:\/\/127\.\d+\.\d+\.\d+:\d+$/);
    }
    const agents = listed.filter((e) => e.kind === 'agent');
    expect(agents.map((e) => e.name).sort()).toEqual(hosts.map((h) => h.instanceId).sort());
    // Listed by kind, task ports before agents as the issue lists the kinds.
    expect(listed.findIndex((e) => e.kind === 'agent')).toBeGreaterThan(listed.findLastIndex((e) => e.kind === 'task-port'));
  });

  it('closes a task port when the task stops', async () => {
    // A task of its own, outside the service, so that no replacement takes its port.
    await t.ecs.send(
      new RegisterTaskDefinitionCommand({
        family: 'fixed',
        containerDefinitions: [{ name: 'web', image: 'nginx', memory: 64, portMappings: [{ containerPort: 80, hostPort: 8080 }] }],
      }),
    );
    const run = await t.ecs.send(new RunTaskCommand({ cluster: CLUSTER, taskDefinition: 'fixed' }));
    const taskArn = run.tasks![0]!.taskArn!;
    t.advance(10_000);
    const [endpoint] = await eventually(async () => {
      const ports = await taskPorts(t, taskArn);
      return ports.length > 0 ? ports : undefined;
    }, 'the task to listen');
    if (notices.length === 0) expect(endpoint!.url).toMatch(/^http:\/\/127\.31\.\d+\.\d+:8080$/);
    expect(await connect(endpoint!.url)).toBe(200);
    await t.ecs.send(new StopTaskCommand({ cluster: CLUSTER, task: taskArn }));
    t.advance(5_000);
    await eventually(async () => ((await taskPorts(t, taskArn)).length === 0 ? true : undefined), 'the port to be withdrawn');
    expect(await connect(endpoint!.url)).toBe('ECONNREFUSED');
  });
});
