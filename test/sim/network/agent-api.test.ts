import { TerminateInstancesCommand } from '@aws-sdk/client-ec2';
import { DescribeContainerInstancesCommand, ListContainerInstancesCommand, RegisterTaskDefinitionCommand, RunTaskCommand } from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loopbackTwin } from '../../../source/sim/network/index.js';
import { startTestSandbox, type TestSandbox } from '../../support/sandbox.js';
import { connect, describeTask, endpoints, eventually, instancesJoining } from '../runtime/fixtures.js';

const CLUSTER = 'agents';
let t: TestSandbox;
let host: { instanceId: string; privateIp: string };
let containerInstanceArn: string;
let agentUrl: string;
let taskArn: string;
const notices: string[] = [];

async function get(path: string): Promise<{ status: number; type: string | null; body: string }> {
  const response = await fetch(`${agentUrl}${path}`);
  return { status: response.status, type: response.headers.get('content-type'), body: await response.text() };
}

beforeAll(async () => {
  t = await startTestSandbox({ seed: 51678, network: { notify: (message) => notices.push(message) } });
  [host] = (await instancesJoining(t, CLUSTER, ['us-east-1b'])) as [typeof host];
  containerInstanceArn = (await t.ecs.send(new ListContainerInstancesCommand({ cluster: CLUSTER }))).containerInstanceArns![0]!;
  await t.ecs.send(
    new RegisterTaskDefinitionCommand({
      family: 'hello_world',
      containerDefinitions: [
        { name: 'web', image: 'nginx', memory: 64, portMappings: [{ containerPort: 80, hostPort: 0 }] },
        { name: 'sleeper', image: 'busybox', memory: 32, command: ['sleep', '3600'], essential: false },
      ],
    }),
  );
  taskArn = (await t.ecs.send(new RunTaskCommand({ cluster: CLUSTER, taskDefinition: 'hello_world' }))).tasks![0]!.taskArn!;
  t.advance(10_000);
  const agent = await eventually(async () => (await endpoints(t)).find((e) => e.kind === 'agent'), 'the agent API');
  agentUrl = agent.url;
});
afterAll(() => t.close());

describe("the container agent's introspection API", () => {
  it('listens on port 51678 of the instance twin, listed as the container instance agent', async () => {
    const agent = (await endpoints(t)).find((e) => e.kind === 'agent')!;
    expect(agent).toMatchObject({ name: host.instanceId, arn: containerInstanceArn });
    if (notices.length === 0) expect(agent.url).toBe(`http://${loopbackTwin(host.privateIp)}:51678`);
  });

  it('answers /v1/metadata with the cluster, the container instance and the agent version', async () => {
    const described = await t.ecs.send(new DescribeContainerInstancesCommand({ cluster: CLUSTER, containerInstances: [containerInstanceArn] }));
    const { agentVersion, agentHash } = described.containerInstances![0]!.versionInfo!;
    const { status, type, body } = await get('/v1/metadata');
    expect(status).toBe(200);
    expect(type).toBe('application/json');
    expect(JSON.parse(body)).toEqual({ Cluster: CLUSTER, ContainerInstanceArn: containerInstanceArn, Version: `Amazon ECS Agent - v${agentVersion} (${agentHash})` });
  });

  it('answers /v1/tasks with the tasks on the instance, their containers, ids, names and ports', async () => {
    const task = await describeTask(t, CLUSTER, taskArn);
    const web = task.containers!.find((c) => c.name === 'web')!;
    const sleeper = task.containers!.find((c) => c.name === 'sleeper')!;
    const { status, body } = await get('/v1/tasks');
    expect(status).toBe(200);
    const { Tasks } = JSON.parse(body);
    expect(Tasks).toHaveLength(1);
    expect(Tasks[0]).toEqual({
      Arn: taskArn,
      DesiredStatus: 'RUNNING',
      KnownStatus: 'RUNNING',
      Family: 'hello_world',
      Version: '1',
      Containers: [
        {
          DockerId: web.runtimeId,
          DockerName: expect.stringMatching(/^ecs-hello_world-1-web-[0-9a-f]{20}$/),
          Name: 'web',
          Ports: [{ ContainerPort: 80, Protocol: 'tcp', HostPort: web.networkBindings![0]!.hostPort }],
        },
        { DockerId: sleeper.runtimeId, DockerName: expect.stringMatching(/^ecs-hello_world-1-sleeper-[0-9a-f]{20}$/), Name: 'sleeper' },
      ],
    });
  });

  it('answers one task by ?taskarn= or by ?dockerid= (full or short), 404 for none, 400 for both', async () => {
    const task = await describeTask(t, CLUSTER, taskArn);
    const dockerId = task.containers![0]!.runtimeId!;
    const byArn = await get(`/v1/tasks?taskarn=${encodeURIComponent(taskArn)}`);
    expect(JSON.parse(byArn.body).Arn).toBe(taskArn);
    expect(JSON.parse((await get(`/v1/tasks?dockerid=${dockerId}`)).body).Arn).toBe(taskArn);
    expect(JSON.parse((await get(`/v1/tasks?dockerid=${dockerId.slice(0, 12)}`)).body).Arn).toBe(taskArn);
    const missing = await get('/v1/tasks?taskarn=arn:aws:ecs:us-east-1:123456789012:task/agents/0000');
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.body)).toEqual({ Arn: '', KnownStatus: '', Family: '', Version: '', Containers: null });
    const both = await get(`/v1/tasks?taskarn=${encodeURIComponent(taskArn)}&dockerid=${dockerId}`);
    expect(both.status).toBe(400);
    expect(both.body).toBe('');
  });

  it('lists its commands for any other path', async () => {
    const { status, body } = await get('/');
    expect(status).toBe(200);
    expect(JSON.parse(body)).toEqual({ AvailableCommands: ['/v1/metadata', '/v1/tasks', '/license'] });
  });

  it('goes away with its instance', async () => {
    await t.ec2.send(new TerminateInstancesCommand({ InstanceIds: [host.instanceId] }));
    t.advance(60_000);
    await eventually(async () => ((await endpoints(t)).some((e) => e.kind === 'agent') ? undefined : true), 'the agent to stop');
    expect(await connect(`${agentUrl}/v1/metadata`)).toBe('ECONNREFUSED');
  });
});
