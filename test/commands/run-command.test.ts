import { createServer } from 'node:net';
import { CreateClusterCommand } from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandboxBackend, type Backend } from '../../source/api/index.js';
import { CallFailed, executeLine, formatResult, parseCommand, runCommand, type ParsedCall } from '../../source/commands/index.js';
import { startTestSandbox, type TestSandbox } from '../support/sandbox.js';
import { fixtureIndex } from './fixture-index.js';

const CLUSTERS = 25;
const arn = (i: number) => `arn:aws:ecs:us-east-1:123456789012:cluster/c${String(i).padStart(2, '0')}`;
const ALL = Array.from({ length: CLUSTERS }, (_, i) => arn(i));

let t: TestSandbox;
let backend: Backend;
beforeAll(async () => {
  t = await startTestSandbox();
  backend = await startSandboxBackend({ endpointUrl: t.running.url });
  for (let i = 0; i < CLUSTERS; i++) await t.ecs.send(new CreateClusterCommand({ clusterName: `c${String(i).padStart(2, '0')}` }));
});
afterAll(async () => {
  await backend.close();
  await t.close();
});

const parse = (line: string) => parseCommand(line, { index: fixtureIndex }) as ParsedCall;
const run = (line: string) => runCommand(backend, parse(line));
const decode = (token: string) => JSON.parse(Buffer.from(token, 'base64').toString('utf8'));

describe('gathering pages like the CLI', () => {
  it('gathers every page into one result', async () => {
    const result = await run('ecs list-clusters --page-size 10');
    expect(result.paged?.pages).toHaveLength(3);
    expect(result.output).toEqual({ clusterArns: ALL });
    expect(JSON.parse(formatResult(result))).toEqual({ clusterArns: ALL });
  });

  it('asks for the service default page size when none is given', async () => {
    const result = await run('ecs list-clusters');
    expect(result.paged?.pages).toHaveLength(1);
    expect(result.output).toEqual({ clusterArns: ALL });
  });

  it('stops at --max-items mid-page with a token that resumes inside that page', async () => {
    const first = await run('ecs list-clusters --page-size 5 --max-items 7');
    expect(first.output.clusterArns).toEqual(ALL.slice(0, 7));
    const token = first.output.NextToken as string;
    expect(decode(token)).toEqual({ nextToken: expect.any(String), boto_truncate_amount: 2 });
    // Python's json.dumps spacing, so the CLI and ecsh read each other's tokens.
    expect(Buffer.from(token, 'base64').toString()).toMatch(/^\{"nextToken": ".+", "boto_truncate_amount": 2\}$/);

    const second = await run(`ecs list-clusters --page-size 5 --max-items 7 --starting-token ${token}`);
    expect(second.output.clusterArns).toEqual(ALL.slice(7, 14));
  });

  it('walks the whole list with --max-items and --starting-token, no item twice or missed', async () => {
    const seen: string[] = [];
    let token: string | undefined;
    for (let round = 0; round < 10; round++) {
      const result = await run(`ecs list-clusters --page-size 4 --max-items 6${token ? ` --starting-token ${token}` : ''}`);
      seen.push(...(result.output.clusterArns as string[]));
      token = result.output.NextToken as string | undefined;
      if (!token) break;
    }
    expect(seen).toEqual(ALL);
  });

  it('gives a plain token when --max-items ends on a page boundary', async () => {
    const result = await run('ecs list-clusters --page-size 5 --max-items 10');
    expect(result.output.clusterArns).toEqual(ALL.slice(0, 10));
    expect(Object.keys(decode(result.output.NextToken as string))).toEqual(['nextToken']);
  });

  it('leaves no token when --max-items covers everything', async () => {
    const result = await run('ecs list-clusters --max-items 100');
    expect(result.output).toEqual({ clusterArns: ALL });
  });

  it('makes one call with --no-paginate, or with the page size given by hand, and shows the raw token', async () => {
    for (const line of ['ecs list-clusters --no-paginate --max-results 5', 'ecs list-clusters --max-results 5']) {
      const result = await run(line);
      expect(result.paged).toBeUndefined();
      expect(result.output.clusterArns).toEqual(ALL.slice(0, 5));
      expect(typeof result.output.nextToken).toBe('string');
    }
  });

  it('prints text page by page, then the token to resume from', async () => {
    const result = await run('ecs list-clusters --page-size 2 --max-items 3');
    const text = formatResult(result, { output: 'text' });
    expect(text).toBe(
      `CLUSTERARNS\t${ALL[0]}\nCLUSTERARNS\t${ALL[1]}\nCLUSTERARNS\t${ALL[2]}\nNEXTTOKEN\t${result.output.NextToken}\n`,
    );
    // As in the CLI, a text --query applies to each page.
    expect(formatResult(result, { output: 'text', query: 'clusterArns[0]' })).toBe(`${ALL[0]}\n${ALL[2]}\nNone\n`);
  });

  it('refuses a starting token it did not make', async () => {
    await expect(run('ecs list-clusters --starting-token not-a-token')).rejects.toThrow('Bad starting token: not-a-token');
  });
});

