import { RegisterTaskDefinitionCommand, RunTaskCommand } from '@aws-sdk/client-ecs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { LABEL } from '../../../../source/sim/runtime/docker/index.js';
import {
  buildTestImages,
  clusterContainers,
  clusterWithInstance,
  describeTasks,
  docker,
  engine,
  eventually,
  startDockerSandbox,
  taskReaches,
  uniqueName,
  type DockerSandbox,
} from './docker-fixtures.js';

describe.skipIf(!engine.docker)(`restarting a sandbox on the Docker runtime${engine.skipped}`, () => {
  beforeAll(buildTestImages);

  const startTask = async (t: DockerSandbox, cluster: string) => {
    const family = uniqueName('kept');
    await t.ecs.send(new RegisterTaskDefinitionCommand({ family, containerDefinitions: [{ name: 'web', image: 'ecsh/web', memory: 32, portMappings: [{ containerPort: 80 }] }] }));
    const taskArn = (await t.ecs.send(new RunTaskCommand({ cluster, taskDefinition: family }))).tasks![0]!.taskArn!;
    return taskReaches(t, cluster, taskArn, 'RUNNING');
  };

  it('finds the containers of running tasks again by their labels instead of starting them twice', async () => {
    const state = join(mkdtempSync(join(tmpdir(), 'ecsh-docker-')), 'state.json');
    const cluster = uniqueName('docker-restart');
    const first = await startDockerSandbox({ state, keepContainers: true });
    await clusterWithInstance(first, cluster);
    const before = await startTask(first, cluster);
    await first.close();
    expect((await clusterContainers(cluster)).map((c) => c.State)).toEqual(['running']);

    const second = await startDockerSandbox({ state });
    try {
      const [after] = await describeTasks(second, cluster, [before.taskArn!]);
      expect(after).toMatchObject({ lastStatus: 'RUNNING', desiredStatus: 'RUNNING' });
      expect(after!.containers![0]!.runtimeId).toBe(before.containers![0]!.runtimeId);
      const { bindIP, hostPort } = after!.containers![0]!.networkBindings![0]!;
      expect(await (await fetch(`http://${bindIP}:${hostPort}/`)).text()).toContain('Welcome to nginx!');
      const published = await eventually(async () => {
        const endpoints = (await (await fetch(`${second.running.url}/_ecsh/endpoints`)).json()) as Array<{ kind: string; arn?: string; url: string }>;
        return endpoints.find((e) => e.kind === 'task-port' && e.arn === before.taskArn);
      }, 'the task port to be listed again');
      expect(published.url).toBe(`http://${bindIP}:${hostPort}`);
      expect(await clusterContainers(cluster)).toHaveLength(1);
    } finally {
      await second.close();
    }
    expect(await clusterContainers(cluster)).toEqual([]);
  });

  it('stops a task whose containers vanished while the sandbox was down', async () => {
    const state = join(mkdtempSync(join(tmpdir(), 'ecsh-docker-')), 'state.json');
    const cluster = uniqueName('docker-vanished');
    const first = await startDockerSandbox({ state, keepContainers: true });
    await clusterWithInstance(first, cluster);
    const before = await startTask(first, cluster);
    await first.close();
    await docker().getContainer(before.containers![0]!.runtimeId!).remove({ force: true });

    const second = await startDockerSandbox({ state });
    try {
      const stopped = await taskReaches(second, cluster, before.taskArn!, 'STOPPED');
      expect(stopped.stoppedReason).toMatch(/not found after the sandbox restarted/);
      expect(stopped.containers![0]!.lastStatus).toBe('STOPPED');
    } finally {
      await second.close();
    }
  });

  it('leaves no container of its tasks when the sandbox stops', async () => {
    const cluster = uniqueName('docker-close');
    const t = await startDockerSandbox();
    await clusterWithInstance(t, cluster);
    const task = await startTask(t, cluster);
    expect((await clusterContainers(cluster)).map((c) => c.Labels[LABEL.taskArn])).toEqual([task.taskArn]);
    await t.close();
    expect(await clusterContainers(cluster)).toEqual([]);
  });
});
