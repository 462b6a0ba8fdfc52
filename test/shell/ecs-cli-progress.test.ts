import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runLine, runOneShot, type LineOutcome } from '../../source/shell/index.js';
import { startTestSandbox, type TestSandbox } from '../support/sandbox.js';
import { testShell, type TestShell } from './support.js';

/**
 * ecs-cli's progress lines leave as they are printed: to the caller's progress callback in
 * the shell, to stdout with `-c` and in scripts. The sandbox runs on a manual clock, so the
 * verb waits for instances that register only when the test moves time on.
 */
let t: TestSandbox;
let shell: TestShell;
const home = mkdtempSync(join(tmpdir(), 'ecsh-ecs-cli-progress-'));

beforeAll(async () => {
  process.env.ECSH_CONFIG_DIR = join(home, 'config');
  process.env.HOME = home;
  t = await startTestSandbox({ seed: 4477, network: { notify: () => undefined } });
  shell = testShell({ endpointUrl: t.running.url }, { cwd: home });
});
afterAll(async () => {
  await shell?.close();
  await t?.close();
});

describe('live output of ecs-cli verbs', () => {
  it('hands each line to the progress callback while the verb still waits, and not again with the outcome', async () => {
    const lines: string[] = [];
    const abort = new AbortController();
    let outcome: LineOutcome | undefined;
    const running = runLine('ecs-cli up --cluster live --size 1 --capability-iam', shell.context, { signal: abort.signal, progress: (line) => lines.push(line) }).then(
      (done) => (outcome = done),
    );
    await vi.waitFor(() => expect(lines.at(-1)).toMatch(/^INFO\[\d{4}\] Container instances registered\s+registered=0 size=1$/), { timeout: 10_000 });
    // The verb is waiting for the instance to register: the lines came before its end.
    expect(outcome).toBeUndefined();
    expect(lines.map((line) => line.replace(/^(INFO|WARN)\[\d{4}\] /, '').split(/\s{2,}|: /)[0])).toEqual([
      'Created cluster',
      'You will not be able to SSH into your EC2 instances without a key pair.',
      'Waiting for your cluster resources to be created...',
      'VPC created',
      'Security Group created',
      'Subnet created',
      'Subnet created',
      'Container instances registered',
    ]);
    abort.abort();
    await running;
    expect(outcome).toEqual({ ok: false, output: '', format: 'plain', error: 'cancelled' });
  });

  it('without a callback, gathers the lines into the outcome as before', async () => {
    const outcome = await runLine('ecs-cli up --cluster gathered --empty', shell.context);
    expect(outcome).toEqual({ ok: true, output: 'INFO[0000] Created cluster                               cluster=gathered region=us-east-1\n', format: 'plain' });
  });

  it('with -c, writes the lines to stdout as they come; down still needs --force where nobody can answer', async () => {
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    const chunks: string[] = [];
    stdout.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
    const errors: string[] = [];
    stderr.on('data', (chunk: Buffer) => errors.push(chunk.toString()));
    expect(await runOneShot('ecs-cli up --cluster oneshot --empty --keypair k', { context: shell.context, stdout, stderr })).toBe(0);
    expect(chunks).toEqual([
      'INFO[0000] Created cluster                               cluster=oneshot region=us-east-1\n',
      'WARN[0000] Values specified for [--keypair] flags will be ignored as --empty flag was set\n',
    ]);
    expect(await runOneShot('ecs-cli down --cluster oneshot', { context: shell.context, stdout, stderr })).toBe(1);
    expect(errors).toEqual(['ecsh: ecs-cli down deletes the cluster and its instances: pass --force to do so without being asked\n']);
  });
});
