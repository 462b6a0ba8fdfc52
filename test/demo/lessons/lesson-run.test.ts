import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openLesson, restartProgress } from '../../../source/demo/index.js';
import { readProgress, saveProgress } from '../../../source/demo/lessons/lesson-progress.js';
import { runLine } from '../../../source/shell/run-line.js';
import { FIXTURES, kinds, startLearner, temporaryProgressFile, TWO_CLUSTERS, type Learner } from './support.js';

const learners: Learner[] = [];
afterEach(async () => {
  await Promise.all(learners.splice(0).map((learner) => learner.close()));
});

async function learner(nameOrFile: string, progressFile: string): Promise<Learner> {
  const taken = await startLearner(nameOrFile, progressFile);
  learners.push(taken);
  return taken;
}

describe('taking a lesson', () => {
  it('gives the hint after a wrong try, passes a right one on the state it leaves, and saves progress', async () => {
    const progressFile = temporaryProgressFile();
    const services = await learner('services', progressFile);
    const opening = services.lesson.current();
    expect(opening[0]).toEqual({ kind: 'say', text: 'Step 1 of 6' });
    expect(opening.map((item) => item.text).join(' ')).toContain('Create service web, running 2 tasks of web.');

    const wrong = await services.type('ecs create-service --cluster learn --service-name web --task-definition web --desired-count 1');
    expect(wrong).toEqual([
      {
        kind: 'wrong',
        text: "Not yet: the lesson asks ecs describe-services --cluster learn --services web, and services[0].status == 'ACTIVE' && services[0].desiredCount == `2` gave false.",
      },
      { kind: 'hint', text: 'Hint: ecs create-service needs --cluster, --service-name, --task-definition and --desired-count.' },
    ]);
    expect(readProgress(progressFile)).toEqual({});

    // Not the answer's text, but the state it leaves: the service, wanting 2 tasks.
    const right = await services.type('ecs update-service --cluster learn --service web --desired-count 2');
    expect(right[0]).toEqual({ kind: 'success', text: 'Well done: step 1 of 6 is done.' });
    expect(right[1]).toEqual({ kind: 'say', text: 'Step 2 of 6' });
    expect(right.slice(2).map((item) => item.text).join(' ')).toContain('Watch its running count reach the desired count');
    expect(readProgress(progressFile)).toEqual({ services: { completed: 1, done: false } });
    expect(statSync(progressFile).mode & 0o777).toBe(0o600);
  });

  it('comes back where the learner left, with the sandbox rebuilt from the answers of the steps done', async () => {
    const progressFile = temporaryProgressFile();
    saveProgress('services', { completed: 1, done: false }, progressFile);
    const services = await learner('services', progressFile);
    expect(services.lesson.current().slice(0, 2)).toEqual([
      { kind: 'say', text: 'Welcome back: 1 step done, rebuilt on a fresh sandbox. On with step 2.' },
      { kind: 'say', text: 'Step 2 of 6' },
    ]);
    const described = await runLine('ecs describe-services --cluster learn --services web --query services[0].desiredCount', services.shell.context);
    expect(described.output.trim()).toBe('2');
  });

  it('never counts looking as a try, and gives the answer after two wrong tries', async () => {
    const lesson = await learner(TWO_CLUSTERS, temporaryProgressFile());
    expect(await lesson.type('ecs list-clusters')).toEqual([]);
    expect(await lesson.type('.help')).toEqual([]);
    expect(kinds(await lesson.type('ecs create-cluster --cluster-name one'))).toEqual(['success', 'say', 'say']);

    // Looking is the step here: looking too early gets a kind word, not a hint.
    expect(await lesson.type('ecs list-clusters')).toEqual([
      { kind: 'say', text: 'Not yet: the sandbox is still on its way there. Give it a moment, then look again.' },
    ]);
    expect(kinds(await lesson.type('ecs create-cluster --cluster-name two'))).toEqual(['success', 'say', 'say']);

    // A step without a # hint: the hint names the command to use.
    const wrongOnce = "Not yet: the lesson asks ecs describe-clusters --clusters one, and clusters[0].status == 'INACTIVE' gave false.";
    expect(await lesson.type('ecs create-cluster --cluster-name three')).toEqual([
      { kind: 'wrong', text: wrongOnce },
      { kind: 'hint', text: 'Hint: try ecs delete-cluster.' },
    ]);
    expect(await lesson.type('ecs describe-clusters --clusters one')).toEqual([]);
    const answer = { kind: 'answer', text: 'Answer: ecs delete-cluster --cluster one' };
    expect(await lesson.type('ecs create-cluster --cluster-name four')).toEqual([{ kind: 'wrong', text: wrongOnce }, answer]);
    expect(await lesson.type('ecs delete-cluster --cluster nowhere')).toEqual([{ kind: 'wrong', text: 'Not yet: that failed, so step 3 is not done.' }, answer]);
  });

  it('ends with the closing words, marks the lesson done, and starts a done lesson from the top', async () => {
    const progressFile = temporaryProgressFile();
    const lesson = await learner(TWO_CLUSTERS, progressFile);
    await lesson.type('ecs create-cluster --cluster-name one');
    await lesson.type('ecs create-cluster --cluster-name two');
    const last = await lesson.type('ecs delete-cluster --cluster one');
    expect(last).toEqual([
      { kind: 'success', text: 'Well done: step 3 of 3 is done.' },
      { kind: 'say', text: 'That was all.' },
      { kind: 'done', text: 'You have finished Two clusters: a short lesson the tests take. ecsh learn lists the other lessons.' },
    ]);
    expect(lesson.lesson.done).toBe(true);
    expect(readProgress(progressFile)['two-clusters']).toEqual({ completed: 3, done: true });
    expect(kinds(await lesson.type('ecs list-clusters'))).toEqual(['done']);

    const again = await learner(TWO_CLUSTERS, progressFile);
    expect(again.lesson.current()[0]).toEqual({ kind: 'say', text: 'Step 1 of 3' });
    await again.type('ecs create-cluster --cluster-name one');
    expect(readProgress(progressFile)['two-clusters']).toEqual({ completed: 1, done: true });
  });

  it('starts again from the first step after a restart', async () => {
    const progressFile = temporaryProgressFile();
    saveProgress('two-clusters', { completed: 1, done: false }, progressFile);
    restartProgress('two-clusters', progressFile);
    const lesson = await learner(TWO_CLUSTERS, progressFile);
    expect(lesson.lesson.current()).toEqual([
      { kind: 'say', text: 'Step 1 of 3' },
      { kind: 'say', text: 'Make a cluster called one.' },
    ]);
    expect((await runLine('ecs list-clusters --query clusterArns', lesson.shell.context)).output.trim()).toBe('[]');
  });

  it('goes on from the step the rebuild could not get past', async () => {
    const progressFile = temporaryProgressFile();
    // Step 2's answer only looks: on a fresh sandbox it cannot leave two clusters.
    saveProgress('two-clusters', { completed: 2, done: false }, progressFile);
    const lesson = await learner(TWO_CLUSTERS, progressFile);
    const said = lesson.lesson.current();
    expect(said[0]!.kind).toBe('error');
    expect(said[0]!.text).toMatch(/^could not rebuild the sandbox past line 10 \(# check at line 11 did not pass: .*\); you go on from there$/);
    expect(said[1]).toEqual({ kind: 'say', text: 'Step 2 of 3' });
  });
});

describe('opening a lesson', () => {
  const runLineNowhere = async () => ({ ok: false, output: '', error: 'not reached' });

  it('names the lessons there are when asked for one that is not', async () => {
    await expect(openLesson('nope', { runLine: runLineNowhere })).rejects.toThrow(
      /^no lesson nope; the lessons are deployments, first-cluster, load-balancers, placement, service-discovery, services$/,
    );
    await expect(openLesson('missing/lesson.demo', { runLine: runLineNowhere })).rejects.toThrow(/^no lesson file missing\/lesson.demo; /);
  });

  it('refuses a lesson with a step nothing checks, or without a sandbox of its own, with file:line', async () => {
    const unchecked = join(FIXTURES, 'unchecked.demo');
    await expect(openLesson(unchecked, { runLine: runLineNowhere })).rejects.toThrow(`${unchecked}:5: a lesson step needs a # check after it`);
    const noSandbox = join(FIXTURES, 'no-sandbox.demo');
    await expect(openLesson(noSandbox, { runLine: runLineNowhere })).rejects.toThrow(`${noSandbox}:1: a lesson starts with # sandbox seed=N speed=X`);
  });
});
