import { DescribeImagesCommand, RunInstancesCommand, StartInstancesCommand, StopInstancesCommand, TerminateInstancesCommand } from '@aws-sdk/client-ec2';
import {
  CreateClusterCommand,
  CreateServiceCommand,
  DeregisterContainerInstanceCommand,
  DescribeContainerInstancesCommand,
  DescribeTasksCommand,
  ListContainerInstancesCommand,
  ListTasksCommand,
  RegisterContainerInstanceCommand,
  RegisterTaskDefinitionCommand,
  RunTaskCommand,
  StopTaskCommand,
  UpdateContainerAgentCommand,
  UpdateContainerInstancesStateCommand,
  type Resource,
} from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, startTestSandbox, type TestSandbox } from '../support/sandbox.js';

let t: TestSandbox;
beforeAll(async () => {
  t = await startTestSandbox();
  for (const clusterName of ['res', 'drain', 'dereg', 'hosts', 'agent', 'svc']) await t.ecs.send(new CreateClusterCommand({ clusterName }));
  await t.ecs.send(
    new RegisterTaskDefinitionCommand({
      family: 'web',
      containerDefinitions: [{ name: 'web', image: 'nginx', cpu: 128, memory: 256, portMappings: [{ containerPort: 80, hostPort: 8080 }] }],
    }),
  );
});
afterAll(() => t.close());

async function register(cluster: string, extra: { instanceType?: string; versionInfo?: Record<string, string> } = {}) {
  const doc = JSON.stringify({ instanceId: 'i-0abc', instanceType: extra.instanceType ?? 't3.medium', availabilityZone: 'us-east-1a', region: 'us-east-1' });
  const out = await t.ecs.send(new RegisterContainerInstanceCommand({ cluster, instanceIdentityDocument: doc, versionInfo: extra.versionInfo }));
  return out.containerInstance!;
}

async function describeInstance(cluster: string, arn: string) {
  const out = await t.ecs.send(new DescribeContainerInstancesCommand({ cluster, containerInstances: [arn] }));
  return out.containerInstances![0]!;
}

function value(list: Resource[] | undefined, name: string) {
  const r = list?.find((x) => x.name === name);
  return r?.type === 'STRINGSET' ? r.stringSetValue : r?.integerValue;
}

describe('remaining resources and task counts', () => {
  it('follow a task exactly from launch to STOPPED', async () => {
    const instance = await register('res');
    const cpu = value(instance.registeredResources, 'CPU') as number;
    const memory = value(instance.registeredResources, 'MEMORY') as number;
    const run = await t.ecs.send(new RunTaskCommand({ cluster: 'res', taskDefinition: 'web' }));
    const taskArn = run.tasks![0]!.taskArn!;

    const launched = await describeInstance('res', instance.containerInstanceArn!);
    expect(value(launched.remainingResources, 'CPU')).toBe(cpu - 128);
    expect(value(launched.remainingResources, 'MEMORY')).toBe(memory - 256);
    expect(value(launched.remainingResources, 'PORTS')).toEqual(['22', '2376', '2375', '51678', '51679', '8080']);
    expect(launched.runningTasksCount).toBe(1);
    expect(launched.pendingTasksCount).toBe(1);

    t.advance(60_000);
    const running = await describeInstance('res', instance.containerInstanceArn!);
    expect(running.pendingTasksCount).toBe(0);
    expect(running.runningTasksCount).toBe(1);

    await t.ecs.send(new StopTaskCommand({ cluster: 'res', task: taskArn }));
    t.advance(60_000);
    const stopped = await describeInstance('res', instance.containerInstanceArn!);
    expect(stopped.remainingResources).toEqual(stopped.registeredResources);
    expect(stopped.runningTasksCount).toBe(0);
    expect(stopped.pendingTasksCount).toBe(0);
  });
});