describe('calls and their errors', () => {
  it('sends any operation through its SDK command and shows what AWS returned', async () => {
    const result = await run('ecs describe-clusters --clusters c00 ghost');
    expect(result.operation).toBe('DescribeClusters');
    expect(result.output).toMatchObject({
      clusters: [{ clusterName: 'c00', status: 'ACTIVE' }],
      failures: [{ arn: 'arn:aws:ecs:us-east-1:123456789012:cluster/ghost', reason: 'MISSING' }],
    });
    expect(result.output).not.toHaveProperty('$metadata');
  });

  it('words a service error as the CLI does and keeps its code', async () => {
    const error = await run('ecs delete-cluster --cluster ghost').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CallFailed);
    expect((error as CallFailed).code).toBe('ClusterNotFoundException');
    expect((error as CallFailed).message).toBe('An error occurred (ClusterNotFoundException) when calling the DeleteCluster operation: Cluster not found.');
  });

  it('says it could not connect when nothing listens at the endpoint', async () => {
    const port = await freePort();
    const nowhere = await startSandboxBackend({ endpointUrl: `http://127.0.0.1:${port}` });
    try {
      const error = await runCommand(nowhere, parse('ecs list-clusters')).catch((e: unknown) => e);
      expect((error as Error).message).toBe(`Could not connect to the endpoint URL: "http://127.0.0.1:${port}"`);
    } finally {
      await nowhere.close();
    }
  });

  it('cancels a call when its signal is aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const error = await runCommand(backend, parse('ecs list-clusters'), { signal: controller.signal }).catch((e: unknown) => e);
    expect((error as Error).message).toBe('cancelled');
  });
});

describe('executing a line', () => {
  it('parses, calls and formats, with the default output and cluster of the session', async () => {
    const created = await executeLine('ecs create-cluster --cluster-name demo --tags key=team,value=web', { backend, index: fixtureIndex });
    expect(created.ok).toBe(true);
    expect(JSON.parse(created.text).cluster).toMatchObject({ clusterArn: 'arn:aws:ecs:us-east-1:123456789012:cluster/demo', clusterName: 'demo', status: 'ACTIVE' });

    const described = await executeLine('ecs describe-clusters --clusters demo --query clusters[0].clusterName', { backend, index: fixtureIndex, defaultOutput: 'text' });
    expect(described).toMatchObject({ ok: true, text: 'demo\n' });

    const deleted = await executeLine('ecs delete-cluster --output yaml --query cluster.status', { backend, index: fixtureIndex, defaultCluster: 'demo' });
    expect(deleted).toMatchObject({ ok: true, text: '"INACTIVE"\n' });
  });

  it('returns errors as one line, whether from parsing or from the service', async () => {
    expect(await executeLine('ecs list-cluster', { backend, index: fixtureIndex })).toMatchObject({
      ok: false,
      text: "unknown operation 'list-cluster'; did you mean list-clusters?",
    });
    expect(await executeLine('ecs delete-cluster --cluster nope', { backend, index: fixtureIndex })).toMatchObject({
      ok: false,
      text: 'An error occurred (ClusterNotFoundException) when calling the DeleteCluster operation: Cluster not found.',
    });
  });

  it('prints a skeleton without calling', async () => {
    const outcome = await executeLine('ecs delete-cluster --generate-cli-skeleton', { backend, index: fixtureIndex });
    expect(outcome).toMatchObject({ ok: true, text: '{\n    "cluster": ""\n}\n' });
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
