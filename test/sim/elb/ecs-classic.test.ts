import {
  CreateClusterCommand,
  CreateServiceCommand,
  DescribeServicesCommand,
  ListTasksCommand,
  RegisterTaskDefinitionCommand,
  UpdateServiceCommand,
} from '@aws-sdk/client-ecs';
import {
  ConfigureHealthCheckCommand,
  CreateLoadBalancerCommand,
  DescribeInstanceHealthCommand,
  RegisterInstancesWithLoadBalancerCommand,
} from '@aws-sdk/client-elastic-load-balancing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf } from '../../support/sandbox.js';
import { joinCluster, runInstances, SETTLE_MS } from '../ec2/fixtures.js';
import { drive, freePort, listenerUrl, startLbSandbox, type LbSandbox } from './fixtures.js';

/**
 * The talk's first demo: a service behind a classic load balancer. Its fixed host port means
 * one task per instance; ECS registers the instances, the load balancer sends to them once
 * they are InService.
 */
let t: LbSandbox;
let instanceIds: string[];
let hostPort: number;
const CLUSTER = 'classic';

beforeAll(async () => {
  t = await startLbSandbox();
  await t.ecs.send(new CreateClusterCommand({ clusterName: CLUSTER }));
  instanceIds = (await runInstances(t, { MinCount: 3, MaxCount: 3, UserData: joinCluster(CLUSTER) })).map((i) => i.InstanceId!);
  t.advance(SETTLE_MS);
  // A host port found free stands in for the demo's port 80.
  hostPort = await freePort();
  await t.ecs.send(
    new RegisterTaskDefinitionCommand({
      family: 'simple-app',
      containerDefinitions: [{ name: 'simple-app', image: 'example/simple-app', cpu: 10, memory: 300, portMappings: [{ containerPort: 80, hostPort }] }],
    }),
  );
  await t.ecs.send(
    new RegisterTaskDefinitionCommand({
      family: 'dynamic',
      containerDefinitions: [{ name: 'web', image: 'example/web', cpu: 10, memory: 300, portMappings: [{ containerPort: 80 }] }],
    }),
  );
});
afterAll(() => t.close());

