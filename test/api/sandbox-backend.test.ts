import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateClusterCommand, ListClustersCommand } from '@aws-sdk/client-ecs';
import { afterEach, describe, expect, it } from 'vitest';
import { BackendError, startSandboxBackend, type Backend } from '../../source/api/index.js';
import { startTestSandbox } from '../support/sandbox.js';

const open: Backend[] = [];
async function started(options: Parameters<typeof startSandboxBackend>[0]): Promise<Backend> {
  const backend = await startSandboxBackend(options);
  open.push(backend);
  return backend;
}
afterEach(async () => {
  for (const backend of open.splice(0)) await backend.close();
});

describe('the sandbox backend', () => {
  it('starts the sandbox in-process on a loopback port and answers through the SDK', async () => {
    const backend = await started({ ephemeral: true });
    expect(backend).toMatchObject({ kind: 'sandbox', label: 'sandbox', region: 'us-east-1' });
    expect(backend.endpoints).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const created = await backend.ecs.send(new CreateClusterCommand({ clusterName: 'web' }));
    expect(created.cluster?.clusterArn).toBe('arn:aws:ecs:us-east-1:123456789012:cluster/web');
    const listed = await backend.ecs.send(new ListClustersCommand({}));
    expect(listed.clusterArns).toEqual(['arn:aws:ecs:us-east-1:123456789012:cluster/web']);
  });

  it('points every client at the sandbox, in the region asked for', async () => {
    const backend = await started({ ephemeral: true, region: 'eu-west-1' });
    for (const client of [backend.ecs, backend.ec2, backend.elb, backend.elbv2]) {
      const endpoint = await client.config.endpoint!();
      expect(`${endpoint.protocol}//${endpoint.hostname}:${endpoint.port}`).toBe(backend.endpoints);
      expect(await client.config.region()).toBe('eu-west-1');
    }
    await backend.ecs.send(new CreateClusterCommand({ clusterName: 'eu' }));
    expect((await backend.ecs.send(new ListClustersCommand({}))).clusterArns).toEqual(['arn:aws:ecs:eu-west-1:123456789012:cluster/eu']);
  });

  it('keeps its state in a file, so a cluster is there after a restart', async () => {
    const statePath = join(mkdtempSync(join(tmpdir(), 'ecsh-backend-')), 'state.json');
    const first = await startSandboxBackend({ statePath });
    await first.ecs.send(new CreateClusterCommand({ clusterName: 'kept' }));
    await first.close();
    expect(existsSync(statePath)).toBe(true);
    const second = await started({ statePath });
    expect((await second.ecs.send(new ListClustersCommand({}))).clusterArns).toEqual(['arn:aws:ecs:us-east-1:123456789012:cluster/kept']);
  });

  it("keeps the state in ecsh's config dir by default", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ecsh-config-'));
    const saved = process.env.ECSH_CONFIG_DIR;
    process.env.ECSH_CONFIG_DIR = dir;
    try {
      await started({});
      expect(existsSync(join(dir, 'sandbox-state.json'))).toBe(true);
    } finally {
      process.env.ECSH_CONFIG_DIR = saved;
      if (saved === undefined) delete process.env.ECSH_CONFIG_DIR;
    }
  });

  it('uses an external sandbox at --endpoint-url without starting one', async () => {
    const external = await startTestSandbox();
    try {
      await external.ecs.send(new CreateClusterCommand({ clusterName: 'outside' }));
      const backend = await started({ endpointUrl: `${external.running.url}/` });
      expect(backend).toMatchObject({ kind: 'sandbox', label: `endpoint:127.0.0.1:${external.running.port}`, endpoints: external.running.url });
      expect((await backend.ecs.send(new ListClustersCommand({}))).clusterArns).toEqual(['arn:aws:ecs:us-east-1:123456789012:cluster/outside']);
    } finally {
      await external.close();
    }
  });

  it('refuses an endpoint that is not an http(s) URL, and a state file with ephemeral', async () => {
    await expect(startSandboxBackend({ endpointUrl: 'localhost:4580' })).rejects.toThrow(
      new BackendError("--endpoint-url must be an http:// or https:// URL, got 'localhost:4580'"),
    );
    await expect(startSandboxBackend({ endpointUrl: 'not a url' })).rejects.toThrow(/must be a URL such as http:\/\/127\.0\.0\.1:4580/);
    await expect(startSandboxBackend({ ephemeral: true, statePath: '/tmp/x.json' })).rejects.toThrow(BackendError);
  });

  it('can be closed twice', async () => {
    const backend = await startSandboxBackend({ ephemeral: true });
    await backend.close();
    await expect(backend.close()).resolves.toBeUndefined();
  });
});
