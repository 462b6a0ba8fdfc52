import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseDemoScript, verifyDemo, type LessonFeedback, type LessonRun, type StepOutcome } from '../../../source/demo/index.js';
import { demoCommand } from '../../../source/demo-command.js';
import { LessonDriver } from '../../../source/shell/demo/lesson-driver.js';
import { seededSession } from '../../../source/shell/demo/seeded-session.js';
import { recordingFiles } from '../../../source/shell/demo/screen-commands.js';
import { runLine } from '../../../source/shell/run-line.js';
import { Session } from '../../../source/shell/session.js';
import { testShell } from '../support.js';
import { promptRow, renderDriven, type DrivenApp } from './driven-app.js';

const ENTER = '\r';
const ESC = '\u001B';

let app: DrivenApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

const temporary = () => mkdtempSync(join(tmpdir(), 'ecsh-screen-'));

describe('.demo in the shell', () => {
  it('plays a script file in this shell, says what is playing, and stops', async () => {
    const dir = temporary();
    writeFileSync(join(dir, 'hello.demo'), '## hello\n# say Hello from a demo.\necs list-clusters\n');
    app = await renderDriven([]);
    await app.press('.demo', ENTER);
    await app.waitFor('no demo is playing; .demo play NAME plays one');
    await app.press(`.demo play ${join(dir, 'hello.demo')}`, ENTER);
    await app.waitFor("playing hello here, on this session's backend");
    await app.waitFor('Hello from a demo.');
    expect(app.frame()).toContain('demo hello 1/1');
    await app.press('x');
    expect(promptRow(app.frame())).toMatch(/^sandbox> ecs\s*$/);
    await app.press(ESC, '.demo', ENTER);
    await app.waitFor('playing hello (present), at step 1 of 1 (line 3: ecs list-clusters); off script');
    await app.press('.demo play hello', ENTER);
    await app.waitFor('hello is playing: .demo stop ends it first');
    await app.press('.demo stop', ENTER);
    await app.waitFor('stopped hello');
    expect(app.frame()).not.toContain('demo hello 1/1');
  });

  it("runs the demo's lines in its folder, for its file:// paths, and gives the shell its own back at the end", async () => {
    const dir = temporary();
    writeFileSync(join(dir, 'td.json'), JSON.stringify({ family: 'from-file', containerDefinitions: [{ name: 'web', image: 'nginx', memory: 128 }] }));
    writeFileSync(join(dir, 'files.demo'), 'ecs register-task-definition --cli-input-json file://td.json --query taskDefinition.family\n');
    const elsewhere = temporary();
    app = await renderDriven([], { cwd: elsewhere });
    await app.press(`.demo play ${join(dir, 'files.demo')}`, ENTER);
    await app.waitFor('demo files 1/1');
    for (let presses = 0; presses < 40 && !promptRow(app.frame()).includes('taskDefinition.family'); presses++) await app.press('x');
    await app.press(ENTER);
    await app.waitFor('"from-file"');
    await app.waitFor('end of files: the shell is yours');
    await app.press('!pwd', ENTER);
    await app.waitFor(elsewhere);
  });

  it('says what is wrong with a script that cannot play, and the usage for a wrong word', async () => {
    const dir = temporary();
    writeFileSync(join(dir, 'broken.demo'), 'ecs list-clusters\n# wiat-for /x/\n');
    app = await renderDriven([]);
    await app.press(`.demo play ${join(dir, 'broken.demo')}`, ENTER);
    await app.waitFor(/broken\.demo:2: unknown directive '# wiat-for'; did you mean # wait-for\?/);
    await app.press('.demo pause', ENTER);
    await app.waitFor("usage: .demo [play NAME|FILE | resume | stop | list]; got '.demo pause'");
  });

  it('needs a terminal outside the interactive shell', async () => {
    const shell = testShell();
    try {
      const outcome = await runLine('.demo play php-app', shell.context);
      expect(outcome).toMatchObject({ ok: false, error: '.demo needs a terminal: it is part of the interactive shell' });
      expect((await runLine('.record start', shell.context)).error).toBe('.record needs a terminal: it is part of the interactive shell');
    } finally {
      await shell.close();
    }
  });
});

describe('.learn NAME on AWS', () => {
  it('is refused: a lesson sets up its sandbox unseen, which must never be an AWS account', async () => {
    const shell = testShell({ backend: 'aws', region: 'us-east-1' }, { screen: { add: () => undefined, find: () => undefined } });
    try {
      const outcome = await runLine('.learn first-cluster', shell.context);
      expect(outcome).toMatchObject({
        ok: false,
        error: 'a lesson runs on a sandbox, and this session is on AWS: .backend sandbox first, or ecsh learn first-cluster on a fresh sandbox of its own',
      });
    } finally {
      await shell.close();
    }
  });
});

describe('.record in the shell', () => {
  it('writes what was run as NAME.demo, with output hints, and the screen as NAME.cast, credentials masked in both', async () => {
    const dir = temporary();
    app = await renderDriven([], { cwd: dir });
    await app.press('.record start first', ENTER);
    await app.waitFor('recording first: what you run and the screen; .record stop saves them');
    expect(app.frame()).toContain('recording first');
    await app.press('ecs create-cluster --cluster-name rec --query cluster.status', ENTER);
    await app.waitFor('"ACTIVE"');
    await app.press('!echo aws_secret_access_key=wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY', ENTER);
    await app.waitFor(/^aws_secret_access_key=wJalr/m);
    await app.press('ecs describe-clusters --clusters nowhere --query failures[0].reason', ENTER);
    await app.waitFor('"MISSING"');
    await app.press('.record', ENTER);
    await app.waitFor('recording first: 3 commands so far');
    await app.press('.record stop', ENTER);
    await app.waitFor('saved 3 commands to');
    expect(app.frame().replace(/\n/g, '')).toContain(`saved 3 commands to ${join(dir, 'first.demo')} and the screen to ${join(dir, 'first.cast')}`);

    const demo = readFileSync(join(dir, 'first.demo'), 'utf8');
    const cast = readFileSync(join(dir, 'first.cast'), 'utf8');
    for (const text of [demo, cast]) expect(text).not.toContain('wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY');
    const { script, problems } = parseDemoScript(demo, join(dir, 'first.demo'));
    expect(problems).toEqual([]);
    expect(script!.steps.map((step) => step.command)).toEqual([
      'ecs create-cluster --cluster-name rec --query cluster.status',
      '!echo aws_secret_access_key=****',
      'ecs describe-clusters --clusters nowhere --query failures[0].reason',
    ]);
    expect(demo).toContain('## wait-for /"ACTIVE"/');

    const [header, ...events] = cast.trimEnd().split('\n').map((line) => JSON.parse(line));
    expect(header).toMatchObject({ version: 2, width: 100, height: 24, title: 'first' });
    const times = events.map((event: [number, string, string]) => event[0]);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(events.every((event: [number, string, string]) => event[1] === 'o')).toBe(true);
    expect(events.some((event: [number, string, string]) => event[2].includes('"ACTIVE"'))).toBe(true);

    // The recording replays, verified, on a fresh sandbox.
    const fresh = testShell();
    try {
      const result = await verifyDemo(script!, { runLine: (line) => runLine(line, fresh.context) });
      expect(result).toMatchObject({ ok: true, verified: 3 });
    } finally {
      await fresh.close();
    }
  });

  it('keeps the region it was recorded in, so that it replays in verify mode there', async () => {
    const dir = temporary();
    const session = new Session({ backend: 'sandbox', ephemeral: true, region: 'eu-west-1' });
    try {
      app = await renderDriven([], { cwd: dir, session });
      await app.press('.record start regional', ENTER);
      await app.waitFor('recording regional');
      await app.press('ecs create-cluster --cluster-name rec --query cluster.clusterArn', ENTER);
      await app.waitFor('cluster/rec');
      await app.press('ecs list-clusters', ENTER);
      await app.waitFor('"clusterArns"');
      await app.press('.record stop', ENTER);
      await app.waitFor('saved 2 commands to');
    } finally {
      await app?.close();
      app = undefined;
      await session.close();
    }

    const file = join(dir, 'regional.demo');
    const recorded = readFileSync(file, 'utf8');
    expect(recorded).toContain('\n# sandbox seed=1 region=eu-west-1\n## Recorded on a sandbox without a seed: a replay starts a fresh sandbox with seed 1');
    expect(recorded).toContain(String.raw`## wait-for /"arn:aws:ecs:eu-west-1:123456789012:cluster\/rec"/`);
    // Every hint made live: the replay must see the ARNs in eu-west-1.
    writeFileSync(file, recorded.replaceAll('## wait-for', '# wait-for'));
    let out = '';
    const status = await demoCommand(['play', file, '--mode', 'verify'], { stdout: { write: (text: string) => (out += text) }, stderr: { write: (text: string) => (out += text) } });
    expect(out).toContain('verified: 2 steps');
    expect(status).toBe(0);
  });

  it("gives the seed and speed of a demo's or a lesson's sandbox to a recording made on it", async () => {
    const dir = temporary();
    const session = seededSession({ seed: 2015, speed: 20 });
    try {
      app = await renderDriven([], { cwd: dir, session });
      await app.press('.record start seeded', ENTER);
      await app.waitFor('recording seeded');
      await app.press('ecs list-clusters', ENTER);
      await app.waitFor('"clusterArns"');
      await app.press('.record stop', ENTER);
      await app.waitFor('saved 1 commands to');
      expect(readFileSync(join(dir, 'seeded.demo'), 'utf8').split('\n')[1]).toBe('# sandbox seed=2015 speed=20 region=us-east-1');
    } finally {
      await app?.close();
      app = undefined;
      await session.close();
    }
  });

  it('names a recording after the time unless told, never over an earlier one, in the directory of a path given', () => {
    const dir = temporary();
    const at = new Date(2026, 10, 25, 7, 30);
    expect(recordingFiles(undefined, dir, at)).toEqual({ name: 'recording-20261125-0730', demoFile: join(dir, 'recording-20261125-0730.demo'), castFile: join(dir, 'recording-20261125-0730.cast') });
    writeFileSync(join(dir, 'recording-20261125-0730.cast'), '');
    expect(recordingFiles(undefined, dir, at)).toMatchObject({ name: 'recording-20261125-0730-2' });
    mkdirSync(join(dir, 'talks'));
    expect(recordingFiles('talks/lb.demo', dir, at)).toEqual({ name: 'lb', demoFile: join(dir, 'talks', 'lb.demo'), castFile: join(dir, 'talks', 'lb.cast') });
    writeFileSync(join(dir, 'talks', 'lb.demo'), '');
    expect(recordingFiles('talks/lb', dir, at)).toBe(`${join(dir, 'talks', 'lb.demo')} or ${join(dir, 'talks', 'lb.cast')} exists already: give another name`);
    expect(recordingFiles('nowhere/x', dir, at)).toBe(`no directory ${join(dir, 'nowhere')} to record into`);
  });
});

/** A lesson of one step: make a cluster named learn. It checks what the line's output says. */
function oneStepLesson(tries: { line: string; outcome: StepOutcome }[]): LessonRun {
  let done = false;
  let wrong = 0;
  return {
    name: 'first-cluster',
    title: 'Your first cluster',
    get done() {
      return done;
    },
    get progress() {
      return { step: done ? 2 : 1, steps: 1 };
    },
    current: () => [{ kind: 'say', text: 'Step 1 of 1: make a cluster named learn.' }],
    afterLine: async (line, outcome): Promise<LessonFeedback[]> => {
      tries.push({ line, outcome });
      if (outcome.ok && outcome.output.includes('cluster/learn')) {
        done = true;
        return [
          { kind: 'success', text: 'Yes: the cluster learn is there.' },
          { kind: 'done', text: 'Lesson done.' },
        ];
      }
      wrong++;
      return wrong === 1 ? [{ kind: 'hint', text: 'Hint: ecs create-cluster makes one.' }] : [{ kind: 'answer', text: 'ecs create-cluster --cluster-name learn' }];
    },
  };
}

describe('a lesson in the shell', () => {
  it('narrates the step, hears each line with its outcome, gives a hint, the answer, then success', async () => {
    const tries: { line: string; outcome: StepOutcome }[] = [];
    app = await renderDriven([new LessonDriver(oneStepLesson(tries))]);
    await app.waitFor('Step 1 of 1: make a cluster named learn.');
    expect(app.frame()).toContain('lesson first-cluster: step 1/1');
    await app.press('ecs list-clusters', ENTER);
    await app.waitFor('Hint: ecs create-cluster makes one.');
    await app.press('.learn', ENTER);
    await vi.waitFor(() => expect(app!.frame().split('Step 1 of 1').length).toBe(3));
    await app.press('ecs create-cluster --cluster-name wrong', ENTER);
    await app.waitFor(/^ecs create-cluster --cluster-name learn$/m);
    await app.press('ecs create-cluster --cluster-name learn', ENTER);
    await app.waitFor('Yes: the cluster learn is there.');
    await app.waitFor('Lesson done.');
    expect(tries.map((tried) => [tried.line, tried.outcome.ok])).toEqual([
      ['ecs list-clusters', true],
      ['ecs create-cluster --cluster-name wrong', true],
      ['ecs create-cluster --cluster-name learn', true],
    ]);
    expect(app.frame()).not.toContain('lesson first-cluster');
  });

  it('.learn stop leaves it, and the lines after are the learner own', async () => {
    const tries: { line: string; outcome: StepOutcome }[] = [];
    app = await renderDriven([new LessonDriver(oneStepLesson(tries))]);
    await app.waitFor('Step 1 of 1');
    await app.press('.learn stop', ENTER);
    await app.waitFor('left the lesson first-cluster; .learn first-cluster takes it again where you were');
    await app.press('ecs list-clusters', ENTER);
    await app.waitFor('"clusterArns"');
    expect(tries).toEqual([]);
  });

  it('.learn NAME takes a shipped lesson on this session, judging the sandbox after each line, and saves progress', async () => {
    const config = temporary();
    vi.stubEnv('ECSH_CONFIG_DIR', config);
    try {
      app = await renderDriven([]);
      await app.press('.learn', ENTER);
      await app.waitFor(/first-cluster +Your first cluster/);
      await app.press('.learn first-cluster', ENTER);
      await app.waitFor('Make one called learn.');
      expect(app.frame()).toContain('lesson first-cluster');
      await app.press('ecs create-cluster --cluster-name other', ENTER);
      // The wrong try is said so, and the hint is labelled: neither reads as an echo of a command.
      await app.waitFor(/^Not yet: the lesson asks ecs describe-clusters --clusters learn, and /m);
      await app.waitFor(/^Hint: ecs create-cluster takes the cluster's name with --cluster-name\.$/m);
      await app.press('ecs create-cluster --cluster-name learn', ENTER);
      await app.waitFor('ecs-cli up launches EC2 instances');
      await app.press('.learn first-cluster', ENTER);
      await app.waitFor('the lesson first-cluster is running: .learn stop leaves it first');
      expect(readFileSync(join(config, 'lessons.json'), 'utf8')).toContain('first-cluster');
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
