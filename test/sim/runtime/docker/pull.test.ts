import { RegisterTaskDefinitionCommand, RunTaskCommand } from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterContainers, engine, startDockerCluster, taskReaches, uniqueName, type DockerSandbox } from './docker-fixtures.js';

describe.skipIf(!engine.docker)(`images on the Docker runtime${engine.skipped}`, () => {
  const cluster = uniqueName('docker-pull');
  let t: DockerSandbox;

  beforeAll(async () => {
    ({ t } = await startDockerCluster(cluster));
  });

  afterAll(async () => {
    await t?.close();
  });

  const runTask = async (family: string, image: string) => {
    await t.ecs.send(new RegisterTaskDefinitionCommand({ family, containerDefinitions: [{ name: 'app', image, memory: 32 }] }));
    const out = await t.ecs.send(new RunTaskCommand({ cluster, taskDefinition: family }));
    return out.tasks![0]!.taskArn!;
  };

  it('stops a task whose image cannot be pulled, with the error ECS reports', async () => {
    const taskArn = await runTask(uniqueName('missing'), 'ecsh-tests/no-such-image:1');
    const task = await taskReaches(t, cluster, taskArn, 'STOPPED');
    expect(task.stoppedReason).toMatch(/^CannotPullContainerError: /);
    expect(task.stopCode).toBe('TaskFailedToStart');
    expect(task.containers![0]).toMatchObject({ lastStatus: 'STOPPED', reason: task.stoppedReason });
    expect(task.pullStartedAt).toBeInstanceOf(Date);
    expect(task.startedAt).toBeUndefined();
    expect(await clusterContainers(cluster)).toEqual([]);
  });

  it('runs a task from an image the engine has, with the pull in its times', async () => {
    const taskArn = await runTask(uniqueName('present'), 'ecsh/sleeper');
    const task = await taskReaches(t, cluster, taskArn, 'RUNNING');
    expect(task.pullStartedAt!.getTime()).toBeLessThanOrEqual(task.pullStoppedAt!.getTime());
    expect(task.pullStoppedAt!.getTime()).toBeLessThanOrEqual(task.startedAt!.getTime());
  });
});
