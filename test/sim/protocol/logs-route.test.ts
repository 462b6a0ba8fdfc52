import { StopTaskCommand, type ContainerDefinition } from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestSandbox } from '../../support/sandbox.js';
import { describeTask, eventually, runStartedTask, startWithOneInstance } from '../runtime/fixtures.js';

const CLUSTER = 'logs-route';
let t: TestSandbox;

beforeAll(async () => {
  t = await startWithOneInstance(CLUSTER);
});
afterAll(() => t.close());

/** Runs a task on the virtual runtime and waits until its containers have printed `firstLine`. */
async function runTask(containerDefinitions: ContainerDefinition[], firstLine: { container: string; line: string }): Promise<{ arn: string; id: string }> {
  const arn = await runStartedTask(t, CLUSTER, { containerDefinitions });
  await eventually(async () => (await logsOf(`task=${arn}&container=${firstLine.container}`)).text.includes(firstLine.line) || undefined, `${firstLine.container} to print`);
  return { arn, id: arn.slice(arn.lastIndexOf('/') + 1) };
}

async function logsOf(query: string, init?: RequestInit): Promise<{ status: number; headers: Headers; text: string }> {
  const response = await fetch(`${t.running.url}/_ecsh/logs?${query}`, init);
  return { status: response.status, headers: response.headers, text: await response.text() };
}

const SLEEPER: ContainerDefinition = { name: 'app', image: 'busybox', memory: 32, entryPoint: ['sh', '-c'], command: ['echo one; echo two >&2; sleep 3600'] };

describe('GET /_ecsh/logs', () => {
  it("answers a task's only container's output as text, by task id or ARN, and says what it read", async () => {
    const { arn, id } = await runTask([SLEEPER], { container: 'app', line: 'two' });
    for (const task of [id, encodeURIComponent(arn)]) {
      const { status, headers, text } = await logsOf(`task=${task}`);
      expect(status).toBe(200);
      expect(text).toBe('one\ntwo\n');
      expect(headers.get('content-type')).toBe('text/plain; charset=utf-8');
      expect(headers.get('x-ecsh-task-arn')).toBe(arn);
      expect(headers.get('x-ecsh-container')).toBe('app');
      expect(headers.get('x-ecsh-runtime')).toBe('virtual');
      expect(headers.get('x-ecsh-log-note')).toBeNull();
    }
  });

  it('reads the only essential container when there are several, and refuses to guess between essential ones', async () => {
    const sidecar: ContainerDefinition = { name: 'side', image: 'busybox', memory: 32, essential: false, entryPoint: ['sh', '-c'], command: ['echo from the side; sleep 3600'] };
    const one = await runTask([SLEEPER, sidecar], { container: 'side', line: 'from the side' });
    expect((await logsOf(`task=${one.id}`)).headers.get('x-ecsh-container')).toBe('app');
    expect((await logsOf(`task=${one.id}&container=side`)).text).toBe('from the side\n');

    const two = await runTask([SLEEPER, { ...sidecar, essential: true }], { container: 'side', line: 'from the side' });
    const ambiguous = await logsOf(`task=${two.id}`);
    expect(ambiguous.status).toBe(400);
    expect(JSON.parse(ambiguous.text)).toEqual({
      code: 'AmbiguousContainer',
      message: `task ${two.id} has 2 essential containers (app, side); name one with container=NAME`,
      containers: ['app', 'side'],
    });
  });

  it('says in JSON what is missing or unknown', async () => {
    const { id } = await runTask([SLEEPER], { container: 'app', line: 'one' });
    const missing = await logsOf('');
    expect(missing.status).toBe(400);
    expect(JSON.parse(missing.text).code).toBe('MissingTask');
    const unknownTask = await logsOf('task=0123456789abcdef0123456789abcdef');
    expect(unknownTask.status).toBe(404);
    expect(JSON.parse(unknownTask.text)).toEqual({
      code: 'TaskNotFound',
      message: "no task '0123456789abcdef0123456789abcdef' in the sandbox; list tasks with: ecs list-tasks --cluster NAME",
    });
    const unknownContainer = await logsOf(`task=${id}&container=web`);
    expect(unknownContainer.status).toBe(404);
    expect(JSON.parse(unknownContainer.text)).toEqual({ code: 'ContainerNotFound', message: `task ${id} has no container 'web'; its containers: app`, containers: ['app'] });
    expect((await logsOf(`task=${id}`, { method: 'POST' })).status).toBe(405);
  });

  it('notes that an awslogs log configuration sends nothing: the lines are the container’s own output', async () => {
    const logConfiguration = { logDriver: 'awslogs' as const, options: { 'awslogs-group': '/ecs/app', 'awslogs-region': 'us-east-1', 'awslogs-stream-prefix': 'app' } };
    const { id } = await runTask([{ ...SLEEPER, logConfiguration }], { container: 'app', line: 'two' });
    const { text, headers } = await logsOf(`task=${id}`);
    expect(text).toBe('one\ntwo\n');
    expect(headers.get('x-ecsh-log-note')).toBe("the awslogs log configuration sends nothing anywhere in the sandbox: these lines are the container's own output");
  });

  it('follows: sends what was printed, then each new line as it comes, and ends when the task stops', async () => {
    const ticker: ContainerDefinition = { name: 'ticker', image: 'busybox', memory: 32, entryPoint: ['sh', '-c'], command: ['echo first; sleep 5; echo later; sleep 3600'] };
    const { arn, id } = await runTask([ticker], { container: 'ticker', line: 'first' });
    const response = await fetch(`${t.running.url}/_ecsh/logs?task=${id}&follow=1`);
    expect(response.status).toBe(200);
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let received = '';
    const readUntil = async (wanted: string) => {
      while (!received.includes(wanted)) {
        const { done, value } = await reader.read();
        if (done) throw new Error(`the stream ended before '${wanted}' (got '${received}')`);
        received += decoder.decode(value, { stream: true });
      }
    };
    await readUntil('first\n');
    expect(received).toBe('first\n');

    // `sleep 5` runs on the sandbox clock: the next line is printed once 5 simulated seconds pass.
    t.advance(5_000);
    await readUntil('later\n');
    expect(received).toBe('first\nlater\n');

    await t.ecs.send(new StopTaskCommand({ cluster: CLUSTER, task: arn }));
    await eventually(async () => {
      t.advance(30_000);
      return (await describeTask(t, CLUSTER, arn)).lastStatus === 'STOPPED' || undefined;
    }, 'the task to stop');
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      received += decoder.decode(value, { stream: true });
    }
    expect(received).toBe('first\nlater\n');
  });

  it('answers a stopped task at once, even when asked to follow', async () => {
    const { arn, id } = await runTask([{ ...SLEEPER, command: ['echo done'] }], { container: 'app', line: 'done' });
    await eventually(async () => {
      t.advance(1_000);
      return (await describeTask(t, CLUSTER, arn)).lastStatus === 'STOPPED' || undefined;
    }, 'the task to stop');
    const { status, text } = await logsOf(`task=${id}&follow=1`);
    expect(status).toBe(200);
    expect(text).toBe('done\n');
  });
});
