import { RegisterTaskDefinitionCommand, RunTaskCommand, type ContainerDefinition } from '@aws-sdk/client-ecs';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { clusterWithInstances } from '../support/cluster-instances.js';
import { startSandboxBackend, type Backend } from '../../source/api/index.js';
import { loadCompletionEngine } from '../../source/shell/completion-engine.js';
import { runLine } from '../../source/shell/run-line.js';
import { eventually } from '../sim/runtime/fixtures.js';
import { testShell, type TestShell } from './support.js';

/**
 * `.runtime` and `.logs` in the shell, on a throw-away in-process sandbox whose clock moves only
 * when the test says (POST /_ecsh/clock), so that a container's `sleep` ends when told.
 */
const CLUSTER = 'logs';
let shell: TestShell;
let backend: Backend;

async function advance(ms: number): Promise<void> {
  const response = await fetch(`${backend.endpoints}/_ecsh/clock`, { method: 'POST', body: JSON.stringify({ advanceMs: ms }) });
  if (!response.ok) throw new Error(`the clock did not move: ${await response.text()}`);
}

async function line(text: string, options: Parameters<typeof runLine>[2] = {}) {
  return runLine(text, shell.context, options);
}

beforeAll(async () => {
  shell = testShell({ manualClock: true, seed: 1, cluster: CLUSTER });
  backend = await shell.session.backend();
  await clusterWithInstances(backend, CLUSTER, ['us-east-1a']);
});
afterAll(() => shell.close());
afterEach(() => vi.unstubAllEnvs());

let families = 0;
/** Runs a task and waits until `container` has printed `printed`; resolves to the task's id. */
async function runTask(containerDefinitions: ContainerDefinition[], container: string, printed: string): Promise<string> {
  const family = `logs-${++families}`;
  await backend.ecs.send(new RegisterTaskDefinitionCommand({ family, containerDefinitions }));
  const out = await backend.ecs.send(new RunTaskCommand({ cluster: CLUSTER, taskDefinition: family }));
  const arn = out.tasks![0]!.taskArn!;
  await advance(5_000);
  const id = arn.slice(arn.lastIndexOf('/') + 1);
  await eventually(async () => ((await line(`.logs ${id} ${container}`)).output.includes(printed) ? true : undefined), `${container} to print '${printed}'`);
  return id;
}

const APP: ContainerDefinition = { name: 'app', image: 'busybox', memory: 32, entryPoint: ['sh', '-c'], command: ['echo hello from app; echo oops >&2; sleep 3600'] };
const SIDE: ContainerDefinition = { name: 'side', image: 'busybox', memory: 32, essential: false, entryPoint: ['sh', '-c'], command: ['echo side car; sleep 3600'] };

describe('.runtime', () => {
  it('says the virtual runtime runs the tasks', async () => {
    expect(await line('.runtime')).toEqual({
      ok: true,
      format: 'info',
      output: 'runtime: virtual: tasks run in-process, as stand-ins of their images; .runtime docker runs them as containers\n',
    });
  });

  it('stays on the virtual runtime, and says how to start an engine, when no Docker engine answers', async () => {
    vi.stubEnv('DOCKER_HOST', 'unix:///tmp/ecsh-test-no-such-docker.sock');
    const outcome = await line('.runtime docker');
    expect(outcome.ok).toBe(false);
    expect(outcome.error).toMatch(/^no Docker engine answers at unix:\/\/\/tmp\/ecsh-test-no-such-docker\.sock \(.+\); start one .+; tasks run on the virtual runtime meanwhile$/);
    expect(outcome.error).not.toContain('\n');
    expect((await line('.runtime')).output).toContain('runtime: virtual');
    expect(shell.context.settings.get().runtime).toBeUndefined();
  });

  it('remembers the runtime chosen in the settings, and says when it ran there already', async () => {
    expect(await line('.runtime virtual')).toMatchObject({ ok: true, output: expect.stringMatching(/^runtime: virtual: .+ \(already\)\n$/) });
    expect(shell.context.settings.get().runtime).toBe('virtual');
  });

  it('refuses anything but virtual or docker', async () => {
    expect(await line('.runtime podman')).toMatchObject({ ok: false, error: "usage: .runtime [virtual | docker]; got 'podman'" });
  });
});

