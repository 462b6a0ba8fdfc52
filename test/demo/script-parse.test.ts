import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TYPING_SPEED, listDemos, loadDemoScript, parseDemoScript } from '../../source/demo/index.js';

const FILE = 'demos/test.demo';

function parsed(text: string) {
  const { script, problems } = parseDemoScript(text, FILE);
  expect(problems).toEqual([]);
  return script!;
}

/** The problems of a broken script, as "line: message". */
function problemsOf(text: string): string[] {
  const { script, problems } = parseDemoScript(text, FILE);
  expect(script).toBeUndefined();
  for (const problem of problems) expect(problem.file).toBe(FILE);
  return problems.map((p) => `${p.line}: ${p.message}`);
}

describe('parseDemoScript reads every directive', () => {
  it('takes the first ## comment as the title, the file name as the name, and # sandbox before the first command', () => {
    const script = parsed('## PHP behind a load balancer\n## another comment\n# sandbox seed=42 speed=20\n\necs list-clusters\n');
    expect(script.name).toBe('test');
    expect(script.file).toBe(FILE);
    expect(script.title).toBe('PHP behind a load balancer');
    expect(script.sandbox).toEqual({ seed: 42, speed: 20 });
    expect(script.steps.map((s) => [s.line, s.command])).toEqual([[5, 'ecs list-clusters']]);
  });

  it('gives # sandbox a speed of 1 unless told, and a script without it no sandbox', () => {
    expect(parsed('# sandbox seed=7\necs list-clusters').sandbox).toEqual({ seed: 7, speed: 1 });
    expect(parsed('# sandbox seed=7 region=eu-west-1\necs list-clusters').sandbox).toEqual({ seed: 7, speed: 1, region: 'eu-west-1' });
    expect(parsed('ecs list-clusters').sandbox).toBeUndefined();
  });

  it('attaches say, pause, marker, hint and requires to the next command, and the say after the last to the closing', () => {
    const script = parsed(
      ['# say first words', '# say', '# pause', '# marker start', '# hint try list-clusters', '# requires docker jq', 'ecs list-clusters', 'ecs list-services', '# say goodbye'].join('\n'),
    );
    const [first, second] = script.steps;
    expect(first).toMatchObject({ say: ['first words', ''], pause: true, marker: 'start', hints: ['try list-clusters'], requires: ['docker', 'jq'] });
    expect(second).toMatchObject({ say: [], pause: false, hints: [] });
    expect(second!.marker).toBeUndefined();
    expect(second!.requires).toBeUndefined();
    expect(script.closing).toEqual(['goodbye']);
  });

  it('attaches wait-for, expect and check to the command before them, even past narration', () => {
    const script = parsed(
      [
        'ecs describe-services --cluster c --services web',
        '# say while it starts',
        '# wait-for /runningCount.*2/i 2m',
        '# wait-for /ACTIVE/',
        '# expect exit 1',
        '# check ecs describe-services --cluster c --services web => services[0].runningCount == `2`',
        'ecs list-clusters',
      ].join('\n'),
    );
    const [step, next] = script.steps;
    expect(step!.waitFor.map((w) => ({ source: w.source, timeoutMs: w.timeoutMs, line: w.line, flags: w.pattern.flags }))).toEqual([
      { source: '/runningCount.*2/i', timeoutMs: 120_000, line: 3, flags: 'i' },
      { source: '/ACTIVE/', timeoutMs: 0, line: 4, flags: '' },
    ]);
    expect(step!.expectExit).toBe(1);
    expect(step!.checks).toEqual([{ command: 'ecs describe-services --cluster c --services web', expression: 'services[0].runningCount == `2`', line: 6 }]);
    expect(next!.say).toEqual(['while it starts']);
    expect(next!.expectExit).toBe(0);
  });

  it('attaches # answer, each with the # when under it, to the command before them', () => {
    const script = parsed(
      [
        'ecs create-service --cluster learn --service-name web --task-definition web --desired-count 2',
        '# check ecs describe-services --cluster learn --services web => services[0].desiredCount == `2`',
        '# answer ecs update-service --cluster learn --service web --desired-count 2',
        "# when ecs describe-services --cluster learn --services web => services[0].status == 'ACTIVE'",
        '# answer ecs stop-task --cluster learn --task {{ecs list-tasks --cluster learn => taskArns[0]}}',
        'ecs list-clusters',
      ].join('\n'),
    );
    const [step, next] = script.steps;
    expect(step!.answers).toEqual([
      {
        command: 'ecs update-service --cluster learn --service web --desired-count 2',
        line: 3,
        when: { command: 'ecs describe-services --cluster learn --services web', expression: "services[0].status == 'ACTIVE'", line: 4 },
      },
      { command: 'ecs stop-task --cluster learn --task {{ecs list-tasks --cluster learn => taskArns[0]}}', line: 5 },
    ]);
    expect(next!.answers).toEqual([]);
  });

  it('rejects an # answer with no command before it or a bad {{value}}, and a # when under no answer or a second one', () => {
    expect(problemsOf('# answer ecs list-clusters\necs list-clusters')).toEqual(['1: # answer checks the command before it, and there is none: put it after a command']);
    expect(problemsOf('ecs list-clusters\n# answer')).toEqual(['2: # answer needs the line to give as the answer, such as # answer ecs update-service --cluster learn --service web --desired-count 2']);
    expect(problemsOf('ecs list-clusters\n# answer ecs stop-task --task {{taskArns[0]}}')).toEqual([
      '2: {{taskArns[0]}} takes COMMAND => JMESPATH, such as {{ecs list-tasks --cluster learn => taskArns[0]}}',
    ]);
    expect(problemsOf('ecs list-clusters\n# answer ecs stop-task --task {{ecs list-tasks => taskArns[}}')[0]).toMatch(/^2: in \{\{ecs list-tasks => taskArns\[\}\}: bad JMESPath 'taskArns\[': /);
    expect(problemsOf('ecs list-clusters\n# when ecs list-clusters => clusterArns')).toEqual(['2: # when says when the # answer above it is the answer, and there is none: put it under an # answer']);
    expect(problemsOf('ecs list-clusters\n# answer ecs list-services\n# when ecs list-clusters => clusterArns\n# when ecs list-clusters => clusterArns')).toEqual([
      '4: a second # when for the # answer at line 2: give one, or another # answer',
    ]);
    expect(problemsOf('ecs list-clusters\n# answer ecs list-services\n# when ecs list-clusters')).toEqual([
      '3: # when takes COMMAND => JMESPATH, such as # when ecs list-clusters => length(clusterArns) == `1`',
    ]);
  });

  it('reads timeouts in ms, s and m, and regexes with slashes in classes or escaped', () => {
    const script = parsed(['ecs list-clusters', '# wait-for /a[/]b/ 500ms', '# wait-for /c\\/d/ 30s', '# wait-for /e/ 1.5m'].join('\n'));
    expect(script.steps[0]!.waitFor.map((w) => [w.pattern.test('a/b c/d e'), w.timeoutMs])).toEqual([
      [true, 500],
      [true, 30_000],
      [true, 90_000],
    ]);
  });

  it('marks steps between # hidden and # shown, and keeps # speed and # env from where they are on', () => {
    const script = parsed(['ecs list-clusters', '# hidden', '# speed 40', '# env GREETING=hello there', '!echo $GREETING', '# shown', '# env GREETING=', '.help'].join('\n'));
    expect(script.steps.map((s) => [s.command, s.hidden, s.speed, s.env])).toEqual([
      ['ecs list-clusters', false, DEFAULT_TYPING_SPEED, {}],
      ['!echo $GREETING', true, 40, { GREETING: 'hello there' }],
      ['.help', false, 40, { GREETING: '' }],
    ]);
  });

  it('skips blank lines, a #! first line and ## comments, and keeps ! and . lines as steps', () => {
    const script = parsed('#!/usr/bin/env ecsh\n\n## title\n!curl -s localhost\n   .pane placement  \n## wait-for /not a directive/\n');
    expect(script.steps.map((s) => [s.line, s.command])).toEqual([
      [4, '!curl -s localhost'],
      [5, '.pane placement'],
    ]);
  });
});

describe('parseDemoScript says what is wrong, with the line', () => {
  it('names the directive meant by a misspelt one, and lists them for a word far from all', () => {
    expect(problemsOf('ecs list-clusters\n# wiat-for /x/')).toEqual(["2: unknown directive '# wiat-for'; did you mean # wait-for?"]);
    expect(problemsOf('# sya hello\necs list-clusters')).toEqual(["1: unknown directive '# sya'; did you mean # say?"]);
    expect(problemsOf('# banana\necs list-clusters')[0]).toMatch(/^1: unknown directive '# banana'; directives are say, wait-for, .* \(## for a comment\)$/);
    expect(problemsOf('#\necs list-clusters')).toEqual(["1: a lone '#': write '## text' for a comment, or a directive such as '# say TEXT'"]);
  });

  it('rejects a bad regex, a missing slash, a bad timeout and words after it', () => {
    expect(problemsOf('ecs list-clusters\n# wait-for /(unclosed/')).toEqual(['2: bad regex /(unclosed/: Unterminated group']);
    expect(problemsOf('ecs list-clusters\n# wait-for /x/q')[0]).toMatch(/^2: bad regex \/x\/q: /);
    expect(problemsOf('ecs list-clusters\n# wait-for /open')).toEqual(['2: the regex /open has no closing /']);
    expect(problemsOf('ecs list-clusters\n# wait-for ACTIVE')).toEqual(["2: # wait-for takes /REGEX/ and an optional timeout (30s, 2m), got 'ACTIVE'"]);
    expect(problemsOf('ecs list-clusters\n# wait-for /x/ 30')).toEqual(["2: bad timeout '30': write it like 500ms, 30s or 2m; give a unit: 30s or 30m"]);
    expect(problemsOf('ecs list-clusters\n# wait-for /x/ 30s later')).toEqual(["2: unexpected 'later' after the timeout of # wait-for"]);
  });

  it('rejects wait-for, expect and check with no command before them', () => {
    expect(problemsOf('# wait-for /x/\n# expect exit 1\n# check ecs list-clusters => clusterArns\necs list-clusters')).toEqual([
      '1: # wait-for checks the command before it, and there is none: put it after a command',
      '2: # expect checks the command before it, and there is none: put it after a command',
      '3: # check checks the command before it, and there is none: put it after a command',
    ]);
  });

  it('rejects a bad expect, a bad JMESPath and a check without =>', () => {
    expect(problemsOf('ecs list-clusters\n# expect exit 2')).toEqual(["2: # expect takes 'exit 0' or 'exit 1', got 'exit 2'"]);
    expect(problemsOf('ecs list-clusters\n# check ecs list-clusters => clusterArns[')[0]).toMatch(/^2: bad JMESPath 'clusterArns\[': /);
    expect(problemsOf('ecs list-clusters\n# check ecs list-clusters')[0]).toMatch(/^2: # check takes COMMAND => JMESPATH/);
  });

  it('rejects bad numbers in # sandbox and # speed, and # sandbox after a command or twice', () => {
    expect(problemsOf('# sandbox seed=abc\necs list-clusters')).toEqual(["1: bad number 'abc' for seed: it is a whole number such as 42"]);
    expect(problemsOf('# sandbox seed=1 speed=0\necs list-clusters')).toEqual(["1: bad number '0' for speed: it is a positive number such as 1 or 20"]);
    expect(problemsOf('# sandbox speed=2\necs list-clusters')).toEqual(['1: # sandbox needs seed=N (and optionally speed=X and region=R), such as # sandbox seed=42 speed=20']);
    expect(problemsOf('# sandbox seed=1 colour=red\necs list-clusters')).toEqual(["1: # sandbox takes seed=N, speed=X and region=R, not 'colour=red'"]);
    expect(problemsOf('# sandbox seed=1 region=Europe\necs list-clusters')).toEqual(["1: bad region 'Europe': a region name such as eu-west-1"]);
    expect(problemsOf('ecs list-clusters\n# sandbox seed=1')).toEqual(['2: # sandbox goes before the first command: the demo starts on that sandbox']);
    expect(problemsOf('# sandbox seed=1\n# sandbox seed=2\necs list-clusters')).toEqual(['2: a second # sandbox: give seed=, speed= and region= on one line']);
    expect(problemsOf('# speed fast\necs list-clusters')).toEqual(["1: bad number 'fast' for # speed: characters per second, such as 20"]);
  });

  it('rejects a bad # env, directives that take nothing given something, and empty ones that need text', () => {
    expect(problemsOf('# env 1X=2\n!env')).toEqual(["1: # env takes NAME=VALUE, such as # env API_KEY=demo, got '1X=2'"]);
    expect(problemsOf('# pause now\n# hidden please\necs list-clusters')).toEqual(["1: # pause takes nothing after it, got 'now'", "2: # hidden takes nothing after it, got 'please'"]);
    expect(problemsOf('# marker\n# hint\n# requires\necs list-clusters')).toEqual([
      '1: # marker needs a name, such as # marker scale-out',
      '2: # hint needs the text to show, such as # hint the cluster is named demo',
      '3: # requires names what the step needs, such as # requires docker',
    ]);
    expect(problemsOf('!\n')).toEqual(['1: expected a command after !, such as !curl -s http://127.0.0.1:4580/_ecsh/health']);
  });

  it('rejects pause, marker, hint and requires with no command after them, and two markers for one step', () => {
    expect(problemsOf('ecs list-clusters\n# pause\n# marker end\n# hint nothing\n# requires jq')).toEqual([
      '2: # pause has no command after it',
      '3: # marker end has no command after it',
      '5: # requires has no command after it',
      '4: # hint has no command after it',
    ]);
    expect(problemsOf('# marker a\n# marker b\necs list-clusters')).toEqual(['2: a second # marker before one command (the first is at line 1)']);
  });

  it('counts lines of a file with CRLF endings as lines', () => {
    expect(problemsOf('## title\r\necs list-clusters\r\n# wiat-for /x/\r\n')).toEqual(["3: unknown directive '# wiat-for'; did you mean # wait-for?"]);
  });
});

describe('loading and listing demos', () => {
  it('throws FILE:LINE: message for the first problem of a broken file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ecsh-demo-parse-'));
    const file = join(dir, 'broken.demo');
    writeFileSync(file, '## broken\necs list-clusters\n# wait-for /a)/\n# wiat-for /x/\n');
    expect(() => loadDemoScript(file)).toThrow(`${file}:3: bad regex /a)/: Unmatched ')'`);
  });

  it('loads a file by path, and names a missing demo or file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ecsh-demo-parse-'));
    const file = join(dir, 'mine.demo');
    writeFileSync(file, '## mine\necs list-clusters\n');
    expect(loadDemoScript(file)).toMatchObject({ name: 'mine', title: 'mine', file });
    expect(() => loadDemoScript('no-such-demo')).toThrow('no demo no-such-demo; ecsh demo list shows them');
    expect(() => loadDemoScript(join(dir, 'gone.demo'))).toThrow(`no demo file ${join(dir, 'gone.demo')}; give the path of a .demo script, or a name from ecsh demo list`);
  });

  it('lists the shipped demos with their titles, and not the lessons', () => {
    const demos = listDemos();
    expect(demos.map((d) => d.name)).toEqual(['consul-discovery', 'docker-basics', 'php-app']);
    for (const demo of demos) {
      expect(demo.title).not.toBe('');
      expect(demo.file.endsWith(`demos/${demo.name}.demo`)).toBe(true);
      expect(loadDemoScript(demo.name).sandbox).toBeDefined();
    }
  });
});
