import {
  CreateClusterCommand,
  CreateServiceCommand,
  DescribeServicesCommand,
  DescribeTasksCommand,
  ListTasksCommand,
  RegisterTaskDefinitionCommand,
  SubmitTaskStateChangeCommand,
  UpdateServiceCommand,
  type Service,
  type Task,
} from '@aws-sdk/client-ecs';
import {
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateTargetGroupCommand,
  DeleteListenerCommand,
  DeleteTargetGroupCommand,
  DescribeListenersCommand,
  DescribeTargetGroupsCommand,
  DescribeTargetHealthCommand,
  ModifyTargetGroupAttributesCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBalancers } from '../../../source/sim/elb/index.js';
import type { TaskRecord } from '../../../source/sim/model.js';
import { errorOf } from '../../support/sandbox.js';
import { joinCluster, runInstances, SETTLE_MS } from '../ec2/fixtures.js';
import { defaultNetwork, drive, freePort, listenerUrl, startLbSandbox, type LbSandbox } from './fixtures.js';

/**
 * An ECS service of 3 tasks behind an application load balancer, on 3 instances in 3 zones:
 * every task reachable through the listener, and a rolling deployment that drops no request.
 * The tasks run on the virtual runtime, whose stand-in page names the task that answered.
 */
let t: LbSandbox;
let net: { vpcId: string; subnets: string[] };
let lbArn: string;
const CLUSTER = 'alb';

/** Each task's statuses and when (simulated ms) it reached them. */
const timeline = new Map<string, Array<[string, number]>>();

async function targetGroup(name: string, extra: Record<string, unknown> = {}): Promise<string> {
  const tg = await t.elbv2.send(
    new CreateTargetGroupCommand({
      Name: name,
      Protocol: 'HTTP',
      Port: 80,
      VpcId: net.vpcId,
      HealthCheckIntervalSeconds: 5,
      HealthCheckTimeoutSeconds: 2,
      HealthyThresholdCount: 2,
      UnhealthyThresholdCount: 2,
      ...extra,
    }),
  );
  const arn = tg.TargetGroups![0]!.TargetGroupArn!;
  await t.elbv2.send(new ModifyTargetGroupAttributesCommand({ TargetGroupArn: arn, Attributes: [{ Key: 'deregistration_delay.timeout_seconds', Value: '5' }] }));
  return arn;
}

/** A listener on a free port forwarding to the target group; its URL once it listens. */
async function listenerFor(tgArn: string): Promise<string> {
  const port = await freePort();
  await t.elbv2.send(new CreateListenerCommand({ LoadBalancerArn: lbArn, Protocol: 'HTTP', Port: port, DefaultActions: [{ Type: 'forward', TargetGroupArn: tgArn }] }));
  return listenerUrl(t, `front:${port}`);
}

/** A service of `count` tasks whose container `web` is registered in the target group, after 20 s of simulated time. */
async function serviceBehind(name: string, taskDefinition: string, count: number, tgArn: string, containerPort: number): Promise<void> {
  await t.ecs.send(
    new CreateServiceCommand({
      cluster: CLUSTER,
      serviceName: name,
      taskDefinition,
      desiredCount: count,
      loadBalancers: [{ targetGroupArn: tgArn, containerName: 'web', containerPort }],
    }),
  );
  await drive(t, 20_000, 500);
}

async function serviceTasks(serviceName: string): Promise<Task[]> {
  const list = await t.ecs.send(new ListTasksCommand({ cluster: CLUSTER, serviceName }));
  if (!list.taskArns?.length) return [];
  return (await t.ecs.send(new DescribeTasksCommand({ cluster: CLUSTER, tasks: list.taskArns }))).tasks!;
}

async function describeService(name: string): Promise<Service> {
  return (await t.ecs.send(new DescribeServicesCommand({ cluster: CLUSTER, services: [name] }))).services![0]!;
}

const taskIdOf = (body: string) => /^task: ([0-9a-f]{32})$/m.exec(body)?.[1];
const idOf = (arn: string) => arn.slice(arn.lastIndexOf('/') + 1);

