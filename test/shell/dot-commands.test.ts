import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { editInEditor } from '../../source/shell/editor.js';
import { runLine } from '../../source/shell/run-line.js';
import { testShell, type TestShell } from './support.js';

let shell: TestShell | undefined;
let awsDir: string;

beforeEach(() => {
  // An ~/.aws of the test's own, and no region from the environment.
  awsDir = mkdtempSync(join(tmpdir(), 'ecsh-aws-'));
  writeFileSync(join(awsDir, 'config'), '[default]\noutput = json\n\n[profile dev]\nregion = eu-west-1\n\n[sso-session corp]\nsso_region = us-east-1\n');
  writeFileSync(join(awsDir, 'credentials'), '[ci]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = not-read\n');
  vi.stubEnv('AWS_CONFIG_FILE', join(awsDir, 'config'));
  vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', join(awsDir, 'credentials'));
  vi.stubEnv('AWS_REGION', undefined);
  vi.stubEnv('AWS_DEFAULT_REGION', undefined);
  vi.stubEnv('AWS_PROFILE', undefined);
});

afterEach(async () => {
  vi.unstubAllEnvs();
  await shell?.close();
  shell = undefined;
});

describe('.cluster', () => {
  it('shows, sets and unsets the default cluster, and remembers it in the settings', async () => {
    shell = testShell();
    expect((await runLine('.cluster', shell.context)).output).toContain('no default cluster');
    await runLine('.cluster web', shell.context);
    expect(shell.session.cluster).toBe('web');
    expect((await runLine('.cluster', shell.context)).output).toBe('default cluster: web\n');
    await runLine('.cluster --unset', shell.context);
    expect(shell.session.cluster).toBeUndefined();
    expect(shell.context.settings.get().cluster).toBeUndefined();
  });

  it('refuses what cannot be a cluster name', async () => {
    shell = testShell();
    expect(await runLine('.cluster "my cluster"', shell.context)).toMatchObject({ ok: false, error: expect.stringContaining('is not a cluster name') });
  });
});

describe('.backend, .region and .profile', () => {
  it('switch to AWS and back to the same sandbox, where nothing was lost', async () => {
    shell = testShell();
    await runLine('ecs create-cluster --cluster-name kept', shell.context);
    expect((await runLine('.backend', shell.context)).output).toContain('the sandbox (in-process), region us-east-1');

    const noRegion = await runLine('.backend aws', shell.context);
    expect(noRegion.ok).toBe(false);
    expect(noRegion.error).toContain('no AWS region is set: pass --region REGION');
    expect(shell.session.state.error).toBe(noRegion.error);

    const onAws = await runLine('.region us-west-2', shell.context);
    expect(onAws).toMatchObject({ ok: true, output: 'backend: AWS, aws:default@us-west-2\n' });
    expect(shell.context.settings.get()).toMatchObject({ backend: 'aws', region: 'us-west-2' });

    await runLine('.region us-east-1', shell.context);
    expect((await runLine('.backend sandbox', shell.context)).output).toBe('backend: the sandbox (in-process), region us-east-1\n');
    expect((await runLine('ecs list-clusters', shell.context)).output).toContain('cluster/kept');
  });

  it('changes the sandbox region without restarting it: ARNs follow the region', async () => {
    shell = testShell();
    await runLine('.region eu-west-1', shell.context);
    const created = await runLine('ecs create-cluster --cluster-name west', shell.context);
    expect(created.output).toContain('arn:aws:ecs:eu-west-1:123456789012:cluster/west');
    expect(shell.session.state).toMatchObject({ label: 'sandbox', region: 'eu-west-1' });
  });

  it('catches a mistyped region', async () => {
    shell = testShell();
    expect(await runLine('.region us-est-1', shell.context)).toMatchObject({ ok: false, error: "'us-est-1' is not an AWS region; did you mean us-east-1?" });
  });

  it('refuses a name that only looks like a region, before building a world there', async () => {
    shell = testShell();
    expect(await runLine('.region eu-west-9', shell.context)).toMatchObject({ ok: false, error: "'eu-west-9' is not an AWS region; did you mean eu-west-1?" });
    expect(await runLine('.region us-east1', shell.context)).toMatchObject({ ok: false, error: "'us-east1' is not an AWS region; did you mean us-east-1?" });
    expect(await runLine('.region aws-global', shell.context)).toMatchObject({ ok: false });
    expect(await runLine('.region mars', shell.context)).toMatchObject({ ok: false, error: "'mars' is not an AWS region (e.g. us-east-1, eu-west-1; Tab lists them)" });
    expect(shell.session.state.region).toBe('us-east-1');
    expect(await runLine('.region ap-southeast-7', shell.context)).toMatchObject({ ok: true });
  });

  it('after a change of region, says in one line when the .cluster is not there, and what to do', async () => {
    shell = testShell();
    await runLine('ecs create-cluster --cluster-name demo', shell.context);
    await runLine('.cluster demo', shell.context);
    expect(await runLine('.region eu-west-1', shell.context)).toEqual({
      ok: true,
      format: 'info',
      output:
        'backend: the sandbox (in-process), region eu-west-1\n' +
        'cluster demo does not exist in eu-west-1: create it with "ecs create-cluster --cluster-name demo", or pick one of this region\'s (ecs list-clusters) with .cluster NAME\n',
    });
    expect((await runLine('.region us-east-1', shell.context)).output).toBe('backend: the sandbox (in-process), region us-east-1\n');
    await runLine('.cluster --unset', shell.context);
    expect((await runLine('.region eu-west-1', shell.context)).output).toBe('backend: the sandbox (in-process), region eu-west-1\n');
  });

  it('lists the profiles of ~/.aws (names only), and switches to AWS with a known one', async () => {
    shell = testShell();
    const listed = await runLine('.profile', shell.context);
    expect(listed.output).toContain('known profiles: default, ci, dev');
    expect(listed.output).not.toContain('AKIA');
    expect(await runLine('.profile dve', shell.context)).toMatchObject({ ok: false, error: expect.stringContaining('did you mean dev?') });
    expect(await runLine('.profile dev', shell.context)).toMatchObject({ ok: true, output: 'backend: AWS, aws:dev@eu-west-1\n' });
  });
});

