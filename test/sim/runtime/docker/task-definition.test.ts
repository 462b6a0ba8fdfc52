import { RegisterTaskDefinitionCommand, RunTaskCommand, StopTaskCommand, type ContainerDefinition, type RunTaskCommandInput } from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { containerLogs } from '../../../../source/sim/runtime/index.js';
import {
  clusterContainers,
  docker,
  engine,
  eventually,
  startDockerCluster,
  taskReaches,
  uniqueName,
  type DockerSandbox,
} from './docker-fixtures.js';

const SLEEP = 'exec /usr/local/bin/ecsh-sleep';
const MIB = 1024 * 1024;

describe.skipIf(!engine.docker)(`task definitions on the Docker runtime${engine.skipped}`, () => {
  const cluster = uniqueName('docker-defs');
  let t: DockerSandbox;

  beforeAll(async () => {
    ({ t } = await startDockerCluster(cluster));
  });

  afterAll(async () => {
    await t?.close();
  });

  const run = async (containerDefinitions: ContainerDefinition[], extra: Partial<RunTaskCommandInput> & { networkMode?: 'host' } = {}) => {
    const family = uniqueName('def');
    const { networkMode, ...input } = extra;
    await t.ecs.send(new RegisterTaskDefinitionCommand({ family, networkMode, containerDefinitions }));
    const out = await t.ecs.send(new RunTaskCommand({ cluster, taskDefinition: family, ...input }));
    return out.tasks![0]!.taskArn!;
  };
  const inspect = (id: string) => docker().getContainer(id).inspect();

  it('hands a container definition and the task overrides to Docker as the agent does', async () => {
    const taskArn = await run(
      [
        {
          name: 'app',
          image: 'ecsh/sleeper',
          cpu: 128,
          memory: 64,
          memoryReservation: 32,
          entryPoint: ['/bin/sh', '-c'],
          command: ['sleep 600'],
          environment: [
            { name: 'FOO', value: 'bar' },
            { name: 'KEEP', value: '1' },
          ],
          workingDirectory: '/tmp',
          user: 'nobody',
          ulimits: [{ name: 'nofile', softLimit: 1024, hardLimit: 2048 }],
          dockerLabels: { team: 'ecsh' },
          stopTimeout: 7,
        },
      ],
      { overrides: { containerOverrides: [{ name: 'app', command: [SLEEP], environment: [{ name: 'FOO', value: 'baz' }] }] } },
    );
    const task = await taskReaches(t, cluster, taskArn, 'RUNNING');
    const info = await inspect(task.containers![0]!.runtimeId!);
    expect(info.Config.Env).toEqual(expect.arrayContaining(['FOO=baz', 'KEEP=1', 'AWS_EXECUTION_ENV=AWS_ECS_EC2']));
    expect(info.Config.Env.find((e) => e.startsWith('ECS_CONTAINER_METADATA_URI_V4='))).toMatch(/^ECS_CONTAINER_METADATA_URI_V4=http:\/\/127\.[\d.]+:51679\/v4\/[0-9a-f-]+$/);
    expect(info.Config).toMatchObject({ Entrypoint: ['/bin/sh', '-c'], Cmd: [SLEEP], WorkingDir: '/tmp', User: 'nobody', StopTimeout: 7 });
    expect(info.Config.Labels.team).toBe('ecsh');
    expect(info.HostConfig).toMatchObject({ CpuShares: 128, Memory: 64 * MIB, MemoryReservation: 32 * MIB, Ulimits: [{ Name: 'nofile', Soft: 1024, Hard: 2048 }] });
  });

  it('serves the task metadata endpoint v4 to the user and to host-mode containers', async () => {
    const fetchSelf = `wget -qO- "$ECS_CONTAINER_METADATA_URI_V4/task"; echo; ${SLEEP}`;
    const taskArn = await run([{ name: 'probe', image: 'ecsh/sleeper', memory: 32, entryPoint: ['/bin/sh', '-c'], command: [fetchSelf] }], { networkMode: 'host' });
    const task = await taskReaches(t, cluster, taskArn, 'RUNNING');
    const dockerId = task.containers![0]!.runtimeId!;
    const uri = (await inspect(dockerId)).Config.Env.find((e) => e.startsWith('ECS_CONTAINER_METADATA_URI_V4='))!.split('=')[1]!;
    const container = (await (await fetch(uri)).json()) as Record<string, unknown>;
    expect(container).toMatchObject({ DockerId: dockerId, Name: 'probe', KnownStatus: 'RUNNING', Type: 'NORMAL', ContainerARN: task.containers![0]!.containerArn });
    const whole = (await (await fetch(`${uri}/task`)).json()) as { TaskARN: string; KnownStatus: string; Containers: Array<{ DockerId: string }> };
    expect(whole).toMatchObject({ TaskARN: taskArn, KnownStatus: 'RUNNING', LaunchType: 'EC2' });
    expect(whole.Containers.map((c) => c.DockerId)).toEqual([dockerId]);
    const stats = (await (await fetch(`${uri}/stats`)).json()) as Record<string, unknown>;
    expect(stats).toHaveProperty('memory_stats');
    const printed = await eventually(() => containerLogs(t.running.sandbox, taskArn, 'probe').find((line) => line.includes('"TaskARN"')), 'the container to print its metadata');
    expect(JSON.parse(printed)).toMatchObject({ TaskARN: taskArn });
  });

  it('starts a container only once its dependency succeeded', async () => {
    const taskArn = await run([
      { name: 'init', image: 'ecsh/sleeper', memory: 32, essential: false, entryPoint: ['/bin/sh', '-c'], command: ['echo ready; sleep 1; exit 0'] },
      { name: 'app', image: 'ecsh/sleeper', memory: 32, dependsOn: [{ containerName: 'init', condition: 'SUCCESS' }] },
    ]);
    const task = await taskReaches(t, cluster, taskArn, 'RUNNING');
    const init = task.containers!.find((c) => c.name === 'init')!;
    const app = task.containers!.find((c) => c.name === 'app')!;
    expect(init).toMatchObject({ lastStatus: 'STOPPED', exitCode: 0 });
    expect(app.lastStatus).toBe('RUNNING');
    const initInfo = await inspect(init.runtimeId!);
    const appInfo = await inspect(app.runtimeId!);
    expect(Date.parse(appInfo.State.StartedAt)).toBeGreaterThanOrEqual(Date.parse(initInfo.State.FinishedAt));
    expect(containerLogs(t.running.sandbox, taskArn, 'init')).toContain('ready');
  });

  it('stops the task when an essential container exits, with its exit code', async () => {
    const taskArn = await run([{ name: 'app', image: 'ecsh/sleeper', memory: 32, entryPoint: ['/bin/sh', '-c'], command: ['exit 3'] }]);
    const task = await taskReaches(t, cluster, taskArn, 'STOPPED');
    expect(task).toMatchObject({ stoppedReason: 'Essential container in task exited', stopCode: 'EssentialContainerExited' });
    expect(task.containers![0]).toMatchObject({ lastStatus: 'STOPPED', exitCode: 3 });
  });

  it("reports container and task health from Docker's health checks", async () => {
    const check = (command: string) => ({ command: ['CMD-SHELL', command], interval: 1, timeout: 2, retries: 1 });
    const healthy = await run([{ name: 'app', image: 'ecsh/sleeper', memory: 32, healthCheck: check('true') }]);
    const unhealthy = await run([{ name: 'app', image: 'ecsh/sleeper', memory: 32, healthCheck: check('false') }]);
    for (const [taskArn, status] of [
      [healthy, 'HEALTHY'],
      [unhealthy, 'UNHEALTHY'],
    ] as const) {
      const task = await eventually(async () => {
        const described = await taskReaches(t, cluster, taskArn, 'RUNNING');
        return described.healthStatus === status ? described : undefined;
      }, `task health ${status}`);
      expect(task.containers![0]!.healthStatus).toBe(status);
    }
  });

  it("stops a container that ignores SIGTERM with SIGKILL after its stopTimeout, then removes it", async () => {
    const stubborn = await run([{ name: 'app', image: 'ecsh/sleeper', memory: 32, stopTimeout: 2, entryPoint: ['/bin/sh', '-c'], command: ['while :; do sleep 1; done'] }]);
    const polite = await run([{ name: 'app', image: 'ecsh/sleeper', memory: 32, stopTimeout: 2 }]);
    for (const taskArn of [stubborn, polite]) await taskReaches(t, cluster, taskArn, 'RUNNING');
    for (const taskArn of [stubborn, polite]) await t.ecs.send(new StopTaskCommand({ cluster, task: taskArn, reason: 'test' }));
    const [killed, ended] = await Promise.all([taskReaches(t, cluster, stubborn, 'STOPPED'), taskReaches(t, cluster, polite, 'STOPPED')]);
    expect(killed.containers![0]!.exitCode).toBe(137);
    expect(ended.containers![0]!.exitCode).toBe(0);
    expect(killed.stoppedReason).toBe('test');
    const left = (await clusterContainers(cluster)).filter((c) => [stubborn, polite].includes(c.Labels['com.amazonaws.ecs.task-arn']!));
    expect(left).toEqual([]);
  });
});