beforeAll(async () => {
  t = await startLbSandbox();
  t.running.sandbox.events.on('task', (task: TaskRecord) => {
    const list = timeline.get(task.taskArn) ?? [];
    if (list[list.length - 1]?.[0] !== task.lastStatus) list.push([task.lastStatus, t.running.sandbox.now()]);
    timeline.set(task.taskArn, list);
  });
  net = await defaultNetwork(t);
  await t.ecs.send(new CreateClusterCommand({ clusterName: CLUSTER }));
  await runInstances(t, { MinCount: 3, MaxCount: 3, UserData: joinCluster(CLUSTER) });
  t.advance(SETTLE_MS);
  for (const image of ['example/whoami:1', 'example/whoami:2']) {
    await t.ecs.send(
      new RegisterTaskDefinitionCommand({
        family: 'whoami',
        containerDefinitions: [{ name: 'web', image, cpu: 128, memory: 128, portMappings: [{ containerPort: 8080 }] }],
      }),
    );
  }
  await t.ecs.send(
    new RegisterTaskDefinitionCommand({
      family: 'nginx',
      containerDefinitions: [{ name: 'web', image: 'nginx', cpu: 128, memory: 128, portMappings: [{ containerPort: 80 }] }],
    }),
  );
  const lb = await t.elbv2.send(new CreateLoadBalancerCommand({ Name: 'front', Subnets: net.subnets }));
  lbArn = lb.LoadBalancers![0]!.LoadBalancerArn!;
  t.advance(120_000);
});
afterAll(() => t.close());

