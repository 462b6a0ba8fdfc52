import { DescribeSubnetsCommand } from '@aws-sdk/client-ec2';
import {
  DescribeTasksCommand,
  DiscoverPollEndpointCommand,
  SubmitAttachmentStateChangesCommand,
  SubmitContainerStateChangeCommand,
  SubmitTaskStateChangeCommand,
  type Task,
} from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, startTestSandbox, type TestSandbox } from '../support/sandbox.js';
import { clusterWithInstances, registerDefinition, runTasks } from './task-fixtures.js';

let t: TestSandbox;
const CLUSTER = 'agents';

beforeAll(async () => {
  t = await startTestSandbox();
  await clusterWithInstances(t, CLUSTER, ['us-east-1a']);
  await registerDefinition(t, {
    family: 'pair',
    containerDefinitions: [
      { name: 'app', image: 'app', memory: 128, essential: true },
      { name: 'sidecar', image: 'sidecar', memory: 64, essential: false },
    ],
  });
});
afterAll(() => t.close());

async function describe1(arn: string): Promise<Task> {
  const out = await t.ecs.send(new DescribeTasksCommand({ cluster: CLUSTER, tasks: [arn] }));
  return out.tasks![0]!;
}

describe('DiscoverPollEndpoint', () => {
  it("answers the region's agent endpoints", async () => {
    const out = await t.ecs.send(new DiscoverPollEndpointCommand({ cluster: CLUSTER }));
    expect(out.endpoint).toBe('https://ecs-a-1.us-east-1.amazonaws.com/');
    expect(out.telemetryEndpoint).toBe('https://ecs-t-1.us-east-1.amazonaws.com/');
    expect(out.serviceConnectEndpoint).toBe('https://ecs-sc.us-east-1.api.aws');
    const error = await errorOf(t.ecs.send(new DiscoverPollEndpointCommand({ cluster: 'nowhere' })));
    expect(error.name).toBe('ClusterNotFoundException');
  });
});

describe('SubmitTaskStateChange', () => {
  it('acknowledges a RUNNING report and makes the task RUNNING at once, with its pull times', async () => {
    const [task] = await runTasks(t, { cluster: CLUSTER, taskDefinition: 'pair' });
    const pulled = t.clock.now() / 1000;
    const out = await t.ecs.send(
      new SubmitTaskStateChangeCommand({
        cluster: CLUSTER,
        task: task!.taskArn!,
        status: 'RUNNING',
        pullStartedAt: new Date(t.clock.now() - 500),
        pullStoppedAt: new Date(t.clock.now()),
        containers: [{ containerName: 'app', status: 'RUNNING', runtimeId: 'abc123' }],
      }),
    );
    expect(out.acknowledgment).toBe('ACK');
    const running = await describe1(task!.taskArn!);
    expect(running.lastStatus).toBe('RUNNING');
    expect(running.pullStoppedAt!.getTime() / 1000).toBe(pulled);
    expect(running.containers!.find((c) => c.name === 'app')!.runtimeId).toBe('abc123');
  });

  it('stops the task on a STOPPED report, with its reason', async () => {
    const [task] = await runTasks(t, { cluster: CLUSTER, taskDefinition: 'pair' });
    t.advance(10_000);
    await t.ecs.send(
      new SubmitTaskStateChangeCommand({ cluster: CLUSTER, task: task!.taskArn!, status: 'STOPPED', reason: 'OutOfMemoryError: Container killed due to memory usage' }),
    );
    const stopped = await describe1(task!.taskArn!);
    expect(stopped).toMatchObject({
      lastStatus: 'STOPPED',
      desiredStatus: 'STOPPED',
      stopCode: 'EssentialContainerExited',
      stoppedReason: 'OutOfMemoryError: Container killed due to memory usage',
    });
  });

  it('refuses reports about unknown tasks, containers or statuses', async () => {
    const unknown = await errorOf(t.ecs.send(new SubmitTaskStateChangeCommand({ cluster: CLUSTER, task: '0123456789abcdef0123456789abcdef', status: 'RUNNING' })));
    expect([unknown.name, unknown.message]).toEqual(['InvalidParameterException', 'The referenced task was not found.']);
    const [task] = await runTasks(t, { cluster: CLUSTER, taskDefinition: 'pair' });
    const status = await errorOf(t.ecs.send(new SubmitTaskStateChangeCommand({ cluster: CLUSTER, task: task!.taskArn!, status: 'DANCING' })));
    expect(status.name).toBe('InvalidParameterException');
    const container = await errorOf(
      t.ecs.send(new SubmitContainerStateChangeCommand({ cluster: CLUSTER, task: task!.taskArn!, containerName: 'ghost', status: 'RUNNING' })),
    );
    expect(container.name).toBe('InvalidParameterException');
  });
});

