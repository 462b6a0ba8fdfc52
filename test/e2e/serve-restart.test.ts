import { CreateClusterCommand, ECSClient, ListClustersCommand, TagResourceCommand } from '@aws-sdk/client-ecs';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, startServe } from '../support/cli.js';
import { TEST_CREDENTIALS } from '../support/sandbox.js';

function client(url: string) {
  return new ECSClient({ endpoint: url, region: 'us-east-1', credentials: TEST_CREDENTIALS, maxAttempts: 1 });
}

describe('ecsh serve', () => {
  it('prints the endpoint first, then an example AWS CLI call', async () => {
    const serve = await startServe(['--ephemeral', '--port', '0']);
    try {
      expect(serve.output[0]).toMatch(/^endpoint: http:\/\/127\.0\.0\.1:\d+$/);
      await new Promise((r) => setTimeout(r, 50));
      expect(serve.output[1]).toContain(`aws --endpoint-url ${serve.url}`);
    } finally {
      expect(await serve.stop('SIGINT')).toBe(0);
    }
  });

  it('keeps everything across a kill -9 and a restart on the same state file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ecsh-state-'));
    const state = join(dir, 'state.json');
    const first = await startServe(['--state', state, '--port', '0']);
    const ecs = client(first.url);
    await ecs.send(new CreateClusterCommand({ clusterName: 'survivor' }));
    await ecs.send(new CreateClusterCommand({ clusterName: 'second' }));
    await ecs.send(
      new TagResourceCommand({ resourceArn: 'arn:aws:ecs:us-east-1:123456789012:cluster/second', tags: [{ key: 'k', value: 'v' }] }),
    ).catch(() => undefined);
    ecs.destroy();
    await first.stop('SIGKILL');
    expect((statSync(state).mode & 0o777).toString(8)).toBe('600');

    const second = await startServe(['--state', state, '--port', '0']);
    const again = client(second.url);
    try {
      const out = await again.send(new ListClustersCommand({}));
      expect(out.clusterArns?.sort()).toEqual([
        'arn:aws:ecs:us-east-1:123456789012:cluster/second',
        'arn:aws:ecs:us-east-1:123456789012:cluster/survivor',
      ]);
    } finally {
      again.destroy();
      await second.stop();
    }
  });

  it('refuses a torn state file with a clear message and leaves it alone', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ecsh-state-'));
    const state = join(dir, 'state.json');
    writeFileSync(state, '{"format":"ecsh-sandbox-state","version":1,"state":{"tab');
    const run = spawnSync(process.execPath, [CLI, 'serve', '--state', state, '--port', '0'], { encoding: 'utf8', timeout: 10_000 });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/not valid JSON .*--ephemeral/);
    expect(readFileSync(state, 'utf8')).toContain('"tab');
  });

  it('refuses a foreign file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ecsh-state-'));
    const state = join(dir, 'notes.json');
    writeFileSync(state, '{"hello":"world"}');
    const run = spawnSync(process.execPath, [CLI, 'serve', '--state', state, '--port', '0'], { encoding: 'utf8', timeout: 10_000 });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('is not an ecsh sandbox state');
  });

  it('explains a bad flag in one line', () => {
    const run = spawnSync(process.execPath, [CLI, 'serve', '--port', 'abc'], { encoding: 'utf8', timeout: 10_000 });
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('--port must be');
  });
});
