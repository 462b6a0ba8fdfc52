import {
  CreateClusterCommand,
  CreateServiceCommand,
  DescribeServicesCommand,
  DescribeTasksCommand,
  ListTasksCommand,
  RegisterTaskDefinitionCommand,
  UpdateContainerInstancesStateCommand,
  type Service,
  type Task,
} from '@aws-sdk/client-ecs';
import {
  ConfigureHealthCheckCommand,
  CreateLoadBalancerCommand as CreateClassicLoadBalancerCommand,
  RegisterInstancesWithLoadBalancerCommand,
} from '@aws-sdk/client-elastic-load-balancing';
import { CreateListenerCommand, CreateLoadBalancerCommand, CreateTargetGroupCommand, ModifyTargetGroupAttributesCommand } from '@aws-sdk/client-elastic-load-balancing-v2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TargetHealthChange } from '../../../source/sim/elb/index.js';
import { joinCluster, runInstances, SETTLE_MS } from '../ec2/fixtures.js';
import { defaultNetwork, drive, freePort, startLbSandbox, type LbSandbox } from './fixtures.js';

/**
 * What a load-balanced service says, and when, as ECS says it: the deployment completes (and
 * the service is steady) only once its targets are healthy; draining an instance stops the
 * task there, then deregisters its target and drains it; a classic load balancer's instance
 * is "registered" even when the load balancer already had it.
 */
let t: LbSandbox;
let net: { vpcId: string; subnets: string[] };
let lbArn: string;
const CLUSTER = 'events';
/** When (simulated ms) each target of each owner turned healthy first. */
const healthyAt = new Map<string, number>();

beforeAll(async () => {
  t = await startLbSandbox();
  t.running.sandbox.events.on('target-health', (change: TargetHealthChange) => {
    const key = `${change.owner}|${change.targetId}|${change.targetPort ?? ''}`;
    if (change.state === 'healthy' && !healthyAt.has(key)) healthyAt.set(key, t.running.sandbox.now());
  });
  net = await defaultNetwork(t);
  await t.ecs.send(new CreateClusterCommand({ clusterName: CLUSTER }));
  await runInstances(t, { MinCount: 2, MaxCount: 2, UserData: joinCluster(CLUSTER) });
  t.advance(SETTLE_MS);
  await t.ecs.send(
    new RegisterTaskDefinitionCommand({ family: 'web', containerDefinitions: [{ name: 'web', image: 'nginx', memory: 128, portMappings: [{ containerPort: 80, hostPort: 0 }] }] }),
  );
  const lb = await t.elbv2.send(new CreateLoadBalancerCommand({ Name: 'front', Subnets: net.subnets }));
  lbArn = lb.LoadBalancers![0]!.LoadBalancerArn!;
  t.advance(120_000);
});
afterAll(() => t.close());

async function describeService(name: string): Promise<Service> {
  return (await t.ecs.send(new DescribeServicesCommand({ cluster: CLUSTER, services: [name] }))).services![0]!;
}

async function tasksOf(name: string): Promise<Task[]> {
  const list = await t.ecs.send(new ListTasksCommand({ cluster: CLUSTER, serviceName: name }));
  if (!list.taskArns?.length) return [];
  return (await t.ecs.send(new DescribeTasksCommand({ cluster: CLUSTER, tasks: list.taskArns }))).tasks!;
}

/** The service's events, oldest first. */
const oldestFirst = (service: Service) => service.events!.map((e) => ({ at: e.createdAt!.getTime(), message: e.message! })).reverse();
const idOf = (arn: string) => arn.slice(arn.lastIndexOf('/') + 1);

function targetKey(tgArn: string, task: Task): string {
  const instance = t.running.sandbox.tables.containerInstances.get(task.containerInstanceArn!)!;
  return `${tgArn}|${instance.ec2InstanceId}|${task.containers![0]!.networkBindings![0]!.hostPort}`;
}