describe('.logs', () => {
  it("shows what a task's only essential container printed, stdout and stderr together", async () => {
    const id = await runTask([APP, SIDE], 'app', 'oops');
    expect(await line(`.logs ${id}`)).toEqual({ ok: true, format: 'plain', output: 'hello from app\noops\n' });
    expect((await line(`.logs ${id} side`)).output).toBe('side car\n');
  });

  it('says in one line when the task or the container is unknown, or which container to name', async () => {
    const unknown = await line('.logs 0123456789abcdef0123456789abcdef');
    expect(unknown).toMatchObject({ ok: false, error: "no task '0123456789abcdef0123456789abcdef' in the sandbox; list tasks with: ecs list-tasks --cluster NAME" });

    const id = await runTask([APP, { ...SIDE, essential: true }], 'side', 'side car');
    expect(await line(`.logs ${id}`)).toMatchObject({
      ok: false,
      error: `task ${id} has more than one essential container; name one: .logs ${id} CONTAINER (its containers: app, side)`,
    });
    expect(await line(`.logs ${id} web`)).toMatchObject({ ok: false, error: `task ${id} has no container 'web'; its containers: app, side` });
    expect(await line('.logs')).toMatchObject({ ok: false, error: 'usage: .logs TASK [CONTAINER] [--follow] (TASK is a task id, a unique start of one, or an ARN)' });
    expect(await line(`.logs ${id} --tail`)).toMatchObject({ ok: false, error: "usage: .logs TASK [CONTAINER] [--follow]; '--tail' is not an option (--follow is)" });
  });

  it('takes the start of a task id, as the panes show it, and says when no task or several start so', async () => {
    const id = await runTask([APP], 'app', 'oops');
    expect(await line(`.logs ${id.slice(0, 8)}`)).toEqual({ ok: true, format: 'plain', output: 'hello from app\noops\n' });
    expect(await line(`.logs ${id.slice(0, 8).toUpperCase()} app`)).toMatchObject({ ok: true, output: 'hello from app\noops\n' });
    expect(await line('.logs ffffffffffff')).toMatchObject({
      ok: false,
      error: "no task id starts with 'ffffffffffff' in any cluster; list the tasks with: ecs list-tasks --cluster NAME",
    });
    expect(await line('.logs web')).toMatchObject({ ok: false, error: expect.stringMatching(/^'web' is not a task id: /) });
  });

  it('notes that an awslogs log configuration changes nothing: the output is the container’s own', async () => {
    const logConfiguration = { logDriver: 'awslogs' as const, options: { 'awslogs-group': '/ecs/app', 'awslogs-region': 'us-east-1', 'awslogs-stream-prefix': 'app' } };
    const id = await runTask([{ ...APP, logConfiguration }], 'app', 'oops');
    expect((await line(`.logs ${id}`)).output).toBe(
      "note: the awslogs log configuration sends nothing anywhere in the sandbox: these lines are the container's own output\nhello from app\noops\n",
    );
  });

  it('follows: streams a line printed later as it comes, until cancelled', async () => {
    const ticker: ContainerDefinition = { name: 'ticker', image: 'busybox', memory: 32, entryPoint: ['sh', '-c'], command: ['echo first; sleep 5; echo later; sleep 3600'] };
    const id = await runTask([ticker], 'ticker', 'first');
    const streamed: string[] = [];
    const abort = new AbortController();
    const following = line(`.logs ${id} --follow`, { signal: abort.signal, progress: (text) => streamed.push(text) });
    await eventually(() => (streamed.includes('first') ? true : undefined), 'the lines printed so far');
    expect(streamed).toEqual(['first']);

    // `sleep 5` runs on the sandbox clock: the next line is printed once 5 simulated seconds pass.
    await advance(5_000);
    await eventually(() => (streamed.includes('later') ? true : undefined), 'the line printed later');
    expect(streamed).toEqual(['first', 'later']);

    abort.abort();
    expect(await following).toEqual({ ok: true, format: 'info', output: `stopped following ticker of task ${id}\n` });
  });

  it('completes task ids of the default cluster, and the runtimes', async () => {
    const id = await runTask([APP], 'app', 'oops');
    const engine = await loadCompletionEngine(shell.session, { profiles: [] });
    const labels = (text: string) => engine.complete(text, text.length, { mode: 'prefix', cluster: CLUSTER }).candidates.map((c) => c.label);
    await eventually(() => (labels('.logs ').includes(id) ? true : undefined), 'the task ids');
    expect(labels('.runtime ')).toEqual(['virtual', 'docker']);
  });

  it('reads the logs of a sandbox at an endpoint URL (ecsh serve) the same way', async () => {
    const id = await runTask([APP], 'app', 'oops');
    const other = testShell({ endpointUrl: backend.endpoints! });
    try {
      expect(await runLine(`.logs ${id}`, other.context)).toEqual({ ok: true, format: 'plain', output: 'hello from app\noops\n' });
      expect(await runLine('.runtime docker', other.context)).toMatchObject({
        ok: false,
        error: `the sandbox at ${backend.endpoints} chose its runtime when it started (ecsh serve --runtime virtual|docker); .runtime switches the in-process sandbox only`,
      });
    } finally {
      await other.close();
    }
  });
});

describe('on AWS', () => {
  it('says .logs and .runtime are for the sandbox, in one line each', async () => {
    const aws = testShell({ backend: 'aws', region: 'us-east-1' });
    try {
      expect(await runLine('.logs 0123456789abcdef0123456789abcdef', aws.context)).toMatchObject({
        ok: false,
        error: ".logs reads the sandbox's containers; on AWS a task's logs are in CloudWatch Logs: !aws logs tail LOG_GROUP --follow (the group is in the task definition's awslogs options)",
      });
      expect(await runLine('.runtime', aws.context)).toMatchObject({
        ok: false,
        error: '.runtime is for the sandbox: on AWS, tasks run where ECS places them; .backend sandbox goes back to the sandbox',
      });
    } finally {
      await aws.close();
    }
  });
});

describe('startSandboxBackend', () => {
  it('refuses a runtime for a sandbox at an endpoint URL, which chose its own', async () => {
    await expect(startSandboxBackend({ endpointUrl: 'http://127.0.0.1:4580', runtime: 'docker' })).rejects.toThrow(
      'the sandbox at an endpoint URL chose its runtime when it started (ecsh serve --runtime docker); a runtime is for the in-process sandbox',
    );
  });
});
