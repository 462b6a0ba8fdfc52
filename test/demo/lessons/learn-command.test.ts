import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { saveProgress } from '../../../source/demo/lessons/lesson-progress.js';
import { learnCommand } from '../../../source/learn-command.js';
import { runLine } from '../../../source/shell/run-line.js';
import { testShell } from '../../shell/support.js';
import { TWO_CLUSTERS } from './support.js';

let previous: string | undefined;
let configDir: string;
beforeEach(() => {
  previous = process.env.ECSH_CONFIG_DIR;
  configDir = mkdtempSync(join(tmpdir(), 'ecsh-learn-'));
  process.env.ECSH_CONFIG_DIR = configDir;
});
afterEach(() => {
  if (previous === undefined) delete process.env.ECSH_CONFIG_DIR;
  else process.env.ECSH_CONFIG_DIR = previous;
});

/** `ecsh learn ARGS` with these lines piped on stdin (no terminal). */
async function learn(args: string[], lines: string[] = []) {
  const stdin = new PassThrough();
  stdin.end(lines.map((line) => `${line}\n`).join(''));
  let stdout = '';
  let stderr = '';
  const code = await learnCommand(args, { stdin, stdout: { write: (text: string) => (stdout += text) }, stderr: { write: (text: string) => (stderr += text) } });
  return { code, stdout, stderr };
}

const progress = () => JSON.parse(readFileSync(join(configDir, 'lessons.json'), 'utf8')).lessons;

describe('ecsh learn', () => {
  it('lists the lessons with how far the learner got', async () => {
    saveProgress('services', { completed: 2, done: false });
    saveProgress('placement', { completed: 5, done: true });
    const { code, stdout } = await learn([]);
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(7);
    expect(lines[1]).toMatch(/^first-cluster +not started +Your first cluster and task: /);
    expect(lines[3]).toMatch(/^placement +done +Placement: /);
    expect(lines[5]).toMatch(/^services +2\/6 steps +Services: /);
    expect(lines[6]).toBe('ecsh learn NAME takes one.');
  });

  it('names the lessons in one line when asked for one that is not', async () => {
    const { code, stdout, stderr } = await learn(['nope']);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe('ecsh: no lesson nope; the lessons are deployments, first-cluster, load-balancers, placement, service-discovery, services\n');
  });

  it('says what is wrong with its arguments', async () => {
    expect(await learn(['services', 'placement'])).toMatchObject({ code: 2, stderr: expect.stringMatching(/^ecsh: learn takes one lesson at a time, got 'services placement'\n/) });
    expect(await learn(['--restart'])).toMatchObject({ code: 2, stderr: expect.stringMatching(/^ecsh: --restart needs the lesson to start again/) });
    expect(await learn(['--bogus'])).toMatchObject({ code: 2, stderr: expect.stringMatching(/^ecsh: Unknown option '--bogus'/) });
    expect(await learn(['--help'])).toMatchObject({ code: 0, stdout: expect.stringMatching(/^usage: ecsh learn /) });
  });

  it('takes a lesson from stdin: narration, each line’s output, then the hint, the answer, success, done', async () => {
    const { code, stdout, stderr } = await learn(
      [TWO_CLUSTERS],
      [
        'ecs create-cluster --cluster-name one',
        'ecs create-cluster --cluster-name two',
        'ecs create-cluster --cluster-name three',
        'ecs create-cluster --cluster-name four',
        'ecs delete-cluster --cluster one',
        'ecs list-clusters',
      ],
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Step 1 of 3\nMake a cluster called one\.\n\$ ecs create-cluster --cluster-name one\n\{\n/);
    expect(stdout).toContain('✓ Well done: step 1 of 3 is done.\nStep 2 of 3\nList the clusters until there are two.\n');
    // Each wrong try is said so, labelled; the first gets a hint, the second the answer.
    expect(stdout).toContain("\nNot yet: the lesson asks ecs describe-clusters --clusters one, and clusters[0].status == 'INACTIVE' gave false.\nHint: try ecs delete-cluster.\n$ ecs create-cluster --cluster-name four\n");
    expect(stdout).toContain("\nNot yet: the lesson asks ecs describe-clusters --clusters one, and clusters[0].status == 'INACTIVE' gave false.\nAnswer: ecs delete-cluster --cluster one\n$ ecs delete-cluster --cluster one\n");
    expect(stdout).toMatch(/✓ Well done: step 3 of 3 is done\.\nThat was all\.\n✓ You have finished Two clusters: a short lesson the tests take\. ecsh learn lists the other lessons\.\n$/);
    // The line after the end is not run.
    expect(stdout).not.toContain('$ ecs list-clusters');
    expect(progress()['two-clusters']).toEqual({ completed: 3, done: true });
  });

  it("keeps to an ecs-cli configuration of its own, whatever the learner's, and answers from where the learner is", { timeout: 60_000 }, async () => {
    // The learner's own ecs-cli configuration says eu-west-1; the lesson's sandbox and checks are in us-east-1.
    const own = testShell();
    try {
      expect((await runLine('ecs-cli configure --cluster myCluster --region eu-west-1', own.context)).ok).toBe(true);
    } finally {
      await own.close();
    }
    const configFile = join(configDir, 'ecs-cli', 'config');
    const before = readFileSync(configFile, 'utf8');
    const up = 'ecs-cli up --cluster learn --size 1 --capability-iam';
    const { stdout } = await learn(['first-cluster'], ['ecs create-cluster --cluster-name learn', up, up, 'ecs-cli up --cluster learn --size 2 --capability-iam --force']);
    expect(stdout).toContain('✓ Well done: step 1 of 5 is done.');
    expect(stdout).toMatch(/Created cluster +cluster=learn region=us-east-1\n/);
    expect(stdout).not.toContain('eu-west-1');
    // One instance is not two; the second wrong try gets the answer that works from there: --force replaces the first up's.
    expect(stdout).toContain('\nHint: ecs-cli up makes them: --cluster names the cluster, --size says how many, --capability-iam gives them a role (--force replaces what an earlier ecs-cli up made).\n');
    expect(stdout).toContain('\nAnswer: ecs-cli up --cluster learn --size 2 --capability-iam --force\n');
    expect(stdout).toContain('✓ Well done: step 2 of 5 is done.');
    expect(readFileSync(configFile, 'utf8')).toBe(before);
  });

  it('keeps the steps done when stdin ends first, goes on from there, and starts over with --restart', async () => {
    const first = await learn([TWO_CLUSTERS], ['ecs create-cluster --cluster-name one']);
    expect(first.code).toBe(1);
    expect(first.stderr).toBe('ecsh: the lesson two-clusters is not finished; ecsh learn two-clusters goes on where you are\n');
    expect(progress()['two-clusters']).toEqual({ completed: 1, done: false });

    const again = await learn([TWO_CLUSTERS]);
    expect(again.stdout).toMatch(/^Welcome back: 1 step done, rebuilt on a fresh sandbox\. On with step 2\.\nStep 2 of 3\n/);

    const restarted = await learn([TWO_CLUSTERS, '--restart']);
    expect(restarted.stdout).toMatch(/^Step 1 of 3\n/);
    expect(progress()['two-clusters']).toEqual({ completed: 0, done: false });
  });
});
