import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDemoScript, verifyDemo, type DemoScript, type VerifyEvent } from '../../source/demo/index.js';
import { History, runLine, Session, type ShellContext } from '../../source/shell/index.js';
import { ecsAmi } from '../sim/ec2/fixtures.js';
import { startTestSandbox, type TestSandbox } from '../support/sandbox.js';

/**
 * The headless verifier on a real sandbox with a manual clock: lines run as the shell runs
 * them, and a step waited for runs again after the sandbox's time moves on, never the wall clock's.
 */
let t: TestSandbox;
let session: Session;
let context: ShellContext;
let ami: string;
const advanced: number[] = [];

beforeAll(async () => {
  t = await startTestSandbox({ seed: 808 });
  session = new Session({ backend: 'sandbox', endpointUrl: t.running.url });
  context = { session, history: History.open(undefined) };
  ami = await ecsAmi(t);
});
afterAll(async () => {
  await session.close();
  await t.close();
});

function script(text: string): DemoScript {
  const { script, problems } = parseDemoScript(text, 'verify.demo');
  expect(problems).toEqual([]);
  return script!;
}

async function verify(text: string) {
  const events: VerifyEvent[] = [];
  advanced.length = 0;
  const result = await verifyDemo(script(text), {
    runLine: (line) => runLine(line, context),
    advance: async (ms) => {
      advanced.push(ms);
      t.advance(ms);
    },
    onEvent: (event) => events.push(event),
  });
  return { result, events };
}

describe('verifyDemo', () => {
  it('runs every step, hidden ones too, and reports them in order with narration', async () => {
    const { result, events } = await verify(
      ['# say making a cluster', 'ecs create-cluster --cluster-name verify-a', '# wait-for /"clusterName": "verify-a"/', '# hidden', 'ecs list-clusters --query clusterArns --output text', '# wait-for /cluster\\/verify-a/', '# say done'].join('\n'),
    );
    expect(result).toEqual({ ok: true, verified: 2, skipped: 0 });
    expect(events.map((e) => (e.type === 'say' ? `say ${e.text}` : `${e.type} ${e.step.line}`))).toEqual(['say making a cluster', 'step 2', 'outcome 2', 'step 5', 'outcome 5', 'say done']);
    expect(advanced).toEqual([]);
  });

  it('fails at a wait-for that does not match, naming the step and giving its output', async () => {
    const { result } = await verify(['ecs list-clusters', 'ecs describe-clusters --clusters verify-a --query clusters[0].status --output text', '# wait-for /INACTIVE/'].join('\n'));
    expect(result.ok).toBe(false);
    expect(result.verified).toBe(1);
    expect(result.failed!.step.line).toBe(2);
    expect(result.failed!.reason).toBe('its output does not match /INACTIVE/ (# wait-for at line 3)');
    expect(result.failed!.output).toBe('ACTIVE\n');
  });

  it('holds a failing step to # expect exit 1, and a succeeding one that should fail too', async () => {
    const failing = 'ecs delete-cluster --cluster no-such-cluster';
    const expected = await verify(`${failing}\n# expect exit 1\n# wait-for /ClusterNotFoundException/`);
    expect(expected.result.ok).toBe(true);
    const unexpected = await verify(failing);
    expect(unexpected.result.failed!.reason).toMatch(/^it failed: .*ClusterNotFoundException/);
    const succeeded = await verify('ecs list-clusters\n# expect exit 1');
    expect(succeeded.result.failed!.reason).toBe('it succeeded, but # expect exit 1 says it must fail');
  });

  it('runs a step again after moving the sandbox clock on until its wait-for matches', async () => {
    const { result, events } = await verify(
      [
        'ecs create-cluster --cluster-name verify-b --query cluster.status --output text',
        `ec2 run-instances --image-id ${ami} --instance-type t3.medium --min-count 1 --max-count 1 --user-data "echo ECS_CLUSTER=verify-b >> /etc/ecs/ecs.config" --query Instances[0].State.Name --output text`,
        '# wait-for /pending/',
        'ecs list-container-instances --cluster verify-b --query "length(containerInstanceArns)"',
        '# wait-for /^1$/m 2m',
      ].join('\n'),
    );
    expect(result.failed).toBeUndefined();
    expect(advanced.length).toBeGreaterThan(0);
    expect(advanced.every((ms) => ms === 1000)).toBe(true);
    const last = events.at(-1) as Extract<VerifyEvent, { type: 'outcome' }>;
    expect(last.attempts).toBe(advanced.length + 1);
    expect(last.outcome.output.trim()).toBe('1');
  });

  it('gives up when the timeout is used up in sandbox time, and says how long it waited', async () => {
    const { result } = await verify('ecs list-container-instances --cluster verify-b --query "length(containerInstanceArns)"\n# wait-for /^5$/m 4500ms');
    expect(advanced).toEqual([1000, 1000, 1000, 1000, 500]);
    expect(result.failed!.reason).toBe('its output does not match /^5$/m (# wait-for at line 2) (still, after 4.5s of sandbox time)');
  });

  it('runs checks after the step and fails on one that does not hold', async () => {
    const passing = await verify('ecs list-clusters\n# check ecs describe-clusters --clusters verify-b => clusters[0].registeredContainerInstancesCount == `1`');
    expect(passing.result.ok).toBe(true);
    const failing = await verify('ecs list-clusters\n# check ecs describe-clusters --clusters verify-b => clusters[0].registeredContainerInstancesCount == `3`');
    expect(failing.result.failed!.reason).toBe('# check at line 2 did not pass: clusters[0].registeredContainerInstancesCount == `3` gave false');
  });

  it('gives ! steps the # env variables and the player\'s, and skips steps whose requirements are missing', async () => {
    const events: VerifyEvent[] = [];
    const result = await verifyDemo(script(['# env GREETING=it\'s here', '!echo "$GREETING at $ECSH_ENDPOINT"', '# wait-for /^it\'s here at http:\\/\\/sandbox$/m', '# requires docker', '!docker info', '# requires screen', '.pane placement'].join('\n')), {
      runLine: (line) => runLine(line, context),
      env: { ECSH_ENDPOINT: 'http://sandbox' },
      missing: async (names) => names.find((name) => name === 'docker'),
      onEvent: (event) => events.push(event),
    });
    expect(result).toEqual({ ok: true, verified: 1, skipped: 2 });
    expect(events.filter((e) => e.type === 'skipped').map((e) => (e as Extract<VerifyEvent, { type: 'skipped' }>).note)).toEqual([
      'skipped: no Docker engine answers `docker info` here; start Docker to run this step',
      "skipped: this step needs the shell's screen (ecsh demo play --mode present or auto)",
    ]);
  });
});