describe('.help, .history, .clear, .exit and mistakes', () => {
  it('.help gives an overview, the keys, and an operation with its parameters', async () => {
    shell = testShell();
    expect((await runLine('.help', shell.context)).output).toContain('.cluster [name | --unset]');
    expect((await runLine('.help keys', shell.context)).output).toContain('ctrl-r');
    const operation = await runLine('.help ecs create-service', shell.context);
    expect(operation.output).toContain('--service-name *');
    expect(await runLine('.help nonsense', shell.context)).toMatchObject({ ok: false });
  });

  it('.history numbers the lines kept', async () => {
    shell = testShell();
    shell.context.history.add('ecs list-clusters');
    shell.context.history.add('.cluster demo');
    expect((await runLine('.history', shell.context)).output).toBe('1  ecs list-clusters\n2  .cluster demo\n');
    expect((await runLine('.history 1', shell.context)).output).toBe('2  .cluster demo\n');
  });

  it('.clear and .exit ask the screen to clear and to leave', async () => {
    shell = testShell();
    expect(await runLine('.clear', shell.context)).toMatchObject({ ok: true, clear: true });
    expect(await runLine('.exit', shell.context)).toMatchObject({ ok: true, exit: true });
  });

  it('suggests the dot command meant', async () => {
    shell = testShell();
    expect(await runLine('.clustr demo', shell.context)).toMatchObject({ ok: false, error: "unknown command '.clustr'; did you mean .cluster?" });
  });
});

describe('.edit', () => {
  it('opens $EDITOR on the last command and runs what is saved', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ecsh-editor-'));
    const editor = join(dir, 'editor.sh');
    // An editor that records what it was given and saves two commands instead.
    writeFileSync(editor, `#!/bin/sh\ncp "$1" "${dir}/given"\nprintf 'ecs list-clusters \\\\\\n  --output text\\n# a comment\\n\\n.cluster demo\\n' > "$1"\n`);
    chmodSync(editor, 0o755);
    const seen: string[] = [];
    shell = testShell({}, {
      edit: (text) => {
        seen.push(text);
        return editInEditor(text, { ...process.env, EDITOR: editor, VISUAL: '' });
      },
    });
    shell.context.history.add('ecs list-services --cluster web');
    shell.context.history.add('.edit');
    const outcome = await runLine('.edit', shell.context);
    expect(seen).toEqual(['ecs list-services --cluster web']);
    expect(outcome).toMatchObject({ ok: true, then: ['ecs list-clusters    --output text', '.cluster demo'] });
  });

  it('needs a terminal', async () => {
    shell = testShell();
    expect(await runLine('.edit', shell.context)).toMatchObject({ ok: false, error: expect.stringContaining('needs a terminal') });
  });
});