describe('a DRAINING instance', () => {
  it('takes no new tasks', async () => {
    const draining = await register('drain');
    const active = await register('drain');
    await t.ecs.send(
      new UpdateContainerInstancesStateCommand({ cluster: 'drain', containerInstances: [draining.containerInstanceArn!], status: 'DRAINING' }),
    );
    const run = await t.ecs.send(new RunTaskCommand({ cluster: 'drain', taskDefinition: 'web' }));
    expect(run.tasks?.map((task) => task.containerInstanceArn)).toEqual([active.containerInstanceArn]);
    await t.ecs.send(
      new UpdateContainerInstancesStateCommand({ cluster: 'drain', containerInstances: [active.containerInstanceArn!], status: 'DRAINING' }),
    );
    const none = await errorOf(t.ecs.send(new RunTaskCommand({ cluster: 'drain', taskDefinition: 'web' })));
    expect(none.name).toBe('InvalidParameterException');
  });
});

describe('draining an instance that runs service tasks', () => {
  it('wakes the service, which moves its task to an ACTIVE instance', async () => {
    const a = await register('svc');
    const b = await register('svc');
    await t.ecs.send(new CreateServiceCommand({ cluster: 'svc', serviceName: 'web', taskDefinition: 'web', desiredCount: 1 }));
    t.advance(60_000);
    const placedOn = async () => {
      const arns = (await t.ecs.send(new ListTasksCommand({ cluster: 'svc', desiredStatus: 'RUNNING' }))).taskArns!;
      const tasks = (await t.ecs.send(new DescribeTasksCommand({ cluster: 'svc', tasks: arns }))).tasks!;
      return tasks.filter((task) => task.lastStatus === 'RUNNING').map((task) => task.containerInstanceArn);
    };
    const [first] = await placedOn();
    const other = first === a.containerInstanceArn ? b.containerInstanceArn : a.containerInstanceArn;
    await t.ecs.send(new UpdateContainerInstancesStateCommand({ cluster: 'svc', containerInstances: [first!], status: 'DRAINING' }));
    t.advance(120_000);
    expect(await placedOn()).toEqual([other]);
    expect((await describeInstance('svc', first!)).runningTasksCount).toBe(0);
  });
});

describe('deregistering an instance with tasks', () => {
  it('is refused without force, and with force stops its tasks as ECS words it', async () => {
    const instance = await register('dereg');
    const run = await t.ecs.send(new RunTaskCommand({ cluster: 'dereg', taskDefinition: 'web' }));
    const taskArn = run.tasks![0]!.taskArn!;
    const refused = await errorOf(t.ecs.send(new DeregisterContainerInstanceCommand({ cluster: 'dereg', containerInstance: instance.containerInstanceArn })));
    expect(refused.name).toBe('InvalidParameterException');
    expect(refused.message).toBe('Found running tasks on the instance.');

    const out = await t.ecs.send(
      new DeregisterContainerInstanceCommand({ cluster: 'dereg', containerInstance: instance.containerInstanceArn, force: true }),
    );
    expect(out.containerInstance?.status).toBe('INACTIVE');
    t.advance(60_000);
    const task = (await t.ecs.send(new DescribeTasksCommand({ cluster: 'dereg', tasks: [taskArn] }))).tasks![0]!;
    expect(task.lastStatus).toBe('STOPPED');
    expect(task.stoppedReason).toBe('Container instance deregistration forced by user');
  });
});

