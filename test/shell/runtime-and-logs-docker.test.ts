import { RegisterTaskDefinitionCommand, RunTaskCommand } from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../source/api/index.js';
import { runLine } from '../../source/shell/run-line.js';
import { engineAddress } from '../../source/sim/runtime/docker/index.js';
import {
  buildTestImages,
  clusterContainers,
  clusterWithInstance,
  engine,
  eventually,
  taskReaches,
  uniqueName,
  type DockerSandbox,
} from '../sim/runtime/docker/docker-fixtures.js';
import { testShell, type TestShell } from './support.js';

/** `.runtime` and `.logs` in a shell whose in-process sandbox runs tasks as containers on a real engine. */
describe.skipIf(!engine.docker)(`.runtime and .logs on the Docker runtime${engine.skipped}`, () => {
  const cluster = uniqueName('shell-docker');
  let shell: TestShell;
  let backend: Backend;
  /** The fixtures' calls need only the clients. */
  let clients: DockerSandbox;
  let taskArn: string;
  let taskId: string;

  const line = (text: string, options: Parameters<typeof runLine>[2] = {}) => runLine(text, shell.context, options);

  beforeAll(async () => {
    await buildTestImages();
    shell = testShell({ runtime: 'docker', speed: 20, cluster });
    backend = await shell.session.backend();
    clients = { ecs: backend.ecs, ec2: backend.ec2 } as DockerSandbox;
    await clusterWithInstance(clients, cluster);
    const family = uniqueName('ticker');
    // Portable between busybox and the virtual runtime's shell, which runs it after `.runtime virtual`.
    const command = ['echo hello from docker; while :; do echo tick; sleep 1; done'];
    await backend.ecs.send(new RegisterTaskDefinitionCommand({ family, containerDefinitions: [{ name: 'app', image: 'ecsh/sleeper', memory: 32, stopTimeout: 2, entryPoint: ['/bin/sh', '-c'], command }] }));
    const out = await backend.ecs.send(new RunTaskCommand({ cluster, taskDefinition: family }));
    taskArn = out.tasks![0]!.taskArn!;
    taskId = taskArn.slice(taskArn.lastIndexOf('/') + 1);
    await taskReaches(clients, cluster, taskArn, 'RUNNING');
  });

  afterAll(async () => {
    await shell?.close();
  });

  it('.runtime names the engine the containers run on', async () => {
    expect(await line('.runtime')).toEqual({ ok: true, format: 'info', output: `runtime: docker: tasks run as containers on the Docker engine at ${engineAddress()}\n` });
  });

  it("shows a Docker task's container output, and follows the lines it prints next until cancelled", async () => {
    const shown = await eventually(async () => {
      const outcome = await line(`.logs ${taskId}`);
      return outcome.output.includes('tick\n') ? outcome : undefined;
    }, 'the container to print');
    expect(shown.ok).toBe(true);
    expect(shown.output).toMatch(/^hello from docker\n(tick\n)+$/);

    // It prints a tick a second: the follow gets those printed so far, then the next ones as they come.
    const ticks = (lines: string[]) => lines.filter((l) => l === 'tick').length;
    const ticksSoFar = ticks(shown.output.split('\n'));
    const streamed: string[] = [];
    const abort = new AbortController();
    const following = line(`.logs ${taskId} --follow`, { signal: abort.signal, progress: (text) => streamed.push(text) });
    await eventually(() => (ticks(streamed) >= ticksSoFar + 2 ? true : undefined), 'ticks printed after the follow began');
    expect(streamed[0]).toBe('hello from docker');
    abort.abort();
    expect(await following).toEqual({ ok: true, format: 'info', output: `stopped following app of task ${taskId}\n` });
  });

  it('.runtime virtual takes the running task off Docker; .runtime docker stops it, as after a restart', async () => {
    expect(await line('.runtime virtual')).toEqual({
      ok: true,
      format: 'info',
      output: 'runtime: virtual: tasks run in-process, as stand-ins of their images; 1 running task left Docker (its containers removed) and runs on the virtual runtime\n',
    });
    expect(shell.context.settings.get().runtime).toBe('virtual');
    expect(await clusterContainers(cluster)).toEqual([]);
    expect((await taskReaches(clients, cluster, taskArn, 'RUNNING')).containers![0]!.lastStatus).toBe('RUNNING');

    expect(await line('.runtime docker')).toEqual({
      ok: true,
      format: 'info',
      output: `runtime: docker: tasks run as containers on the Docker engine at ${engineAddress()}; 1 running task of the virtual runtime has no container on Docker and stops: services start new ones\n`,
    });
    expect(shell.context.settings.get().runtime).toBe('docker');
    const stopped = await taskReaches(clients, cluster, taskArn, 'STOPPED');
    expect(stopped.stoppedReason).toBe('Docker container of app not found after the sandbox restarted');
  });
});