describe('SubmitContainerStateChange', () => {
  it("a non-essential container's exit leaves the task running", async () => {
    const [task] = await runTasks(t, { cluster: CLUSTER, taskDefinition: 'pair' });
    t.advance(10_000);
    const out = await t.ecs.send(
      new SubmitContainerStateChangeCommand({ cluster: CLUSTER, task: task!.taskArn!, containerName: 'sidecar', status: 'STOPPED', exitCode: 0 }),
    );
    expect(out.acknowledgment).toBe('ACK');
    const still = await describe1(task!.taskArn!);
    expect(still.lastStatus).toBe('RUNNING');
    expect(still.containers!.find((c) => c.name === 'sidecar')).toMatchObject({ lastStatus: 'STOPPED', exitCode: 0 });
  });

  it("an essential container's exit stops the task as ECS words it, keeping its exit code", async () => {
    const [task] = await runTasks(t, { cluster: CLUSTER, taskDefinition: 'pair' });
    t.advance(10_000);
    await t.ecs.send(
      new SubmitContainerStateChangeCommand({ cluster: CLUSTER, task: task!.taskArn!, containerName: 'app', status: 'STOPPED', exitCode: 2, reason: 'segfault' }),
    );
    const stopping = await describe1(task!.taskArn!);
    expect(stopping).toMatchObject({ desiredStatus: 'STOPPED', stopCode: 'EssentialContainerExited', stoppedReason: 'Essential container in task exited' });
    t.advance(10_000);
    const stopped = await describe1(task!.taskArn!);
    expect(stopped.lastStatus).toBe('STOPPED');
    expect(stopped.containers!.find((c) => c.name === 'app')).toMatchObject({ exitCode: 2, reason: 'segfault' });
    expect(stopped.containers!.find((c) => c.name === 'sidecar')).toMatchObject({ lastStatus: 'STOPPED', exitCode: 137 });
  });
});

describe('SubmitAttachmentStateChanges', () => {
  it("updates the status of a task's network interface attachment", async () => {
    const subnets = await t.ec2.send(new DescribeSubnetsCommand({}));
    await registerDefinition(t, { family: 'vpc', networkMode: 'awsvpc' });
    const [task] = await runTasks(t, {
      cluster: CLUSTER,
      taskDefinition: 'vpc',
      networkConfiguration: { awsvpcConfiguration: { subnets: [subnets.Subnets!.find((s) => s.AvailabilityZone === 'us-east-1a')!.SubnetId!] } },
    });
    const attachmentArn = `arn:aws:ecs:us-east-1:123456789012:attachment/${task!.attachments![0]!.id}`;
    const out = await t.ecs.send(new SubmitAttachmentStateChangesCommand({ cluster: CLUSTER, attachments: [{ attachmentArn, status: 'ATTACHED' }] }));
    expect(out.acknowledgment).toBe('ACK');
    expect((await describe1(task!.taskArn!)).attachments![0]!.status).toBe('ATTACHED');
    const unknown = await errorOf(
      t.ecs.send(new SubmitAttachmentStateChangesCommand({ cluster: CLUSTER, attachments: [{ attachmentArn: 'arn:aws:ecs:us-east-1:123456789012:attachment/nope', status: 'ATTACHED' }] })),
    );
    expect(unknown.name).toBe('InvalidParameterException');
  });
});
