import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { History, Session, runLine, type ShellContext } from '../../../source/shell/index.js';

/** ecs-cli lines as the shell, `ecsh -c` and scripts run them: through the shell's line dispatcher. */
let context: ShellContext;
const home = mkdtempSync(join(tmpdir(), 'ecsh-ecs-cli-shell-'));

beforeAll(() => {
  // ecsh's copy of the configuration goes to a directory of this test's, and no ~/.ecs is found.
  process.env.ECSH_CONFIG_DIR = join(home, 'config');
  process.env.HOME = home;
  context = { session: new Session({ backend: 'sandbox', ephemeral: true }), history: History.open(undefined), cwd: home };
});
afterAll(() => context.session.close());

describe('ecs-cli lines in the shell', () => {
  it('runs a verb with or without ecs-cli in front, and configure sets the shell\'s cluster', async () => {
    const configured = await runLine('ecs-cli configure --cluster shell-demo', context);
    expect(configured).toEqual({ ok: true, output: 'INFO[0000] Saved ECS CLI cluster configuration default.\n', format: 'plain' });
    expect(context.session.cluster).toBe('shell-demo');
    const created = await runLine('up --empty', context);
    expect(created.output).toBe('INFO[0000] Created cluster                               cluster=shell-demo region=us-east-1\n');
    const listed = await runLine('ecs list-clusters --query clusterArns --output text', context);
    expect(listed.output.trim()).toBe('arn:aws:ecs:us-east-1:123456789012:cluster/shell-demo');
  });

  it('shows as its cluster only the default configuration\'s, which later verbs work on', async () => {
    await runLine('ecs-cli configure --cluster consul --config-name consul', context);
    expect(context.session.cluster).toBe('shell-demo');
    await runLine('ecs-cli configure default --config-name consul', context);
    expect(context.session.cluster).toBe('consul');
    await runLine('ecs-cli configure default --config-name default', context);
    expect(context.session.cluster).toBe('shell-demo');
  });

  it('suggests, for a key pair missing in the configuration\'s region, a command that works as given in the shell', async () => {
    await runLine('ecs-cli configure --cluster far --region eu-west-1 --config-name far', context);
    const refused = await runLine('ecs-cli up --keypair far-key --capability-iam --cluster-config far', context);
    const suggested = /create it with "([^"]+)"/.exec(refused.error ?? '')?.[1];
    expect(suggested).toBe('ec2 create-key-pair --key-name far-key --region eu-west-1');
    expect((await runLine(suggested!, context)).ok).toBe(true);
    expect((await context.session.backend()).region).toBe('us-east-1');
    const up = await runLine('ecs-cli up --keypair far-key --capability-iam --cluster-config far', context);
    expect(up.ok).toBe(true);
    expect(up.output).toMatch(/^INFO\[0000\] Created cluster +cluster=far region=eu-west-1\n/);
  });

  it('answers a failure in one line', async () => {
    expect(await runLine('ecs-cli down', context)).toEqual({
      ok: false,
      output: '',
      format: 'plain',
      error: 'ecs-cli down deletes the cluster and its instances: pass --force to do so without being asked',
    });
    expect((await runLine('compose service upp', context)).error).toBe("unknown command 'upp' for ecs-cli compose service (did you mean up?): one of create, start, up, ps, scale, stop, rm");
  });
});