describe('EC2 hosts: their agent registers, stops and goes away with them', () => {
  const userData = Buffer.from('#!/bin/bash\necho ECS_CLUSTER=hosts >> /etc/ecs/ecs.config\n').toString('base64');

  async function ecsImage() {
    const images = await t.ec2.send(new DescribeImagesCommand({ Filters: [{ Name: 'name', Values: ['al2023-ami-ecs-hvm-*-x86_64'] }] }));
    return images.Images![0]!.ImageId!;
  }

  async function instancesOfHosts() {
    const arns = (await t.ecs.send(new ListContainerInstancesCommand({ cluster: 'hosts' }))).containerInstanceArns!;
    if (arns.length === 0) return [];
    return (await t.ecs.send(new DescribeContainerInstancesCommand({ cluster: 'hosts', containerInstances: arns }))).containerInstances!;
  }

  it('registers a booted host, keeps it across a stop and start, and deregisters it when terminated', async () => {
    const run = await t.ec2.send(
      new RunInstancesCommand({ ImageId: await ecsImage(), InstanceType: 'c6i.large', MinCount: 1, MaxCount: 1, UserData: userData }),
    );
    const host = run.Instances![0]!;
    t.advance(60_000);
    const [registered] = await instancesOfHosts();
    expect(registered?.ec2InstanceId).toBe(host.InstanceId);
    expect(registered?.attributes).toContainEqual({ name: 'ecs.instance-type', value: 'c6i.large' });
    expect(registered?.attributes).toContainEqual({ name: 'ecs.availability-zone', value: host.Placement!.AvailabilityZone });
    expect(registered?.attributes).toContainEqual({ name: 'ecs.subnet-id', value: host.SubnetId });
    expect(registered?.attributes).toContainEqual({ name: 'ecs.vpc-id', value: host.VpcId });
    const task = (await t.ecs.send(new RunTaskCommand({ cluster: 'hosts', taskDefinition: 'web' }))).tasks![0]!;

    await t.ec2.send(new StopInstancesCommand({ InstanceIds: [host.InstanceId!] }));
    const [stopped] = await instancesOfHosts();
    expect(stopped).toMatchObject({ containerInstanceArn: registered!.containerInstanceArn, status: 'ACTIVE', agentConnected: false });
    t.advance(60_000);
    const stoppedTask = (await t.ecs.send(new DescribeTasksCommand({ cluster: 'hosts', tasks: [task.taskArn!] }))).tasks![0]!;
    expect(stoppedTask.lastStatus).toBe('STOPPED');
    expect(stoppedTask.stoppedReason).toMatch(/^Host EC2 \(instance i-[0-9a-f]+\) stopped/);

    await t.ec2.send(new StartInstancesCommand({ InstanceIds: [host.InstanceId!] }));
    t.advance(60_000);
    const [back] = await instancesOfHosts();
    expect(back).toMatchObject({ containerInstanceArn: registered!.containerInstanceArn, status: 'ACTIVE', agentConnected: true });

    await t.ec2.send(new TerminateInstancesCommand({ InstanceIds: [host.InstanceId!] }));
    expect(await instancesOfHosts()).toEqual([]);
    const gone = await describeInstance('hosts', registered!.containerInstanceArn!);
    expect(gone).toMatchObject({ status: 'INACTIVE', agentConnected: false });
  });
});

describe('UpdateContainerAgent', () => {
  it('walks the update through its stages on the simulated clock', async () => {
    const instance = await register('agent');
    const out = await t.ecs.send(new UpdateContainerAgentCommand({ cluster: 'agent', containerInstance: instance.containerInstanceArn }));
    expect(out.containerInstance?.agentUpdateStatus).toBe('PENDING');
    const busy = await errorOf(t.ecs.send(new UpdateContainerAgentCommand({ cluster: 'agent', containerInstance: instance.containerInstanceArn })));
    expect(busy.name).toBe('UpdateInProgressException');
    const seen = [];
    for (let i = 0; i < 4; i++) {
      t.advance(5_000);
      seen.push((await describeInstance('agent', instance.containerInstanceArn!)).agentUpdateStatus);
    }
    expect(seen).toEqual(['STAGING', 'STAGED', 'UPDATING', 'UPDATED']);
    const updated = await describeInstance('agent', instance.containerInstanceArn!);
    expect(updated.versionInfo?.agentVersion).toBe('1.97.0');
    const latest = await errorOf(t.ecs.send(new UpdateContainerAgentCommand({ cluster: 'agent', containerInstance: instance.containerInstanceArn })));
    expect(latest.name).toBe('NoUpdateAvailableException');
    expect(latest.message).toBe('There is no update available for your container agent.');
  });

  it('answers as ECS does for an agent it cannot update', async () => {
    const unknown = await register('agent', { versionInfo: { dockerVersion: 'DockerVersion: 25.0.8' } });
    const missing = await errorOf(t.ecs.send(new UpdateContainerAgentCommand({ cluster: 'agent', containerInstance: unknown.containerInstanceArn })));
    expect(missing.name).toBe('MissingVersionException');
    const arm = await register('agent', { instanceType: 't4g.medium' });
    const armError = await errorOf(t.ecs.send(new UpdateContainerAgentCommand({ cluster: 'agent', containerInstance: arm.containerInstanceArn })));
    expect(armError.name).toBe('ClientException');
    const nobody = await errorOf(
      t.ecs.send(new UpdateContainerAgentCommand({ cluster: 'agent', containerInstance: '0123456789abcdef0123456789abcdef' })),
    );
    expect(nobody.name).toBe('InvalidParameterException');
  });
});