describe('a service behind a classic load balancer', () => {
  it('registers the instances of its tasks, one task per instance, and serves through the listener', async () => {
    const port = await freePort();
    await t.elb.send(
      new CreateLoadBalancerCommand({
        LoadBalancerName: 'php-demo',
        Listeners: [{ Protocol: 'HTTP', LoadBalancerPort: port, InstanceProtocol: 'HTTP', InstancePort: hostPort }],
        AvailabilityZones: ['us-east-1a', 'us-east-1b', 'us-east-1c'],
      }),
    );
    await t.elb.send(
      new ConfigureHealthCheckCommand({
        LoadBalancerName: 'php-demo',
        HealthCheck: { Target: `HTTP:${hostPort}/`, Interval: 5, Timeout: 2, UnhealthyThreshold: 2, HealthyThreshold: 2 },
      }),
    );
    const url = await listenerUrl(t, `php-demo:${port}`);
    await t.ecs.send(
      new CreateServiceCommand({
        cluster: CLUSTER,
        serviceName: 'ecs-simple-service-elb',
        taskDefinition: 'simple-app',
        desiredCount: 4,
        loadBalancers: [{ loadBalancerName: 'php-demo', containerName: 'simple-app', containerPort: 80 }],
        role: 'ecsServiceRole',
      }),
    );
    await drive(t, 20_000, 500);
    const tasks = await t.ecs.send(new ListTasksCommand({ cluster: CLUSTER, serviceName: 'ecs-simple-service-elb' }));
    expect(tasks.taskArns).toHaveLength(3);
    const health = await t.elb.send(new DescribeInstanceHealthCommand({ LoadBalancerName: 'php-demo' }));
    expect(health.InstanceStates!.map((s) => `${s.InstanceId}=${s.State}`).sort()).toEqual(instanceIds.map((id) => `${id}=InService`).sort());

    const service = (await t.ecs.send(new DescribeServicesCommand({ cluster: CLUSTER, services: ['ecs-simple-service-elb'] }))).services![0]!;
    expect(service.roleArn).toBe('arn:aws:iam::123456789012:role/ecsServiceRole');
    const messages = service.events!.map((e) => e.message!);
    expect(messages.filter((m) => m === '(service ecs-simple-service-elb) registered 1 instances in (elb php-demo)')).toHaveLength(3);
    expect(messages.some((m) => m.includes('was unable to place a task because no container instance met all of its requirements') && m.includes('is already using a port required by your task.'))).toBe(true);

    const answered = new Set<string>();
    for (let i = 0; i < 9; i++) {
      const res = await fetch(url);
      expect(res.status).toBe(200);
      answered.add(/^instance: (.*)$/m.exec(await res.text())![1]!);
    }
    expect([...answered].sort()).toEqual([...instanceIds].sort());
  });

  it('deregisters an instance when its task stops, and the listener keeps serving from the others', async () => {
    await t.ecs.send(new UpdateServiceCommand({ cluster: CLUSTER, service: 'ecs-simple-service-elb', desiredCount: 2 }));
    await drive(t, 5_000, 500);
    const health = await t.elb.send(new DescribeInstanceHealthCommand({ LoadBalancerName: 'php-demo' }));
    expect(health.InstanceStates).toHaveLength(2);
    const service = (await t.ecs.send(new DescribeServicesCommand({ cluster: CLUSTER, services: ['ecs-simple-service-elb'] }))).services![0]!;
    expect(service.events!.map((e) => e.message)).toContain('(service ecs-simple-service-elb) deregistered 1 instances in (elb php-demo)');
  });

  it('pipes a TCP listener to the instances that pass a TCP check, and leaves out the one that does not', async () => {
    const port = await freePort();
    await t.elb.send(
      new CreateLoadBalancerCommand({
        LoadBalancerName: 'tcp-demo',
        Listeners: [{ Protocol: 'TCP', LoadBalancerPort: port, InstanceProtocol: 'TCP', InstancePort: hostPort }],
        AvailabilityZones: ['us-east-1a'],
      }),
    );
    await t.elb.send(
      new ConfigureHealthCheckCommand({
        LoadBalancerName: 'tcp-demo',
        HealthCheck: { Target: `TCP:${hostPort}`, Interval: 5, Timeout: 2, UnhealthyThreshold: 2, HealthyThreshold: 2 },
      }),
    );
    await t.elb.send(new RegisterInstancesWithLoadBalancerCommand({ LoadBalancerName: 'tcp-demo', Instances: instanceIds.map((InstanceId) => ({ InstanceId })) }));
    await drive(t, 15_000, 500);
    const health = await t.elb.send(new DescribeInstanceHealthCommand({ LoadBalancerName: 'tcp-demo' }));
    const states = health.InstanceStates!.map((s) => s.State).sort();
    expect(states).toEqual(['InService', 'InService', 'OutOfService']);
    const serving = health.InstanceStates!.filter((s) => s.State === 'InService').map((s) => s.InstanceId!);
    const url = await listenerUrl(t, `tcp-demo:${port}`);
    const answered = new Set<string>();
    for (let i = 0; i < 4; i++) {
      const res = await fetch(url, { headers: { connection: 'close' } });
      answered.add(/^instance: (.*)$/m.exec(await res.text())![1]!);
    }
    expect([...answered].sort()).toEqual(serving.sort());
  });

  it('needs a fixed host port for a classic load balancer', async () => {
    const error = await errorOf(
      t.ecs.send(
        new CreateServiceCommand({
          cluster: CLUSTER,
          serviceName: 'dynamic',
          taskDefinition: 'dynamic',
          desiredCount: 1,
          loadBalancers: [{ loadBalancerName: 'php-demo', containerName: 'web', containerPort: 80 }],
        }),
      ),
    );
    expect(error.message).toBe('A host port mapping for the container port 80 is required.');
  });
});
