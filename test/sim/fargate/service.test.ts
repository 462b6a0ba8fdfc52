import {
  CreateServiceCommand,
  DescribeServicesCommand,
  ListTasksCommand,
  StopTaskCommand,
  UpdateServiceCommand,
  type Service,
  type Task,
} from '@aws-sdk/client-ecs';
import {
  CreateListenerCommand,
  CreateLoadBalancerCommand,
  CreateTargetGroupCommand,
  DescribeTargetHealthCommand,
  ModifyTargetGroupAttributesCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../support/load-balancers.js';
import {
  describeTasks,
  detail,
  drive,
  everySubnet,
  recordStatuses,
  registerFargateDefinition,
  startFargateCluster,
  type DefaultNetwork,
  type FargateSandbox,
} from './fixtures.js';

/**
 * A Fargate service of the getting-started kind behind an application load balancer with an
 * `ip` target group: its tasks spread over the zones of the subnets given, the target group
 * holds their addresses and container port, the listener reaches every task, and a task that
 * is stopped is replaced.
 */
let t: FargateSandbox;
let net: DefaultNetwork;
let timeline: ReturnType<typeof recordStatuses>;
let tgArn: string;
let listenerUrl: string;
const CLUSTER = 'svc';

beforeAll(async () => {
  ({ t, net } = await startFargateCluster(7102, CLUSTER));
  timeline = recordStatuses(t);
  const lb = await t.elbv2.send(new CreateLoadBalancerCommand({ Name: 'front', Subnets: net.subnets.map((s) => s.id) }));
  const tg = await t.elbv2.send(
    new CreateTargetGroupCommand({
      Name: 'web-ip',
      Protocol: 'HTTP',
      Port: 80,
      VpcId: net.vpcId,
      TargetType: 'ip',
      HealthCheckIntervalSeconds: 5,
      HealthCheckTimeoutSeconds: 2,
      HealthyThresholdCount: 2,
    }),
  );
  tgArn = tg.TargetGroups![0]!.TargetGroupArn!;
  await t.elbv2.send(new ModifyTargetGroupAttributesCommand({ TargetGroupArn: tgArn, Attributes: [{ Key: 'deregistration_delay.timeout_seconds', Value: '5' }] }));
  const port = await freePort();
  const listener = await t.elbv2.send(
    new CreateListenerCommand({ LoadBalancerArn: lb.LoadBalancers![0]!.LoadBalancerArn, Protocol: 'HTTP', Port: port, DefaultActions: [{ Type: 'forward', TargetGroupArn: tgArn }] }),
  );
  await drive(t, 120_000, 10_000);
  const endpoints = (await (await fetch(`${t.running.url}/_ecsh/endpoints`)).json()) as Array<{ kind: string; arn?: string; url: string }>;
  listenerUrl = endpoints.find((e) => e.kind === 'load-balancer-listener' && e.arn === listener.Listeners![0]!.ListenerArn)!.url;
});
afterAll(() => t.close());

async function serviceTasks(): Promise<Task[]> {
  const list = await t.ecs.send(new ListTasksCommand({ cluster: CLUSTER, serviceName: 'web' }));
  return describeTasks(t, CLUSTER, list.taskArns ?? []);
}

async function describeService(): Promise<Service> {
  return (await t.ecs.send(new DescribeServicesCommand({ cluster: CLUSTER, services: ['web'] }))).services![0]!;
}

/** What a services-stable waiter asks: one deployment, as many running as desired. */
const stable = (s: Service) => s.deployments!.length === 1 && s.runningCount === s.desiredCount;

describe('a Fargate service behind an ip target group', () => {
  let tasks: Task[];

  it('echoes its Fargate settings: LATEST, Linux, and the network configuration with assignPublicIp filled in', async () => {
    const out = await t.ecs.send(
      new CreateServiceCommand({
        cluster: CLUSTER,
        serviceName: 'web',
        taskDefinition: 'sample-fargate',
        desiredCount: 2,
        launchType: 'FARGATE',
        networkConfiguration: everySubnet(net, { assignPublicIp: 'ENABLED' }),
        loadBalancers: [{ targetGroupArn: tgArn, containerName: 'web', containerPort: 80 }],
      }),
    );
    expect(out.service).toMatchObject({
      launchType: 'FARGATE',
      platformVersion: 'LATEST',
      platformFamily: 'Linux',
      networkConfiguration: everySubnet(net, { assignPublicIp: 'ENABLED' }),
    });
    expect(out.service!.deployments![0]).toMatchObject({ launchType: 'FARGATE', platformVersion: 'LATEST' });
  });

  it('becomes stable with two tasks in two zones, registered by address and container port, both healthy', async () => {
    await drive(t, 90_000, 1_000);
    const service = await describeService();
    expect(stable(service)).toBe(true);
    expect(service.deployments![0]!.rolloutState).toBe('COMPLETED');
    tasks = await serviceTasks();
    expect(tasks).toHaveLength(2);
    for (const task of tasks) {
      expect(task).toMatchObject({ launchType: 'FARGATE', lastStatus: 'RUNNING', platformVersion: '1.4.0' });
      expect(task.attachments![0]!.status).toBe('ATTACHED');
      expect(timeline.get(task.taskArn!)!.map(([s]) => s)).toEqual(['PROVISIONING', 'PENDING', 'ACTIVATING', 'RUNNING']);
    }
    expect(new Set(tasks.map((task) => task.availabilityZone)).size).toBe(2);
    const health = await t.elbv2.send(new DescribeTargetHealthCommand({ TargetGroupArn: tgArn }));
    const targets = health.TargetHealthDescriptions!.map((d) => `${d.Target!.Id}:${d.Target!.Port}=${d.TargetHealth!.State}`).sort();
    expect(targets).toEqual(tasks.map((task) => `${detail(task, 'privateIPv4Address')}:80=healthy`).sort());
    const events = service.events!.map((e) => e.message);
    expect(events.filter((m) => m === `(service web) registered 1 targets in (target-group ${tgArn})`)).toHaveLength(2);
  });

  it('serves both tasks through the listener', async () => {
    const answered = new Set<string>();
    for (let i = 0; i < 8; i++) {
      const body = await (await fetch(listenerUrl)).text();
      answered.add(/^task: ([0-9a-f]{32})$/m.exec(body)![1]!);
    }
    expect([...answered].sort()).toEqual(tasks.map((task) => task.taskArn!.split('/').pop()).sort());
  });

  it('replaces a stopped task, deregistering its address and registering the new one', async () => {
    const victim = tasks[0]!;
    await t.ecs.send(new StopTaskCommand({ cluster: CLUSTER, task: victim.taskArn!, reason: 'lost' }));
    await drive(t, 90_000, 1_000);
    const now = await serviceTasks();
    expect(now).toHaveLength(2);
    expect(now.map((task) => task.taskArn)).not.toContain(victim.taskArn);
    expect(new Set(now.map((task) => task.availabilityZone)).size).toBe(2);
    const health = await t.elbv2.send(new DescribeTargetHealthCommand({ TargetGroupArn: tgArn }));
    expect(health.TargetHealthDescriptions!.map((d) => d.Target!.Id).sort()).toEqual(now.map((task) => detail(task, 'privateIPv4Address')).sort());
    expect(stable(await describeService())).toBe(true);
  });

  it('rolls out a new revision on Fargate and scales out to a task in each zone', async () => {
    await registerFargateDefinition(t, { cpu: '512', memory: '1024' });
    await t.ecs.send(new UpdateServiceCommand({ cluster: CLUSTER, service: 'web', taskDefinition: 'sample-fargate:2', desiredCount: 3 }));
    await drive(t, 180_000, 1_000);
    const service = await describeService();
    expect(stable(service)).toBe(true);
    const now = await serviceTasks();
    expect(now.map((task) => [task.taskDefinitionArn!.split('/').pop(), task.cpu, task.memory])).toEqual([
      ['sample-fargate:2', '512', '1024'],
      ['sample-fargate:2', '512', '1024'],
      ['sample-fargate:2', '512', '1024'],
    ]);
    expect(new Set(now.map((task) => task.availabilityZone)).size).toBe(3);
  });
});
