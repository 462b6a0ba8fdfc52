import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { saveProgress } from '../../../source/demo/lessons/lesson-progress.js';
import { runLine } from '../../../source/shell/run-line.js';
import { FIXTURES, kinds, startLearner, temporaryProgressFile, type Learner } from './support.js';

/** Answers that depend on the state the learner left, and looking steps held to their wait-for. */
const ANSWERS = join(FIXTURES, 'answers.demo');

const learners: Learner[] = [];
afterEach(async () => {
  await Promise.all(learners.splice(0).map((learner) => learner.close()));
});

async function learner(nameOrFile: string): Promise<Learner> {
  const taken = await startLearner(nameOrFile, temporaryProgressFile());
  learners.push(taken);
  return taken;
}

describe('a wrong try', () => {
  it('is said to be wrong in one line, with a labelled hint the first time and the labelled answer from the second', async () => {
    const lesson = await learner(ANSWERS);
    const first = await lesson.type('ecs create-cluster --cluster-name one');
    expect(first).toEqual([
      { kind: 'wrong', text: "Not yet: the lesson asks ecs describe-clusters --clusters one --include TAGS, and clusters[0].tags[?key == 'team'] | [0].value == 'blue' gave false." },
      { kind: 'hint', text: 'Hint: ecs create-cluster takes --tags key=KEY,value=VALUE.' },
    ]);
    for (const item of first) expect(item.text.split('\n')).toHaveLength(1);
    // The cluster is there untagged: making it again would not tag it, so the answer is another line, its ARN read from the sandbox.
    const second = await lesson.type('ecs create-cluster --cluster-name one --tags key=team,value=red');
    expect(kinds(second)).toEqual(['wrong', 'answer']);
    expect(second[1]!.text).toBe('Answer: ecs tag-resource --resource-arn arn:aws:ecs:us-east-1:123456789012:cluster/one --tags key=team,value=blue');
    expect(kinds(await lesson.type(second[1]!.text.slice('Answer: '.length)))).toEqual(['success', 'say', 'say']);
  });

  it("gets the step's own command as the answer when no # answer's # when holds", async () => {
    const lesson = await learner(ANSWERS);
    await lesson.type('ecs create-cluster --cluster-name two');
    const second = await lesson.type('ecs create-cluster --cluster-name three');
    expect(second[1]).toEqual({ kind: 'answer', text: 'Answer: ecs create-cluster --cluster-name one --tags key=team,value=blue' });
  });
});

describe('a step with a # wait-for', () => {
  it('is done only when what the learner ran shows it, though its checks pass', async () => {
    const lesson = await learner(ANSWERS);
    await lesson.type('ecs create-cluster --cluster-name one --tags key=team,value=blue');
    // The cluster is there (the check passes), but a count does not show it.
    expect(await lesson.type('ecs list-clusters --query "length(clusterArns)"')).toEqual([
      { kind: 'wrong', text: 'Not yet: the lesson looks for /cluster\\/one/ in what you run, and that did not show it.' },
      { kind: 'hint', text: 'Hint: try ecs list-clusters.' },
    ]);
    expect(kinds(await lesson.type('ecs list-clusters'))).toEqual(['success', 'say', 'say']);
    // ecs-cli ps with nothing running prints no RUNNING container: the step is not done.
    const empty = await lesson.type('ecs-cli ps --cluster one');
    expect(empty[0]).toEqual({ kind: 'wrong', text: 'Not yet: the lesson looks for /RUNNING/ in what you run, and that did not show it.' });
    expect(lesson.lesson.progress).toEqual({ step: 3, steps: 3 });
  });
});

describe('the shipped lessons answer from where the learner is', () => {
  it('services: a service made with the wrong count is scaled, not made again', { timeout: 60_000 }, async () => {
    const services = await learner('services');
    const create = 'ecs create-service --cluster learn --service-name web --task-definition web --desired-count 1';
    await services.type(create);
    const second = await services.type(create.replace('--service-name web', '--service-name web2'));
    expect(second[1]).toEqual({ kind: 'answer', text: 'Answer: ecs update-service --cluster learn --service web --desired-count 2' });
    expect(kinds(await services.type('ecs update-service --cluster learn --service web --desired-count 2'))[0]).toBe('success');
  });

  it("services: the task to stop is one of the learner's, read from the sandbox", { timeout: 60_000 }, async () => {
    const progressFile = temporaryProgressFile();
    saveProgress('services', { completed: 4, done: false }, progressFile);
    const services = await startLearner('services', progressFile);
    learners.push(services);
    expect(services.lesson.progress.step).toBe(5);
    await services.type('ecs stop-task --cluster learn --task nothing-like-a-task');
    const second = await services.type('ecs stop-task --cluster learn --task 0123456789abcdef0123456789abcdef');
    const answer = second[1]!.text;
    expect(answer).toMatch(/^Answer: ecs stop-task --cluster learn --task arn:aws:ecs:us-east-1:123456789012:task\/learn\/[0-9a-f]{32}$/);
    const running = await runLine('ecs list-tasks --cluster learn --service-name web --query taskArns', services.shell.context);
    expect(running.output).toContain(answer.split(' ').at(-1)!);
    expect(kinds(await services.type(answer.slice('Answer: '.length)))[0]).toBe('success');
  });
});
