import { describe, expect, it } from 'vitest';
import { parseDemoScript, recordingScript, waitForHint, type RecordedLine } from '../../source/demo/index.js';

const STARTED = new Date(2026, 10, 25, 7, 30);
/** The interactive shell's sandbox: no seed. */
const SHELL = { kind: 'sandbox', region: 'us-east-1' } as const;

const CREATE_CLUSTER: RecordedLine = {
  line: 'ecs create-cluster --cluster-name demo',
  ok: true,
  output: '{\n    "cluster": {\n        "clusterArn": "arn:aws:ecs:us-east-1:123456789012:cluster/demo",\n        "clusterName": "demo",\n',
};

describe('a recording as a demo script', () => {
  it('has the commands in order, each followed by a hint of its output as a plain comment', () => {
    const text = recordingScript([CREATE_CLUSTER, { line: 'ecs list-clusters --output text', ok: true, output: 'CLUSTERARNS\tarn:aws:ecs:us-east-1:123456789012:cluster/demo\n' }], {
      name: 'first',
      startedAt: STARTED,
      session: SHELL,
    });
    expect(text.split('\n')).toEqual([
      '## first: recorded in ecsh on 2026-11-25 07:30',
      '# sandbox seed=1 region=us-east-1',
      '## Recorded on a sandbox without a seed: a replay starts a fresh sandbox with seed 1, the same every time, so ids and addresses may differ from the hints below.',
      '## After each command, a hint of what it printed: drop one # to check it on replay (# wait-for), or delete it.',
      '',
      'ecs create-cluster --cluster-name demo',
      String.raw`## wait-for /"clusterArn": "arn:aws:ecs:us-east-1:123456789012:cluster\/demo"/`,
      '',
      'ecs list-clusters --output text',
      String.raw`## wait-for /CLUSTERARNS	arn:aws:ecs:us-east-1:123456789012:cluster\/demo/`,
      '',
    ]);
  });

  it('passes the parser, titled after the recording, with no live assertions but an expected failure', () => {
    const text = recordingScript(
      [CREATE_CLUSTER, { line: 'ecs describe-services --cluster nowhere --services web', ok: false, output: '', error: 'An error occurred (ClusterNotFoundException): Cluster not found.' }],
      { name: 'rec', startedAt: STARTED, session: SHELL },
    );
    const { script, problems } = parseDemoScript(text, '/tmp/rec.demo');
    expect(problems).toEqual([]);
    expect(script!.title).toBe('rec: recorded in ecsh on 2026-11-25 07:30');
    expect(script!.steps.map((step) => [step.command, step.expectExit, step.waitFor.length])).toEqual([
      ['ecs create-cluster --cluster-name demo', 0, 0],
      ['ecs describe-services --cluster nowhere --services web', 1, 0],
    ]);
  });

  it('makes each hint a regex that matches the output it came from, once its # is dropped', () => {
    const output = 'Service (web) has reached a steady state: 2/2 tasks (100%) [ok] $HOME\n';
    const text = recordingScript([{ line: 'ecs-cli compose service up', ok: true, output }], { name: 'x', startedAt: STARTED, session: SHELL });
    const live = text.replace('## wait-for', '# wait-for');
    const { script, problems } = parseDemoScript(live, '/tmp/x.demo');
    expect(problems).toEqual([]);
    const [wait] = script!.steps[0]!.waitFor;
    expect(wait!.pattern.test(output)).toBe(true);
  });

  it("starts on the session's region, with its sandbox's seed and speed when it had one, or on AWS seed 1", () => {
    const seeded = recordingScript([CREATE_CLUSTER], { name: 'x', startedAt: STARTED, session: { kind: 'sandbox', region: 'eu-west-1', seed: 2015, speed: 20 } });
    expect(seeded.split('\n').slice(0, 3)).toEqual([
      '## x: recorded in ecsh on 2026-11-25 07:30',
      '# sandbox seed=2015 speed=20 region=eu-west-1',
      '## After each command, a hint of what it printed: drop one # to check it on replay (# wait-for), or delete it.',
    ]);
    expect(parseDemoScript(seeded, '/tmp/x.demo').script!.sandbox).toEqual({ seed: 2015, speed: 20, region: 'eu-west-1' });
    const onAws = recordingScript([CREATE_CLUSTER], { name: 'x', startedAt: STARTED, session: { kind: 'aws', region: 'ap-southeast-2' } });
    expect(onAws).toContain('\n# sandbox seed=1 region=ap-southeast-2\n## Recorded on AWS: a replay starts a fresh sandbox with seed 1');
    expect(parseDemoScript(onAws, '/tmp/x.demo').script!.sandbox).toEqual({ seed: 1, speed: 1, region: 'ap-southeast-2' });
  });

  it('leaves out blank lines and comments typed at the prompt', () => {
    const text = recordingScript([{ line: '# a note', ok: true, output: '' }, { line: '   ', ok: true, output: '' }, CREATE_CLUSTER], { name: 'x', startedAt: STARTED, session: SHELL });
    expect(text.match(/^[^#\n].*$/gm)).toEqual(['ecs create-cluster --cluster-name demo']);
  });
});

describe('a wait-for hint', () => {
  it('skips brackets, keys that open an object and table borders for the first line with a value', () => {
    expect(waitForHint('{\n  "services": [\n    {\n      "status": "ACTIVE",\n')).toBe('/"status": "ACTIVE"/');
    expect(waitForHint('-----------------\n|  ListClusters |\n+---------------+\n')).toBe(String.raw`/\|  ListClusters \|/`);
  });

  it('is cut to 80 characters, and there is none for an output with nothing in it', () => {
    expect(waitForHint(`${'x'.repeat(100)}\n`)).toBe(`/${'x'.repeat(80)}/`);
    expect(waitForHint('{}\n')).toBeUndefined();
    expect(waitForHint('')).toBeUndefined();
  });
});
