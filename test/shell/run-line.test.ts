import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { loadCompletionEngine } from '../../source/shell/completion-engine.js';
import { runLine } from '../../source/shell/run-line.js';
import { testShell, type TestShell } from './support.js';

let shell: TestShell | undefined;
afterEach(async () => {
  await shell?.close();
  shell = undefined;
});

describe('running a line', () => {
  it('sends an API command through the backend and shows the response as JSON', async () => {
    shell = testShell();
    const outcome = await runLine('ecs create-cluster --cluster-name demo', shell.context);
    expect(outcome).toMatchObject({ ok: true, format: 'json' });
    expect(JSON.parse(outcome.output).cluster.clusterArn).toBe('arn:aws:ecs:us-east-1:123456789012:cluster/demo');
  });

  it('accepts a leading "aws" and tells table output apart for colouring', async () => {
    shell = testShell();
    await runLine('ecs create-cluster --cluster-name demo', shell.context);
    const outcome = await runLine('aws ecs list-clusters --output table', shell.context);
    expect(outcome).toMatchObject({ ok: true, format: 'table' });
    expect(outcome.output).toContain('ListClusters');
  });

  it('gives bad input and AWS errors as one line, with a suggestion where one is near', async () => {
    shell = testShell();
    const typo = await runLine('ecs list-cluster', shell.context);
    expect(typo).toMatchObject({ ok: false, error: "unknown operation 'list-cluster'; did you mean list-clusters?" });
    const missing = await runLine('ecs describe-services --cluster nowhere --services web', shell.context);
    expect(missing.ok).toBe(false);
    expect(missing.error).toMatch(/^An error occurred \(ClusterNotFoundException\) when calling the DescribeServices operation: /);
    expect(missing.error).not.toContain('\n');
  });

  it('uses the default cluster of .cluster for ECS commands that take --cluster', async () => {
    shell = testShell();
    await runLine('ecs create-cluster --cluster-name demo', shell.context);
    expect((await runLine('ecs list-services', shell.context)).ok).toBe(false);
    expect(await runLine('.cluster demo', shell.context)).toMatchObject({ ok: true, output: 'default cluster: demo\n' });
    expect(await runLine('ecs list-services', shell.context)).toMatchObject({ ok: true, output: expect.stringContaining('"serviceArns": []') });
    expect(shell.context.settings.get().cluster).toBe('demo');
  });

  it('makes completion offer what a command just created', async () => {
    shell = testShell();
    const engine = await loadCompletionEngine(shell.session, { profiles: [] });
    const context = { ...shell.context, resources: engine.resources };
    const line = 'ecs list-services --cluster ';
    await engine.resources.get('cluster');
    expect(engine.complete(line, line.length, { mode: 'fuzzy' }).candidates).toEqual([]);
    await runLine('ecs create-cluster --cluster-name fresh', context);
    await engine.resources.get('cluster');
    expect(engine.complete(line, line.length, { mode: 'fuzzy' }).candidates.map((c) => c.label)).toEqual(['fresh']);
  });

  it('skips blank lines and comments', async () => {
    shell = testShell();
    expect(await runLine('   ', shell.context)).toMatchObject({ ok: true, output: '' });
    expect(await runLine('# a comment', shell.context)).toMatchObject({ ok: true, output: '' });
  });

  it('cancels a call in flight when its signal is aborted (ctrl-c)', async () => {
    // An endpoint that never answers: only cancelling ends the call.
    const server = createServer(() => undefined);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    shell = testShell({ endpointUrl: `http://127.0.0.1:${port}`, ephemeral: false });
    try {
      const abort = new AbortController();
      const running = runLine('ecs list-clusters', shell.context, { signal: abort.signal });
      server.once('request', () => abort.abort());
      expect(await running).toMatchObject({ ok: false, error: 'cancelled' });
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});

describe('system commands', () => {
  it('runs !cmd in the system shell and shows what it printed', async () => {
    shell = testShell();
    expect(await runLine('!echo hello; echo there >&2', shell.context)).toEqual({ ok: true, output: 'hello\nthere\n', format: 'plain' });
  });

  it('reports a failing command in one line, after its output', async () => {
    shell = testShell();
    expect(await runLine('!echo partial; exit 3', shell.context)).toMatchObject({ ok: false, output: 'partial\n', error: 'echo exited with status 3' });
    expect(await runLine('!', shell.context)).toMatchObject({ ok: false, error: 'expected a command after !, such as !ls' });
  });

  it('stops the command when cancelled', async () => {
    shell = testShell();
    const abort = new AbortController();
    const running = runLine('!sleep 30', shell.context, { signal: abort.signal });
    setTimeout(() => abort.abort(), 50);
    expect(await running).toMatchObject({ ok: false, error: 'cancelled' });
  });
});
