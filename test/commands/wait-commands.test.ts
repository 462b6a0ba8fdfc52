import { DescribeTasksCommand, RegisterTaskDefinitionCommand, RunTaskCommand } from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterWithInstances } from '../support/cluster-instances.js';
import type { Backend } from '../../source/api/index.js';
import { loadApiIndex, parseCommand, type ParsedCall } from '../../source/commands/index.js';
import { waiterPace } from '../../source/commands/waiter-pace.js';
import { PassThrough } from 'node:stream';
import { runOneShot } from '../../source/shell/batch-run.js';
import { runLine } from '../../source/shell/run-line.js';
import { testShell, type TestShell } from '../shell/support.js';

/**
 * The AWS CLI's `wait` commands, run by the SDK's own waiters against an in-process sandbox on
 * a manual clock: the waiter moves the clock by its delay between checks, so a wait takes the
 * CLI's simulated time and almost no real time.
 */
const CLUSTER = 'waits';
let shell: TestShell;
let backend: Backend;

const line = (text: string, options: Parameters<typeof runLine>[2] = {}) => runLine(text, shell.context, options);
const clockNow = async () => ((await (await fetch(`${backend.endpoints}/_ecsh/clock`)).json()) as { now: number }).now;

async function runTask(command: string): Promise<string> {
  const family = `waits-${command.length}`;
  await backend.ecs.send(new RegisterTaskDefinitionCommand({ family, containerDefinitions: [{ name: 'app', image: 'busybox', memory: 32, entryPoint: ['sh', '-c'], command: [command] }] }));
  const out = await backend.ecs.send(new RunTaskCommand({ cluster: CLUSTER, taskDefinition: family }));
  return out.tasks![0]!.taskArn!;
}

beforeAll(async () => {
  shell = testShell({ manualClock: true, seed: 1, cluster: CLUSTER });
  backend = await shell.session.backend();
  await clusterWithInstances(backend, CLUSTER, ['us-east-1a']);
});
afterAll(() => shell.close());

describe('ecs wait', () => {
  it('tasks-running returns, printing nothing, once the task runs; the clock moved by the waiter\'s 6 s checks', async () => {
    const arn = await runTask('sleep 3600');
    const before = await clockNow();
    expect(await line(`ecs wait tasks-running --tasks ${arn}`)).toEqual({ ok: true, output: '', format: 'json' });
    const task = (await backend.ecs.send(new DescribeTasksCommand({ cluster: CLUSTER, tasks: [arn] }))).tasks![0]!;
    expect(task.lastStatus).toBe('RUNNING');
    expect(((await clockNow()) - before) % 6_000).toBe(0);
  });

  it('tasks-stopped returns once a stopped task is STOPPED, with the id alone as the CLI takes it', async () => {
    const arn = await runTask('sleep 3600');
    await line(`ecs wait tasks-running --tasks ${arn}`);
    expect((await line(`ecs stop-task --task ${arn}`)).ok).toBe(true);
    const id = arn.slice(arn.lastIndexOf('/') + 1);
    expect(await line(`aws ecs wait tasks-stopped --cluster ${CLUSTER} --tasks ${id}`)).toMatchObject({ ok: true, output: '' });
  });

  it('fails as the CLI does, with status 255, when a service is missing', async () => {
    const outcome = await line('ecs wait services-stable --services nope');
    expect(outcome).toMatchObject({
      ok: false,
      status: 255,
      error: 'Waiter ServicesStable failed: Waiter encountered a terminal failure state: For expression "failures[].reason" we matched expected path: "MISSING" at least once',
    });
  });

  it('exits with status 255 from `ecsh -c`, the message on stderr', async () => {
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    const status = await runOneShot('ecs wait services-stable --services nope', { context: shell.context, stdout, stderr });
    expect(status).toBe(255);
    expect(String(stderr.read())).toMatch(/^ecsh: Waiter ServicesStable failed: Waiter encountered a terminal failure state: /);
    expect(stdout.read()).toBeNull();
  });

  it('fails at once on an error no acceptor expects, naming it', async () => {
    const outcome = await line('ecs wait services-stable --cluster nowhere --services web');
    expect(outcome).toMatchObject({ ok: false, status: 255 });
    expect(outcome.error).toMatch(/^Waiter ServicesStable failed: An error occurred \(ClusterNotFoundException\): Cluster not found\.?$/);
  });

  it('gives up after the CLI\'s number of checks, saying what it last accepted', async () => {
    const before = await clockNow();
    const outcome = await line('ec2 wait key-pair-exists --key-names nobody');
    expect(outcome).toMatchObject({
      ok: false,
      status: 255,
      error: 'Waiter KeyPairExists failed: Max attempts exceeded. Previously accepted state: Matched expected service error code: InvalidKeyPair.NotFound',
    });
    // Six checks, five delays of 5 s between them.
    expect((await clockNow()) - before).toBe(25_000);
  });

  it('stops when cancelled (ctrl-c)', async () => {
    const arn = await runTask('sleep 3600');
    await line(`ecs wait tasks-running --tasks ${arn}`);
    const cancel = new AbortController();
    const start = await clockNow();
    const waiting = line(`ecs wait tasks-stopped --tasks ${arn}`, { signal: cancel.signal });
    while ((await clockNow()) === start) await new Promise((resolve) => setTimeout(resolve, 5));
    cancel.abort();
    expect(await waiting).toMatchObject({ ok: false, error: 'cancelled' });
    expect((await clockNow()) - start).toBeLessThan(600_000);
  });
});

