import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsCli, hasAwsCli } from '../support/aws-cli.js';
import { startServe, type ServeProcess } from '../support/cli.js';

/**
 * The AWS CLI drives `ecsh serve` through a whole ECS session: instances that join a cluster
 * from their user data, a task definition, a service, waiters, scaling, errors and clean-up.
 * The sandbox runs 50x faster than real time so boots and deployments take a moment.
 */
let serve: ServeProcess;
const { aws, json } = awsCli(() => serve.url);

async function until<T>(what: string, probe: () => Promise<T | undefined>, attempts = 100): Promise<T> {
  for (let i = 0; i < attempts; i++) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe.skipIf(!hasAwsCli)('the AWS CLI against ecsh serve', { timeout: 240_000 }, () => {
  beforeAll(async () => {
    serve = await startServe(['--ephemeral', '--port', '0', '--speed', '50', '--seed', '3']);
  });
  afterAll(() => serve?.stop());

  let instanceIds: string[] = [];

  it('creates a cluster and three instances that register through their user data', async () => {
    const cluster = await json('ecs', 'create-cluster', '--cluster-name', 'demo');
    expect(cluster.cluster.clusterArn).toBe('arn:aws:ecs:us-east-1:123456789012:cluster/demo');
    const images = await json('ec2', 'describe-images', '--owners', 'amazon', '--filters', 'Name=name,Values=al2023-ami-ecs-hvm-*');
    expect(images.Images.length).toBeGreaterThan(0);
    const run = await json(
      'ec2', 'run-instances', '--image-id', images.Images[0].ImageId, '--count', '3', '--instance-type', 't3.medium',
      '--user-data', '#!/bin/bash\necho ECS_CLUSTER=demo >> /etc/ecs/ecs.config',
    );
    instanceIds = run.Instances.map((i: any) => i.InstanceId);
    expect(instanceIds).toHaveLength(3);
    const arns = await until('3 container instances', async () => {
      const list = await json('ecs', 'list-container-instances', '--cluster', 'demo');
      return list.containerInstanceArns.length === 3 ? list.containerInstanceArns : undefined;
    });
    const described = await json('ecs', 'describe-container-instances', '--cluster', 'demo', '--container-instances', ...arns);
    expect(described.containerInstances.map((c: any) => c.ec2InstanceId).sort()).toEqual([...instanceIds].sort());
    const zones = new Set(
      described.containerInstances.map((c: any) => c.attributes.find((a: any) => a.name === 'ecs.availability-zone').value),
    );
    // One RunInstances call launches into one subnet, as EC2 does: all three share its zone.
    expect(zones.size).toBe(1);
  });

  it('runs a service of 3 tasks and waits for it to be stable', async () => {
    const def = await json(
      'ecs', 'register-task-definition', '--family', 'web',
      '--container-definitions', 'name=web,image=nginx,memory=128,essential=true,portMappings=[{containerPort=80,hostPort=0}]',
    );
    expect(def.taskDefinition.taskDefinitionArn).toBe('arn:aws:ecs:us-east-1:123456789012:task-definition/web:1');
    const created = await json('ecs', 'create-service', '--cluster', 'demo', '--service-name', 'web', '--task-definition', 'web', '--desired-count', '3');
    expect(created.service.status).toBe('ACTIVE');
    await until('3 running tasks', async () => {
      const out = await json('ecs', 'describe-services', '--cluster', 'demo', '--services', 'web');
      return out.services[0].runningCount === 3 ? true : undefined;
    });
    const wait = await aws('ecs', 'wait', 'services-stable', '--cluster', 'demo', '--services', 'web');
    expect(wait.code).toBe(0);
    const tasks = await json('ecs', 'list-tasks', '--cluster', 'demo', '--service-name', 'web');
    expect(tasks.taskArns).toHaveLength(3);
    const described = await json('ecs', 'describe-tasks', '--cluster', 'demo', '--tasks', ...tasks.taskArns);
    for (const task of described.tasks) {
      expect(task.lastStatus).toBe('RUNNING');
      expect(task.group).toBe('service:web');
      expect(task.containers[0].networkBindings[0].hostPort).toBeGreaterThanOrEqual(32768);
    }
    const hosts = new Set(described.tasks.map((t: any) => t.containerInstanceArn));
    expect(hosts.size).toBe(3);
    const events = await json('ecs', 'describe-services', '--cluster', 'demo', '--services', 'web', '--query', 'services[0].events[].message');
    expect(events.some((m: string) => /^\(service web\) has started 3 tasks: /.test(m))).toBe(true);
  });

  it('scales the service to 5', async () => {
    await json('ecs', 'update-service', '--cluster', 'demo', '--service', 'web', '--desired-count', '5');
    await until('5 running tasks', async () => {
      const out = await json('ecs', 'describe-services', '--cluster', 'demo', '--services', 'web');
      const s = out.services[0];
      return s.runningCount === 5 && s.deployments.length === 1 ? true : undefined;
    });
    const wait = await aws('ecs', 'wait', 'services-stable', '--cluster', 'demo', '--services', 'web');
    expect(wait.code).toBe(0);
  });

  it('answers errors with the AWS error code and a failing exit status', async () => {
    const missing = await aws('ecs', 'describe-services', '--cluster', 'nowhere', '--services', 'web');
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('(ClusterNotFoundException)');
    const busy = await aws('ecs', 'delete-cluster', '--cluster', 'demo');
    expect(busy.code).not.toBe(0);
    expect(busy.stderr).toContain('(ClusterContainsServicesException)');
    const badDef = await aws('ecs', 'run-task', '--cluster', 'demo', '--task-definition', 'nope:7');
    expect(badDef.code).not.toBe(0);
    expect(badDef.stderr).toMatch(/\((ClientException|InvalidParameterException)\)/);
  });

  it('deletes the service, the instances and the cluster', async () => {
    const deleted = await json('ecs', 'delete-service', '--cluster', 'demo', '--service', 'web', '--force');
    expect(deleted.service.status).toBe('DRAINING');
    await until('no tasks left', async () => {
      const out = await json('ecs', 'list-tasks', '--cluster', 'demo');
      return out.taskArns.length === 0 ? true : undefined;
    });
    await json('ec2', 'terminate-instances', '--instance-ids', ...instanceIds);
    await until('instances deregistered', async () => {
      const list = await json('ecs', 'list-container-instances', '--cluster', 'demo');
      return list.containerInstanceArns.length === 0 ? true : undefined;
    });
    const cluster = await json('ecs', 'delete-cluster', '--cluster', 'demo');
    expect(cluster.cluster.status).toBe('INACTIVE');
  });
});
