import type { ContainerDefinition, Volume } from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { containerLogs } from '../../../source/sim/runtime/index.js';
import type { TestSandbox } from '../../support/sandbox.js';
import { describeTask, eventually, runStartedTask, startWithOneInstance, taskPorts } from './fixtures.js';

const CLUSTER = 'commands';
let t: TestSandbox;

beforeAll(async () => {
  t = await startWithOneInstance(CLUSTER);
});
afterAll(() => t.close());

function runTask(containerDefinitions: ContainerDefinition[], volumes: Volume[] = []): Promise<string> {
  return runStartedTask(t, CLUSTER, { containerDefinitions, volumes });
}

/** Advances the clock until the task's containers have done what they do, and the task is where `done` says. */
async function settle(taskArn: string, done: (task: Awaited<ReturnType<typeof describeTask>>) => boolean) {
  return eventually(async () => {
    t.advance(1_000);
    const task = await describeTask(t, CLUSTER, taskArn);
    return done(task) ? task : undefined;
  }, `task ${taskArn} to settle`);
}

describe('containers whose command ends', () => {
  it('stops the task when an essential container exits, with its exit code and the reason ECS gives', async () => {
    const arn = await runTask([{ name: 'fail', image: 'busybox', memory: 32, command: ['sh', '-c', 'exit 3'] }]);
    const task = await settle(arn, (task) => task.lastStatus === 'STOPPED');
    expect(task.stoppedReason).toBe('Essential container in task exited');
    expect(task.stopCode).toBe('EssentialContainerExited');
    expect(task.containers![0]).toMatchObject({ name: 'fail', lastStatus: 'STOPPED', exitCode: 3 });
  });

  it('keeps the task running when a non-essential container ends, and logs what it printed', async () => {
    const arn = await runTask([
      { name: 'main', image: 'busybox:1.36', memory: 32, command: ['sleep', '30'] },
      { name: 'hello', image: 'alpine', memory: 32, essential: false, entryPoint: ['sh', '-c'], command: ['echo "hello from $NAME"; date +%Y'], environment: [{ name: 'NAME', value: 'alpine' }] },
    ]);
    const task = await settle(arn, (task) => task.containers!.find((c) => c.name === 'hello')?.lastStatus === 'STOPPED');
    expect(task.lastStatus).toBe('RUNNING');
    expect(task.containers!.find((c) => c.name === 'hello')!.exitCode).toBe(0);
    expect(containerLogs(t.running.sandbox, arn, 'hello')).toEqual(['hello from alpine', '2026']);
    // `sleep 30` runs on the sandbox clock: the task ends when 30 simulated seconds have passed.
    const ended = await settle(arn, (task) => task.lastStatus === 'STOPPED');
    expect(ended.containers!.find((c) => c.name === 'main')!.exitCode).toBe(0);
    expect(ended.stoppedAt!.getTime() - ended.startedAt!.getTime()).toBeGreaterThanOrEqual(30_000);
  });

  it('ends busybox with no command at once, as its shell has nothing to read', async () => {
    const arn = await runTask([{ name: 'box', image: 'busybox', memory: 32 }]);
    const task = await settle(arn, (task) => task.lastStatus === 'STOPPED');
    expect(task.containers![0]!.exitCode).toBe(0);
  });

  it('says a program the image does not have is not found, with status 127', async () => {
    const arn = await runTask([{ name: 'box', image: 'busybox', memory: 32, command: ['sh', '-c', 'python3 app.py'] }]);
    const task = await settle(arn, (task) => task.lastStatus === 'STOPPED');
    expect(task.containers![0]!.exitCode).toBe(127);
    expect(containerLogs(t.running.sandbox, arn, 'box')).toEqual(['sh: python3: not found']);
  });

  it('runs the httpd sample task definition: its command writes the page that httpd then serves', async () => {
    const page = "<html> <head> <title>Amazon ECS Sample App</title> </head><body> <h1>Amazon ECS Sample App</h1> </body></html>";
    const arn = await runTask([
      {
        name: 'sample-app',
        image: 'httpd:2.4',
        memory: 64,
        portMappings: [{ containerPort: 80, hostPort: 0 }],
        entryPoint: ['sh', '-c'],
        command: [`/bin/sh -c "echo '${page}' >  /usr/local/apache2/htdocs/index.html && httpd-foreground"`],
      },
    ]);
    const [endpoint] = await eventually(async () => {
      const ports = await taskPorts(t, arn);
      return ports.length > 0 ? ports : undefined;
    }, 'httpd to listen');
    const response = await fetch(endpoint!.url);
    expect(response.headers.get('server')).toBe('Apache/2.4.0 (Unix)');
    expect(await response.text()).toBe(`${page}\n`);
    expect((await describeTask(t, CLUSTER, arn)).lastStatus).toBe('RUNNING');
  });

  it('serves a page naming the container, task, instance and zone for an image it does not emulate', async () => {
    const arn = await runTask([{ name: 'db', image: 'postgres:16', memory: 64, portMappings: [{ containerPort: 5432, hostPort: 0 }] }]);
    const [endpoint] = await eventually(async () => {
      const ports = await taskPorts(t, arn);
      return ports.length > 0 ? ports : undefined;
    }, 'the page to listen');
    const text = await (await fetch(endpoint!.url)).text();
    expect(text).toContain('container: db');
    expect(text).toContain(`task: ${arn.split('/').pop()}`);
    expect(text).toContain('availability zone: us-east-1a');
    expect(text).toContain('instance: i-commands');
  });

  it('starts containers in dependsOn order: after a dependency starts, completes or succeeds', async () => {
    const arn = await runTask([
      { name: 'main', image: 'busybox', memory: 32, command: ['sleep', '60'] },
      { name: 'setup', image: 'busybox', memory: 32, essential: false, command: ['sh', '-c', 'echo ready > /shared/flag'], mountPoints: [{ sourceVolume: 'shared', containerPath: '/shared' }] },
      {
        name: 'after',
        image: 'busybox',
        memory: 32,
        essential: false,
        dependsOn: [{ containerName: 'setup', condition: 'SUCCESS' }],
        command: ['cat', '/shared/flag'],
        mountPoints: [{ sourceVolume: 'shared', containerPath: '/shared' }],
      },
      { name: 'slow', image: 'busybox', memory: 32, essential: false, command: ['sleep', '600'] },
      { name: 'never', image: 'busybox', memory: 32, essential: false, dependsOn: [{ containerName: 'slow', condition: 'COMPLETE' }], command: ['echo', 'late'] },
    ], [{ name: 'shared', host: {} }]);
    await settle(arn, (task) => task.containers!.find((c) => c.name === 'after')?.lastStatus === 'STOPPED');
    expect(containerLogs(t.running.sandbox, arn, 'after')).toEqual(['ready']);
    // `slow` sleeps ten minutes of sandbox time: what waits for it to complete has not run.
    expect(containerLogs(t.running.sandbox, arn, 'never')).toEqual([]);
  });
});
