import { RegisterTaskDefinitionCommand, RunTaskCommand, StopTaskCommand } from '@aws-sdk/client-ecs';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { realStopTimeout } from '../../../../source/sim/runtime/docker/index.js';
import { docker, engine, startDockerCluster, taskReaches, uniqueName, type DockerSandbox } from './docker-fixtures.js';

describe("a container's stopTimeout in real time", () => {
  it('is divided by the speed of the sandbox clock, in whole seconds rounded up', () => {
    expect(realStopTimeout(30, 10)).toBe(3);
    expect(realStopTimeout(30, 1)).toBe(30);
    expect(realStopTimeout(60, 20)).toBe(3);
    expect(realStopTimeout(2, 20)).toBe(1);
    expect(realStopTimeout(0, 20)).toBe(0);
    expect(realStopTimeout(30, 0.5)).toBe(60);
  });

  it('is as written on a manual clock, which does not run by itself', () => {
    expect(realStopTimeout(30, 0)).toBe(30);
  });
});

/** The SIGTERM and SIGKILL Docker sends a container, with the engine's own times (ns). */
async function killSignals(id: string, stop: () => Promise<unknown>): Promise<Array<{ signal: string; timeNano: number }>> {
  const stream = (await docker().getEvents({ filters: { container: [id], event: ['kill'] } })) as Readable;
  const seen: Array<{ signal: string; timeNano: number }> = [];
  const done = new Promise<void>((resolve) => {
    createInterface({ input: stream }).on('line', (line) => {
      const event = JSON.parse(line) as { timeNano: number; Actor: { Attributes: Record<string, string> } };
      seen.push({ signal: event.Actor.Attributes.signal!, timeNano: event.timeNano });
      if (seen.length === 2) resolve();
    });
  });
  await stop();
  await done;
  stream.destroy();
  return seen;
}

describe.skipIf(!engine.docker)(`stopping a task on the Docker runtime${engine.skipped}`, () => {
  const cluster = uniqueName('docker-stop');
  let t: DockerSandbox;

  beforeAll(async () => {
    // The fixtures' sandbox runs 20 times faster than real time.
    ({ t } = await startDockerCluster(cluster));
  });

  afterAll(async () => {
    await t?.close();
  });

  it('waits the stopTimeout scaled by --speed before SIGKILL: 60 s at speed 20 is 3 s of real time', async () => {
    const family = uniqueName('stubborn');
    // A shell as PID 1 ignores SIGTERM: only SIGKILL ends it.
    const command = ['while :; do sleep 1; done'];
    await t.ecs.send(new RegisterTaskDefinitionCommand({ family, containerDefinitions: [{ name: 'app', image: 'ecsh/sleeper', memory: 32, stopTimeout: 60, entryPoint: ['/bin/sh', '-c'], command }] }));
    const out = await t.ecs.send(new RunTaskCommand({ cluster, taskDefinition: family }));
    const taskArn = out.tasks![0]!.taskArn!;
    const running = await taskReaches(t, cluster, taskArn, 'RUNNING');

    const signals = await killSignals(running.containers![0]!.runtimeId!, () => t.ecs.send(new StopTaskCommand({ cluster, task: taskArn })));
    expect(signals.map((s) => s.signal)).toEqual(['15', '9']);
    // The engine's own clock: it waited the 3 s it was given, not the 60 s written.
    const waitedSeconds = (signals[1]!.timeNano - signals[0]!.timeNano) / 1e9;
    expect(waitedSeconds).toBeGreaterThan(2.9);
    expect(waitedSeconds).toBeLessThan(60);
    const stopped = await taskReaches(t, cluster, taskArn, 'STOPPED');
    expect(stopped.containers![0]!.exitCode).toBe(137);
  });
});