describe('a service behind a target group', () => {
  let tgArn: string;

  it('completes its deployment, and reaches a steady state, only once its target is healthy', async () => {
    const tg = await t.elbv2.send(
      new CreateTargetGroupCommand({ Name: 'web', Protocol: 'HTTP', Port: 80, VpcId: net.vpcId, HealthCheckIntervalSeconds: 30, HealthyThresholdCount: 5 }),
    );
    tgArn = tg.TargetGroups![0]!.TargetGroupArn!;
    await t.elbv2.send(new ModifyTargetGroupAttributesCommand({ TargetGroupArn: tgArn, Attributes: [{ Key: 'deregistration_delay.timeout_seconds', Value: '20' }] }));
    await t.elbv2.send(new CreateListenerCommand({ LoadBalancerArn: lbArn, Protocol: 'HTTP', Port: await freePort(), DefaultActions: [{ Type: 'forward', TargetGroupArn: tgArn }] }));
    await t.ecs.send(
      new CreateServiceCommand({ cluster: CLUSTER, serviceName: 'web', taskDefinition: 'web', desiredCount: 1, loadBalancers: [{ targetGroupArn: tgArn, containerName: 'web', containerPort: 80 }] }),
    );
    await drive(t, 3_000, 500);
    const [task] = await tasksOf('web');
    expect(task!.lastStatus).toBe('RUNNING');
    let service = await describeService('web');
    expect(service.deployments![0]!.rolloutState).toBe('IN_PROGRESS');
    expect(healthyAt.has(targetKey(tgArn, task!))).toBe(false);

    await drive(t, 60_000, 1_000);
    service = await describeService('web');
    const healthy = healthyAt.get(targetKey(tgArn, task!))!;
    expect(healthy).toBeGreaterThan(task!.startedAt!.getTime());
    expect(service.deployments![0]!.rolloutState).toBe('COMPLETED');
    const events = oldestFirst(service);
    expect(events.map((e) => e.message)).toEqual([
      `(service web) has started 1 tasks: (task ${idOf(task!.taskArn!)}).`,
      `(service web) registered 1 targets in (target-group ${tgArn})`,
      `(service web) (deployment ${service.deployments![0]!.id}) deployment completed.`,
      '(service web) has reached a steady state.',
    ]);
    expect(events[2]!.at).toBeGreaterThanOrEqual(healthy);
    expect(events[3]!.at).toBeGreaterThanOrEqual(healthy);
  });

  it('draining the instance: a replacement first, then the old task stops, its target is deregistered and drains', async () => {
    const [old] = await tasksOf('web');
    const before = (await describeService('web')).events!.length;
    await t.ecs.send(new UpdateContainerInstancesStateCommand({ cluster: CLUSTER, containerInstances: [old!.containerInstanceArn!], status: 'DRAINING' }));
    await drive(t, 120_000, 1_000);
    const service = await describeService('web');
    const [fresh] = await tasksOf('web');
    expect(fresh!.taskArn).not.toBe(old!.taskArn);
    const events = oldestFirst(service).slice(-(service.events!.length - before));
    expect(events.map((e) => e.message)).toEqual([
      `(service web) has started 1 tasks: (task ${idOf(fresh!.taskArn!)}).`,
      `(service web) registered 1 targets in (target-group ${tgArn})`,
      `(service web) has stopped 1 running tasks: (task ${idOf(old!.taskArn!)}).`,
      `(service web) deregistered 1 targets in (target-group ${tgArn})`,
      '(service web) has begun draining connections on 1 tasks.',
      '(service web) has reached a steady state.',
    ]);
    // The old task goes once its replacement is healthy, and the service is steady once it is gone (20 s of draining).
    expect(events[2]!.at).toBeGreaterThanOrEqual(healthyAt.get(targetKey(tgArn, fresh!))!);
    expect(events[5]!.at - events[4]!.at).toBeGreaterThanOrEqual(20_000);
  });
});

describe('a service behind a classic load balancer', () => {
  it('says it registered the instance even when the load balancer already had it', async () => {
    const hostPort = await freePort();
    await t.ecs.send(
      new RegisterTaskDefinitionCommand({ family: 'fixed', containerDefinitions: [{ name: 'web', image: 'nginx', memory: 128, portMappings: [{ containerPort: 80, hostPort }] }] }),
    );
    await t.elb.send(
      new CreateClassicLoadBalancerCommand({
        LoadBalancerName: 'classic1',
        Listeners: [{ Protocol: 'HTTP', LoadBalancerPort: await freePort(), InstanceProtocol: 'HTTP', InstancePort: hostPort }],
        AvailabilityZones: ['us-east-1a', 'us-east-1b', 'us-east-1c'],
      }),
    );
    await t.elb.send(
      new ConfigureHealthCheckCommand({ LoadBalancerName: 'classic1', HealthCheck: { Target: `HTTP:${hostPort}/`, Interval: 5, Timeout: 2, UnhealthyThreshold: 2, HealthyThreshold: 2 } }),
    );
    const instances = [...t.running.sandbox.tables.containerInstances.values()].filter((i) => i.status === 'ACTIVE' && i.clusterArn.endsWith(`/${CLUSTER}`));
    await t.elb.send(new RegisterInstancesWithLoadBalancerCommand({ LoadBalancerName: 'classic1', Instances: instances.map((i) => ({ InstanceId: i.ec2InstanceId })) }));
    await t.ecs.send(
      new CreateServiceCommand({ cluster: CLUSTER, serviceName: 'clbsvc', taskDefinition: 'fixed', desiredCount: 1, loadBalancers: [{ loadBalancerName: 'classic1', containerName: 'web', containerPort: 80 }] }),
    );
    await drive(t, 60_000, 1_000);
    const service = await describeService('clbsvc');
    const [task] = await tasksOf('clbsvc');
    expect(oldestFirst(service).map((e) => e.message)).toEqual([
      `(service clbsvc) has started 1 tasks: (task ${idOf(task!.taskArn!)}).`,
      '(service clbsvc) registered 1 instances in (elb classic1)',
      `(service clbsvc) (deployment ${service.deployments![0]!.id}) deployment completed.`,
      '(service clbsvc) has reached a steady state.',
    ]);
  });
});