describe('a service behind an application load balancer', () => {
  let tgArn: string;
  let url: string;

  it('registers each task as it comes up, and the listener reaches all three', async () => {
    tgArn = await targetGroup('whoami');
    url = await listenerFor(tgArn);
    await serviceBehind('whoami', 'whoami:1', 3, tgArn, 8080);
    const tasks = await serviceTasks('whoami');
    expect(tasks.map((task) => task.lastStatus)).toEqual(['RUNNING', 'RUNNING', 'RUNNING']);
    for (const task of tasks) expect(timeline.get(task.taskArn!)!.map(([s]) => s)).toEqual(['PENDING', 'ACTIVATING', 'RUNNING']);

    const health = await t.elbv2.send(new DescribeTargetHealthCommand({ TargetGroupArn: tgArn }));
    const expected = tasks.map((task) => {
      const instance = t.running.sandbox.tables.containerInstances.get(task.containerInstanceArn!)!;
      return `${instance.ec2InstanceId}:${task.containers![0]!.networkBindings![0]!.hostPort}=healthy`;
    });
    expect(health.TargetHealthDescriptions!.map((d) => `${d.Target!.Id}:${d.Target!.Port}=${d.TargetHealth!.State}`).sort()).toEqual(expected.sort());

    const service = await describeService('whoami');
    const registered = service.events!.filter((e) => e.message === `(service whoami) registered 1 targets in (target-group ${tgArn})`);
    expect(registered).toHaveLength(3);
    expect(service.deployments![0]!.rolloutState).toBe('COMPLETED');

    const answered = new Map<string, number>();
    for (let i = 0; i < 30; i++) {
      const res = await fetch(url);
      expect(res.status).toBe(200);
      const id = taskIdOf(await res.text())!;
      answered.set(id, (answered.get(id) ?? 0) + 1);
    }
    expect([...answered.keys()].sort()).toEqual(tasks.map((task) => idOf(task.taskArn!)).sort());
    expect([...answered.values()]).toEqual([10, 10, 10]);
  });

  it('rolls out a new revision while a client polls through the listener, dropping no request', async () => {
    const before = new Set((await serviceTasks('whoami')).map((task) => task.taskArn!));
    await t.ecs.send(new UpdateServiceCommand({ cluster: CLUSTER, service: 'whoami', taskDefinition: 'whoami:2' }));
    let failures = 0;
    let polls = 0;
    const images = new Set<string>();
    for (let step = 0; step < 200; step++) {
      for (let i = 0; i < 3; i++) {
        polls += 1;
        const res = await fetch(url);
        const body = await res.text();
        if (res.status !== 200) failures += 1;
        else images.add(/^image: (.*)$/m.exec(body)![1]!);
      }
      await drive(t, 500, 500);
      const service = await describeService('whoami');
      const oldLeft = [...before].some((arn) => t.running.sandbox.tables.tasks.get(arn)?.lastStatus !== 'STOPPED');
      if (!oldLeft && service.deployments!.length === 1 && service.deployments![0]!.rolloutState === 'COMPLETED') break;
    }
    expect(polls).toBeGreaterThan(30);
    expect(failures).toBe(0);
    expect(images).toEqual(new Set(['example/whoami:1', 'example/whoami:2']));

    for (const arn of before) {
      const statuses = timeline.get(arn)!;
      expect(statuses.map(([s]) => s)).toEqual(['PENDING', 'ACTIVATING', 'RUNNING', 'DEACTIVATING', 'STOPPING', 'STOPPED']);
      const deactivating = statuses.find(([s]) => s === 'DEACTIVATING')![1];
      const stopping = statuses.find(([s]) => s === 'STOPPING')![1];
      // The task stays DEACTIVATING for the target group's deregistration delay (5 s).
      expect(stopping - deactivating).toBeGreaterThanOrEqual(5_000);
    }
    const now = await serviceTasks('whoami');
    expect(now).toHaveLength(3);
    for (let i = 0; i < 6; i++) expect(await (await fetch(url)).text()).toContain('image: example/whoami:2');

    const messages = (await describeService('whoami')).events!.map((e) => e.message!);
    expect(messages.filter((m) => m === '(service whoami) has begun draining connections on 1 tasks.')).toHaveLength(3);
    expect(messages.filter((m) => m === `(service whoami) deregistered 1 targets in (target-group ${tgArn})`)).toHaveLength(3);
  });

  it('deregisters the target of a task that stopped on its own at once, and says so once', async () => {
    const [victim] = await serviceTasks('whoami');
    const deregistered = `(service whoami) deregistered 1 targets in (target-group ${tgArn})`;
    const count = async () => (await describeService('whoami')).events!.filter((e) => e.message === deregistered).length;
    const before = await count();
    // The agent reports the task stopped (its essential container exited): STOPPED at once, its target draining.
    await t.ecs.send(new SubmitTaskStateChangeCommand({ cluster: CLUSTER, task: victim!.taskArn!, status: 'STOPPED', reason: 'Essential container in task exited' }));
    expect(t.running.sandbox.tables.tasks.get(victim!.taskArn!)!.lastStatus).toBe('STOPPED');
    const draining = '(service whoami) has begun draining connections on 1 tasks.';
    const messages = (await describeService('whoami')).events!.map((e) => e.message!).filter((m) => m === draining || m === deregistered);
    // Newest first: deregistered, then began draining.
    expect(messages.slice(0, 2)).toEqual([draining, deregistered]);
    expect(await count()).toBe(before + 1);
    t.advance(60_000);
    expect(await count()).toBe(before + 1);
  });

  it('replaces a task whose target fails its health checks', async () => {
    const tg = await targetGroup('broken', { HealthCheckPath: '/missing' });
    await listenerFor(tg);
    await serviceBehind('broken', 'nginx', 1, tg, 80);
    const stopped = await t.ecs.send(new ListTasksCommand({ cluster: CLUSTER, serviceName: 'broken', desiredStatus: 'STOPPED' }));
    expect(stopped.taskArns!.length).toBeGreaterThanOrEqual(1);
    const first = (await t.ecs.send(new DescribeTasksCommand({ cluster: CLUSTER, tasks: [stopped.taskArns![0]!] }))).tasks![0]!;
    expect(first.stoppedReason).toBe(`Task failed ELB health checks in (target-group ${tg})`);
    expect(first.stopCode).toBe('ServiceSchedulerInitiated');
    const instance = t.running.sandbox.tables.containerInstances.get(first.containerInstanceArn!)!;
    const port = first.containers![0]!.networkBindings![0]!.hostPort;
    const messages = (await describeService('broken')).events!.map((e) => e.message!);
    expect(messages).toContain(
      `(service broken) (instance ${instance.ec2InstanceId}) (port ${port}) is unhealthy in (target-group ${tg}) due to (reason Health checks failed with these codes: [404]).`,
    );
    expect(messages).toContain(`(service broken) has stopped 1 running tasks: (task ${idOf(first.taskArn!)}).`);
    expect((await serviceTasks('broken')).length).toBe(1);
  });

  it("forwards to nginx as an ALB node would: nginx logs the node as its client, the client in X-Forwarded-For, and answers an upload itself", async () => {
    const tg = await targetGroup('site');
    const siteUrl = await listenerFor(tg);
    await serviceBehind('site', 'nginx', 1, tg, 80);
    const page = await fetch(siteUrl, { headers: { 'user-agent': 'lesson/1' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('server')).toMatch(/^nginx/);
    expect(await page.text()).toContain('Welcome to nginx!');
    const upload = await fetch(`${siteUrl}/form`, { method: 'POST', body: 'x'.repeat(200_000) });
    expect(upload.status).toBe(405);
    expect(await upload.text()).toContain('405 Not Allowed');

    const [task] = await serviceTasks('site');
    const logs = await (await fetch(`${t.running.url}/_ecsh/logs?task=${idOf(task!.taskArn!)}&container=web`)).text();
    const lb = loadBalancers(t.running.sandbox).get(lbArn)!;
    const node = `127.${lb._address.split('.').slice(1).join('.')}`;
    const lines = logs.split('\n').filter((line) => line.includes('"GET / HTTP/1.1" 200'));
    expect(lines.length).toBeGreaterThanOrEqual(1);
    expect(lines.at(-1)).toMatch(new RegExp(`^${node.replace(/\./g, '\\.')} - - \\[.+\\] "GET / HTTP/1.1" 200 \\d+ "-" "lesson/1" "127\\.0\\.0\\.1"$`));
    expect(logs).toContain('"POST /form HTTP/1.1" 405');
  });

  it('stops a task whose target group is deleted while its target drains', async () => {
    const [tg] = (await t.elbv2.send(new DescribeTargetGroupsCommand({ Names: ['site'] }))).TargetGroups!;
    await t.ecs.send(new UpdateServiceCommand({ cluster: CLUSTER, service: 'site', desiredCount: 0 }));
    await drive(t, 1_000, 500);
    const health = await t.elbv2.send(new DescribeTargetHealthCommand({ TargetGroupArn: tg!.TargetGroupArn! }));
    expect(health.TargetHealthDescriptions!.map((d) => d.TargetHealth!.State)).toEqual(['draining']);
    const listeners = await t.elbv2.send(new DescribeListenersCommand({ LoadBalancerArn: lbArn }));
    for (const listener of listeners.Listeners!.filter((l) => l.DefaultActions![0]!.TargetGroupArn === tg!.TargetGroupArn)) {
      await t.elbv2.send(new DeleteListenerCommand({ ListenerArn: listener.ListenerArn! }));
    }
    await t.elbv2.send(new DeleteTargetGroupCommand({ TargetGroupArn: tg!.TargetGroupArn! }));
    await drive(t, 30_000, 1_000);
    expect(await serviceTasks('site')).toEqual([]);
    const service = await describeService('site');
    expect(service).toMatchObject({ runningCount: 0, pendingCount: 0 });
    expect(service.events![0]!.message).toBe('(service site) has reached a steady state.');
  });

  it('refuses load balancers a service cannot use, with ECS words', async () => {
    const create = (loadBalancers: unknown[]) =>
      errorOf(t.ecs.send(new CreateServiceCommand({ cluster: CLUSTER, serviceName: 'bad', taskDefinition: 'whoami:1', desiredCount: 1, loadBalancers: loadBalancers as never })));
    const tg = await targetGroup('idle');
    expect((await create([{ targetGroupArn: tg, containerName: 'web', containerPort: 8080 }])).message).toBe(
      `The target group with targetGroupArn ${tg} does not have an associated load balancer.`,
    );
    const port = await create([{ targetGroupArn: tgArn, containerName: 'web', containerPort: 9999 }]);
    expect(port.message).toBe('The container web did not have a container port 9999 defined.');
    const missing = await create([{ targetGroupArn: tgArn.replace(/[0-9a-f]{16}$/, '0123456789abcdef'), containerName: 'web', containerPort: 8080 }]);
    expect(missing.message).toBe('Unable to assume role and validate the specified targetGroupArn. Please verify that the ECS service role being passed has the proper permissions.');
    const classic = await create([{ loadBalancerName: 'nope', containerName: 'web', containerPort: 8080 }]);
    expect(classic.message).toBe('The load balancer nope does not exist.');
  });
});