describe('reading a wait command', () => {
  const index = loadApiIndex();
  const parse = (text: string) => parseCommand(text, { index, defaultCluster: 'demo' }) as ParsedCall;
  const problem = (text: string) => {
    try {
      parse(text);
    } catch (error) {
      return (error as Error).message;
    }
    throw new Error(`'${text}' was accepted`);
  };

  it('takes the polled operation\'s parameters, with the shell\'s cluster', () => {
    const call = parse('ecs wait services-stable --services web api');
    expect(call.waiter).toMatchObject({ name: 'ServicesStable', operation: 'describe-services', delay: 15, maxAttempts: 120 });
    expect(call.operation.name).toBe('DescribeServices');
    expect(call.operationWord).toBe('wait services-stable');
    expect(call.input).toEqual({ cluster: 'demo', services: ['web', 'api'] });
  });

  it('has the waiters of EC2 and the load balancers too', () => {
    expect(parse('ec2 wait instance-running --instance-ids i-1').waiter?.name).toBe('InstanceRunning');
    expect(parse('elbv2 wait load-balancer-available --names web').waiter?.name).toBe('LoadBalancerAvailable');
    expect(parse('elb wait instance-in-service --load-balancer-name web').waiter?.name).toBe('InstanceInService');
  });

  it('says what is missing or misspelled, with the nearest name', () => {
    expect(problem('ecs wait')).toBe("expected what to wait for after 'ecs wait', such as ecs wait services-stable (.help ecs wait lists them)");
    expect(problem('ecs wait services-stabel --services web')).toBe("unknown waiter 'services-stabel' for ecs wait; did you mean services-stable?");
    expect(problem('ecs wait services-stable --service web')).toMatch(/^unknown option '--service' for wait services-stable; did you mean --services\?/);
    expect(problem('ecs wait tasks-running')).toBe('the following arguments are required: --tasks');
    expect(problem('ecs wiat tasks-running')).toMatch(/did you mean wait\?/);
  });

  it('refuses the CLI\'s paging options: a waiter checks one page', () => {
    expect(problem('ec2 wait instance-running --max-items 5')).toBe('--max-items is only for operations that return pages; wait instance-running does not');
  });
});

describe('how often a waiter checks', () => {
  const servicesStable = loadApiIndex().waiter('ecs', 'services-stable')!.waiter;

  it('on AWS, as the CLI: every 15 s, giving up after 120 checks', async () => {
    const aws = { kind: 'aws', region: 'us-east-1' } as Backend;
    expect(await waiterPace(aws, servicesStable)).toEqual({ delay: 15, maxWaitTime: 1800 });
  });

  it('on a sped-up sandbox: the same simulated time, at least one check a second', async () => {
    const fast = testShell({ speed: 100 });
    try {
      expect(await waiterPace(await fast.session.backend(), servicesStable)).toEqual({ delay: 0.15, maxWaitTime: 18 });
    } finally {
      await fast.close();
    }
    const normal = testShell();
    try {
      expect(await waiterPace(await normal.session.backend(), servicesStable)).toEqual({ delay: 1, maxWaitTime: 1800 });
    } finally {
      await normal.close();
    }
  });

  it('on a manual clock: moves the clock by the delay before each check after the first, and counts the checks', async () => {
    const pace = await waiterPace(backend, servicesStable);
    expect(pace).toMatchObject({ maxChecks: 120 });
    const before = await clockNow();
    await pace.beforeCheck!();
    expect((await clockNow()) - before).toBe(15_000);
  });
});
